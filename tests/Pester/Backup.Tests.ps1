BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Add-NativeStubs
}
AfterAll { Remove-NativeStubs }

Describe 'Invoke-AcmBackup' {
    BeforeEach {
        # Mounted nowhere: every copy first reads the mount table by device number (issue 12).
        Mock findmnt { '{"filesystems": []}' }
        Mock stat { Get-StatFixture $Rest }
        $env:SWSTGNODE = $null
        Mock swstbackup { "$($Rest[-1]) swstbackup completed"; "SWSTGNODE=$env:SWSTGNODE" }
    }
    AfterEach { $env:SWSTGNODE = $null }

    It 'backs up each device and gives SWSTGNODE to the child only' {
        $r = Invoke-AcmBackup -Device /dev/sdb1, /dev/sdb2 -LogicalNode nodeA
        $r | Should -HaveCount 2
        $r[0] | Should -BeOfType ([AcmCluster.AcmOperationResult])
        $r.Completed | Should -Be @($true, $true)
        $r[0].LogicalNode | Should -Be 'nodeA'
        $r[0].Command | Should -Be 'SWSTGNODE=nodeA swstbackup /dev/sdb1'
        $r[0].NativeCommand.Output | Should -Contain 'SWSTGNODE=nodeA'
        $env:SWSTGNODE | Should -BeNullOrEmpty
        Should -Invoke swstbackup -Times 2 -Exactly
    }

    It 'takes the logical node from $env:SWSTGNODE and leaves it as it was' {
        $env:SWSTGNODE = 'nodeB'
        (Invoke-AcmBackup -Device /dev/sdb1).LogicalNode | Should -Be 'nodeB'
        $env:SWSTGNODE | Should -Be 'nodeB'
    }

    It 'binds devices from the pipeline by value and by property name' {
        ('/dev/sdb1' | Invoke-AcmBackup).Device | Should -Be '/dev/sdb1'
        ([pscustomobject]@{ Device = '/dev/sdb2' } | Invoke-AcmBackup).Device | Should -Be '/dev/sdb2'
    }

    It 'passes -suspend and -T' {
        Invoke-AcmBackup -Device /dev/sdb1 -Suspend | Out-Null
        Invoke-AcmBackup -Device /dev/sdb1 -Differential | Out-Null
        Should -Invoke swstbackup -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-suspend /dev/sdb1' }
        Should -Invoke swstbackup -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-T /dev/sdb1' }
    }

    It 'refuses -Suspend with -Differential' {
        { Invoke-AcmBackup -Device /dev/sdb1 -Suspend -Differential -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }

    It 'fails with BackupFailed quoting the swst message' {
        Mock swstbackup { Write-Error 'swstbackup: ERROR: swst0634 The backup could not be executed.'; $global:LASTEXITCODE = 2 }
        $err = $null
        try { Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode nodeA } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'BackupFailed*'
        $err.Exception.Message | Should -BeLike '*swst0634*'
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*swst0634*'
    }

    It '-WhatIf runs no swstbackup' {
        Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode nodeA -WhatIf
        Should -Invoke swstbackup -Times 0 -Exactly
    }

    It 'rejects <Label> before any native command' -ForEach @(
        @{ Label = 'a relative device'; Params = @{ Device = 'sdb1' }; Id = 'InvalidDevice' },
        @{ Label = 'an option as device'; Params = @{ Device = '-h' }; Id = 'InvalidDevice' },
        @{ Label = 'a .. segment'; Params = @{ Device = '/dev/../etc/passwd' }; Id = 'InvalidDevice' },
        @{ Label = 'a metacharacter device'; Params = @{ Device = '/dev/sdb1;id' }; Id = 'InvalidDevice' },
        @{ Label = 'a bad logical node'; Params = @{ Device = '/dev/sdb1'; LogicalNode = '-x' }; Id = 'InvalidName' },
        @{ Label = 'one bad device among good ones'; Params = @{ Device = '/dev/sdb1', 'x' }; Id = 'InvalidDevice' }
    ) {
        { Invoke-AcmBackup @Params -ErrorAction Stop } | Should -Throw -ErrorId "$Id*"
        Should -Invoke swstbackup -Times 0 -Exactly
    }
}

Describe 'Invoke-AcmRestore' {
    BeforeEach {
        # Mounted nowhere: every copy first reads the mount table by device number (issue 12).
        Mock findmnt { '{"filesystems": []}' }
        Mock stat { Get-StatFixture $Rest }
        Mock swstrestore { "$($Rest[-1]) swstrestore completed" }
    }

    It 'restores the newest generation with -Confirm:$false' {
        $r = Invoke-AcmRestore -Device /dev/sdb1 -LogicalNode nodeA -Confirm:$false
        $r.Operation | Should -Be 'Restore'
        $r.Completed | Should -BeTrue
        Should -Invoke swstrestore -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '/dev/sdb1' }
    }

    It 'passes -g, -v and -r' {
        Invoke-AcmRestore -Device /dev/sdb1 -Generation 2 -RestoreDevice /dev/sdz1 -Confirm:$false | Out-Null
        Invoke-AcmRestore -Device /dev/sdb1 -Version 9 -Confirm:$false | Out-Null
        Should -Invoke swstrestore -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-g 2 -r /dev/sdz1 /dev/sdb1' }
        Should -Invoke swstrestore -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-v 9 /dev/sdb1' }
    }

    It 'restores a generation piped from Get-AcmBackupHistory' {
        Mock swsthistdisp { Get-Fixture 'swsthistdisp.txt' }
        Get-AcmBackupHistory -Device /dev/sdb6 | Where-Object Generation -EQ 2 | Invoke-AcmRestore -Confirm:$false | Out-Null
        Should -Invoke swstrestore -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-g 2 /dev/sdb6' }
    }

    It 'is High impact: fails fast without -Confirm:$false in a session that cannot prompt' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:ACMCLUSTER_TEST_MODULE'; function swstrestore { 'ran' }; Invoke-AcmRestore -Device /dev/sdb1")
            $out = $ps.Invoke()
            $out | Should -BeNullOrEmpty
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'ConfirmationRequired*'
            $ps.Streams.Error[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Confirm:$false*'
        }
        finally { $ps.Dispose() }
    }

    It 'fails with RestoreFailed' {
        Mock swstrestore { Write-Error 'swstrestore: ERROR: swst0640 no history'; $global:LASTEXITCODE = 1 }
        { Invoke-AcmRestore -Device /dev/sdb1 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'RestoreFailed*' -ExpectedMessage '*swst0640*'
    }

    It '-WhatIf runs no swstrestore' {
        Invoke-AcmRestore -Device /dev/sdb1 -WhatIf
        Should -Invoke swstrestore -Times 0 -Exactly
    }

    It 'rejects bad input before any native command' {
        { Invoke-AcmRestore -Device /dev/sdb1 -RestoreDevice 'rel' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDevice*'
        { Invoke-AcmRestore -Device /dev/sdb1 -Generation 0 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Should -Invoke swstrestore -Times 0 -Exactly
    }
}

Describe 'Get-AcmBackupHistory' {
    It 'parses generations with dates' {
        Mock swsthistdisp { Get-Fixture 'swsthistdisp.txt' }
        $h = Get-AcmBackupHistory -Device /dev/sdb6 -LogicalNode nodeA
        $h | Should -HaveCount 2
        $h[0] | Should -BeOfType ([AcmCluster.BackupHistory])
        $h[0].Device | Should -Be '/dev/sdb6'
        $h[0].MountPoint | Should -Be '/mnt/tran1'
        $h[0].Generation | Should -Be 1
        $h[0].Version | Should -Be 10
        $h[0].BackupDate | Should -Be ([datetime]'2026-11-12 22:00')
        $h[0].BackupDevice | Should -Be '/dev/sdd6'
        $h[1].Progress | Should -Be 75
        Should -Invoke swsthistdisp -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '/dev/sdb6' }
    }

    It 'quotes an unreadable line' {
        Mock swsthistdisp { 'Server=SV1 Device=/dev/sdb6 Mount-Point=/mnt/tran1 (ext4)'; 'Generation Version Backup-Date Backup-Device Status Execute'; '1 10 yesterday /dev/sdd6 succeeded ----' }
        { Get-AcmBackupHistory -ErrorAction Stop } | Should -Throw -ErrorId 'NativeOutputUnrecognized*' -ExpectedMessage '*yesterday*'
    }

    It 'fails with GetBackupHistoryFailed' {
        Mock swsthistdisp { Write-Error 'swsthistdisp: ERROR: swst0601 not root'; $global:LASTEXITCODE = 1 }
        { Get-AcmBackupHistory -ErrorAction Stop } | Should -Throw -ErrorId 'GetBackupHistoryFailed*'
    }

    It 'rejects a bad device before any native command' {
        Mock swsthistdisp { }
        { Get-AcmBackupHistory -Device '-h' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDevice*'
        Should -Invoke swsthistdisp -Times 0 -Exactly
    }
}

Describe 'Invoke-AcmBackup and Invoke-AcmRestore -MountPoint (issue 12: never copy a mounted volume)' {
    BeforeEach {
        Reset-MockMounts
        Mock findmnt { Get-MockFindmnt }
        Mock stat { Get-StatFixture $Rest }
        Mock swstbackup { "$($Rest[-1]) swstbackup completed" }
        Mock swstrestore { "$($Rest[-1]) swstrestore completed" }
    }

    It '<Command> refuses a device still mounted (under another name too) with VolumeStillMounted, and copies nothing' -ForEach @(
        @{ Command = 'Invoke-AcmBackup'; Device = '/dev/sdb1' }
        @{ Command = 'Invoke-AcmBackup'; Device = '/dev/dm-2' }
        @{ Command = 'Invoke-AcmRestore'; Device = '/dev/sdb1' }
    ) {
        $extra = if ($Command -eq 'Invoke-AcmRestore') { @{ Confirm = $false } } else { @{} }
        { & $Command -Device $Device -MountPoint /mnt/tran1 -LogicalNode nodeA -ErrorAction Stop @extra } | Should -Throw -ErrorId 'VolumeStillMounted*' -ExpectedMessage "*$Device is still mounted on *"
        Should -Invoke swstbackup -Times 0 -Exactly
        Should -Invoke swstrestore -Times 0 -Exactly
    }

    It 'copies a device that is mounted nowhere' {
        Remove-MockMount @('/mnt/tran1')
        (Invoke-AcmBackup -Device /dev/sdb1 -MountPoint /mnt/tran1 -LogicalNode nodeA).Completed | Should -BeTrue
        Should -Invoke swstbackup -Times 1 -Exactly
    }

    It 'without -MountPoint leaves a mounted device that no cluster resource mounts to ACM (its pre-processing script decides)' {
        (Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode nodeA).Completed | Should -BeTrue
        Should -Invoke findmnt -Times 1 -Exactly
        Should -Invoke swstbackup -Times 1 -Exactly
    }

    It 'without -MountPoint refuses <Command> of a mounted cluster transaction volume (an fstab.pcl Fsystem line, by device number)' -ForEach @(
        @{ Command = 'Invoke-AcmBackup'; Device = '/dev/sdb1' }
        @{ Command = 'Invoke-AcmBackup'; Device = '/dev/dm-2' }
        @{ Command = 'Invoke-AcmRestore'; Device = '/dev/sdb1' }
    ) {
        $etc = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'etc') -Force
        Copy-Item (Join-Path $PSScriptRoot '../fixtures/fstab.pcl') $etc
        Set-AcmTestHook -Name EtcDirectory -Value $etc.FullName
        try {
            $extra = if ($Command -eq 'Invoke-AcmRestore') { @{ Confirm = $false } } else { @{} }
            { & $Command -Device $Device -LogicalNode nodeA -ErrorAction Stop @extra } | Should -Throw -ErrorId 'VolumeStillMounted*' -ExpectedMessage "*$Device is still mounted on *"
        }
        finally { Set-AcmTestHook -Name EtcDirectory -Value '/etc' }
        Should -Invoke swstbackup -Times 0 -Exactly
        Should -Invoke swstrestore -Times 0 -Exactly
    }
}
