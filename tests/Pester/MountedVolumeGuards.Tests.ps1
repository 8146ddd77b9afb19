# Issue 12, the remaining items, against the simulator (asserting its call log):
# §2 Invoke-AcmBackup/-Restore refuse a still-mounted cluster transaction volume even without -MountPoint;
# §3 Dismount-AcmVolume refuses a VCS Mount resource's file system while its group is online here and not frozen;
# §4 the stopped-cluster preflight checks the shared disks (claim, enabled on another node).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:Changing = '^(hvutil|hvswitch|mount|umount|swstbackup|swstrestore|swststartsync|swstcancelsync|sdxvolume|vxdg (import|deport)|vxvol|vgchange|hagrp -(freeze|unfreeze|online|offline)|hares -(online|offline|clear)|haconf)( |$)'

    function New-GuardSim([string] $Cluster = 'primecluster', [switch] $Stopped) {
        $sim = New-SimCluster -Cluster $Cluster -Stopped:$Stopped
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        Set-AcmTestHook -Name EtcDirectory -Value (Join-Path $sim.StateDir 'etc')
        $sim
    }

    function Get-ChangingCalls($Sim) { @(Get-SimCalls $Sim | Where-Object { $_ -match $Changing }) }

    # A refusal is a terminating error: caught, so that the test can look at it and at the call log.
    function Invoke-Refusable([scriptblock] $Script) {
        try { & $Script; $null } catch { $_ }
    }
}

AfterAll {
    $env:ACMCLUSTER_STATE_DIR = $null
    Set-AcmTestHook -Name EtcDirectory -Value '/etc'
}

