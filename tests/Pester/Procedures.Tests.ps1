# Issue 3: the one-call procedures against the simulator. Every step of both procedures is made to
# fail in turn; each time the cluster must end mounted, Online, out of maintenance, with its data.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    . (Join-Path $PSScriptRoot 'ProcedureHelpers.ps1')

    # Queries and waits left out (an hvassert -w runs only when the state is not there yet at the first check).
    function Get-Significant($Sim) { Get-SimCalls $Sim | Where-Object { $_ -notmatch '^(hvdisp|hvassert -w|mount$|swstsyncstat|swsthistdisp|fuser|findmnt|stat)' } }
    function Compress-Polls([string[]] $Calls) {
        $out = [System.Collections.Generic.List[string]]::new()
        foreach ($c in $Calls) { if ($out.Count -eq 0 -or $out[-1] -ne $c) { $out.Add($c) } }
        , $out.ToArray()
    }
}

AfterAll { $env:ACMCLUSTER_STATE_DIR = $null }

Describe 'Invoke-AcmClusterBackup (snapshot) succeeds' {
    BeforeAll { $script:sim = New-ProcedureSim; $script:r = Invoke-Backup $sim }
    AfterAll { Remove-SimCluster $sim }

    It 'returns a succeeded ProcedureResult with every step' {
        $r | Should -BeOfType ([AcmCluster.ProcedureResult])
        $r.Succeeded | Should -BeTrue
        $r.State | Should -Be 'Succeeded'
        $r.Changed | Should -BeTrue
        $r.Devices | Should -Be @('/dev/sdb1', '/dev/sdb2')
        $r.Steps.Status | Should -Be (@('Succeeded') * 10)
        $procError | Should -BeNullOrEmpty
    }

    It 'follows the manual''s order with one maintenance window for all volumes' {
        $calls = Compress-Polls (Get-Significant $sim)
        # Within a phase the volumes run concurrently, so only the phases are ordered.
        $calls[0] | Should -Be 'hvutil -m on app1'
        $calls[1..2] | Sort-Object | Should -Be @('umount /mnt/tran1', 'umount /mnt/tran2')
        $calls[3..4] | Sort-Object | Should -Be @('swstbackup /dev/sdb1', 'swstbackup /dev/sdb2')
        $calls[5..6] | Sort-Object | Should -Be @('mount -t ext4 -o rw,relatime /dev/sdb1 /mnt/tran1', 'mount -t ext4 -o rw,relatime /dev/sdb2 /mnt/tran2')
        $calls[-1] | Should -Be 'hvutil -m off app1'
        ($calls | Where-Object { $_ -like 'hvutil*' }).Count | Should -Be 2
        # Both volumes are read together (one hvdisp -a); a volume not yet in the state is waited for with its own hvassert -w (9.1.7 note 1).
        ($r.Steps | Where-Object Name -Like 'Wait until *').Command | Should -Match '^hvdisp -a(; hvassert -w Fsystem_tran[12] (Offline|Online) [0-9]+)*$'
        Get-SimCalls $sim | Where-Object { $_ -like 'hvassert*' -and $_ -notlike 'hvassert -w *' } | Should -BeNullOrEmpty
    }

    It 'backs up every byte and returns the cluster to service' {
        Assert-InService $sim
        for ($i = 0; $i -lt 2; $i++) { Get-DeviceHash $sim $sim.Volumes[$i].BackupDevices[0] | Should -Be $sim.Hashes[$i] }
    }

    It 'journals the procedure and lists it' {
        Test-Path $r.JournalPath | Should -BeTrue
        (Get-AcmProcedure -Id $r.Id).State | Should -Be 'Succeeded'
        Get-AcmProcedure -Incomplete | Should -BeNullOrEmpty
    }

    It 'converts to JSON that keeps the steps, even at the default depth' {
        $null = $r | ConvertTo-Json -WarningVariable shallow
        $shallow | Should -BeNullOrEmpty -Because 'Ansible users run plain ConvertTo-Json'
        $json = $r | ConvertTo-Json -Depth 5 -WarningVariable warn | ConvertFrom-Json
        $warn | Should -BeNullOrEmpty
        $json.Steps[0].DurationSeconds | Should -BeOfType ([double])
        $json.Steps.Count | Should -Be 10
        $json.Steps[4].Command | Should -Be 'SWSTGNODE=nodeA swstbackup /dev/sdb1'
    }
}

