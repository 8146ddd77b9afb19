# Issue 14: one vocabulary across cmdlets (about_AcmCluster, "Vocabulary"), read the way Ansible and
# scripts read it: through plain ConvertTo-Json. And the errors users expect: a -Timeout shorter than
# -SettleTime refused before anything runs, a confirmation that names what it confirms, after the checks.
BeforeDiscovery {
    Import-Module $env:ACMCLUSTER_TEST_MODULE -Force
    $timing = foreach ($c in Get-Command -Module AcmCluster) {
        foreach ($p in 'Timeout', 'SettleTime', 'PollInterval') {
            if ($c.Parameters.ContainsKey($p)) { @{ Command = $c.Name; Parameter = $p } }
        }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:Interval = 0.3

    # The JSON document as Ansible gets it: plain ConvertTo-Json, read back without PowerShell's type adapters.
    function ConvertTo-Document($InputObject) { $InputObject | ConvertTo-Json -Depth 6 -Compress }

    function Get-Changing($Sim) { Get-SimCalls $Sim | Where-Object { $_ -notmatch '^(hvdisp|mount$|swstsyncstat|swsthistdisp|fuser|findmnt|stat)( |$)' } }
}

Describe 'JSON of every result type (one vocabulary)' {
    BeforeAll {
        $script:sim = New-SimCluster -Interval $Interval -SyncTime 0.6
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        $v = $sim.Volumes
        $script:backup = Invoke-AcmClusterBackup -UserApplication $sim.App -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint `
            -LogicalNode $sim.LogicalNode -SettleTime $Interval -PollInterval 0.1 -Timeout 5.5 -NoScriptWarning
    }
    AfterAll { Remove-SimCluster $sim; $env:ACMCLUSTER_STATE_DIR = $null }

    It 'ProcedureResult: DurationSeconds a number (no TimeSpan), steps too, ClusterType a name' {
        $backup.Succeeded | Should -BeTrue -Because ($backup.Error)
        $json = ConvertTo-Document $backup
        $json | Should -Match '"DurationSeconds":[0-9.]+,'
        $json | Should -Not -Match '"Duration"|TotalSeconds|"Ticks"'
        $json | Should -Match '"ClusterType":"PRIMECLUSTER"'
        $doc = $json | ConvertFrom-Json
        $doc.Steps.DurationSeconds | ForEach-Object { $_ | Should -BeOfType ([double]) }
        $doc.Steps.Status | Select-Object -Unique | Should -BeExactly 'Succeeded'
    }

    It '-Device, -Resource and -MountPoint took lists: both volumes were backed up in one procedure' {
        $backup.Devices | Should -Be @($sim.Volumes.Device)
        Get-Changing $sim | Where-Object { $_ -like 'swstbackup *' } | Sort-Object | Should -Be @($sim.Volumes.Device | ForEach-Object { "swstbackup $_" })
    }

    It 'ClusterApplication: ClusterType is the name, not 0' {
        $json = ConvertTo-Document (Get-AcmClusterApplication -Name $sim.App)
        $json | Should -Match '"ClusterType":"PRIMECLUSTER"'
        $json | Should -Not -Match '"ClusterType":\d'
    }

    It 'MaintenanceResult: ClusterType is the name; the native command''s DurationSeconds a number' {
        $entered = Enter-AcmMaintenance -UserApplication $sim.App -Confirm:$false
        $left = Exit-AcmMaintenance -UserApplication $sim.App -Confirm:$false
        foreach ($r in $entered, $left) {
            $json = ConvertTo-Document $r
            $json | Should -Match '"ClusterType":"PRIMECLUSTER"'
            $json | Should -Match '"NativeCommand":\{[^}]*"DurationSeconds":[0-9.]+'
        }
    }

    It 'BackupHistory: Status in PascalCase, ACM''s word in RawStatus' {
        $h = @(Get-AcmBackupHistory -Device $sim.Volumes[0].Device -LogicalNode $sim.LogicalNode)
        $h | Should -Not -BeNullOrEmpty
        $doc = ConvertTo-Document $h[0] | ConvertFrom-Json
        $doc.Status | Should -BeExactly 'Succeeded'
        $doc.RawStatus | Should -BeExactly 'succeeded'
        $doc.BackupDevice | Should -Match '^/dev/'
    }

    It 'SyncStatus: Device and BackupDevice (no TransactionDisk/BackupDisk), Status in PascalCase, ACM''s word in RawStatus' {
        $device = $sim.Volumes[0].Device
        $null = Start-AcmSync -Device $device -LogicalNode $sim.LogicalNode -Confirm:$false
        try {
            $row = Wait-AcmSyncEquivalent -Device $device -LogicalNode $sim.LogicalNode -Timeout 10.5 -PollInterval 0.1
            $json = ConvertTo-Document $row
            $json | Should -Not -Match 'TransactionDisk|BackupDisk'
            $doc = $json | ConvertFrom-Json
            $doc.Device | Should -Be $device
            $doc.BackupDevice | Should -Match '^/dev/'
            $doc.Status | Should -BeExactly 'Equivalent'
            $doc.RawStatus | Should -BeExactly 'equivalent'
        }
        finally {
            $null = Stop-AcmSync -Device $device -LogicalNode $sim.LogicalNode -Confirm:$false
        }
    }

    It 'ResourceStateResult: ElapsedSeconds a number' {
        $r = Wait-AcmResourceState -Resource $sim.Volumes[0].Resource -State Online -SettleTime 0.1 -Timeout 5.5 -PollInterval 0.1
        $json = ConvertTo-Document $r
        $json | Should -Match '"ElapsedSeconds":[0-9.]+'
        $json | Should -Not -Match '"Elapsed":'
    }
}

Describe 'SharedDisk: Kind a name; -GdsVolume, and -Volume as its old name' {
    It 'writes Kind as a name and GdsVolume' {
        $doc = ConvertTo-Document (New-AcmSharedDisk -Gds -Class class0001 -GdsVolume vol0001) | ConvertFrom-Json
        $doc.Kind | Should -BeExactly 'Gds'
        $doc.GdsVolume | Should -Be 'vol0001'
        (ConvertTo-Document (New-AcmSharedDisk -Lvm -VolumeGroup vg01)) | Should -Match '"Kind":"Lvm"'
    }

    It 'still binds -Volume (alias for one release)' {
        (New-AcmSharedDisk -Gds -Class class0001 -Volume vol0002).GdsVolume | Should -Be 'vol0002'
    }
}

Describe 'Timing parameters: double seconds everywhere' {
    It '<Command> -<Parameter> is a double' -ForEach $timing {
        (Get-Command $Command).Parameters[$Parameter].ParameterType | Should -Be ([double])
    }

    It 'still binds -TimeoutSec (the old alias)' {
        (Get-Command Wait-AcmSyncEquivalent).Parameters['Timeout'].Aliases | Should -Contain 'TimeoutSec'
    }
}

Describe 'Errors where PowerShell users expect them' {
    BeforeEach {
        $script:sim = New-SimCluster -Interval $Interval -SyncTime 0.6
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        $script:volumes = @($sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint })
    }
    AfterEach { Remove-SimCluster $sim; $env:ACMCLUSTER_STATE_DIR = $null }

    It '<Name> refuses -Timeout below -SettleTime (TimeoutBelowSettleTime) before any native command' -ForEach @(
        @{ Name = 'Invoke-AcmClusterBackup'; Run = { Invoke-AcmClusterBackup -UserApplication app1 -Volume $volumes -LogicalNode nodeA -Timeout 1 -NoScriptWarning -ErrorAction Stop } }
        @{ Name = 'Invoke-AcmClusterRestore'; Run = { Invoke-AcmClusterRestore -UserApplication app1 -Volume $volumes -LogicalNode nodeA -Timeout 2.5 -SettleTime 3 -Confirm:$false -ErrorAction Stop } }
        @{ Name = 'Wait-AcmResourceState'; Run = { Wait-AcmResourceState -Resource $sim.Volumes[0].Resource -State Online -Timeout 0.5 -SettleTime 1 -ErrorAction Stop } }
    ) {
        $Run | Should -Throw -ErrorId 'TimeoutBelowSettleTime*' -ExpectedMessage '*shorter than -SettleTime*'
        try { & $Run } catch { $_.CategoryInfo.Category | Should -Be 'InvalidArgument' }
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }

    It 'accepts -Timeout -1 (no limit) with any -SettleTime: the next check (the name) is the one that refuses' {
        { Wait-AcmResourceState -Resource '-x' -State Online -Timeout -1 -SettleTime 1000 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName*'
    }

    It 'the confirmation names action, application, devices and generation' {
        $null = Invoke-AcmClusterBackup -UserApplication app1 -Volume $volumes -LogicalNode nodeA -SettleTime $Interval -PollInterval 0.1 -NoScriptWarning
        # With -Verbose and no prompt, ShouldProcess writes the text it confirms to the verbose stream.
        $out = Invoke-AcmClusterRestore -UserApplication app1 -Volume $volumes -LogicalNode nodeA -Generation 1 -SettleTime $Interval -PollInterval 0.1 `
            -NoScriptWarning -Confirm:$false -Verbose 4>&1
        $confirm = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Restore of *' })
        $confirm | Should -HaveCount 1
        $confirm[0].Message | Should -BeLike "Restore of userApplication 'app1' (/dev/sdb1, /dev/sdb2), generation 1, * steps"
        ($out | Where-Object { $_ -is [AcmCluster.ProcedureResult] }).Succeeded | Should -BeTrue
    }

    It 'the confirmation comes after the checks: a device ACM does not know is refused without it' {
        $out = [System.Collections.Generic.List[object]]::new()
        $failed = $null
        try { & { Invoke-AcmClusterRestore -UserApplication app1 -Volume $volumes -LogicalNode nodeB -NoScriptWarning -Confirm:$false -Verbose } 4>&1 | ForEach-Object { $out.Add($_) } }
        catch { $failed = $_ }
        $failed.FullyQualifiedErrorId | Should -BeLike 'DeviceNotRegistered*'
        $out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Running: *swsthistdisp*' } | Should -Not -BeNullOrEmpty -Because 'the checks ran'
        $out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Restore of *' } | Should -BeNullOrEmpty
        Get-Changing $sim | Should -BeNullOrEmpty
    }

    It '-Device, -Resource and -MountPoint must pair up (InvalidVolume)' {
        { Invoke-AcmClusterBackup -UserApplication app1 -Device $sim.Volumes.Device -Resource $sim.Volumes[0].Resource -MountPoint $sim.Volumes.MountPoint -LogicalNode nodeA -NoScriptWarning -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidVolume*' -ExpectedMessage '*pair up by position*'
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }
}

# Last: the stubs it adds outlive its AfterAll in this container.
Describe 'With mocked ACM commands' {
    BeforeAll { Add-NativeStubs }
    AfterAll { Remove-NativeStubs }

    It 'ACM''s ---- and ????? become $null; the raw word stays in RawStatus' {
        Mock swstsyncstat {
            'Server Transaction-Disk Backup-Disk Status     Execute'
            'SV1    /dev/sdb1        ----        ----       ----'
            'SV1    /dev/sdb2        /dev/sdd2   ?????      ----'
        }
        $rows = Get-AcmSyncStatus -LogicalNode nodeA
        $doc = ConvertTo-Document $rows | ConvertFrom-Json
        $doc[0].BackupDevice | Should -BeNullOrEmpty
        $doc[0].Status | Should -BeNullOrEmpty
        $doc[0].Progress | Should -BeNullOrEmpty
        $doc[0].RawStatus | Should -BeExactly '----'
        $doc[1].BackupDevice | Should -Be '/dev/sdd2'
        $doc[1].Status | Should -BeNullOrEmpty
        $doc[1].RawStatus | Should -BeExactly '?????'
    }

    It 'Invoke-AcmRestore and Stop-AcmSync take -Device lists, one native command each' {
        Mock findmnt { '{"filesystems": []}' }  # mounted nowhere: every restore first reads the mount table (issue 12)
        Mock stat { Get-StatFixture $Rest }
        Mock swstrestore { "$($Rest[-1]) swstrestore completed" }
        Mock swstcancelsync { "$($Rest[-1]) swstcancelsync completed" }
        $r = Invoke-AcmRestore -Device /dev/sdb1, /dev/sdb2 -LogicalNode nodeA -Confirm:$false
        $r.Device | Should -Be @('/dev/sdb1', '/dev/sdb2')
        Should -Invoke swstrestore -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '/dev/sdb1' }
        Should -Invoke swstrestore -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '/dev/sdb2' }
        $null = Stop-AcmSync -Device /dev/sdb1, /dev/sdb2 -All -LogicalNode nodeA -Confirm:$false
        Should -Invoke swstcancelsync -Times 2 -Exactly
    }

    It 'refuses two volumes for one -RestoreDevice or -BackupDevice (InvalidDevice), before any native command' {
        Mock swstrestore { throw 'must not run' }
        Mock swstcancelsync { throw 'must not run' }
        { Invoke-AcmRestore -Device /dev/sdb1, /dev/sdb2 -RestoreDevice /dev/sdz1 -LogicalNode nodeA -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDevice*'
        { Stop-AcmSync -Device /dev/sdb1, /dev/sdb2 -BackupDevice /dev/sdd1 -LogicalNode nodeA -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDevice*'
        Should -Invoke swstrestore -Times 0 -Exactly
        Should -Invoke swstcancelsync -Times 0 -Exactly
    }

    It 'refuses a second piped volume for the same -RestoreDevice, after restoring the first' {
        Mock findmnt { '{"filesystems": []}' }  # mounted nowhere: every restore first reads the mount table (issue 12)
        Mock stat { Get-StatFixture $Rest }
        Mock swstrestore { "$($Rest[-1]) swstrestore completed" }
        { '/dev/sdb1', '/dev/sdb2' | Invoke-AcmRestore -RestoreDevice /dev/sdz1 -LogicalNode nodeA -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDevice*'
        Should -Invoke swstrestore -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-r /dev/sdz1 /dev/sdb1' }
        Should -Invoke swstrestore -Times 1 -Exactly
    }
}