Describe 'Invoke-AcmBackup / Invoke-AcmRestore without -MountPoint: a mounted cluster transaction volume is never copied' {
    AfterEach { Remove-SimCluster $sim }

    It '<Command> refuses /dev/sdb1 (PRIMECLUSTER: an fstab.pcl Fsystem line) with VolumeStillMounted and copies nothing' -ForEach @(
        @{ Command = 'Invoke-AcmBackup' }
        @{ Command = 'Invoke-AcmRestore' }
    ) {
        $script:sim = New-GuardSim
        $extra = if ($Command -eq 'Invoke-AcmRestore') { @{ Confirm = $false } } else { @{} }
        $e = Invoke-Refusable { & $Command -Device /dev/sdb1 -LogicalNode $sim.LogicalNode @extra }
        $e.FullyQualifiedErrorId | Should -BeLike 'VolumeStillMounted*'
        $e.Exception.Message | Should -BeLike '*/dev/sdb1 is still mounted on /mnt/tran1*'
        $e.ErrorDetails.RecommendedAction, $e.Exception.RecommendedAction | Where-Object { $_ } | Select-Object -First 1 | Should -BeLike '*Invoke-AcmCluster*'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
        Get-SimCalls $sim | Where-Object { $_ -like 'swst*' } | Should -BeNullOrEmpty
        Get-SimCalls $sim | Should -Contain 'findmnt -J -l -o TARGET,SOURCE,MAJ:MIN,FSTYPE,OPTIONS'
    }

    It 'refuses a VCS Mount resource''s BlockDevice (hares -list Type=Mount, -value) with VolumeStillMounted' {
        $script:sim = New-GuardSim -Cluster vcs
        Set-AcmTestHook -Name EtcDirectory -Value $sim.EtcDir
        $e = Invoke-Refusable { Invoke-AcmBackup -Device /dev/sdb2 -LogicalNode $sim.LogicalNode }
        $e.FullyQualifiedErrorId | Should -BeLike 'VolumeStillMounted*'
        $e.Exception.Message | Should -BeLike '*/dev/sdb2 is still mounted on /mnt/tran2*'
        $calls = Get-SimCalls $sim
        $calls | Should -Contain 'hares -list Type=Mount'
        $calls | Should -Contain 'hares -value mnt_tran2 BlockDevice'
        $calls | Where-Object { $_ -like 'swst*' } | Should -BeNullOrEmpty
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
    }

    It '-WhatIf refuses the mounted volume as well, and runs no state-changing command' {
        $script:sim = New-GuardSim
        $e = Invoke-Refusable { Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode $sim.LogicalNode -WhatIf }
        $e.FullyQualifiedErrorId | Should -BeLike 'VolumeStillMounted*'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
    }

    It 'copies a cluster transaction volume once it is unmounted (and -WhatIf of it runs nothing)' {
        $script:sim = New-GuardSim
        Enter-AcmMaintenance -UserApplication $sim.App -ClusterType PRIMECLUSTER | Out-Null
        Dismount-AcmVolume -MountPoint /mnt/tran1 | Out-Null
        $before = @(Get-ChangingCalls $sim).Count
        Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode $sim.LogicalNode -WhatIf | Should -BeNullOrEmpty
        @(Get-ChangingCalls $sim).Count | Should -Be $before
        (Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode $sim.LogicalNode).Completed | Should -BeTrue
        @(Get-ChangingCalls $sim)[-1] | Should -Be 'swstbackup /dev/sdb1'
    }

    It 'leaves a mounted device that no cluster resource mounts to ACM (its pre-processing script decides)' {
        $script:sim = New-GuardSim
        $empty = New-Item -ItemType Directory -Path (Join-Path $sim.StateDir 'etc-without-fstab.pcl')
        Set-AcmTestHook -Name EtcDirectory -Value $empty.FullName
        $verbose = Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode $sim.LogicalNode -Verbose 4>&1
        ($verbose | Where-Object { $_ -is [AcmCluster.AcmOperationResult] }).Completed | Should -BeTrue
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "/dev/sdb1 is mounted on /mnt/tran1, but no cluster resource mounts it: ACM's pre-processing script decides."
        Get-SimCalls $sim | Should -Contain 'swstbackup /dev/sdb1'
    }

    It 'refuses bad input before any native command: <Label>' -ForEach @(
        @{ Label = 'an option as device'; Script = { Invoke-AcmBackup -Device '-h' -LogicalNode nodeA }; Id = 'InvalidDevice' }
        @{ Label = 'the root directory as mount point'; Script = { Invoke-AcmRestore -Device /dev/sdb1 -MountPoint '/' -LogicalNode nodeA -Confirm:$false }; Id = 'InvalidMountPoint' }
    ) {
        $script:sim = New-GuardSim
        (Invoke-Refusable $Script).FullyQualifiedErrorId | Should -BeLike "$Id*"
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }
}

Describe 'Dismount-AcmVolume of a VCS Mount resource''s file system (NotInMaintenance)' {
    BeforeEach {
        $script:sim = New-GuardSim -Cluster vcs
        Set-AcmTestHook -Name EtcDirectory -Value $sim.EtcDir
    }
    AfterEach { Remove-SimCluster $sim }

    It 'refuses while service group sg1 is online here and not frozen, and unmounts nothing' {
        $e = Invoke-Refusable { Dismount-AcmVolume -MountPoint /mnt/tran1 }
        $e.FullyQualifiedErrorId | Should -BeLike 'NotInMaintenance*'
        $e.Exception.Message | Should -BeLike "*VCS Mount resource mnt_tran1*'sg1'*not in maintenance mode (frozen)*"
        Get-SimCalls $sim | Should -Contain 'hares -list Type=Mount'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
    }

    It '-WhatIf of a frozen group''s file system runs no umount' {
        Enter-AcmMaintenance -UserApplication sg1 | Out-Null
        Dismount-AcmVolume -MountPoint /mnt/tran1 -WhatIf | Should -BeNullOrEmpty
        Get-SimCalls $sim | Where-Object { $_ -like 'umount*' } | Should -BeNullOrEmpty
    }

    It 'unmounts it while the group is frozen' {
        Enter-AcmMaintenance -UserApplication sg1 | Out-Null
        (Dismount-AcmVolume -MountPoint /mnt/tran1).Changed | Should -BeTrue
        Get-SimCalls $sim | Should -Contain 'umount /mnt/tran1'
    }

    It 'unmounts it with -Force (the fault is then intended), without asking VCS' {
        (Dismount-AcmVolume -MountPoint /mnt/tran1 -Force).Changed | Should -BeTrue
        $calls = Get-SimCalls $sim
        $calls | Should -Contain 'umount /mnt/tran1'
        $calls | Where-Object { $_ -like 'ha*' } | Should -BeNullOrEmpty
    }

    It 'unmounts it while HAD is not running (VCS monitors nothing), saying so' {
        Invoke-Sim $sim 'set', '--had-running', 'false' | Out-Null
        $out = Dismount-AcmVolume -MountPoint /mnt/tran1 -Verbose 4>&1
        ($out | Where-Object { $_ -is [AcmCluster.VolumeMount] }).Changed | Should -BeTrue
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Where-Object { $_ -like '*HAD (VCS) does not answer*controls no file system now*' } | Should -Not -BeNullOrEmpty
    }

    It 'a mount point no Mount resource controls is not refused' {
        Invoke-Sim $sim 'mount-extra', '--device', '/dev/sdc1', '--target', '/srv/scratch' | Out-Null
        (Dismount-AcmVolume -MountPoint /srv/scratch).Changed | Should -BeTrue
        Get-SimCalls $sim | Should -Contain 'umount /srv/scratch'
    }
}

