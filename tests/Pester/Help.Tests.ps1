# Every exported cmdlet has complete help, read from the MAML that build.ps1 compiled from en-US/*.md.
BeforeDiscovery {
    Import-Module $env:ACMCLUSTER_TEST_MODULE -Force
    $script:Cmdlets = (Get-Module AcmCluster).ExportedCmdlets.Keys | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $script:help = Get-Help $Name -Full
        $script:command = Get-Command $Name
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match 'CommonParameters' -Because 'a synopsis generated from syntax means the MAML was not found'
        ($help.Description.Text -join ' ').Length | Should -BeGreaterThan 40
    }

    It 'has at least two examples with code' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($e in $help.Examples.Example) { $e.Code | Should -Not -BeNullOrEmpty }
    }

    It 'describes every parameter' {
        $documented = @($help.Parameters.Parameter | Where-Object { ($_.Description.Text -join '').Trim() } | ForEach-Object Name)
        foreach ($p in $command.Parameters.Keys | Where-Object { $_ -notin $Common }) {
            $documented | Should -Contain $p -Because "-$p needs a description"
        }
    }

    It 'names its output type' {
        ($help.ReturnValues.ReturnValue.Type.Name -join ' ') | Should -BeLike '*AcmCluster.*'
    }
}

Describe 'about_AcmCluster' {
    It 'is installed with the module and shows the composed procedure' {
        $text = Get-Help about_AcmCluster | Out-String
        $text | Should -BeLike '*Enter-AcmMaintenance*'
        $text | Should -BeLike '*Wait-AcmResourceState*'
    }
}
