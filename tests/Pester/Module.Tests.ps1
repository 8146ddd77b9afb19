# The built module as a whole: its version, its exports, and table views that fit a 120-column console.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:module = Get-Module AcmCluster
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
