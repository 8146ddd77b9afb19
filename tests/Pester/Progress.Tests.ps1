# Issue 13, "Progress that moves": what Write-Progress shows while procedures and the Wait-* cmdlets run against the
# simulator. Each command runs in a runspace of this process ([powershell]::Create()): its progress records are
# collected in .Streams.Progress in the order written, which a child pwsh's redirected streams would not give.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs

    # Runs $Script (with $Sim as its only argument) and returns its output and every progress record it wrote.
    function Invoke-WithProgress([string] $Script, $Sim, [string] $Preference = 'Continue') {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("param(`$Sim) Import-Module '$env:ACMCLUSTER_TEST_MODULE'; `$ProgressPreference = '$Preference'; $Script").AddArgument($Sim)
            $output = $ps.Invoke()
            [pscustomobject]@{ Output = @($output); Progress = @($ps.Streams.Progress); Errors = @($ps.Streams.Error) }
        }
        finally { $ps.Dispose() }
    }

    # Every bar that was shown is removed at the end: the last record of each id is Completed.
    function Assert-AllCompleted($Records) {
        foreach ($bar in $Records | Group-Object ActivityId) {
            $bar.Group[-1].RecordType | Should -Be 'Completed' -Because "bar $($bar.Name) ($($bar.Group[0].Activity)) must be removed"
        }
    }

    function Get-Bar($Records, [string] $Activity) { @($Records | Where-Object Activity -EQ $Activity) }
}

AfterAll { $env:ACMCLUSTER_STATE_DIR = $null }

