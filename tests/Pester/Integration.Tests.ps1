# The manual's PRIMECLUSTER procedures, composed from the cmdlets exactly as about_AcmCluster and
# examples/ show them, run against the cluster simulator; assertions on its call log and on the bytes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:Examples = Join-Path $PSScriptRoot '../../examples'
    $script:Interval = 0.3

    # The order the manual gives, as the significant calls in the log (queries like hvdisp and mount listings left out).
    function Get-ProcedureCalls($Sim) {
        # Waits left out: an hvassert -w runs only when the state is not there yet at the first check.
        Get-SimCalls $Sim | Where-Object { $_ -notmatch '^(hvdisp|hvassert -w|mount$|swstsyncstat|swsthistdisp|findmnt|stat)' }
    }

    # Repeated polls of the same check count once.
    function Compress-Polls([string[]] $Calls) {
        $out = [System.Collections.Generic.List[string]]::new()
        foreach ($c in $Calls) { if ($out.Count -eq 0 -or $out[-1] -ne $c) { $out.Add($c) } }
        $out.ToArray()
    }
}

Describe 'Snapshot-type backup and restore (9.1.7) against the simulator' {
    BeforeAll { $script:sim = New-SimCluster -Interval $script:Interval }
    AfterAll { Remove-SimCluster $script:sim }

    It 'backs up in the manual''s order and returns the cluster to service' {
        $v = $sim.Volumes[0]
        $original = Get-DeviceHash $sim $v.Device
        $out = & "$Examples/SnapshotBackup.ps1" -UserApplication $sim.App -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -SettleTime $Interval

        ($out | Where-Object { $_ -is [AcmCluster.AcmOperationResult] }).Completed | Should -BeTrue
        Compress-Polls (Get-ProcedureCalls $sim) | Should -Be @(
            'hvutil -m on app1'
            'umount /mnt/tran1'
            'swstbackup /dev/sdb1'
            'mount -t ext4 -o rw,relatime /dev/sdb1 /mnt/tran1'
            'hvutil -m off app1'
        )
        $log = Invoke-Sim $sim 'log', '--json' | ConvertFrom-Json
        ($log | Where-Object command -EQ 'swstbackup').swstgnode | Should -Be 'nodeA'
        ($log | Where-Object kind -EQ 'script') | Should -BeNullOrEmpty -Because 'pre/post scripts do not run on an unmounted volume'
        Get-DeviceHash $sim $v.BackupDevices[0] | Should -Be $original
        $local = Get-AcmClusterApplication $sim.App | Where-Object IsLocal
        $local.State | Should -Be 'Online'
        $local.InMaintenance | Should -BeFalse
        (Get-AcmBackupHistory -Device $v.Device -LogicalNode $sim.LogicalNode).Generation | Should -Be 1
        $env:SWSTGNODE | Should -BeNullOrEmpty
    }

    It 'restores the backed-up bytes over changed data' {
        $v = $sim.Volumes[0]
        $backup = Get-DeviceHash $sim $v.BackupDevices[0]
        [IO.File]::WriteAllBytes((Invoke-Sim $sim 'datapath', $v.Device), [byte[]]::new(65536))
        Get-DeviceHash $sim $v.Device | Should -Not -Be $backup
        & "$Examples/SnapshotBackup.ps1" -Restore -UserApplication $sim.App -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -SettleTime $Interval | Out-Null
        Get-DeviceHash $sim $v.Device | Should -Be $backup
        (Get-AcmClusterApplication $sim.App | Where-Object IsLocal).State | Should -Be 'Online'
        Get-SimCalls $sim | Where-Object { $_ -like 'swstrestore*' } | Should -Be 'swstrestore /dev/sdb1'
    }

    It 'a failed swstbackup still leaves the cluster mounted, Online and out of maintenance' {
        $v = $sim.Volumes[1]
        Invoke-Sim $sim 'fault', '--command', 'swstbackup', '--exit-code', '2' | Out-Null
        { & "$Examples/SnapshotBackup.ps1" -UserApplication $sim.App -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -SettleTime $Interval } |
            Should -Throw -ErrorId 'BackupFailed*' -ExpectedMessage '*swst9999*'
        (Get-SimCalls $sim)[-1] | Should -Be 'hvutil -m off app1'
        $state = Get-AcmClusterApplication $sim.App | Where-Object IsLocal
        $state.State | Should -Be 'Online'
        $state.InMaintenance | Should -BeFalse
        & mount | Should -Contain "$($v.Device) on $($v.MountPoint) type ext4 (rw,relatime)"
    }

    It 'Exit-AcmMaintenance refuses while a file system is still unmounted, then succeeds once it is back' {
        $v = $sim.Volumes[0]
        Enter-AcmMaintenance -UserApplication $sim.App | Out-Null
        $m = Dismount-AcmVolume -MountPoint $v.MountPoint
        Wait-AcmResourceState -Resource $v.Resource -State Offline -SettleTime $Interval | Out-Null
        { Exit-AcmMaintenance -UserApplication $sim.App -ErrorAction Stop } | Should -Throw -ErrorId 'MaintenanceExitBlocked*' -ExpectedMessage "*$($v.Resource)*"
        $m | Mount-AcmVolume | Out-Null
        Wait-AcmResourceState -Resource $v.Resource -State Online -SettleTime $Interval | Out-Null
        (Exit-AcmMaintenance -UserApplication $sim.App).Changed | Should -BeTrue
    }

    It 'a busy file system is reported with its holders and nothing is unmounted' {
        $v = $sim.Volumes[0]
        Invoke-Sim $sim 'fault', '--busy', $v.MountPoint, '--holder', '4321:bash' | Out-Null
        try {
            { Dismount-AcmVolume -MountPoint $v.MountPoint -ErrorAction Stop } | Should -Throw -ErrorId 'VolumeBusy*' -ExpectedMessage '*PID 4321 (bash*'
            & mount | Should -Contain "$($v.Device) on $($v.MountPoint) type ext4 (rw,relatime)"
            Get-SimCalls $sim | Where-Object { $_ -like 'kill*' } | Should -BeNullOrEmpty
        }
        finally { Invoke-Sim $sim 'clear-faults' | Out-Null }
    }

    It 'waiting for a state the resource never reaches times out naming it' {
        Invoke-Sim $sim 'fault', '--stuck', 'Fsystem_tran2', '--state', 'Inconsistent' | Out-Null
        try {
            { Wait-AcmResourceState -Resource Fsystem_tran2 -State Online -SettleTime 0 -PollInterval 0.1 -Timeout 1 -ErrorAction Stop } |
                Should -Throw -ErrorId 'ResourceStateTimeout*' -ExpectedMessage '*Fsystem_tran2*'
        }
        finally { Invoke-Sim $sim 'clear-faults' | Out-Null }
    }

    It 'the detector lag is honoured: Offline is not seen before the settle time' {
        # A long interval, so that the check right after the unmount surely comes before the next tick.
        Invoke-Sim $sim 'set', '--interval', '3' | Out-Null
        $v = $sim.Volumes[1]
        Enter-AcmMaintenance -UserApplication $sim.App | Out-Null
        try {
            $m = Dismount-AcmVolume -MountPoint $v.MountPoint
            & hvassert -s $v.Resource Offline
            $immediate = $LASTEXITCODE
            $r = Wait-AcmResourceState -Resource $v.Resource -State Offline -SettleTime 3
            $r.ElapsedSeconds | Should -BeGreaterOrEqual 3
            $immediate | Should -Be 1 -Because 'the detector has not run yet right after the unmount'
        }
        finally {
            $m | Mount-AcmVolume | Out-Null
            Wait-AcmResourceState -Resource $v.Resource -State Online -SettleTime 3 | Out-Null
            Exit-AcmMaintenance -UserApplication $sim.App | Out-Null
            Invoke-Sim $sim 'set', '--interval', "$Interval" | Out-Null
        }
    }
}

