# Every table view of AcmCluster.Format.ps1xml, rendered at 80 columns with representative objects: no header
# wrapped or dropped, no value cut short. The views are read from the module's format file, so a view
# another change adds is checked too (with generic values when this file has no sample for its type).

BeforeDiscovery {
    $formatFile = Join-Path (Split-Path $env:ACMCLUSTER_TEST_MODULE) 'AcmCluster.Format.ps1xml'
    $views = foreach ($view in ([xml](Get-Content -LiteralPath $formatFile -Raw)).Configuration.ViewDefinitions.View) {
        if ($view.TableControl) {
            @{
                View       = $view.Name
                TypeName   = $view.ViewSelectedBy.TypeName
                Labels     = @($view.TableControl.TableHeaders.TableColumnHeader | ForEach-Object Label)
                Properties = @($view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem | ForEach-Object PropertyName | Where-Object { $_ })
            }
        }
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $PSStyle.OutputRendering = 'PlainText'
    # The module hands its views to PowerShell at its first command (see Formatting/ModuleFormats.cs); this one runs nothing native.
    $null = New-AcmVolume -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1

    $steps = 1..10 | ForEach-Object { [AcmCluster.ProcedureStepResult]@{ Number = $_; Name = 'Back up' } }
    # Realistic values, the longest the product prints where it varies ('Type.Property' before 'Property').
    $script:Samples = @{
        'ClusterApplication.Name'         = 'app1'
        'ClusterApplication.State'        = 'Inconsistent'
        'ClusterApplication.StateDetails' = 'Fault Occurred'
        'ProcedureStepResult.Name'        = 'Wait for equivalency maintenance'
        'ProcedureStepResult.Status'      = 'UndoFailed'
        'ProcedureResult.State'           = 'RolledBack'
        'ProcedureResult.Steps'           = $steps
        'BackupHistory.Status'            = 'Succeeded'
        'SyncStatus.Status'               = 'Equivalent'
        'SharedDisk.Name'                 = 'class0001'
        'SharedDisk.GdsVolume'            = 'volume0001'
        'MaintenanceResult.NativeCommand' = [AcmCluster.NativeCommandResult]@{ CommandLine = 'hvutil -m forceoff app1' }
        'AcmOperationResult.Operation'    = 'Restore'
        'AcmOperationResult.Command'      = 'SWSTGNODE=nodeA swstrestore -g 1 /dev/sdb1'
        'Id'                              = '20261127-220000-app1-a1be8e'
        'Procedure'                       = 'StoppedClusterRestore'
        'Node'                            = 'node1RMS'
        'UserApplication'                 = 'app1'
        'Device'                          = '/dev/sdb1'
        'BackupDevice'                    = '/dev/sdc1'
        'MountPoint'                      = '/mnt/tran1'
        'Resource'                        = 'Fsystem_tran1'
        'FileSystemType'                  = 'ext4'
        'Options'                         = 'rw,relatime'
        'LogicalNode'                     = 'nodeA'
        'Server'                          = 'SV1'
        'Command'                         = 'SWSTGNODE=nodeA swstbackup /dev/sdb1'
        'CommandLine'                     = 'SWSTGNODE=nodeA swstbackup /dev/sdb1'
        'State'                           = 'Online'
        'Progress'                        = 100
        'Generation'                      = 2
        'Number'                          = 10
    }

    # A value for a property this file has no sample for, by its type.
    function script:Get-GenericValue([Reflection.PropertyInfo] $Property) {
        $type = [Nullable]::GetUnderlyingType($Property.PropertyType) ?? $Property.PropertyType
        switch ($type) {
            { $_ -eq [string] } { return $Property.Name }
            { $_ -eq [string[]] } { return @('/dev/sdb1', '/dev/sdb2') }
            { $_ -eq [bool] } { return $true }
            { $_ -in [int], [long] } { return 12 }
            { $_ -eq [double] } { return 12.5 }
            { $_ -eq [datetime] } { return [datetime]'2026-11-27 22:00' }
            { $_ -eq [timespan] } { return [timespan]::FromSeconds(95.5) }
            { $_.IsEnum } { return [Enum]::GetNames($_) | Sort-Object Length -Descending | Select-Object -First 1 }
        }
        $null
    }

    function script:New-Representative([string] $TypeName, [string[]] $Properties) {
        $type = $TypeName -as [type]
        if (-not $type) {
            # A type name that is no .NET class: an object with that name and the view's properties.
            $object = [pscustomobject]@{}
            $object.PSObject.TypeNames.Insert(0, $TypeName)
            foreach ($name in $Properties) { $object | Add-Member -NotePropertyName $name -NotePropertyValue $name }
            return $object
        }

        $object = [Activator]::CreateInstance($type)
        foreach ($property in $type.GetProperties() | Where-Object CanWrite) {
            $key = @("$($type.Name).$($property.Name)", $property.Name) | Where-Object { $Samples.ContainsKey($_) } | Select-Object -First 1
            $value = if ($key) { $Samples[$key] } else { Get-GenericValue $property }
            if ($null -ne $value) { $property.SetValue($object, [Management.Automation.LanguagePrimitives]::ConvertTo($value, $property.PropertyType)) }
        }
        $object
    }
}

Describe 'Table view <View> at 80 columns' -ForEach $views {
    BeforeAll {
        $object = New-Representative $TypeName $Properties
        $script:Lines = @(($object, $object | Format-Table -View $View | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() })
    }

    It 'is the view PowerShell uses for the type' {
        (Get-FormatData -TypeName $TypeName).FormatViewDefinition.Name | Should -Contain $View
    }

    It 'shows every header whole, on one line, in the order of the file' {
        $Lines[0].Trim() -split '\s+' | Should -Be $Labels -Because ($Lines -join "`n")
        $Lines[1] | Should -Match '^[-\s]+$' -Because 'a wrapped header continues on the second line'
    }

    It 'cuts no value short and stays within 80 columns' {
        foreach ($line in $Lines) {
            $line | Should -Not -Match '…' -Because ($Lines -join "`n")
            $line.TrimEnd().Length | Should -BeLessOrEqual 80
        }
    }
}
