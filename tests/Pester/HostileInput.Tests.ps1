# Hostile and wrong input for every cmdlet: each ends in a clear error with a stable id before any
# native command runs (the simulator's call log stays empty), or, where only the cluster can judge,
# with nothing changed.
BeforeDiscovery {
    $hostile = @(
        @{ Label = 'an option'; Value = '-M' }
        @{ Label = 'a long option'; Value = '--help' }
        @{ Label = 'shell metacharacters'; Value = 'a;rm -rf /' }
        @{ Label = 'a command substitution'; Value = '$(id)' }
        @{ Label = 'backticks'; Value = '`id`' }
        @{ Label = 'a Cyrillic look-alike'; Value = 'аpp1' }
        @{ Label = 'white space'; Value = '   ' }
        @{ Label = 'a 10000-character value'; Value = ('a' * 10000) }
        @{ Label = 'a relative path'; Value = 'dev/sdb1' }
        @{ Label = 'a .. segment'; Value = '/dev/../etc/passwd' }
        @{ Label = 'a newline'; Value = "/dev/sdb1`nid" }
        @{ Label = 'an empty string'; Value = '' }
    )
    # Each cmdlet with valid arguments and the parameters to poison one at a time.
    $targets = @(
        @{ Command = 'Get-AcmClusterApplication'; Arguments = @{ Name = 'app1' }; Poison = @('Name') }
        @{ Command = 'Enter-AcmMaintenance'; Arguments = @{ UserApplication = 'app1' }; Poison = @('UserApplication') }
        @{ Command = 'Exit-AcmMaintenance'; Arguments = @{ UserApplication = 'app1' }; Poison = @('UserApplication') }
        @{ Command = 'Wait-AcmResourceState'; Arguments = @{ Resource = 'Fsystem_tran1'; State = 'Online'; SettleTime = 0 }; Poison = @('Resource') }
        @{ Command = 'Dismount-AcmVolume'; Arguments = @{ MountPoint = '/mnt/tran1' }; Poison = @('MountPoint') }
        @{ Command = 'Mount-AcmVolume'; Arguments = @{ MountPoint = '/mnt/tran1'; Device = '/dev/sdb1' }; Poison = @('MountPoint', 'Device', 'FileSystemType', 'Options') }
        @{ Command = 'Invoke-AcmBackup'; Arguments = @{ Device = '/dev/sdb1'; LogicalNode = 'nodeA' }; Poison = @('Device', 'LogicalNode') }
        @{ Command = 'Invoke-AcmRestore'; Arguments = @{ Device = '/dev/sdb1'; LogicalNode = 'nodeA'; Confirm = $false }; Poison = @('Device', 'LogicalNode', 'RestoreDevice') }
        @{ Command = 'Start-AcmSync'; Arguments = @{ Device = '/dev/sdb1'; LogicalNode = 'nodeA' }; Poison = @('Device', 'LogicalNode') }
        @{ Command = 'Stop-AcmSync'; Arguments = @{ Device = '/dev/sdb1'; LogicalNode = 'nodeA' }; Poison = @('Device', 'LogicalNode') }
        @{ Command = 'Get-AcmSyncStatus'; Arguments = @{ Device = '/dev/sdb1'; LogicalNode = 'nodeA' }; Poison = @('Device', 'LogicalNode') }
        @{ Command = 'Wait-AcmSyncEquivalent'; Arguments = @{ Device = '/dev/sdb1'; LogicalNode = 'nodeA'; Timeout = 0 }; Poison = @('Device', 'LogicalNode') }
        @{ Command = 'Get-AcmBackupHistory'; Arguments = @{ Device = '/dev/sdb1'; LogicalNode = 'nodeA' }; Poison = @('Device', 'LogicalNode') }
        @{ Command = 'New-AcmVolume'; Arguments = @{ Device = '/dev/sdb1'; Resource = 'Fsystem_tran1'; MountPoint = '/mnt/tran1' }; Poison = @('Device', 'Resource', 'MountPoint') }
        @{ Command = 'Invoke-AcmClusterBackup'; Arguments = @{ UserApplication = 'app1'; Device = '/dev/sdb1'; Resource = 'Fsystem_tran1'; MountPoint = '/mnt/tran1'; LogicalNode = 'nodeA'; NoScriptWarning = $true }; Poison = @('UserApplication', 'Device', 'Resource', 'MountPoint', 'LogicalNode') }
        @{ Command = 'Invoke-AcmClusterRestore'; Arguments = @{ UserApplication = 'app1'; Device = '/dev/sdb1'; Resource = 'Fsystem_tran1'; MountPoint = '/mnt/tran1'; LogicalNode = 'nodeA'; NoScriptWarning = $true; Confirm = $false }; Poison = @('UserApplication', 'Device', 'Resource', 'MountPoint', 'LogicalNode', 'RestoreDevice') }
        @{ Command = 'Resume-AcmProcedure'; Arguments = @{ Id = 'x'; Confirm = $false }; Poison = @('Id') }
        @{ Command = 'New-AcmGenericCluster'; Arguments = @{ GetStateScript = { } }; Poison = @('Name') }
    )
    $cases = foreach ($t in $targets) {
        foreach ($p in $t.Poison) {
            foreach ($h in $hostile) {
                # Mount options may legitimately contain '/' and '.', and an empty type or options means "not given".
                if ($p -in 'Options', 'FileSystemType' -and $h.Label -in 'a relative path', 'a .. segment', 'an empty string') { continue }
                @{ Command = $t.Command; Arguments = $t.Arguments; Parameter = $p; Label = $h.Label; Value = $h.Value }
            }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:sim = New-SimCluster -Interval 0.3
    $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
    # Ids the module gives, and the ones PowerShell's own binder gives for an empty mandatory string.
    $script:StableIds = 'InvalidName', 'InvalidDevice', 'InvalidMountPoint', 'InvalidFileSystemType', 'InvalidMountOptions', 'InvalidVolume',
        'ParameterArgumentValidationErrorEmptyStringNotAllowed', 'ParameterArgumentValidationErrorNullNotAllowed'
}

AfterAll {
    Remove-SimCluster $sim
    $env:ACMCLUSTER_STATE_DIR = $null
}

Describe 'Hostile input' {
    It '<Command> -<Parameter> with <Label> fails with a stable id before any native command' -ForEach $cases {
        $before = @(Get-SimCalls $sim).Count
        $arguments = $Arguments.Clone()
        $arguments[$Parameter] = $Value
        $err = $null
        try { & $Command @arguments -ErrorAction Stop | Out-Null } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty -Because "'$Label' must be refused"
        ($err.FullyQualifiedErrorId -split ',')[0] | Should -BeIn $StableIds
        $err.Exception.Message.Length | Should -BeLessThan 400 -Because 'a 10000-character value is not echoed whole'
        @(Get-SimCalls $sim).Count | Should -Be $before -Because 'nothing may run before validation'
    }
}

Describe 'Wrong input only the cluster can judge leaves the cluster untouched' {
    BeforeEach { $script:before = @(Get-SimCalls $sim).Count }

    It '<Label>' -ForEach @(
        @{ Label = 'an unknown userApplication'; Script = { Enter-AcmMaintenance -UserApplication app9 -ErrorAction Stop }; Id = 'ClusterApplicationNotFound' }
        @{ Label = 'an unknown resource'; Script = { Wait-AcmResourceState -Resource Fsystem_none -State Online -SettleTime 0 -Timeout 2 -ErrorAction Stop }; Id = 'ResourceNotFound' }
        @{ Label = 'a device ACM does not know'; Script = { Invoke-AcmBackup -Device /dev/sdz9 -LogicalNode nodeA -ErrorAction Stop }; Id = 'BackupFailed'; Judge = 'swstbackup /dev/sdz9' }
        @{ Label = 'a device ACM does not know, in a procedure'; Script = { Invoke-AcmClusterBackup -UserApplication app1 -Device /dev/sdz9 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode nodeA -NoScriptWarning -ErrorAction Stop }; Id = 'DeviceNotRegistered' }
        @{ Label = 'a mount point that does not exist'; Script = { Mount-AcmVolume -MountPoint /mnt/nowhere -ErrorAction Stop }; Id = 'MountPointNotFound' }
        @{ Label = 'a mount point that does not exist, unmounted'; Script = { Dismount-AcmVolume -MountPoint /mnt/tarn1 -ErrorAction Stop }; Id = 'MountPointNotFound' }
        @{ Label = 'a device mounted over another one'; Script = { Mount-AcmVolume -MountPoint /mnt/tran1 -Device /dev/sdb2 -ErrorAction Stop }; Id = 'MountPointInUse' }
        @{ Label = 'a cluster file system unmounted outside maintenance mode'; Script = { Set-AcmTestHook -Name EtcDirectory -Value (Join-Path $sim.StateDir 'etc'); try { Dismount-AcmVolume -MountPoint /mnt/tran1 -ErrorAction Stop } finally { Set-AcmTestHook -Name EtcDirectory -Value '/etc' } }; Id = 'NotInMaintenance' }
        # After switching back, the detector sees the remounted file systems only at its next tick.
        @{ Label = 'a userApplication not Online on this node'; Script = { & hvswitch app1 node2RMS | Out-Null; try { Invoke-AcmClusterBackup -UserApplication app1 -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode nodeA -NoScriptWarning -ErrorAction Stop } finally { & hvswitch app1 node1RMS | Out-Null; Start-Sleep -Seconds 1 } }; Id = 'NotActiveNode' }
    ) {
        { & $Script } | Should -Throw -ErrorId "$Id*"
        # The one call that asks the cluster (and is refused by it) is allowed; nothing else that changes state.
        Get-SimCalls $sim | Select-Object -Skip $before | Where-Object { $_ -ne $Judge -and $_ -match '^(hvutil|umount|swstbackup|swstrestore|swststartsync|swstcancelsync|mount \S)' } |
            Should -BeNullOrEmpty -Because 'nothing may change'
        $local = Get-AcmClusterApplication app1 | Where-Object IsLocal
        $local.State | Should -Be 'Online'
        $local.InMaintenance | Should -BeFalse
    }
}