Describe 'The stopped-cluster preflight checks the shared disks' {
    BeforeEach {
        $script:sim = New-GuardSim -Stopped
        # The simulator lists /acmdata in etc/fstab, not fstab.pcl, which VolumeIdentity would (rightly) report: these
        # tests are about the shared disks, so the cluster's configuration is left out of them.
        Set-AcmTestHook -Name EtcDirectory -Value '/etc'
    }
    AfterEach { Remove-SimCluster $sim }

    BeforeAll {
        function Test-Stopped($Sim, [object[]] $Disks) {
            Test-AcmClusterProcedure -Procedure StoppedClusterBackup -UserApplication $Sim.App -LogicalNode $Sim.LogicalNode -Volume @($Sim.Volumes | ForEach-Object { @{ Device = $_.Device; MountPoint = $_.MountPoint } }) `
                -SharedDisk $Disks -SharedDataVolume @{ Device = '/dev/sfdsk/class0001/dsk/vol0001'; MountPoint = '/acmdata' } -ErrorAction SilentlyContinue -ErrorVariable script:checkError
        }
        function Get-AllDisks { @(New-AcmSharedDisk -Gds -Class class0001 -GdsVolume vol0001; New-AcmSharedDisk -VxVM -DiskGroup dg01; New-AcmSharedDisk -Lvm -VolumeGroup vg01) }
        function Set-Claim($Sim, [string] $Node, [int] $ProcessId = 1) {
            $path = Join-Path $env:ACMCLUSTER_STATE_DIR "claims/$($Sim.App).claim"
            $null = New-Item -ItemType Directory -Force (Split-Path $path)
            Set-Content -LiteralPath $path -Value "node=$Node`npid=$ProcessId`nprocedure=x-1`ntime=2026-12-01T00:00:00"
            & chmod 600 $path
            $path
        }
    }

    It 'passes both checks when no node claims the disks and none is enabled elsewhere, saying what could not be read' {
        $r = Test-Stopped $sim (Get-AllDisks)
        $claim = $r | Where-Object Check -EQ 'SharedDiskNotClaimed'
        $claim.Passed | Should -BeTrue
        $claim.Detail | Should -BeLike 'no node claims them*'
        @($r | Where-Object { -not $_.Passed }) | Should -BeNullOrEmpty
        $active = @($r | Where-Object Check -EQ 'SharedDiskNotActiveElsewhere')
        $active.Target | Should -Be @('Gds:class0001/vol0001', 'VxVM:dg01', 'Lvm:vg01')
        $active.Passed | Should -Be @($true, $true, $true)
        $active[0].Detail | Should -BeLike 'cannot be read from this node*sdxinfo*'
        $active[1].Detail | Should -BeLike "disk group dg01 is imported by no host ('vxdisk -s list'*"
        $active[2].Detail | Should -BeLike 'cannot be read from this node*LVM*'
        Get-SimCalls $sim | Should -Contain 'vxdisk -s list'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
    }

    It 'fails SharedDiskNotClaimed (SharedDiskClaimed) for another node''s claim, and the procedure refuses before anything changes' {
        $path = Set-Claim $sim 'othernode'
        $r = Test-Stopped $sim (Get-AllDisks)
        $r[0].Check | Should -Be 'SharedDiskNotClaimed'
        $r[0].Passed | Should -BeFalse
        $r[0].ErrorId | Should -Be 'SharedDiskClaimed'
        $r[0].Detail | Should -BeLike '*claimed by node othernode*'
        $checkError.FullyQualifiedErrorId | Should -BeLike 'PreflightFailed*'
        $e = Invoke-Refusable { Invoke-AcmStoppedClusterBackup -UserApplication $sim.App -LogicalNode $sim.LogicalNode -Device $sim.Volumes[0].Device -SharedDisk (Get-AllDisks) }
        $e.FullyQualifiedErrorId | Should -BeLike 'SharedDiskClaimed*'
        Get-ChangingCalls $sim | Should -BeNullOrEmpty
        Get-Content -LiteralPath $path | Should -Contain 'node=othernode'
    }

    It 'passes SharedDiskNotClaimed for a claim this node left behind (its process ended): the procedure takes it over' {
        # Above Linux's largest pid (pid_max is at most 2^22): certainly no running process.
        $null = Set-Claim $sim ([Environment]::MachineName) -ProcessId 99999999
        $r = Test-Stopped $sim (Get-AllDisks)
        ($r | Where-Object Check -EQ 'SharedDiskNotClaimed').Detail | Should -BeLike '*ended process of this node*'
    }

    It 'fails SharedDiskNotActiveElsewhere for a VxVM disk group imported on node2, and the procedure imports nothing' {
        $env:ACMSIM_NODE = 'node2'
        try { & vxdg import dg01 | Out-Null } finally { $env:ACMSIM_NODE = $null }
        $r = Test-Stopped $sim (Get-AllDisks)
        $failed = @($r | Where-Object { -not $_.Passed })
        $failed.Check | Should -Be @('SharedDiskNotActiveElsewhere')
        $failed[0].Target | Should -Be 'VxVM:dg01'
        $failed[0].ErrorId | Should -Be 'SharedDiskActiveElsewhere'
        $failed[0].Detail | Should -BeLike '*imported by host node2*'
        $before = @(Get-ChangingCalls $sim).Count
        $e = Invoke-Refusable { Invoke-AcmStoppedClusterBackup -UserApplication $sim.App -LogicalNode $sim.LogicalNode -Device $sim.Volumes[0].Device -SharedDisk (Get-AllDisks) }
        $e.FullyQualifiedErrorId | Should -BeLike 'SharedDiskActiveElsewhere*'
        @(Get-ChangingCalls $sim).Count | Should -Be $before
    }

    It '-WhatIf reports the failed check and runs nothing that changes state' {
        $env:ACMSIM_NODE = 'node2'
        try { & vxdg import dg01 | Out-Null } finally { $env:ACMSIM_NODE = $null }
        $before = @(Get-ChangingCalls $sim).Count
        Invoke-AcmStoppedClusterBackup -UserApplication $sim.App -LogicalNode $sim.LogicalNode -Device $sim.Volumes[0].Device -SharedDisk (Get-AllDisks) -WhatIf -WarningVariable warn -ErrorAction SilentlyContinue -ErrorVariable err 3>$null
        $warn | Where-Object { "$_" -like '*SharedDiskNotActiveElsewhere (VxVM:dg01)*' } | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'PreflightFailed*'
        @(Get-ChangingCalls $sim).Count | Should -Be $before
    }
}