Describe 'Invoke-AcmClusterBackup -Synchronous and Invoke-AcmClusterRestore succeed' {
    BeforeAll { $script:sim = New-ProcedureSim }
    AfterAll { Remove-SimCluster $sim }

    It 'starts EC, waits for equivalency, then runs the snapshot steps' {
        $r = Invoke-Backup $sim -Synchronous
        $r.Succeeded | Should -BeTrue
        $calls = Compress-Polls (Get-Significant $sim)
        $calls[0..1] | Should -Be @('swststartsync /dev/sdb1', 'swststartsync /dev/sdb2')
        $calls[2] | Should -Be 'hvutil -m on app1'
        # The whole log: how often swstsyncstat is polled before equivalency depends on how fast the simulator answers.
        (Get-SimCalls $sim | Where-Object { $_ -notmatch '^(findmnt|stat) ' }) -join '|' | Should -Match 'swststartsync /dev/sdb2\|.*swstsyncstat.*\|hvutil -m on app1' -Because 'equivalency is awaited before the maintenance window'
        $calls[-1] | Should -Be 'hvutil -m off app1'
        Assert-InService $sim
        (Get-AcmBackupHistory -Device /dev/sdb1 -LogicalNode nodeA).Generation | Should -Be 1
    }

    It 'restores the backed-up bytes' {
        $backup = Get-DeviceHash $sim (Get-AcmBackupHistory -Device /dev/sdb1 -LogicalNode nodeA)[0].BackupDevice
        [IO.File]::WriteAllBytes((Invoke-Sim $sim 'datapath', '/dev/sdb1'), [byte[]]::new(65536))
        $r = Invoke-AcmClusterRestore -UserApplication app1 -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode nodeA `
            -SettleTime $Interval -PollInterval 0.1 -NoScriptWarning -Confirm:$false
        $r.Succeeded | Should -BeTrue
        $r.Procedure | Should -Be 'Restore'
        Get-DeviceHash $sim '/dev/sdb1' | Should -Be $backup
        (Get-SimCalls $sim | Where-Object { $_ -like 'swstrestore*' }) | Should -Be 'swstrestore /dev/sdb1'
    }
}

Describe 'A failure at any step returns the cluster to service (<Name>)' -ForEach @(
    @{ Name = 'maintenance on fails'; Fault = @('--command', 'hvutil', '--match', '-m on'); Id = 'EnterMaintenanceFailed' }
    @{ Name = 'the second unmount fails'; Fault = @('--command', 'umount', '--nth', '2'); Id = 'DismountFailed' }
    @{ Name = 'Offline is never reached'; Fault = @('--stuck', 'Fsystem_tran2', '--state', 'Online'); Id = 'ResourceStateTimeout'; Timeout = 1; Clear = $true }
    @{ Name = 'swstbackup fails'; Fault = @('--command', 'swstbackup', '--nth', '2', '--exit-code', '2'); Id = 'BackupFailed' }
    @{ Name = 'mounting back fails once'; Fault = @('--command', 'mount', '--match', '/dev/sdb2'); Id = 'MountFailed' }
    @{ Name = 'maintenance off fails once'; Fault = @('--command', 'hvutil', '--match', '-m off'); Id = 'ExitMaintenanceFailed' }
    @{ Name = 'swststartsync fails'; Fault = @('--command', 'swststartsync', '--nth', '2'); Id = 'StartSyncFailed'; Synchronous = $true }
    @{ Name = 'equivalency is never reached'; Set = @('--sync-time', '60'); Id = 'SyncEquivalentTimeout'; Synchronous = $true; Timeout = 1 }
    @{ Name = 'swstbackup fails after EC'; Fault = @('--command', 'swstbackup', '--exit-code', '3'); Id = 'BackupFailed'; Synchronous = $true }
) {
    BeforeAll {
        $script:sim = New-ProcedureSim
        if ($Fault) { Invoke-Sim $sim (@('fault') + $Fault) | Out-Null }
        if ($Set) { Invoke-Sim $sim (@('set') + $Set) | Out-Null }
        $timeout = if ($Timeout) { $Timeout } else { 5 }
        $script:r = Invoke-Backup $sim -Synchronous:([bool]$Synchronous) -Timeout $timeout
        if ($Clear) { Invoke-Sim $sim 'clear-faults' | Out-Null }
    }
    AfterAll { Remove-SimCluster $sim }

    It 'reports the failure with the original error id, after the result' {
        $r.Succeeded | Should -BeFalse
        $r.State | Should -Be 'RolledBack'
        $r.ErrorId | Should -Be $Id
        $procError[0].FullyQualifiedErrorId | Should -BeLike "$Id*"
        $r.Steps.Status | Should -Contain 'Failed'
        $r.Steps.Status | Should -Not -Contain 'UndoFailed'
    }

    It 'leaves every volume mounted, the application Online and out of maintenance, the data intact' {
        Assert-InService $sim
    }

    It 'cancels only the EC sessions it started and never reaches maintenance off twice' {
        (Get-SimCalls $sim | Where-Object { $_ -like 'hvutil -m off*' }).Count | Should -BeLessOrEqual 2
        if ($Synchronous -and $Id -ne 'BackupFailed') {
            Get-AcmSyncStatus -LogicalNode nodeA | Where-Object Status -In 'Executing', 'Equivalent' | Should -BeNullOrEmpty
        }
    }
}

Describe 'An undo that fails' {
    BeforeAll {
        $script:sim = New-ProcedureSim
        # Maintenance mode cannot be left: the undo must say what to run by hand.
        $script:r = Invoke-IncompleteBackup $sim
    }
    AfterAll { Remove-SimCluster $sim }

    It 'is recorded as UndoFailed with the manual command, and maintenance stays on' {
        $r.State | Should -Be 'Incomplete'
        $step = $r.Steps | Where-Object Name -EQ 'Enter maintenance mode'
        $step.Status | Should -Be 'UndoFailed'
        $step.Undo | Should -BeLike '*Run by hand: hvutil -m off app1*'
        ($r.Steps | Where-Object Name -EQ 'Unmount').Status | Should -Be @('Undone', 'Undone')
        (Get-AcmClusterApplication app1 | Where-Object IsLocal).InMaintenance | Should -BeTrue
        $procError[0].ErrorDetails.RecommendedAction | Should -Be "Resume-AcmProcedure -Id $($r.Id)"
    }

    It 'blocks the next procedure with ProcedureIncomplete until Resume-AcmProcedure brings the cluster back' {
        (Get-AcmProcedure -Incomplete).Id | Should -Be $r.Id
        $calls = (Get-SimCalls $sim).Count
        { Invoke-AcmClusterBackup -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeA -NoScriptWarning -ErrorAction Stop } |
            Should -Throw -ErrorId 'ProcedureIncomplete*' -ExpectedMessage '*did not finish*'
        (Get-SimCalls $sim | Select-Object -Skip $calls) -match '^(hvutil|umount|swstbackup)' | Should -BeNullOrEmpty
        Invoke-Sim $sim 'clear-faults' | Out-Null
        $backups = (Get-SimCalls $sim | Where-Object { $_ -like 'swstbackup*' }).Count
        $resumed = Get-AcmProcedure -Incomplete | Resume-AcmProcedure -Confirm:$false
        $resumed.State | Should -Be 'Resumed'
        Assert-InService $sim
        Get-AcmProcedure -Incomplete | Should -BeNullOrEmpty
        (Get-SimCalls $sim | Where-Object { $_ -like 'swstbackup*' }).Count | Should -Be $backups -Because 'Resume never runs a backup again'
    }
}

Describe 'A volume that cannot be mounted back' {
    BeforeAll {
        $script:sim = New-ProcedureSim
        # Mounting fails forward and again in the undo: maintenance mode must stay on, and the
        # result must say what to run once the resource is back.
        Invoke-Sim $sim 'fault', '--command', 'mount', '--match', '/dev/sdb2', '--count', '2' | Out-Null
        $script:r = Invoke-Backup $sim -Timeout 1
    }
    AfterAll { Remove-SimCluster $sim }

    It 'fails, leaves maintenance on, and names the commands to run by hand' {
        $r.State | Should -Be 'Incomplete'
        ($r.Steps | Where-Object { $_.Name -eq 'Mount' -and $_.Device -eq '/dev/sdb2' }).Status | Should -Be 'Failed'
        ($r.Steps | Where-Object { $_.Name -eq 'Unmount' -and $_.Device -eq '/dev/sdb2' }).Undo | Should -BeLike '*Run by hand: mount /dev/sdb2 /mnt/tran2*'
        ($r.Steps | Where-Object Name -EQ 'Enter maintenance mode').Undo | Should -BeLike '*Run by hand: hvutil -m off app1*'
        (Get-AcmClusterApplication app1 | Where-Object IsLocal).InMaintenance | Should -BeTrue
        & mount | Should -Contain '/dev/sdb1 on /mnt/tran1 type ext4 (rw,relatime)'
    }

    It 'is brought back by Resume-AcmProcedure once the cause is gone' {
        (Resume-AcmProcedure -Id $r.Id -Confirm:$false).State | Should -Be 'Resumed'
        Assert-InService $sim
    }
}

Describe 'Before anything changes' {
    BeforeEach { $script:sim = New-ProcedureSim }
    AfterEach { Remove-SimCluster $sim }

    It 'refuses on a node where the application is not Online (NotActiveNode names the active node)' {
        & hvswitch app1 node2RMS | Out-Null
        { Invoke-AcmClusterBackup -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeA -NoScriptWarning -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotActiveNode*' -ExpectedMessage '*node2RMS*'
        Get-SimCalls $sim | Where-Object { $_ -match '^(hvutil|umount)' } | Should -BeNullOrEmpty
    }

    It 'refuses a resource the cluster does not show on this node (ResourceNotFound), before it would unmount and find nothing to wait for' {
        $volume = New-AcmVolume -Device $sim.Volumes[0].Device -Resource Fsystem_nosuch -MountPoint $sim.Volumes[0].MountPoint
        { Invoke-AcmClusterBackup -UserApplication app1 -Volume $volume -LogicalNode nodeA -NoScriptWarning -ErrorAction Stop } |
            Should -Throw -ErrorId 'ResourceNotFound*' -ExpectedMessage '*Fsystem_nosuch*'
        Get-SimCalls $sim | Where-Object { $_ -match '^(hvutil|umount)' } | Should -BeNullOrEmpty
    }

    It 'a wait step reads the states once after the settle time: the preconditions already confirmed the resources' {
        $r = Invoke-Backup $sim
        $r.Succeeded | Should -BeTrue
        $calls = @(Get-SimCalls $sim)
        $fromUnmount = @($calls | Select-Object -Skip ([array]::IndexOf($calls, 'hvutil -m on app1') + 1))
        $beforeCopy = @($fromUnmount | Select-Object -First ([array]::IndexOf($fromUnmount, ($fromUnmount -match '^swstbackup')[0])))
        @($beforeCopy -match '^umount').Count | Should -Be $sim.Volumes.Count
        # After the unmounts: one hvdisp -a (after -SettleTime), then hvassert -w only for a volume not yet Offline.
        @($beforeCopy -match '^hvdisp -a$').Count | Should -Be 1
    }

    It 'refuses a device ACM does not know for the logical node' {
        { Invoke-AcmClusterBackup -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeB -NoScriptWarning -ErrorAction Stop } |
            Should -Throw -ErrorId 'DeviceNotRegistered*'
        Get-SimCalls $sim | Where-Object { $_ -match '^(hvutil|umount)' } | Should -BeNullOrEmpty
    }

    It 'refuses a restore of a generation ACM does not hold, before maintenance mode (BackupGenerationNotFound)' {
        { Invoke-AcmClusterRestore -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeA -NoScriptWarning -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'BackupGenerationNotFound*' -ExpectedMessage '*holds no backup of /dev/sdb1*holds: none*'
        Invoke-Backup $sim | Out-Null
        $before = @(Get-SimCalls $sim).Count
        { Invoke-AcmClusterRestore -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeA -Generation 2 -NoScriptWarning -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'BackupGenerationNotFound*' -ExpectedMessage '*no generation 2 of /dev/sdb1*holds: generation 1 (version 1,*'
        @(Get-SimCalls $sim)[$before..9999] | Where-Object { $_ -match '^(hvutil|umount|swstrestore)' } | Should -BeNullOrEmpty
    }

    It 'refuses a busy volume before maintenance mode, naming the holder' {
        Invoke-Sim $sim 'fault', '--busy', '/mnt/tran2', '--holder', '4321:bash' | Out-Null
        { Invoke-AcmClusterBackup -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeA -NoScriptWarning -ErrorAction Stop } |
            Should -Throw -ErrorId 'VolumeBusy*' -ExpectedMessage '*PID 4321 (bash*'
        Get-SimCalls $sim | Where-Object { $_ -match '^(hvutil|umount)' } | Should -BeNullOrEmpty
    }

    It 'refuses a second procedure on the same application while one runs (ProcedureInProgress)' {
        Invoke-Sim $sim 'fault', '--command', 'swstbackup', '--hang', '4' | Out-Null
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:ACMCLUSTER_TEST_MODULE'; Invoke-AcmClusterBackup -UserApplication app1 -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode nodeA -SettleTime $Interval -PollInterval 0.1 -NoScriptWarning")
            $handle = $ps.BeginInvoke()
            $deadline = [DateTime]::Now.AddSeconds(20)
            while (-not (Get-SimCalls $sim | Where-Object { $_ -like 'swstbackup*' }) -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 100 }
            { Invoke-AcmClusterBackup -UserApplication app1 -Device /dev/sdb2 -Resource Fsystem_tran2 -MountPoint /mnt/tran2 -LogicalNode nodeA -NoScriptWarning -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProcedureInProgress*'
            $first = $ps.EndInvoke($handle)
            $first[0].Succeeded | Should -BeTrue
        }
        finally { $ps.Dispose() }
        Assert-InService $sim
    }

    It 'rejects bad volumes before any native command' -ForEach @(
        @{ Volume = @{ Device = '/dev/sdb1'; Resource = 'Fsystem_tran1' }; Id = 'InvalidVolume' }
        @{ Volume = @{ Device = 'sdb1'; Resource = 'Fsystem_tran1'; MountPoint = '/mnt/tran1' }; Id = 'InvalidDevice' }
        @{ Volume = @{ Device = '/dev/sdb1'; Resource = '-M'; MountPoint = '/mnt/tran1' }; Id = 'InvalidName' }
        @{ Volume = [pscustomobject]@{ Device = '/dev/sdb1'; Resource = 'Fsystem_tran1'; MountPoint = '/mnt/../etc' }; Id = 'InvalidMountPoint' }
    ) {
        { Invoke-AcmClusterBackup -UserApplication app1 -Volume $Volume -NoScriptWarning -ErrorAction Stop } | Should -Throw -ErrorId "$Id*"
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }

    It '-WhatIf runs only read-only checks, and fails as the run would' {
        Invoke-AcmClusterBackup -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeA -Synchronous -WhatIf -ErrorVariable backupErrors
        $backupErrors | Should -BeNullOrEmpty -Because 'every check of the backup passes'
        # No backup exists yet, so there is no generation to restore: check mode says so instead of printing a plan that would fail.
        Invoke-AcmClusterRestore -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeA -WhatIf -ErrorVariable restoreErrors -ErrorAction SilentlyContinue 3>$null
        $restoreErrors.FullyQualifiedErrorId | Should -BeLike 'PreflightFailed*'
        $restoreErrors.Exception.Message | Should -BeLike '*GenerationAvailable (/dev/sdb1): BackupGenerationNotFound*'
        Get-SimCalls $sim | Should -Not -BeNullOrEmpty
        Get-SimCalls $sim | Where-Object { $_ -notmatch '^(hvdisp|swsthistdisp|findmnt|stat|fuser)( |$)' } | Should -BeNullOrEmpty -Because 'check mode changes nothing'
        Get-AcmProcedure | Should -BeNullOrEmpty
    }

    It 'binds Import-Csv rows as volumes' {
        $csv = Join-Path $sim.StateDir 'volumes.csv'
        $sim.Volumes | Select-Object Device, Resource, MountPoint | Export-Csv -Path $csv
        $r = Invoke-AcmClusterBackup -UserApplication app1 -Volume (Import-Csv $csv) -LogicalNode nodeA -SettleTime $Interval -PollInterval 0.1 -NoScriptWarning
        $r.Succeeded | Should -BeTrue
        $r.Devices | Should -Be @('/dev/sdb1', '/dev/sdb2')
    }
}

Describe 'Ctrl+C and a killed process' {
    BeforeEach { $script:sim = New-ProcedureSim }
    AfterEach { Remove-SimCluster $sim }

    It 'Ctrl+C during the wait undoes every step and stops' {
        Stop-InvocationDuring $sim "Invoke-AcmClusterBackup -UserApplication app1 -Volume (New-AcmVolume /dev/sdb1 Fsystem_tran1 /mnt/tran1) -LogicalNode nodeA -SettleTime 10 -NoScriptWarning" 'umount*' | Should -Be 'Stopped'
        $journal = Get-AcmProcedure | Select-Object -Last 1
        $journal.State | Should -Be 'RolledBack'
        $journal.ErrorId | Should -Be 'ProcedureStopped'
        Get-SimCalls $sim | Where-Object { $_ -like 'swstbackup*' } | Should -BeNullOrEmpty
        Assert-InService $sim
    }

    It 'a kill -9 during swstbackup is recovered by Resume-AcmProcedure in a new process' {
        Invoke-Sim $sim 'fault', '--command', 'swstbackup', '--hang', '6' | Out-Null
        Stop-ChildDuring $sim "Invoke-AcmClusterBackup -UserApplication app1 -Volume (New-AcmVolume /dev/sdb1 Fsystem_tran1 /mnt/tran1) -LogicalNode nodeA -SettleTime $Interval -PollInterval 0.1 -NoScriptWarning" 'swstbackup*'

        $open = Get-AcmProcedure -Incomplete
        $open.State | Should -Be 'Running'
        ($open.Steps | Where-Object Name -EQ 'Back up').Status | Should -Be 'Running'
        (Get-AcmClusterApplication app1 | Where-Object IsLocal).InMaintenance | Should -BeTrue

        $json = Invoke-ChildPwsh 'Get-AcmProcedure -Incomplete | Resume-AcmProcedure -Confirm:$false | ConvertTo-Json -Depth 5'
        $LASTEXITCODE | Should -Be 0
        ($json | ConvertFrom-Json).State | Should -Be 'Resumed'
        Assert-InService $sim
        (Get-SimCalls $sim | Where-Object { $_ -like 'swstbackup*' }).Count | Should -Be 1
        Get-AcmProcedure -Incomplete | Should -BeNullOrEmpty
    }
}

Describe 'Procedure cmdlets with bad input' {
    It 'New-AcmVolume validates' {
        (New-AcmVolume -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1/) | Should -BeOfType ([AcmCluster.AcmVolume])
        (New-AcmVolume /dev/sdb1 Fsystem_tran1 /mnt/tran1/).MountPoint | Should -Be '/mnt/tran1'
        { New-AcmVolume -Device '/dev/sdb1;id' -Resource r -MountPoint /m -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDevice*'
    }

    It 'Resume-AcmProcedure names an unknown id' {
        $env:ACMCLUSTER_STATE_DIR = New-PrivateTempDirectory 'acm-empty-'
        try { { Resume-AcmProcedure -Id nosuch -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ProcedureNotFound*' }
        finally { Remove-Item $env:ACMCLUSTER_STATE_DIR -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'Invoke-AcmClusterRestore -RestoreDevice takes one volume only' {
        $v = New-AcmVolume /dev/sdb1 Fsystem_tran1 /mnt/tran1
        $w = New-AcmVolume /dev/sdb2 Fsystem_tran2 /mnt/tran2
        { Invoke-AcmClusterRestore -UserApplication app1 -Volume $v, $w -RestoreDevice /dev/sdz1 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidVolume*'
    }
}