Describe 'Synchronous backup (9.1.7) against the simulator' {
    BeforeAll { $script:sim = New-SimCluster -Interval $script:Interval -SyncTime 1 }
    AfterAll { Remove-SimCluster $script:sim }

    It 'starts EC, waits for equivalency, then backs up in the manual''s order' {
        $v = $sim.Volumes[0]
        $original = Get-DeviceHash $sim $v.Device
        & "$Examples/SynchronousBackup.ps1" -UserApplication $sim.App -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -SettleTime $Interval | Out-Null
        $calls = Compress-Polls (Get-SimCalls $sim | Where-Object { $_ -notmatch '^(hvdisp|hvassert -w|mount$|findmnt|stat)' })
        $calls | Should -Be @(
            'swststartsync /dev/sdb1'
            'swstsyncstat /dev/sdb1'
            'hvutil -m on app1'
            'umount /mnt/tran1'
            'swstbackup /dev/sdb1'
            'mount -t ext4 -o rw,relatime /dev/sdb1 /mnt/tran1'
            'hvutil -m off app1'
        )
        $history = Get-AcmBackupHistory -Device $v.Device -LogicalNode $sim.LogicalNode
        $history | Should -HaveCount 1
        Get-DeviceHash $sim $history[0].BackupDevice | Should -Be $original
        (Get-AcmClusterApplication $sim.App | Where-Object IsLocal).State | Should -Be 'Online'
    }

    It 'swstbackup is refused while the EC session is still executing' {
        Invoke-Sim $sim 'set', '--sync-time', '30' | Out-Null
        $v = $sim.Volumes[1]
        Start-AcmSync -Device $v.Device -LogicalNode $sim.LogicalNode | Out-Null
        (Get-AcmSyncStatus -Device $v.Device -LogicalNode $sim.LogicalNode | Where-Object Status).Status | Should -BeExactly 'Executing'
        { Invoke-AcmBackup -Device $v.Device -LogicalNode $sim.LogicalNode -ErrorAction Stop } | Should -Throw -ErrorId 'BackupFailed*' -ExpectedMessage '*swst0607*'
        { Wait-AcmSyncEquivalent -Device $v.Device -LogicalNode $sim.LogicalNode -Timeout 1 -PollInterval 0.2 -ErrorAction Stop } | Should -Throw -ErrorId 'SyncEquivalentTimeout*'
        Stop-AcmSync -Device $v.Device -LogicalNode $sim.LogicalNode -All | Out-Null
    }

    It 'without the logical node ACM sees no such transaction volume' {
        { Invoke-AcmBackup -Device $sim.Volumes[0].Device -LogicalNode other -ErrorAction Stop } | Should -Throw -ErrorId 'BackupFailed*' -ExpectedMessage '*swst0602*'
    }
}
