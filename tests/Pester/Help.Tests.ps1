# Every exported cmdlet has complete help, read from the MAML that build.ps1 compiled from en-US/*.md.
BeforeDiscovery {
    Import-Module $env:ACMCLUSTER_TEST_MODULE -Force
    $script:Cmdlets = (Get-Module AcmCluster).ExportedCmdlets.Keys | ForEach-Object { @{ Name = $_ } }
    $pages = Join-Path $PSScriptRoot '../../en-US'
    $script:AboutTopics = Get-ChildItem $pages -Filter 'about_*.md' | ForEach-Object { @{ Name = $_.BaseName; Path = $_.FullName } }

    # The examples marked runnable (a fence '```powershell runnable' in the page's EXAMPLES section) run
    # against the simulator as written. The pages are platyPS's schema: '### Example N: Title', then the code.
    $script:Runnable = foreach ($page in Get-ChildItem $pages -Filter '*-*.md') {
        $text = (Get-Content -Raw $page.FullName) -replace '\r\n', "`n"
        $examples = $text.Substring($text.IndexOf("`n## EXAMPLES`n"))
        foreach ($m in [regex]::Matches($examples, '(?m)^### (?<title>[^\n]+)\n+```powershell runnable\n(?<code>.*?)\n```', 'Singleline')) {
            @{ Page = $page.BaseName; Title = $m.Groups['title'].Value; Code = $m.Groups['code'].Value }
        }
    }
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

    It 'sets its examples apart and shows no placeholder in them' {
        $lines = (Get-Help $Name -Examples | Out-String -Width 250) -split '\r?\n'
        $titles = @(for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i] -match '^\s*-{2,} Example \d+: .+ -{2,}$') { $i } })
        $titles.Count | Should -Be @($help.Examples.Example).Count -Because 'every example title is set off with dashes'
        foreach ($i in $titles) {
            $lines[$i - 1].Trim() | Should -BeNullOrEmpty -Because "a blank line separates '$($lines[$i].Trim())' from what comes before it"
        }
        foreach ($e in $help.Examples.Example) {
            $e.Code | Should -Not -Match 'NNNN|XXXX|\.\.\.' -Because "example '$($e.Title)' should show what really runs and prints"
        }
    }

    It 'has no online version, and Get-Help -Online says so' {
        $command.HelpUri | Should -BeNullOrEmpty -Because 'the project has no public help address'
        { Get-Help $Name -Online -ErrorAction Stop } | Should -Throw -ExpectedMessage '*URI*not specified*'
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

Describe '<Name>' -ForEach $AboutTopics {
    It 'has a one-line short description that Get-Help shows as its synopsis' {
        $text = (Get-Content -Raw $Path) -replace '\r\n', "`n"
        $short = [regex]::Match($text, '(?m)^## SHORT DESCRIPTION\n(?<line>[^\n]+)\n\n').Groups['line'].Value
        $short | Should -Not -BeNullOrEmpty -Because 'the short description is one line followed by a blank line'
        (Get-Help $Name).Synopsis | Should -Be $short
        (Get-Help 'about_AcmCluster*' | Where-Object Name -EQ $Name).Synopsis | Should -Be $short
    }
}

# Each runnable example against a fresh simulated cluster: it must run without an error and change
# nothing (they are the read-only cmdlets and -WhatIf forms), which the simulator's call log shows.
Describe 'Runnable example <Page>: <Title>' -ForEach $Runnable {
    BeforeAll {
        $script:sim = New-SimCluster
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        # History and an EC session for the examples that read them: two backups of /dev/sdb2 (a restore example
        # takes generation 2), and EC on /dev/sdb1.
        $env:SWSTGNODE = 'nodeA'
        $null = swstbackup /dev/sdb2
        $null = swstbackup /dev/sdb2
        $null = swststartsync /dev/sdb1
        $env:SWSTGNODE = $null
        $script:setupCalls = @(Get-SimCalls $sim).Count
    }

    AfterAll {
        $env:ACMCLUSTER_STATE_DIR = $null
        Remove-SimCluster $sim
    }

    It 'runs as written and changes nothing' {
        Push-Location (Join-Path $PSScriptRoot '../..')
        try {
            $out = & {
                $ErrorActionPreference = 'Stop'
                . ([scriptblock]::Create($Code))
            } 6>&1 | Out-String
        }
        finally { Pop-Location }
        $calls = @(Get-SimCalls $sim | Select-Object -Skip $setupCalls)
        $changing = $calls | Where-Object { $_ -notmatch '^(hvdisp|hvassert|swstsyncstat|swsthistdisp|swstexecstat|mount|findmnt|stat|fuser)( |$)' -or $_ -match '^mount .' }
        $changing | Should -BeNullOrEmpty -Because 'a runnable example is read-only or -WhatIf'
    }
}
