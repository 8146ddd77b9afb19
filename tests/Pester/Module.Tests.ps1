# The built module as a whole: its version, its exports, and table views that fit a 120-column console.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:module = Get-Module AcmCluster
    $script:viewCount = ([xml](Get-Content -Raw (Join-Path $module.ModuleBase 'AcmCluster.Format.ps1xml'))).Configuration.ViewDefinitions.View.Count
    # The views reach the formatting database with the first AcmCluster command of a runspace.
    $null = New-AcmVolume -Device /dev/sdx1 -Resource r1 -MountPoint /mnt/x
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
        $script:formatFile = Join-Path $module.ModuleBase 'AcmCluster.Format.ps1xml'
        # What a view shows, as text: PowerShell's reading of the file and the module's must agree on it.
        function script:Show-View([System.Management.Automation.ExtendedTypeDefinition[]] $Definitions) {
            foreach ($d in $Definitions | Sort-Object TypeName) {
                foreach ($v in $d.FormatViewDefinition) {
                    $headers = $v.Control.Headers | ForEach-Object { '{0}/{1}/{2}' -f $_.Label, $_.Width, $_.Alignment }
                    $columns = $v.Control.Rows | ForEach-Object { $_.Columns | ForEach-Object { '{0}:{1}' -f $_.DisplayEntry.ValueType, $_.DisplayEntry.Value } }
                    '{0} {1} [{2}] [{3}]' -f $d.TypeName, $v.Name, ($headers -join ', '), ($columns -join ', ')
                }
            }
        }
        function script:Get-AcmFormatEntry {
            @($Host.Runspace.InitialSessionState.Formats | Where-Object { $_.FormatData.TypeName -like 'AcmCluster.*' })
        }
    }

    It 'ships the format file and loads it without FormatsToProcess' {
        $formatFile | Should -Exist
        (Import-PowerShellDataFile (Join-Path $module.ModuleBase 'AcmCluster.psd1')).ContainsKey('FormatsToProcess') | Should -BeFalse
        (Get-AcmFormatEntry).Count | Should -Be $viewCount
    }

    It 'shows the same views as PowerShell''s own reading of the file' {
        $ps = [powershell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        try {
            $null = $ps.AddCommand('Update-FormatData').AddParameter('AppendPath', $formatFile).AddStatement().AddCommand('Get-FormatData').AddParameter('TypeName', 'AcmCluster.*')
            $theirs = @($ps.Invoke())
            $ps.HadErrors | Should -BeFalse
        } finally { $ps.Dispose() }
        $ours = Show-View (Get-FormatData -TypeName 'AcmCluster.*')
        $ours.Count | Should -Be $viewCount
        $ours | Should -Be (Show-View $theirs)
    }

    It 'loads the views into the runspace that imports the module, here one opened by a host with InitialSessionState.ImportPSModule' {
        $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
        $iss.ImportPSModule($env:ACMCLUSTER_TEST_MODULE)
        $ps = [powershell]::Create($iss)
        try {
            $null = $ps.AddScript('New-AcmVolume -Device /dev/sdx1 -Resource r1 -MountPoint /mnt/x | Out-String; @(Get-FormatData -TypeName AcmCluster.*).Count')
            $table, $count = $ps.Invoke()
            $ps.HadErrors | Should -BeFalse
        } finally { $ps.Dispose() }
        $count | Should -Be $viewCount
        $table | Should -Match 'Device {18,}Resource {16,}MountPoint'
    }

    It 'waits for the first command to load the views, and that command''s own output already has its view' {
        # Without the view, PowerShell would size the columns to their content: 'Device    Resource'.
        $out = Invoke-ChildPwsh -Command "
            function Show-Count { @(Get-FormatData -TypeName AcmCluster.*).Count.ToString() + ' in the database, ' + @(`$Host.Runspace.InitialSessionState.Formats | Where-Object { `$_.FormatData.TypeName -like 'AcmCluster.*' }).Count + ' listed' }
            'imported: ' + (Show-Count)
            New-AcmVolume -Device /dev/sdx1 -Resource r1 -MountPoint /mnt/x | Out-String -Stream | Where-Object { `$_ -match '^Device' }
            'after the first command: ' + (Show-Count)"
        $LASTEXITCODE | Should -Be 0
        $out.Count | Should -Be 3
        $out[0] | Should -Be 'imported: 0 in the database, 0 listed'
        $out[1] | Should -Match '^Device {18,}Resource {16,}MountPoint'
        $out[2] | Should -Be "after the first command: $viewCount in the database, $viewCount listed"
    }

    It 'warns once, and still runs the command, when the formatting database cannot be rebuilt' {
        $out = Invoke-ChildPwsh -Command "
            `$Host.Runspace.InitialSessionState.Formats.Add([System.Management.Automation.Runspaces.SessionStateFormatEntry]::new('$TestDrive/gone.Format.ps1xml'))
            (New-AcmVolume -Device /dev/sdx1 -Resource r1 -MountPoint /mnt/x 3>&1 | ForEach-Object { `$_.GetType().Name + ': ' + `$_ }) -join ' | '
            (New-AcmVolume -Device /dev/sdx2 -Resource r2 -MountPoint /mnt/y 3>&1 | ForEach-Object { `$_.GetType().Name + ': ' + `$_ }) -join ' | '"
        $LASTEXITCODE | Should -Be 0
        $out.Count | Should -Be 2
        $out[0] | Should -Match '^WarningRecord: The AcmCluster table views could not be loaded; output uses PowerShell''s default formatting\..*gone\.Format\.ps1xml.* \| AcmVolume: '
        $out[1] | Should -Match '^AcmVolume: '
    }

    It 'neither doubles the views on Import-Module -Force nor keeps them after Remove-Module' {
        try {
            foreach ($i in 1..2) {
                Import-Module $env:ACMCLUSTER_TEST_MODULE -Force
                $null = New-AcmVolume -Device /dev/sdx1 -Resource r1 -MountPoint /mnt/x
            }
            (Get-AcmFormatEntry).Count | Should -Be $viewCount
            @(Get-FormatData -TypeName 'AcmCluster.*').Count | Should -Be $viewCount

            Remove-Module AcmCluster
            (Get-AcmFormatEntry).Count | Should -Be 0
            @(Get-FormatData -TypeName 'AcmCluster.*').Count | Should -Be 0

            # Removed before any command ran: nothing was loaded, nothing is left.
            Import-Module $env:ACMCLUSTER_TEST_MODULE -Force
            Remove-Module AcmCluster
            (Get-AcmFormatEntry).Count | Should -Be 0
            @(Get-FormatData -TypeName 'AcmCluster.*').Count | Should -Be 0
        } finally {
            Import-Module $env:ACMCLUSTER_TEST_MODULE -Force
        }
        $null = New-AcmVolume -Device /dev/sdx1 -Resource r1 -MountPoint /mnt/x
        @(Get-FormatData -TypeName 'AcmCluster.*').Count | Should -Be $viewCount
    }
}