Describe 'Invoke-AcmClusterBackup shows progress while it waits' {
    BeforeAll {
        # The simulated detector ticks 8 s after setup (its README: ticks at TickBase + k * Interval), and the unmount
        # and the 2 s settle time are over well before that: so the wait for Offline still waits, in hvassert -w.
        $script:sim = New-SimCluster -Interval 8
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        $script:run = Invoke-WithProgress -Sim $sim @'
$volumes = $Sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint }
Invoke-AcmClusterBackup -UserApplication $Sim.App -Volume $volumes -LogicalNode $Sim.LogicalNode -SettleTime 2 -PollInterval 0.1 -Timeout 30 -NoScriptWarning
'@
        $script:records = $run.Progress
    }
    AfterAll { Remove-SimCluster $sim }

    It 'succeeds and returns the cluster to service' {
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0].Succeeded | Should -BeTrue
        (Get-AcmClusterApplication $sim.App | Where-Object IsLocal).State | Should -Be 'Online'
    }

    It 'names each step in the procedure''s bar, in order' {
        $procedure = @($records | Where-Object { $_.ActivityId -eq 1 -and $_.RecordType -eq 'Processing' })
        $procedure[0].Activity | Should -Be "SnapshotBackup of $($sim.App)"
        $numbers = @($procedure | ForEach-Object { if ($_.StatusDescription -match '^Step (\d+) of 10: ') { [int] $Matches[1] } })
        $numbers.Count | Should -Be $procedure.Count
        $numbers | Should -Be ($numbers | Sort-Object)
        $numbers[0] | Should -Be 1
        $numbers[-1] | Should -Be 10
        $procedure.StatusDescription | Should -Contain 'Step 4 of 10: Wait until Offline'
    }

    It 'counts the settle time down under the wait step, then shows the seconds waited of the timeout' {
        $wait = Get-Bar $records 'Wait until Offline'
        $wait | ForEach-Object { $_.ParentActivityId | Should -Be 1 }
        $statuses = @($wait | Where-Object RecordType -EQ 'Processing' | ForEach-Object StatusDescription)
        @($statuses | Where-Object { $_ -like 'Settling:*' }) | Should -Be @('Settling: 2 s left', 'Settling: 1 s left')
        $waited = @($statuses | Where-Object { $_ -like 'Waiting for Offline:*' })
        $waited.Count | Should -BeGreaterOrEqual 2 -Because 'the bar moves about once a second while hvassert -w waits for the detector''s tick'
        $waited | ForEach-Object { $_ | Should -Match '^Waiting for Offline: \d+ s of 30 s$' }
        $seconds = @($waited | ForEach-Object { [int] ($_ -replace '^Waiting for Offline: (\d+) s.*', '$1') })
        $seconds | Should -Be ($seconds | Sort-Object -Unique)
        $seconds[0] | Should -BeGreaterOrEqual 2 -Because 'the timeout counts the settle time too'

        # The countdown happens while the procedure's bar names the wait, not the step before it.
        $index = [array]::IndexOf($records, ($wait | Where-Object StatusDescription -EQ 'Settling: 2 s left'))
        @($records[0..$index] | Where-Object ActivityId -EQ 1)[-1].StatusDescription | Should -Be 'Step 4 of 10: Wait until Offline'
    }

    It 'removes every bar at the end, the procedure''s last' {
        Assert-AllCompleted $records
        $records[-1].ActivityId | Should -Be 1
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'runs the waits as before: the bar adds no native command (only hvassert -w per resource and slice)' {
        $calls = Get-SimCalls $sim
        $calls | Where-Object { $_ -like 'hvassert*' -and $_ -notmatch '^hvassert -w Fsystem_tran[12] (Offline|Online) [0-9]+$' } | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-AcmClusterBackup -Synchronous shows the copy percentage swstsyncstat reports' {
    BeforeAll {
        $script:sim = New-SimCluster -Interval 0.3 -SyncTime 4
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        $script:run = Invoke-WithProgress -Sim $sim @'
$volumes = $Sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint }
Invoke-AcmClusterBackup -UserApplication $Sim.App -Volume $volumes -LogicalNode $Sim.LogicalNode -Synchronous -SettleTime 0.3 -PollInterval 0.2 -Timeout 30 -NoScriptWarning
'@
    }
    AfterAll { Remove-SimCluster $sim }

    It 'shows a rising percentage of the EC copy under the procedure''s bar, then removes every bar' {
        $run.Output[0].Succeeded | Should -BeTrue
        $sync = @(Get-Bar $run.Progress 'Wait for equivalency maintenance' | Where-Object RecordType -EQ 'Processing')
        $sync.Count | Should -BeGreaterOrEqual 2 -Because 'the simulated copy takes 4 s and the bar moves about once a second'
        $sync | ForEach-Object { $_.ParentActivityId | Should -Be 1; $_.StatusDescription | Should -Match '^Copying: \d+ s of 30 s$' }
        $sync[0].CurrentOperation | Should -Match '^/dev/sdb1 \d+ %, /dev/sdb2 \d+ %$'
        $sync | ForEach-Object { $_.CurrentOperation | Should -Match '^/dev/sdb[12] \d+ %(, /dev/sdb2 \d+ %)?$' }
        $percent = @($sync.PercentComplete)
        $percent | Should -Be ($percent | Sort-Object)
        $percent[-1] | Should -BeGreaterThan $percent[0]
        $percent | ForEach-Object { $_ | Should -BeLessThan 100 }
        Assert-AllCompleted $run.Progress
    }
}

