# examples/Try-AcmCluster.ps1 (what build.ps1 -Task Shell dot-sources in an interactive pwsh), run without a
# prompt: dot-sourced in a child pwsh, which then runs the three commands it prints.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:State = Join-Path ([IO.Path]::GetTempPath()) ('acmtry-' + [guid]::NewGuid().ToString('n').Substring(0, 10))
    $script:Sim = [pscustomobject]@{ StateDir = $State }
    $try = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/Try-AcmCluster.ps1')).Path
    $pwsh = [Environment]::ProcessPath
    [string[]] $prefix = @(if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
    # No ACMCLUSTER_STATE_DIR from this test run: the script must give the journal a place of its own.
    $savedJournal = $env:ACMCLUSTER_STATE_DIR
    $env:ACMCLUSTER_STATE_DIR = $null
    try {
        $script:Output = & $pwsh @prefix -NoProfile -NonInteractive -Command @"
. '$try' -ModulePath '$env:ACMCLUSTER_TEST_MODULE' -SimulatorPath '$env:ACMCLUSTER_TEST_SIMULATOR' -StateDirectory '$State' -Interval 0.3
'--- commands'
`$AcmTryCommands
foreach (`$command in `$AcmTryCommands) {
    '--- ' + `$command
    Invoke-Expression `$command | ConvertTo-Json -Depth 2 -Compress
}
'--- journal'
(Get-AcmProcedure).JournalPath
"@ 2>&1 | ForEach-Object { "$_" }
        $script:ExitCode = $LASTEXITCODE
    }
    finally { $env:ACMCLUSTER_STATE_DIR = $savedJournal }

    function script:Section([string] $Title) {
        $start = [array]::IndexOf($Output, ($Output | Where-Object { $_ -like "--- $Title*" } | Select-Object -First 1))
        $Output[($start + 1)..($Output.Count - 1)] | ForEach-Object -Begin { $go = $true } -Process { if ($_ -like '--- *') { $go = $false }; if ($go) { $_ } }
    }
}

AfterAll {
    Remove-Item -LiteralPath $State -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Try-AcmCluster.ps1' {
    It 'sets up without an error and prints three commands to type first' {
        $ExitCode | Should -Be 0 -Because ($Output -join "`n")
        $commands = @(Section 'commands')
        $commands | Should -HaveCount 3
        $Output | Should -Contain "  $($commands[0])" -Because 'the commands are printed'
    }

    It 'keeps the simulated cluster in a private directory' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'Unix file modes' }
        (Get-Item -LiteralPath $State).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        (Get-SimState $Sim).View.Rows | Should -Not -BeNullOrEmpty
    }

    It 'lists the simulated cluster with the first command' {
        $apps = Section 'Get-AcmClusterApplication' | Where-Object { $_ -match '^[\[{]' } | ConvertFrom-Json
        ($apps | Where-Object IsLocal).State | Should -Be 'Online'
        ($apps | Where-Object IsLocal).Name | Should -Be 'app1'
    }

    It "runs the manual's backup against the simulator with the second command" {
        $result = Section 'Invoke-AcmClusterBackup' | Where-Object { $_ -match '^[\[{]' } | ConvertFrom-Json
        $result.State | Should -Be 'Succeeded'
        $calls = Get-SimCalls $Sim
        $calls | Should -Contain 'swstbackup /dev/sdb1'
        $calls | Should -Contain 'hvutil -m off app1'
        (Get-SimState $Sim).View.History | Should -Not -BeNullOrEmpty
    }

    It "shows the simulator's call log with the third command (acmsim on PATH)" {
        Section 'acmsim log' | Should -Match 'swstbackup /dev/sdb1'
    }

    It 'journals into the simulated cluster''s directory, not the default one' {
        Section 'journal' | Should -BeLike "$State*"
    }

    It 'refuses a state directory that is already there rather than run shims from it' {
        $before = Get-ChildItem -LiteralPath $State -Recurse | Measure-Object | ForEach-Object Count
        $out = Invoke-ChildPwsh ". '$((Resolve-Path (Join-Path $PSScriptRoot '../../examples/Try-AcmCluster.ps1')).Path)' -ModulePath '$env:ACMCLUSTER_TEST_MODULE' -SimulatorPath '$env:ACMCLUSTER_TEST_SIMULATOR' -StateDirectory '$State'" 2>&1
        $LASTEXITCODE | Should -Not -Be 0
        "$out" | Should -Match 'exists; give a new directory'
        Get-ChildItem -LiteralPath $State -Recurse | Measure-Object | ForEach-Object Count | Should -Be $before
    }
}