Describe 'Views the module''s reader does not read' {
    It 'are loaded by PowerShell''s own loader, and Remove-Module still drops them' {
        $copy = Join-Path $TestDrive 'AcmCluster'
        Copy-Item -Recurse (Split-Path $env:ACMCLUSTER_TEST_MODULE) $copy
        $file = Join-Path $copy 'AcmCluster.Format.ps1xml'
        $text = (Get-Content -Raw $file) -replace '(<View>\s*<Name>AcmCluster\.ClusterApplication</Name>)', '$1<GroupBy><PropertyName>Node</PropertyName></GroupBy>'
        $text | Should -Match '<GroupBy>'
        Set-Content -LiteralPath $file -Value $text
        $out = Invoke-ChildPwsh -ModulePath "$copy/AcmCluster.psd1" -Command "
            `$null = New-AcmVolume -Device /dev/sdx1 -Resource r1 -MountPoint /mnt/x
            (Get-FormatData -TypeName AcmCluster.ClusterApplication).FormatViewDefinition[0].Control.GroupBy.Expression.Value
            @(Get-FormatData -TypeName 'AcmCluster.*').Count
            Remove-Module AcmCluster
            @(Get-FormatData -TypeName 'AcmCluster.*').Count"
        $LASTEXITCODE | Should -Be 0
        $out | Should -Be @('Node', "$viewCount", '0')
    }

    It 'fail the import with the file named when the file is missing' {
        $copy = Join-Path $TestDrive 'Missing'
        Copy-Item -Recurse (Split-Path $env:ACMCLUSTER_TEST_MODULE) $copy
        Remove-Item (Join-Path $copy 'AcmCluster.Format.ps1xml')
        $out = Invoke-ChildPwsh -ModulePath "$copy/AcmCluster.psd1" -Command "'loaded: ' + [bool](Get-Module AcmCluster)" 2>&1
        "$out" | Should -Match 'Could not find file .*AcmCluster\.Format\.ps1xml'
        "$out" | Should -Match 'loaded: False'
    }
}