Describe 'The Wait-* cmdlets show the same progress' {
    BeforeAll {
        $script:sim = New-SimCluster -Interval 0.3 -SyncTime 3
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
    }
    AfterAll { Remove-SimCluster $sim }

    It 'Wait-AcmResourceState counts its settle time down and removes its bar' {
        $run = Invoke-WithProgress -Sim $sim 'Wait-AcmResourceState -Resource Fsystem_tran1 -State Online -SettleTime 2 -Timeout 10'
        $run.Output[0].State | Should -Be 'Online'
        $bar = Get-Bar $run.Progress 'Waiting for cluster resources'
        @($bar | Where-Object RecordType -EQ 'Processing').StatusDescription | Should -Be @('Settling: 2 s left', 'Settling: 1 s left')
        $bar[0].ParentActivityId | Should -Be -1
        Assert-AllCompleted $run.Progress
    }

    It 'Wait-AcmSyncEquivalent shows each device''s copy percentage and removes its bar' {
        $run = Invoke-WithProgress -Sim $sim 'Start-AcmSync -Device /dev/sdb1 -LogicalNode nodeA | Out-Null; Wait-AcmSyncEquivalent -Device /dev/sdb1 -LogicalNode nodeA -PollInterval 0.2 -Timeout 20'
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[-1].RawStatus | Should -Be 'equivalent'
        $bar = @(Get-Bar $run.Progress 'Waiting for equivalency maintenance' | Where-Object RecordType -EQ 'Processing')
        $bar.Count | Should -BeGreaterOrEqual 2
        $bar | ForEach-Object { $_.CurrentOperation | Should -Match '^/dev/sdb1 \d+ %$' }
        $percent = @($bar.PercentComplete)
        $percent | Should -Be ($percent | Sort-Object)
        Assert-AllCompleted $run.Progress
    }

    It 'shows nothing with $ProgressPreference = ''SilentlyContinue'' (cron, Ansible)' {
        $run = Invoke-WithProgress -Sim $sim -Preference SilentlyContinue 'Wait-AcmResourceState -Resource Fsystem_tran1 -State Online -SettleTime 1.5 -Timeout 10'
        $run.Output[0].State | Should -Be 'Online'
        $run.Progress | Should -BeNullOrEmpty
    }
}

Describe 'A procedure that fails, and -WhatIf' {
    BeforeAll {
        $script:sim = New-SimCluster -Interval 0.3
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        $script:backup = @'
$volumes = $Sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint }
Invoke-AcmClusterBackup -UserApplication $Sim.App -Volume $volumes -LogicalNode $Sim.LogicalNode -SettleTime 1 -PollInterval 0.1 -Timeout 30 -NoScriptWarning
'@
    }
    AfterAll { Remove-SimCluster $sim }

    It 'shows the undos in the procedure''s bar and removes every bar when a step fails' {
        Invoke-Sim $sim 'fault', '--command', 'swstbackup', '--exit-code', '2' | Out-Null
        $run = Invoke-WithProgress -Sim $sim $backup
        $run.Output[0].State | Should -Be 'RolledBack'
        $undos = @($run.Progress | Where-Object { $_.ActivityId -eq 1 -and $_.StatusDescription -like 'Undo step *' }).StatusDescription
        $undos | Should -Contain 'Undo step 2 of 10: Unmount'
        $undos[-1] | Should -Be 'Undo step 1 of 10: Enter maintenance mode'
        Assert-AllCompleted $run.Progress
        $run.Progress[-1].ActivityId | Should -Be 1
        (Get-AcmClusterApplication $sim.App | Where-Object IsLocal).InMaintenance | Should -BeFalse
    }

    It '-WhatIf runs nothing and shows no bar' {
        $before = @(Get-SimCalls $sim).Count
        $run = Invoke-WithProgress -Sim $sim ($backup.TrimEnd() + ' -WhatIf')
        $run.Progress | Should -BeNullOrEmpty
        @(Get-SimCalls $sim | Select-Object -Skip $before | Where-Object { $_ -notmatch '^(hvdisp|swstsyncstat|swsthistdisp|findmnt|stat|mount$|fuser)' }) | Should -BeNullOrEmpty
    }
}

Describe 'Bad input fails before any progress is shown' {
    BeforeAll {
        $script:sim = New-SimCluster -Interval 0.3
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
    }
    AfterAll { Remove-SimCluster $sim }

    It 'a settle time longer than the timeout is refused with no bar and no native call' {
        $run = Invoke-WithProgress -Sim $sim 'Wait-AcmResourceState -Resource Fsystem_tran1 -State Online -SettleTime 5 -Timeout 2'
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TimeoutBelowSettleTime*'
        $run.Progress | Should -BeNullOrEmpty
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }
}
