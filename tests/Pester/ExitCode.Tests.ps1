# The exit codes README.md and about_AcmCluster document for a procedure that fails (swstbackup fails through
# the simulator's fault injection, the procedure rolls back): each documented form of pwsh -Command and
# pwsh -File, and the forms documented as exiting 0 despite the failure.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Sim = New-SimCluster -Interval 0.3 -Volumes 1
    $script:Jobs = Join-Path $Sim.StateDir 'jobs'
    $null = New-Item -ItemType Directory $Jobs
    $script:Procedure = 'Invoke-AcmClusterBackup -UserApplication app1 -Volume (New-AcmVolume -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1) -LogicalNode nodeA -SettleTime 0.3 -NoScriptWarning'

    # Runs $Text as pwsh -Command or as a script through pwsh -File; returns the exit code and output.
    # <procedure> stands for a backup of /dev/sdb1, <bad-procedure> for one with an invalid -UserApplication.
    function script:Invoke-Form([string] $Mode, [string] $Text) {
        $bad = $Procedure.Replace('-UserApplication app1', "-UserApplication '-x'")
        $text = "Import-Module '$env:ACMCLUSTER_TEST_MODULE'`n" + $Text.Replace('<procedure>', $Procedure).Replace('<bad-procedure>', $bad)
        $pwsh = [Environment]::ProcessPath
        [string[]] $arguments = @(if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' }) + '-NoProfile', '-NonInteractive'
        if ($Mode -eq 'File') {
            $file = Join-Path $Jobs ("job-{0}.ps1" -f [guid]::NewGuid().ToString('n').Substring(0, 8))
            Set-Content -LiteralPath $file -Value $text
            $arguments += '-File', $file
        }
        else { $arguments += '-Command', $text }
        $output = & $pwsh @arguments 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output -join "`n" }
    }

}

AfterAll {
    Remove-SimCluster $Sim
}

Describe 'Exit codes of a failed procedure' {
    BeforeAll {
        Invoke-Sim $Sim 'fault', '--command', 'swstbackup', '--exit-code', '2', '--count', '100' | Out-Null
    }

    AfterAll {
        Invoke-Sim $Sim 'clear-faults' | Out-Null
    }

    It '<Name> exits <Failed>' -ForEach @(
        @{ Name = 'pwsh -Command, the procedure last'; Mode = 'Command'; Text = '<procedure>'; Failed = 1 }
        @{ Name = 'pwsh -Command with $ErrorActionPreference = ''Stop'''; Mode = 'Command'; Text = "`$ErrorActionPreference = 'Stop'`n<procedure>`n'after'"; Failed = 1 }
        @{ Name = 'pwsh -Command with if (-not $r.Succeeded) { exit 2 }'; Mode = 'Command'; Text = "`$r = <procedure>`nif (-not `$r.Succeeded) { exit 2 }`n'after'"; Failed = 2 }
        @{ Name = 'pwsh -File with $ErrorActionPreference = ''Stop'''; Mode = 'File'; Text = "`$ErrorActionPreference = 'Stop'`n<procedure>`n'after'"; Failed = 1 }
        @{ Name = 'pwsh -File with if (-not $r.Succeeded) { exit 2 }'; Mode = 'File'; Text = "`$r = <procedure>`nif (-not `$r.Succeeded) { exit 2 }`n'after'"; Failed = 2 }
    ) {
        $before = @(Get-SimCalls $Sim | Where-Object { $_ -eq 'swstbackup /dev/sdb1' }).Count
        $run = Invoke-Form $Mode $Text
        $run.ExitCode | Should -Be $Failed -Because $run.Output
        $run.Output | Should -Not -Match '(?m)^after$' -Because 'the job stops at the failed procedure'
        # The failure is the injected one, after which the procedure rolled back.
        @(Get-SimCalls $Sim | Where-Object { $_ -eq 'swstbackup /dev/sdb1' }).Count | Should -Be ($before + 1)
        $run.Output | Should -Match 'swst9999'
        (Get-SimState $Sim).View.Rows | Where-Object { $_.Resource -eq 'app1' -and $_.State -eq 'Online' } | Should -Not -BeNullOrEmpty
    }

    It '<Name> exits 0 although the procedure failed (documented: add one of the forms above)' -ForEach @(
        @{ Name = 'pwsh -Command with a statement after the procedure'; Mode = 'Command'; Text = "<procedure>`n'after'" }
        @{ Name = 'pwsh -File without either form'; Mode = 'File'; Text = "<procedure>`n'after'" }
    ) {
        $run = Invoke-Form $Mode $Text
        $run.Output | Should -Match 'swst9999' -Because 'the procedure failed'
        $run.Output | Should -Match '(?m)^after$'
        $run.ExitCode | Should -Be 0
    }
}

Describe 'Exit codes of a procedure that succeeds' {
    It '<Name> exits 0' -ForEach @(
        @{ Name = 'pwsh -Command, the procedure last'; Mode = 'Command'; Text = '<procedure>' }
        @{ Name = 'pwsh -File with $ErrorActionPreference = ''Stop'''; Mode = 'File'; Text = "`$ErrorActionPreference = 'Stop'`n<procedure>`n'after'" }
        @{ Name = 'pwsh -File with if (-not $r.Succeeded) { exit 2 }'; Mode = 'File'; Text = "`$r = <procedure>`nif (-not `$r.Succeeded) { exit 2 }`n'after'" }
    ) {
        $before = @(Get-SimCalls $Sim | Where-Object { $_ -eq 'swstbackup /dev/sdb1' }).Count
        $run = Invoke-Form $Mode $Text
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Not -Match 'swst9999|error' -Because 'no fault is set'
        @(Get-SimCalls $Sim | Where-Object { $_ -eq 'swstbackup /dev/sdb1' }).Count | Should -Be ($before + 1)
    }
}

Describe 'Exit codes when bad input stops the procedure before anything runs' {
    It '<Name> exits <Failed>' -ForEach @(
        @{ Name = 'pwsh -File with $ErrorActionPreference = ''Stop'''; Mode = 'File'; Text = "`$ErrorActionPreference = 'Stop'`n<bad-procedure>`n'after'"; Failed = 1 }
        @{ Name = 'pwsh -File with if (-not $r.Succeeded) { exit 2 }'; Mode = 'File'; Text = "`$r = <bad-procedure>`nif (-not `$r.Succeeded) { exit 2 }`n'after'"; Failed = 2 }
    ) {
        $before = @(Get-SimCalls $Sim).Count
        $run = Invoke-Form $Mode $Text
        $run.ExitCode | Should -Be $Failed -Because $run.Output
        $run.Output | Should -Not -Match '(?m)^after$'
        @(Get-SimCalls $Sim).Count | Should -Be $before -Because 'nothing runs before the input is checked'
    }
}
