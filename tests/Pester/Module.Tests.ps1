# The built module as a whole: its version, its exports, and table views that fit a 120-column console.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:module = Get-Module AcmCluster
    # The type names the format file has views for, in the form Get-FormatData reports them.
    $script:viewTypes = @(([xml](Get-Content -Raw (Join-Path $module.ModuleBase 'AcmCluster.Format.ps1xml'))).Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName | Sort-Object -Unique)
}

Describe 'The built module' {
    It 'carries the version of the first CHANGELOG heading in its manifest and its assembly' {
        $changelog = Select-String -Path (Join-Path $PSScriptRoot '../../CHANGELOG.md') -Pattern '^## \[(\d+\.\d+\.\d+)\]' | Select-Object -First 1
        $expected = [version]$changelog.Matches[0].Groups[1].Value
        $module.Version | Should -Be $expected
        ([AcmCluster.ProcedureResult].Assembly.GetName().Version) | Should -Be ([version]"$expected.0")
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $defined = [AcmCluster.ProcedureResult].Assembly.GetTypes() |
            Where-Object { $_.IsPublic -and -not $_.IsAbstract -and $_.IsSubclassOf([System.Management.Automation.PSCmdlet]) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($defined | Sort-Object)
    }

    It 'declares an output type for every cmdlet' {
        foreach ($name in $module.ExportedCmdlets.Keys) {
            (Get-Command $name).OutputType.Count | Should -BeGreaterThan 0 -Because "$name needs [OutputType]"
        }
    }
}

Describe 'Table views' {
    # Out-String -Width would just cut lines, so the declared widths are what is checked: the fixed
    # columns, their separators and at least 12 characters for the last column fit 120.
    It 'has a view for every output type, and every view fits 120 columns' {
        $types = $module.ExportedCmdlets.Keys | ForEach-Object { (Get-Command $_).OutputType.Type } | Where-Object { $_ } | Sort-Object FullName -Unique
        foreach ($t in $types) {
            $view = (Get-FormatData -TypeName $t.FullName).FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }
            $view | Should -Not -BeNullOrEmpty -Because "$($t.FullName) needs a table view"
            $headers = $view[0].Control.Headers
            $fixed = ($headers | Select-Object -SkipLast 1 | Measure-Object -Property Width -Sum).Sum + $headers.Count - 1
            $fixed + 12 | Should -BeLessOrEqual 120 -Because "$($t.FullName) must fit 120 columns"
            $sample = [Activator]::CreateInstance($t)
            ($sample | Format-Table | Out-String -Width 120) | Should -Not -BeNullOrEmpty
        }
    }
}

Describe 'Loading the views' {
    BeforeAll {
        # A child pwsh, so that nothing this session did (commands run, views loaded) counts.
        function script:Show-FormatData([string] $ModulePath = $env:ACMCLUSTER_TEST_MODULE, [string] $Then = '') {
            Invoke-ChildPwsh -ModulePath $ModulePath -Command "
                (@(Get-FormatData -TypeName 'AcmCluster.*').TypeName | Sort-Object) -join ','
                $Then"
        }
    }

    It 'names the format file in FormatsToProcess, and the file has a view for every type it lists' {
        $manifest = Import-PowerShellDataFile (Join-Path $module.ModuleBase 'AcmCluster.psd1')
        $manifest.FormatsToProcess | Should -Be 'AcmCluster.Format.ps1xml'
        Join-Path $module.ModuleBase $manifest.FormatsToProcess | Should -Exist
        $viewTypes.Count | Should -BeGreaterThan 10
    }

    It 'lists every view right after Import-Module, before any AcmCluster command ran' {
        $out = Show-FormatData
        $LASTEXITCODE | Should -Be 0
        $out | Should -Be ($viewTypes -join ',')
    }

    It 'applies the view to a command''s output' {
        # Without the view, PowerShell would size the columns to their content: 'Device    Resource'.
        $out = Invoke-ChildPwsh -Command "New-AcmVolume -Device /dev/sdx1 -Resource r1 -MountPoint /mnt/x | Out-String -Stream | Where-Object { `$_ -match '^Device' }"
        $LASTEXITCODE | Should -Be 0
        $out | Should -Match '^Device {18,}Resource {16,}MountPoint'
    }

    It 'drops the views with Remove-Module and does not double them on Import-Module -Force' {
        $out = Show-FormatData -Then "
            Import-Module '$env:ACMCLUSTER_TEST_MODULE' -Force
            @(Get-FormatData -TypeName 'AcmCluster.*').Count
            Remove-Module AcmCluster
            @(Get-FormatData -TypeName 'AcmCluster.*').Count"
        $LASTEXITCODE | Should -Be 0
        $out | Should -Be @(($viewTypes -join ','), "$($viewTypes.Count)", '0')
    }

    It 'fails the import with the file named when the format file is missing' {
        $copy = Join-Path $TestDrive 'Missing'
        Copy-Item -Recurse (Split-Path $env:ACMCLUSTER_TEST_MODULE) $copy
        Remove-Item (Join-Path $copy 'AcmCluster.Format.ps1xml')
        $out = Invoke-ChildPwsh -ModulePath "$copy/AcmCluster.psd1" -Command "'loaded: ' + [bool](Get-Module AcmCluster)" 2>&1
        "$out" | Should -Match 'AcmCluster\.Format\.ps1xml'
        "$out" | Should -Match 'loaded: False'
    }
}
