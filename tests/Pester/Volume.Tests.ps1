BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Add-NativeStubs
}
AfterAll {
    Remove-NativeStubs
    [AcmCluster.Internal.TestHooks]::EtcDirectory = '/etc'
}

Describe 'Dismount-AcmVolume' {
    BeforeEach {
        Mock mount { Get-Fixture 'mount.txt' } -ParameterFilter { $Rest.Count -eq 0 }
        Mock umount { }
    }

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

    It 'does nothing for a mount point that is not mounted, and gives nothing to mount back' {
        $r = Dismount-AcmVolume -MountPoint /mnt/tran9 -WarningVariable warn 3>$null
        $r | Should -BeNullOrEmpty
        $warn | Should -BeLike '*not mounted*'
        Should -Invoke umount -Times 0 -Exactly
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
        @{ Label = 'a control character'; Path = "/mnt/tran1`0" }
    ) {
        { Dismount-AcmVolume -MountPoint $Path -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMountPoint*'
        Should -Invoke mount -Times 0 -Exactly
        Should -Invoke umount -Times 0 -Exactly
    }
}

Describe 'Mount-AcmVolume' {
    BeforeEach {
        Mock mount { } -ParameterFilter { $Rest.Count -eq 0 }
        Mock mount { } -ParameterFilter { $Rest.Count -gt 0 }
        [AcmCluster.Internal.TestHooks]::EtcDirectory = Join-Path $PSScriptRoot '../fixtures'
    }

    It 'mounts what Dismount-AcmVolume returned (pipeline by property name)' {
        Mock mount { Get-Fixture 'mount.txt' } -ParameterFilter { $Rest.Count -eq 0 }
        Mock umount { }
        $r = Dismount-AcmVolume -MountPoint /mnt/tran1 | ForEach-Object {
            Mock mount { } -ParameterFilter { $Rest.Count -eq 0 }
            $_
        } | Mount-AcmVolume
        $r.Mounted | Should -BeTrue
        $r.Changed | Should -BeTrue
        Should -Invoke mount -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-t ext4 -o rw,relatime /dev/sdb1 /mnt/tran1' }
    }

    It 'finds the device in fstab.pcl when -Device is omitted' {
        $r = Mount-AcmVolume -MountPoint /mnt/tran2
        $r.Device | Should -Be '/dev/sdb2'
        Should -Invoke mount -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-t xfs -o noauto,nodev /dev/sdb2 /mnt/tran2' }
    }

    It 'fails with MountEntryNotFound when no table knows the mount point' {
        { Mount-AcmVolume -MountPoint /mnt/nowhere -ErrorAction Stop } | Should -Throw -ErrorId 'MountEntryNotFound*'
    }

    It 'does nothing when the device is already mounted there' {
        Mock mount { Get-Fixture 'mount.txt' } -ParameterFilter { $Rest.Count -eq 0 }
        (Mount-AcmVolume -MountPoint /mnt/tran1 -Device /dev/sdb1).Changed | Should -BeFalse
        Should -Invoke mount -Times 0 -Exactly -ParameterFilter { $Rest.Count -gt 0 }
    }

    It 'refuses when another device is mounted there' {
        Mock mount { Get-Fixture 'mount.txt' } -ParameterFilter { $Rest.Count -eq 0 }
        { Mount-AcmVolume -MountPoint /mnt/tran1 -Device /dev/sdc1 -ErrorAction Stop } | Should -Throw -ErrorId 'MountPointInUse*'
    }

    It 'surfaces a mount failure as MountFailed' {
        Mock mount { Write-Error 'mount: /mnt/tran1: wrong fs type'; $global:LASTEXITCODE = 32 } -ParameterFilter { $Rest.Count -gt 0 }
        { Mount-AcmVolume -MountPoint /mnt/tran1 -Device /dev/sdb1 -ErrorAction Stop } | Should -Throw -ErrorId 'MountFailed*' -ExpectedMessage '*wrong fs type*'
    }

    It '-WhatIf runs no mount' {
        Mount-AcmVolume -MountPoint /mnt/tran1 -Device /dev/sdb1 -WhatIf
        Should -Invoke mount -Times 0 -Exactly -ParameterFilter { $Rest.Count -gt 0 }
    }

    It 'rejects <Label> before any native command' -ForEach @(
        @{ Label = 'a relative device'; Params = @{ MountPoint = '/mnt/tran1'; Device = 'sdb1' }; Id = 'InvalidDevice' },
        @{ Label = 'an option as type'; Params = @{ MountPoint = '/mnt/tran1'; Device = '/dev/sdb1'; FileSystemType = '-o' }; Id = 'InvalidFileSystemType' },
        @{ Label = 'options with a blank'; Params = @{ MountPoint = '/mnt/tran1'; Device = '/dev/sdb1'; Options = 'rw, exec' }; Id = 'InvalidMountOptions' },
        @{ Label = 'a relative mount point'; Params = @{ MountPoint = 'tran1'; Device = '/dev/sdb1' }; Id = 'InvalidMountPoint' }
    ) {
        { Mount-AcmVolume @Params -ErrorAction Stop } | Should -Throw -ErrorId "$Id*"
        Should -Invoke mount -Times 0 -Exactly -ParameterFilter { $true }
    }
}
