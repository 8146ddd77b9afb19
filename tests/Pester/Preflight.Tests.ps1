# Issue 12: the volume you name is the volume you back up. Test-AcmClusterProcedure, -WhatIf and the procedures
# run the same checks; a mismatch refuses the whole call before anything changes (asserted on the simulator's
# call log), and a volume still mounted right before the copy is never copied.
# Issue 15, findings 3, 4 and 5: mount paths that cannot be swapped, mounting back only the validated device,
# canonical mount points.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    # Calls that change something on a node; everything else the preflight may run.
    $script:Changing = '^(hvutil|hvswitch|mount|umount|swstbackup|swstrestore|swststartsync|swstcancelsync|hagrp -(freeze|unfreeze|online|offline)|hares -(online|offline|clear)|haconf)( |$)'

    function New-CheckSim {
        $sim = New-SimCluster -Interval 0.3
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        Set-AcmTestHook -Name EtcDirectory -Value (Join-Path $sim.StateDir 'etc')
        $sim
    }

    function Test-Backup($Sim, [string] $Device = '/dev/sdb1', [string] $MountPoint = '/mnt/tran1', [string] $Procedure = 'Backup') {
        Test-AcmClusterProcedure -Procedure $Procedure -UserApplication $Sim.App -Device $Device -Resource Fsystem_tran1 -MountPoint $MountPoint -LogicalNode $Sim.LogicalNode -ErrorAction SilentlyContinue -ErrorVariable script:checkError
    }

    function Invoke-OneVolume($Sim, [string] $Command, [string] $Device = '/dev/sdb1', [string] $MountPoint = '/mnt/tran1') {
        $extra = if ($Command -eq 'Invoke-AcmClusterRestore') { @{ Confirm = $false } } else { @{} }
        # A refused call is a terminating error; a failed procedure returns its result, then the error.
        $err = $null
        try {
            & $Command -UserApplication $Sim.App -Device $Device -Resource Fsystem_tran1 -MountPoint $MountPoint -LogicalNode $Sim.LogicalNode `
                -SettleTime 0.3 -PollInterval 0.1 -Timeout 5 -NoScriptWarning -ErrorAction SilentlyContinue -ErrorVariable err @extra
        }
        catch { $err = @($_) }
        $script:procError = @($err)
    }

    function Get-ChangingCalls($Sim) { @(Get-SimCalls $Sim | Where-Object { $_ -match $Changing }) }
}

AfterAll {
    $env:ACMCLUSTER_STATE_DIR = $null
    Set-AcmTestHook -Name EtcDirectory -Value '/etc'
}

Describe 'Test-AcmClusterProcedure' {
    BeforeEach { $script:sim = New-CheckSim }
    AfterEach { Remove-SimCluster $sim }

    It 'passes every check for the correct volume, and changes nothing' {
        $r = Test-Backup $sim
        $r | Should -Not -BeNullOrEmpty
        $r | ForEach-Object { $_ | Should -BeOfType ([AcmCluster.PreflightCheck]) }
        @($r | Where-Object { -not $_.Passed }) | Should -BeNullOrEmpty
        $checkError | Should -BeNullOrEmpty
        $r.Check | Should -Contain 'VolumeIdentity'
        $r.Check | Should -Contain 'MountPathTrusted'
        $r.Check | Should -Contain 'DeviceRegistered'
        ($r | Where-Object Check -EQ 'VolumeIdentity').Detail | Should -BeLike '*/dev/sdb1 (device 8:16) is mounted on /mnt/tran1*fstab.pcl agrees*'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
        Test-AcmClusterProcedure -Procedure Backup -UserApplication $sim.App -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode $sim.LogicalNode -Quiet | Should -BeTrue
    }

    It 'reports <Label> without any state-changing call' -ForEach @(
        @{ Label = 'an unmounted directory'; Device = '/dev/sdb1'; MountPoint = '/mnt/tarn1'; Declare = '/mnt/tarn1'; Check = 'VolumeIdentity'; Detail = '*/mnt/tarn1 is not mounted; /dev/sdb1 is mounted on /mnt/tran1*' }
        @{ Label = 'the mount point of another volume'; Device = '/dev/sdb1'; MountPoint = '/mnt/tran2'; Check = 'VolumeIdentity'; Detail = '*/mnt/tran2 holds /dev/sdb2*' }
        @{ Label = 'a mount point that does not exist'; Device = '/dev/sdb1'; MountPoint = '/mnt/nowhere'; Check = 'MountPathTrusted'; Detail = '*/mnt/nowhere does not exist*' }
        @{ Label = 'a device ACM does not know'; Device = '/dev/sdz9'; MountPoint = '/mnt/tran1'; Check = 'DeviceRegistered'; Detail = '*does not know /dev/sdz9*' }
    ) {
        if ($Declare) { Invoke-Sim $sim 'path', '--path', $Declare | Out-Null }
        $r = Test-Backup $sim -Device $Device -MountPoint $MountPoint
        $r[0].Passed | Should -BeFalse -Because 'failures come first'
        $failed = @($r | Where-Object { $_.Check -eq $Check -and -not $_.Passed })
        $failed.Count | Should -Be 1
        $failed[0].Detail | Should -BeLike $Detail
        $failed[0].Recommendation | Should -Not -BeNullOrEmpty
        $checkError.FullyQualifiedErrorId | Should -BeLike 'PreflightFailed*'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
    }

    It 'reports a device mounted twice' {
        Invoke-Sim $sim 'mount-extra', '--device', '/dev/sdb1', '--target', '/srv/copy' | Out-Null
        $r = Test-Backup $sim
        ($r | Where-Object Check -EQ 'VolumeIdentity').Detail | Should -BeLike '*/dev/sdb1 is mounted on /mnt/tran1 and also on /srv/copy*'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
    }

    It 'reports a generation to restore that does not exist' {
        $r = Test-AcmClusterProcedure -Procedure Restore -UserApplication $sim.App -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode $sim.LogicalNode -Generation 9 -ErrorAction SilentlyContinue
        ($r | Where-Object Check -EQ 'GenerationAvailable').ErrorId | Should -Be 'BackupGenerationNotFound'
    }

    It 'reports an application the cluster does not have' {
        $r = Test-AcmClusterProcedure -Procedure Backup -UserApplication nosuchapp -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode $sim.LogicalNode -ErrorAction SilentlyContinue
        ($r | Where-Object Check -EQ 'ApplicationActive').ErrorId | Should -Be 'ClusterApplicationNotFound'
        Test-AcmClusterProcedure -Procedure Backup -UserApplication nosuchapp -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode $sim.LogicalNode -Quiet | Should -BeFalse
    }

    It 'shows failures first in its table, readable at 80 columns' {
        $text = Test-Backup $sim -MountPoint /mnt/tran2 | Format-Table | Out-String -Width 80
        $rows = @($text -split "`n" | Where-Object { $_ -match '^(True|False) ' })
        $rows[0] | Should -BeLike 'False *VolumeIdentity*'
        $rows | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It 'makes pwsh -Command exit non-zero when a check fails, and zero when none does' {
        $common = "-UserApplication $($sim.App) -Device /dev/sdb1 -Resource Fsystem_tran1 -LogicalNode $($sim.LogicalNode)"
        $null = Invoke-ChildPwsh "`$env:ACMCLUSTER_STATE_DIR = '$env:ACMCLUSTER_STATE_DIR'; $AcmTestHookScript; Set-AcmTestHook -Name EtcDirectory -Value '$($sim.StateDir)/etc'; Test-AcmClusterProcedure -Procedure Backup $common -MountPoint /mnt/tran1 | Out-Null" 2>&1
        $LASTEXITCODE | Should -Be 0
        $null = Invoke-ChildPwsh "`$env:ACMCLUSTER_STATE_DIR = '$env:ACMCLUSTER_STATE_DIR'; Test-AcmClusterProcedure -Procedure Backup $common -MountPoint /mnt/tran2 | Out-Null" 2>&1
        $LASTEXITCODE | Should -Not -Be 0
    }
}

Describe 'A mismatch refuses the whole procedure before anything changes' {
    BeforeEach { $script:sim = New-CheckSim }
    AfterEach { Remove-SimCluster $sim }

    It '<Command> with <Label> fails with <Id> and runs nothing that changes state' -ForEach @(
        foreach ($command in 'Invoke-AcmClusterBackup', 'Invoke-AcmClusterRestore') {
            @{ Command = $command; Label = 'an unmounted directory (the typo of issue 12)'; MountPoint = '/mnt/tarn1'; Declare = $true; Id = 'VolumeMismatch'; Message = '*/mnt/tarn1 is not mounted; /dev/sdb1 is mounted on /mnt/tran1*' }
            @{ Command = $command; Label = 'the mount point of another volume'; MountPoint = '/mnt/tran2'; Id = 'VolumeMismatch'; Message = '*/mnt/tran2 holds /dev/sdb2*' }
            @{ Command = $command; Label = 'a missing mount point'; MountPoint = '/mnt/nowhere'; Id = 'MountPointNotFound'; Message = '*does not exist*' }
        }
    ) {
        if ($Command -eq 'Invoke-AcmClusterRestore') { Invoke-OneVolume $sim 'Invoke-AcmClusterBackup' | Out-Null; $before = @(Get-ChangingCalls $sim).Count } else { $before = 0 }
        if ($Declare) { Invoke-Sim $sim 'path', '--path', $MountPoint | Out-Null }
        $r = Invoke-OneVolume $sim $Command -MountPoint $MountPoint
        $procError[0].FullyQualifiedErrorId | Should -BeLike "$Id*"
        $procError[0].Exception.Message | Should -BeLike $Message
        @(Get-ChangingCalls $sim).Count | Should -Be $before -Because 'the call is refused before the first command that changes anything'
        Get-AcmProcedure | Where-Object State -NE 'Succeeded' | Should -BeNullOrEmpty
    }

    It 'refuses a device mounted twice (a bind mount) for <_>' -ForEach 'Invoke-AcmClusterBackup', 'Invoke-AcmClusterRestore' {
        if ($_ -eq 'Invoke-AcmClusterRestore') { Invoke-OneVolume $sim 'Invoke-AcmClusterBackup' | Out-Null }
        $before = @(Get-ChangingCalls $sim).Count
        Invoke-Sim $sim 'mount-extra', '--device', '/dev/sdb1', '--target', '/srv/copy' | Out-Null
        Invoke-OneVolume $sim $_ | Out-Null
        $procError[0].FullyQualifiedErrorId | Should -BeLike 'VolumeMismatch*'
        @(Get-ChangingCalls $sim).Count | Should -Be $before
    }

    It 'never copies a volume that is still mounted right before the copy (VolumeStillMounted), and rolls back' {
        # umount reports success but unmounts nothing, and the resource looks Offline: only the copy guard is left.
        Invoke-Sim $sim 'fault', '--command', 'umount', '--exit-code', '0', '--message', ' ', '--count', '99' | Out-Null
        Invoke-Sim $sim 'fault', '--stuck', 'Fsystem_tran1', '--state', 'Offline' | Out-Null
        $r = Invoke-OneVolume $sim 'Invoke-AcmClusterBackup'
        $r.Succeeded | Should -BeFalse
        ($r.Steps | Where-Object Name -EQ 'Back up').Status | Should -Be 'Failed'
        $procError.FullyQualifiedErrorId | Where-Object { $_ -like 'VolumeStillMounted*' } | Should -Not -BeNullOrEmpty
        Get-SimCalls $sim | Where-Object { $_ -like 'swstbackup*' } | Should -BeNullOrEmpty
        ($r.Steps | Where-Object Name -EQ 'Enter maintenance mode').Status | Should -Not -Be 'Succeeded' -Because 'the procedure rolls back what it did'
    }
}

Describe 'Issue 15: mount paths root must not be tricked into' {
    BeforeEach { $script:sim = New-CheckSim }
    AfterEach { Remove-SimCluster $sim }

    It 'finding 3: a symbolic link in the mount path is refused (MountPointUntrusted) and nothing runs' {
        Invoke-Sim $sim 'path', '--path', '/mnt/tran1', '--symlink-to', '/etc' | Out-Null
        Invoke-OneVolume $sim 'Invoke-AcmClusterBackup' | Out-Null
        $procError[0].FullyQualifiedErrorId | Should -BeLike 'MountPointUntrusted*'
        $procError[0].Exception.Message | Should -BeLike '*/mnt/tran1 is a symbolic link*'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
    }

    It 'finding 3: a directory above the mount point that another user owns is refused and nothing runs' {
        Invoke-Sim $sim 'path', '--path', '/mnt', '--owner', '1001', '--mode', '755' | Out-Null
        Invoke-OneVolume $sim 'Invoke-AcmClusterBackup' | Out-Null
        $procError[0].FullyQualifiedErrorId | Should -BeLike 'MountPointUntrusted*'
        $procError[0].Exception.Message | Should -BeLike '*/mnt is owned by uid 1001*'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
    }

    It 'finding 4: a stacked FUSE mount over the volume is refused; root never mounts its source' {
        Invoke-Sim $sim 'mount-extra', '--device', '/home/eve/x#x', '--target', '/mnt/tran1', '--fstype', 'fuse', '--options', 'rw,nosuid' | Out-Null
        Invoke-OneVolume $sim 'Invoke-AcmClusterBackup' | Out-Null
        $procError[0].FullyQualifiedErrorId | Should -BeLike 'VolumeMismatch*'
        $procError[0].Exception.Message | Should -BeLike '*/mnt/tran1 holds /home/eve/x#x*'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
        Get-SimCalls $sim | Where-Object { $_ -like '*eve*' } | Should -BeNullOrEmpty
    }

    It 'finding 5: /mnt/./tran1 is /mnt/tran1: unmounted, backed up unmounted, mounted back' {
        $r = Invoke-OneVolume $sim 'Invoke-AcmClusterBackup' -MountPoint '/mnt/./tran1'
        $r.Succeeded | Should -BeTrue
        $calls = Get-SimCalls $sim | Where-Object { $_ -match '^(umount|swstbackup|mount) ' }
        $calls | Should -Be @('umount /mnt/tran1', 'swstbackup /dev/sdb1', 'mount -t ext4 -o rw,relatime /dev/sdb1 /mnt/tran1')
    }

    It 'finding 5: // is refused (InvalidMountPoint) before any command' {
        Invoke-OneVolume $sim 'Invoke-AcmClusterBackup' -MountPoint '//' | Out-Null
        $procError[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMountPoint*'
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }
}
