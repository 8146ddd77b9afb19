BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Add-NativeStubs
}
AfterAll {
    Remove-NativeStubs
    Set-AcmTestHook -Name EtcDirectory -Value '/etc'
}

Describe 'The mount cmdlets' {
    BeforeEach {
        Reset-MockMounts
        $global:MockPaths = @{}
        Mock findmnt { Get-MockFindmnt }
        Mock stat { Get-StatFixture $Rest }
        Mock umount { Remove-MockMount $Rest }
        Mock mount { Add-MockMount $Rest } -ParameterFilter { $Rest.Count -gt 0 }
        # No fstab.pcl: no cluster resource controls the fixtures' mount points unless a test says so.
        Set-AcmTestHook -Name EtcDirectory -Value (Join-Path $TestDrive 'etc')
    }

    Describe 'Dismount-AcmVolume' {
        It 'unmounts and returns what was mounted' {
            $r = Dismount-AcmVolume -MountPoint /mnt/tran1
            $r | Should -BeOfType ([AcmCluster.VolumeMount])
            $r.Device | Should -Be '/dev/sdb1'
            $r.FileSystemType | Should -Be 'ext4'
            $r.Options | Should -Be 'rw,relatime'
            $r.Mounted | Should -BeFalse
            $r.Changed | Should -BeTrue
            Should -Invoke umount -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '/mnt/tran1' }
        }

        It 'unmounts /mnt/./tran1 as /mnt/tran1 (canonical mount point)' {
            (Dismount-AcmVolume -MountPoint '/mnt/./tran1').MountPoint | Should -Be '/mnt/tran1'
            Should -Invoke umount -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '/mnt/tran1' }
        }

        It 'does nothing for a directory that is not mounted, says so, and returns Changed = $false' {
            $out = Dismount-AcmVolume -MountPoint /mnt/tran9 -Verbose 4>&1
            $r = @($out | Where-Object { $_ -is [AcmCluster.VolumeMount] })
            $r.Count | Should -Be 1
            $r[0].Changed | Should -BeFalse
            $r[0].Mounted | Should -BeFalse
            $r[0].Device | Should -BeNullOrEmpty -Because 'no fstab names /mnt/tran9'
            @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain '/mnt/tran9 exists but nothing is mounted on it; nothing to do.'
            Should -Invoke umount -Times 0 -Exactly
        }

        It 'fails with MountPointNotFound for a path that does not exist, and unmounts nothing' {
            $global:MockPaths['/mnt/tarn1'] = $null
            { Dismount-AcmVolume -MountPoint /mnt/tarn1 -ErrorAction Stop } | Should -Throw -ErrorId 'MountPointNotFound*' -ExpectedMessage '*/mnt/tarn1 does not exist*'
            Should -Invoke umount -Times 0 -Exactly
        }

        It 'refuses a mount path with a symbolic link (MountPointUntrusted)' {
            $global:MockPaths['/mnt/tran1'] = 'a1ff 0'
            { Dismount-AcmVolume -MountPoint /mnt/tran1 -ErrorAction Stop } | Should -Throw -ErrorId 'MountPointUntrusted*' -ExpectedMessage '*symbolic link*'
            Should -Invoke umount -Times 0 -Exactly
        }

        It 'refuses a cluster-controlled file system outside maintenance mode (NotInMaintenance), and -Force unmounts it' {
            $etc = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'etc') -Force
            Copy-Item (Join-Path $PSScriptRoot '../fixtures/fstab.pcl') $etc
            Mock hvdisp { Get-Fixture 'hvdisp-a.txt' }
            { Dismount-AcmVolume -MountPoint /mnt/tran1 -ErrorAction Stop } | Should -Throw -ErrorId 'NotInMaintenance*' -ExpectedMessage "*'app1'*"
            Should -Invoke umount -Times 0 -Exactly
            (Dismount-AcmVolume -MountPoint /mnt/tran1 -Force).Changed | Should -BeTrue
            Should -Invoke umount -Times 1 -Exactly
        }

        It 'unmounts a cluster-controlled file system while its application is in maintenance mode' {
            $etc = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'etc') -Force
            Copy-Item (Join-Path $PSScriptRoot '../fixtures/fstab.pcl') $etc
            Mock hvdisp { Get-Fixture 'hvdisp-a-maintenance.txt' }
            (Dismount-AcmVolume -MountPoint /mnt/tran1).Changed | Should -BeTrue
        }

        It 'names the processes holding a busy file system and kills nothing' {
            Mock umount { Write-Error 'umount: /mnt/tran1: target is busy.'; $global:LASTEXITCODE = 32 }
            Mock fuser { Get-Fixture 'fuser-vm.txt' }
            { Dismount-AcmVolume -MountPoint /mnt/tran1 -ErrorAction Stop } | Should -Throw -ErrorId 'VolumeBusy*' -ExpectedMessage '*PID 4242 (vi*PID 5150 (ora_dbw0*'
            Should -Invoke fuser -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-vm /mnt/tran1' }
        }

        It 'reports other umount failures as DismountFailed' {
            Mock umount { Write-Error 'umount: /mnt/tran1: permission denied'; $global:LASTEXITCODE = 1 }
            { Dismount-AcmVolume -MountPoint /mnt/tran1 -ErrorAction Stop } | Should -Throw -ErrorId 'DismountFailed*'
        }

        It '-WhatIf runs no umount' {
            Dismount-AcmVolume -MountPoint /mnt/tran1 -WhatIf
            Should -Invoke umount -Times 0 -Exactly
        }

        It 'rejects <Label> before any native command' -ForEach @(
            @{ Label = 'a relative path'; Path = 'mnt/tran1' }, @{ Label = 'a .. segment'; Path = '/mnt/../etc' }, @{ Label = 'an option'; Path = '-a' },
            @{ Label = 'a control character'; Path = "/mnt/tran1`0" }, @{ Label = 'the root directory'; Path = '//' }
        ) {
            { Dismount-AcmVolume -MountPoint $Path -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMountPoint*'
            Should -Invoke findmnt -Times 0 -Exactly
            Should -Invoke stat -Times 0 -Exactly
            Should -Invoke umount -Times 0 -Exactly
        }
    }

    Describe 'Mount-AcmVolume' {
        BeforeEach {
            Set-AcmTestHook -Name EtcDirectory -Value (Join-Path $PSScriptRoot '../fixtures')
        }

        It 'mounts what Dismount-AcmVolume returned (pipeline by property name), and checks the mount table afterwards' {
            $r = Dismount-AcmVolume -MountPoint /mnt/tran1 | Mount-AcmVolume
            $r.Mounted | Should -BeTrue
            $r.Changed | Should -BeTrue
            Should -Invoke mount -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-t ext4 -o rw,relatime /dev/sdb1 /mnt/tran1' }
            @($global:MockMounts | Where-Object target -EQ '/mnt/tran1').source | Should -Be '/dev/sdb1'
        }

        It 'finds the device in fstab.pcl when -Device is omitted' {
            Remove-MockMount @('/mnt/tran2')
            $r = Mount-AcmVolume -MountPoint /mnt/tran2
            $r.Device | Should -Be '/dev/sdb2'
            Should -Invoke mount -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-t xfs -o noauto,nodev /dev/sdb2 /mnt/tran2' }
        }

        It 'fails with MountEntryNotFound when no table knows the mount point' {
            { Mount-AcmVolume -MountPoint /mnt/nowhere -ErrorAction Stop } | Should -Throw -ErrorId 'MountEntryNotFound*'
        }

        It 'fails with MountPointNotFound for a path that does not exist, and mounts nothing' {
            $global:MockPaths['/mnt/tran3'] = $null
            { Mount-AcmVolume -MountPoint /mnt/tran3 -Device /dev/sdb2 -ErrorAction Stop } | Should -Throw -ErrorId 'MountPointNotFound*'
            Should -Invoke mount -Times 0 -Exactly -ParameterFilter { $Rest.Count -gt 0 }
        }

        It 'does nothing when the device is already mounted there, under any of its names' {
            (Mount-AcmVolume -MountPoint /mnt/tran1 -Device /dev/sdb1).Changed | Should -BeFalse
            (Mount-AcmVolume -MountPoint /mnt/tran2 -Device /dev/dm-2).Changed | Should -BeFalse
            Should -Invoke mount -Times 0 -Exactly -ParameterFilter { $Rest.Count -gt 0 }
        }

        It 'refuses a second mount over another device (MountPointInUse)' {
            { Mount-AcmVolume -MountPoint /mnt/tran1 -Device /dev/sdc1 -ErrorAction Stop } | Should -Throw -ErrorId 'MountPointInUse*' -ExpectedMessage '*/dev/sdb1*'
            Should -Invoke mount -Times 0 -Exactly -ParameterFilter { $Rest.Count -gt 0 }
        }

        It 'refuses to mount a device that is mounted elsewhere (VolumeMismatch)' {
            { Mount-AcmVolume -MountPoint /mnt/tran3 -Device /dev/sdb1 -ErrorAction Stop } | Should -Throw -ErrorId 'VolumeMismatch*' -ExpectedMessage '*already mounted on /mnt/tran1*'
            Should -Invoke mount -Times 0 -Exactly -ParameterFilter { $Rest.Count -gt 0 }
        }

        It 'unmounts again and fails when the mount table does not show the device afterwards (MountVerificationFailed)' {
            # A stacked mount lands on top: what root mounted is not what the path shows.
            Mock mount { Add-MockMount $Rest; $global:MockMounts.Add([pscustomobject]@{ target = '/mnt/tran3'; source = '/tmp/x#x'; 'maj:min' = '0:77'; fstype = 'fuse'; options = 'rw' }) } -ParameterFilter { $Rest.Count -gt 0 }
            { Mount-AcmVolume -MountPoint /mnt/tran3 -Device /dev/sdc1 -ErrorAction Stop } | Should -Throw -ErrorId 'MountVerificationFailed*'
            Should -Invoke umount -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '/mnt/tran3' }
        }

        It 'surfaces a mount failure as MountFailed' {
            Mock mount { Write-Error 'mount: /mnt/tran3: wrong fs type'; $global:LASTEXITCODE = 32 } -ParameterFilter { $Rest.Count -gt 0 }
            { Mount-AcmVolume -MountPoint /mnt/tran3 -Device /dev/sdc1 -ErrorAction Stop } | Should -Throw -ErrorId 'MountFailed*' -ExpectedMessage '*wrong fs type*'
        }

        It '-WhatIf runs no mount' {
            Mount-AcmVolume -MountPoint /mnt/tran3 -Device /dev/sdc1 -WhatIf
            Should -Invoke mount -Times 0 -Exactly -ParameterFilter { $Rest.Count -gt 0 }
        }

        It 'rejects <Label> before any native command' -ForEach @(
            @{ Label = 'a relative device'; Params = @{ MountPoint = '/mnt/tran1'; Device = 'sdb1' }; Id = 'InvalidDevice' },
            @{ Label = 'an option as type'; Params = @{ MountPoint = '/mnt/tran1'; Device = '/dev/sdb1'; FileSystemType = '-o' }; Id = 'InvalidFileSystemType' },
            @{ Label = 'options with a blank'; Params = @{ MountPoint = '/mnt/tran1'; Device = '/dev/sdb1'; Options = 'rw, exec' }; Id = 'InvalidMountOptions' },
            @{ Label = 'a relative mount point'; Params = @{ MountPoint = 'tran1'; Device = '/dev/sdb1' }; Id = 'InvalidMountPoint' },
            @{ Label = 'the root directory'; Params = @{ MountPoint = '/'; Device = '/dev/sdb1' }; Id = 'InvalidMountPoint' }
        ) {
            { Mount-AcmVolume @Params -ErrorAction Stop } | Should -Throw -ErrorId "$Id*"
            Should -Invoke mount -Times 0 -Exactly -ParameterFilter { $true }
            Should -Invoke stat -Times 0 -Exactly
        }
    }
}
