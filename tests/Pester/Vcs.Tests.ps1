# Veritas Cluster Server: detection, the service-group cmdlets and the manual's procedures with ACM's VCS
# note (Mount resources taken offline/online by VCS, a freeze only around the copy), against the simulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:Interval = 0.3

    function script:New-VcsSim([switch] $Stopped) {
        $dir = New-PrivateTempDirectory 'acmsim-vcs-'
        $a = @('sim', 'setup', '--state', $dir, '--cluster', 'vcs', '--interval', $script:Interval, '--volumes', '2')
        if ($Stopped) { $a += '--stopped', '--shared-disks' }
        $json = & dotnet $env:ACMCLUSTER_TEST_SIMULATOR @a
        if ($LASTEXITCODE -ne 0) { throw "simulator setup failed: $json" }
        $sim = $json | ConvertFrom-Json
        # This node's VCS system comes from VCS's own sysname file, which the simulator writes under its etc directory.
        Set-AcmTestHook -Name EtcDirectory -Value $sim.EtcDir; $script:EtcDirectory = $sim.EtcDir
        $global:AcmSimSavedPath = $env:PATH
        $env:PATH = $sim.BinDir + [IO.Path]::PathSeparator + $env:PATH
        $sim
    }

    # The significant calls: queries (state tables, -value, mount listings, ACM listings) left out, polls compressed.
    function script:Get-VcsSteps($Sim) {
        $out = [System.Collections.Generic.List[string]]::new()
        # A wait (hares -wait) runs only when the state was not yet there: it depends on timing, so it is left out too.
        foreach ($c in Get-SimCalls $Sim | Where-Object { $_ -notmatch '^(hares -state$|hagrp -state|hagrp -value|hares -value|hares -wait|mount$|fuser|swstsyncstat|swsthistdisp|findmnt|stat)' }) {
            if ($out.Count -eq 0 -or $out[-1] -ne $c) { $out.Add($c) }
        }
        $out.ToArray()
    }

    # What-if lines go straight to the host, so they are read from a child pwsh's output.
    function script:Invoke-Child([string] $Command) {
        (Invoke-ChildScript "Import-Module '$env:ACMCLUSTER_TEST_MODULE'; $AcmTestHookScript; Set-AcmTestHook -Name EtcDirectory -Value '$script:EtcDirectory'; $Command") -join "`n"
    }

    $env:ACMCLUSTER_STATE_DIR = New-PrivateTempDirectory 'acm-vcs-state-'
}

AfterAll {
    Set-AcmTestHook -Name EtcDirectory -Value '/etc'
    Remove-Item -LiteralPath $env:ACMCLUSTER_STATE_DIR -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:ACMCLUSTER_STATE_DIR -ErrorAction SilentlyContinue
}

Describe 'Cluster type detection' {
    AfterEach {
        foreach ($f in 'hvdisp', 'hagrp', 'hares') { Remove-Item -Path "function:$f" -ErrorAction SilentlyContinue }
        $global:PSDefaultParameterValues.Remove('*-Acm*:ClusterType')
    }

    It 'refuses with ClusterTypeNotDetected when neither CLI resolves' {
        { Get-AcmClusterApplication -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterTypeNotDetected*' -ExpectedMessage '*neither*-ClusterType*'
    }

    It 'refuses with ClusterTypeNotDetected when both resolve, and runs neither' {
        $global:called = @()
        function global:hvdisp { $global:called += 'hvdisp' }
        function global:hagrp { $global:called += 'hagrp' }
        { Get-AcmClusterApplication -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterTypeNotDetected*' -ExpectedMessage '*both*'
        $global:called | Should -BeNullOrEmpty
    }

    It 'takes -ClusterType from $PSDefaultParameterValues when both resolve' {
        function global:hvdisp { throw 'hvdisp must not run' }
        function global:hagrp { "#Group         Attribute             System     Value"; "sg9            State                 node1      |ONLINE|" }
        function global:hares { "#Resource      Attribute             System     Value" }
        $global:PSDefaultParameterValues['*-Acm*:ClusterType'] = 'VCS'
        $app = Get-AcmClusterApplication -ErrorAction Stop
        $app.Name | Should -Be 'sg9'
        $app.ClusterType | Should -Be 'VCS'
    }
}

Describe 'VCS service groups against the simulator' {
    BeforeAll { $script:sim = New-VcsSim }
    AfterAll { Remove-SimCluster $script:sim }

    It 'detects VCS and lists one object per group per system with parsed flags' {
        $apps = Get-AcmClusterApplication -Verbose 4>&1
        ($apps | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain 'Cluster type VCS detected (hagrp resolves, hvdisp does not).'
        $apps = $apps | Where-Object { $_ -is [AcmCluster.ClusterApplication] }
        $apps.Count | Should -Be 2
        $local = $apps | Where-Object IsLocal
        $local.Node | Should -Be 'node1'
        $local.State | Should -Be 'ONLINE'
        $local.StateFlags | Should -Be @('ONLINE')
        $local.InMaintenance | Should -BeFalse
        ($apps | Where-Object Node -EQ 'node2').State | Should -Be 'OFFLINE'
    }

    It 'parses a multi-valued state into flags' {
        Invoke-Sim $sim 'fault', '--stuck', 'mnt_tran1', '--state', 'FAULTED' | Out-Null
        try {
            $local = Get-AcmClusterApplication sg1 -ClusterType VCS | Where-Object IsLocal
            $local.StateFlags | Should -Contain 'FAULTED'
            $local.StateDetails | Should -Match '^\|.*FAULTED\|$'
        }
        finally { Invoke-Sim $sim 'clear-faults' | Out-Null }
    }

    It 'Exit-AcmMaintenance is blocked by a FAULTED resource of the group, not by another group''s' {
        Enter-AcmMaintenance sg1 | Out-Null
        # Another group's resource, faulted on this system: VCS lists it in hares -state but not in hagrp -resources sg1.
        $wrapDir = Join-Path $sim.StateDir 'wrap'
        New-Item -ItemType Directory -Path $wrapDir -Force | Out-Null
        $wrapper = Join-Path $wrapDir 'hares'
        Set-Content -LiteralPath $wrapper -Value @(
            '#!/bin/sh'
            "'$(Join-Path $sim.BinDir 'hares')' `"`$@`"; rc=`$?"
            'if [ "$1" = -state ] && [ $# -eq 1 ]; then echo "other_res      State                 node1      FAULTED"; fi'
            'exit $rc'
        )
        & chmod +x $wrapper
        $savedPath = $env:PATH
        $env:PATH = $wrapDir + [IO.Path]::PathSeparator + $env:PATH
        try {
            Invoke-Sim $sim 'fault', '--stuck', 'mnt_tran1', '--state', 'FAULTED' | Out-Null
            { Exit-AcmMaintenance sg1 -ErrorAction Stop } | Should -Throw -ErrorId 'MaintenanceExitBlocked*' -ExpectedMessage '*mnt_tran1*'
            try { Exit-AcmMaintenance sg1 -ErrorAction Stop } catch { $_.Exception.Message | Should -Not -Match 'other_res' }
            Invoke-Sim $sim 'clear-faults' | Out-Null
            (Exit-AcmMaintenance sg1).Changed | Should -BeTrue
            (Get-SimCalls $sim) | Should -Contain 'hagrp -resources sg1'
        }
        finally {
            $env:PATH = $savedPath
            Invoke-Sim $sim 'clear-faults' | Out-Null
            Exit-AcmMaintenance sg1 -ErrorAction SilentlyContinue | Out-Null
        }
    }

    It 'reports an unknown group as ClusterApplicationNotFound' {
        Get-AcmClusterApplication nosuch -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ClusterApplicationNotFound*'
    }

    It 'Enter-AcmMaintenance freezes, Exit-AcmMaintenance unfreezes' {
        $before = @(Get-SimCalls $sim).Count
        $r = Enter-AcmMaintenance sg1
        $r.Changed | Should -BeTrue
        $r.ClusterType | Should -Be 'VCS'
        (Get-SimState $sim).View.Vcs.Groups | Where-Object System -EQ node1 | ForEach-Object TFrozen | Should -Be 1
        (Get-AcmClusterApplication sg1 | Where-Object IsLocal).InMaintenance | Should -BeTrue
        (Enter-AcmMaintenance sg1).Changed | Should -BeFalse
        (Exit-AcmMaintenance sg1).Changed | Should -BeTrue
        $calls = @(Get-SimCalls $sim)[$before..999] | Where-Object { $_ -match 'freeze' }
        $calls | Should -Be @('hagrp -freeze sg1', 'hagrp -unfreeze sg1')
    }

    It '-Persistent wraps the freeze in haconf -makerw ... haconf -dump -makero, and the unfreeze too' {
        $before = @(Get-SimCalls $sim).Count
        Enter-AcmMaintenance sg1 -Persistent | Out-Null
        $g = (Get-SimState $sim).View.Vcs
        ($g.Groups | Select-Object -First 1).Frozen | Should -Be 1
        $g.ConfigWritable | Should -BeFalse
        Exit-AcmMaintenance sg1 | Out-Null
        @(Get-SimCalls $sim)[$before..999] | Where-Object { $_ -match 'freeze|haconf' } | Should -Be @(
            'haconf -makerw', 'hagrp -freeze sg1 -persistent', 'haconf -dump -makero'
            'haconf -makerw', 'hagrp -unfreeze sg1 -persistent', 'haconf -dump -makero')
        (Get-SimState $sim).View.Vcs.ConfigWritable | Should -BeFalse
    }

    It '-Persistent restores read-only when the freeze fails' {
        Invoke-Sim $sim 'fault', '--command', 'hagrp', '--match', '-freeze' | Out-Null
        { Enter-AcmMaintenance sg1 -Persistent -ErrorAction Stop } | Should -Throw -ErrorId 'EnterMaintenanceFailed*'
        (Get-SimCalls $sim)[-1] | Should -Be 'haconf -dump -makero'
        (Get-SimState $sim).View.Vcs.ConfigWritable | Should -BeFalse
    }

    It '-WhatIf names the exact command lines and changes nothing' {
        $before = @(Get-SimCalls $sim | Where-Object { $_ -match 'freeze|haconf' }).Count
        $out = Invoke-Child 'Enter-AcmMaintenance sg1 -Persistent -WhatIf'
        $out | Should -BeLike "*Enter maintenance mode for service group 'sg1': haconf -makerw; hagrp -freeze sg1 -persistent; haconf -dump -makero*"
        @(Get-SimCalls $sim | Where-Object { $_ -match 'freeze|haconf' }).Count | Should -Be $before
    }

    It 'rejects a bad -Node before any native command' {
        $before = @(Get-SimCalls $sim).Count
        { Get-AcmClusterApplication -ClusterType VCS -Node '-sys' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName*'
        @(Get-SimCalls $sim).Count | Should -Be $before
    }

    It 'takes this node from /etc/VRTSvcs/conf/sysname, and -Node overrides it' {
        Get-Content (Join-Path $sim.EtcDir 'VRTSvcs/conf/sysname') | Should -Be 'node1'
        (Get-AcmClusterApplication sg1 | Where-Object IsLocal).Node | Should -Be 'node1'
        (Get-AcmClusterApplication sg1 -Node node2 | Where-Object IsLocal).Node | Should -Be 'node2'
    }

    It 'reads the bare value that hares -state <res> -sys <node> prints (fidelity-evidence item 3)' {
        & hares -state mnt_tran1 -sys node1 | Should -Be 'ONLINE'
        & hagrp -state sg1 -sys node1 | Should -Be '|ONLINE|'
    }

    It 'Wait-AcmResourceState reads hares -state on this system and waits with hares -wait' {
        # A long agent interval, so that the state is not there yet at the first check.
        Invoke-Sim $sim 'set', '--interval', '2' | Out-Null
        try {
            hares -offline mnt_tran2 -sys node1
            $r = Wait-AcmResourceState mnt_tran2 Offline -SettleTime 0 -Timeout 10
            $r.State | Should -Be 'OFFLINE'
            Get-SimCalls $sim | Should -Contain 'hares -state mnt_tran2 -sys node1'
            Get-SimCalls $sim | Should -Contain 'hares -wait mnt_tran2 State OFFLINE -sys node1 -time 5'
            hares -online mnt_tran2 -sys node1
            (Wait-AcmResourceState mnt_tran2 ONLINE -SettleTime 0).State | Should -Be 'ONLINE'
        }
        finally { Invoke-Sim $sim 'set', '--interval', $script:Interval | Out-Null }
    }

    It 'Wait-AcmResourceState fails at once with ResourceNotFound for a resource VCS does not have (V-16-1-40132 on stdout)' {
        { Wait-AcmResourceState mnt_nosuch Online -SettleTime 30 -Timeout 60 -ErrorAction Stop } | Should -Throw -ErrorId 'ResourceNotFound*' -ExpectedMessage '*V-16-1-40132*'
    }

    It 'Wait-AcmResourceState times out naming the resource' {
        { Wait-AcmResourceState mnt_tran1 Offline -SettleTime 0 -PollInterval 0.1 -Timeout 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ResourceStateTimeout*' -ExpectedMessage '*mnt_tran1*'
    }
}

Describe 'The manual''s procedures on VCS (ACM''s VCS note)' {
    BeforeAll { $script:sim = New-VcsSim }
    AfterAll { Remove-SimCluster $script:sim }

    It 'snapshot backup: hares -offline, wait, freeze, swstbackup, unfreeze, hares -online, wait' {
        $v = $sim.Volumes[0]
        $original = Get-DeviceHash $sim $v.Device
        $r = Invoke-AcmClusterBackup sg1 -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -SettleTime 0 -PollInterval 0.1 -NoScriptWarning
        $r.Succeeded | Should -BeTrue
        $r.ClusterType | Should -Be 'VCS'
        Get-VcsSteps $sim | Should -Be @(
            'hares -state mnt_tran1 -sys node1'
            'hares -offline mnt_tran1 -sys node1'
            'hares -state mnt_tran1 -sys node1'
            'hagrp -freeze sg1'
            'swstbackup /dev/sdb1'
            'hagrp -unfreeze sg1'
            'hares -state mnt_tran1 -sys node1'
            'hares -online mnt_tran1 -sys node1'
            'hares -state mnt_tran1 -sys node1'
        )
        Get-SimCalls $sim | Where-Object { $_ -like 'umount*' } | Should -BeNullOrEmpty -Because 'VCS unmounts its own Mount resource'
        Get-DeviceHash $sim $v.BackupDevices[0] | Should -Be $original
        $state = Get-SimState $sim
        ($state.View.Vcs.Groups | Where-Object System -EQ node1).State | Should -Be '|ONLINE|'
        ($state.View.Vcs.Groups | Where-Object System -EQ node1).TFrozen | Should -Be 0
        ($state.View.Vcs.Resources | Where-Object { $_.Resource -eq 'mnt_tran1' -and $_.System -eq 'node1' }).State | Should -Be 'ONLINE'
        $env:SWSTGNODE | Should -BeNullOrEmpty
    }

    It 'refuses a synchronous backup of a cluster transaction (ACM''s VCS note on EC) before any change' {
        $v = $sim.Volumes[0]
        $before = @(Get-SimCalls $sim).Count
        { Invoke-AcmClusterBackup sg1 -Synchronous -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -ErrorAction Stop } |
            Should -Throw -ErrorId 'SynchronousBackupNotAllowed*' -ExpectedMessage '*must not be registered in a cluster transaction*'
        @(Get-SimCalls $sim).Count | Should -Be $before
    }

    It 'restores the backed-up bytes over changed data' {
        $v = $sim.Volumes[0]
        $backup = Get-DeviceHash $sim $v.BackupDevices[0]
        [IO.File]::WriteAllBytes((Invoke-Sim $sim 'datapath', $v.Device), [byte[]]::new(65536))
        $r = Invoke-AcmClusterRestore sg1 -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -SettleTime 0 -PollInterval 0.1 -NoScriptWarning -Confirm:$false
        $r.Succeeded | Should -BeTrue
        Get-DeviceHash $sim $v.Device | Should -Be $backup
        Get-SimCalls $sim | Where-Object { $_ -like 'swstrestore*' } | Should -Be 'swstrestore /dev/sdb1'
    }

    It 'a failed swstbackup is undone: unfrozen, the resource online again, the group ONLINE' {
        $v = $sim.Volumes[1]
        Invoke-Sim $sim 'fault', '--command', 'swstbackup', '--exit-code', '2' | Out-Null
        $r = Invoke-AcmClusterBackup sg1 -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -SettleTime 0 -PollInterval 0.1 -NoScriptWarning -ErrorVariable err -ErrorAction SilentlyContinue
        $r.State | Should -Be 'RolledBack'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'BackupFailed*'
        $tail = @(Get-VcsSteps $sim | Select-Object -Last 5)
        $tail | Should -Be @('swstbackup /dev/sdb2', 'hagrp -unfreeze sg1', 'hares -state mnt_tran2 -sys node1', 'hares -online mnt_tran2 -sys node1', 'hares -state mnt_tran2 -sys node1')
        $state = Get-SimState $sim
        ($state.View.Vcs.Groups | Where-Object System -EQ node1).State | Should -Be '|ONLINE|'
        ($state.View.Vcs.Groups | Where-Object System -EQ node1).TFrozen | Should -Be 0
        & mount | Should -Contain "$($v.Device) on $($v.MountPoint) type ext4 (rw,relatime)"
    }

    It 'clears a FAULTED state on the way back with hares -clear; a failed undo is finished by Resume-AcmProcedure' {
        $v = $sim.Volumes[1]
        # swstbackup fails while VCS reports the offline resource FAULTED (as a manual umount would make it).
        $global:VcsSim = $sim
        function global:swstbackup { Invoke-Sim $global:VcsSim 'fault', '--stuck', 'mnt_tran2', '--state', 'FAULTED' | Out-Null; $global:LASTEXITCODE = 2 }
        try {
            $r = Invoke-AcmClusterBackup sg1 -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -SettleTime 0 -PollInterval 0.1 -Timeout 2 -NoScriptWarning -ErrorAction SilentlyContinue
        }
        finally { Remove-Item -Path function:swstbackup }
        $r.State | Should -Be 'Incomplete' -Because 'the resource stays FAULTED, so the group stays frozen rather than fail over'
        $calls = @(Get-VcsSteps $sim)
        $after = $calls[([array]::LastIndexOf($calls, 'hagrp -freeze sg1'))..($calls.Count - 1)]
        $after | Should -Contain 'hares -clear mnt_tran2 -sys node1' -Because 'the fault is cleared before the unfreeze'
        $after | Should -Not -Contain 'hagrp -unfreeze sg1'
        ($r.Steps | Where-Object Name -EQ 'Enter maintenance mode').Status | Should -Be 'UndoFailed'
        Invoke-Sim $sim 'clear-faults' | Out-Null
        $resumed = Resume-AcmProcedure -Id $r.Id -Confirm:$false
        $resumed.State | Should -Be 'Resumed'
        $calls = @(Get-VcsSteps $sim)
        $calls[([array]::LastIndexOf($calls, 'hagrp -unfreeze sg1'))..($calls.Count - 1)] | Select-Object -Last 2 | Should -Be @('hares -online mnt_tran2 -sys node1', 'hares -state mnt_tran2 -sys node1')
        $state = Get-SimState $sim
        ($state.View.Vcs.Groups | Where-Object System -EQ node1).State | Should -Be '|ONLINE|'
        ($state.View.Vcs.Resources | Where-Object { $_.Resource -eq 'mnt_tran2' -and $_.System -eq 'node1' }).State | Should -Be 'ONLINE'
    }

    It 'refuses on the standby system (NotActiveNode) and with a frozen group (ClusterApplicationFrozen)' {
        $v = $sim.Volumes[0]
        { Invoke-AcmClusterBackup sg1 -Node node2 -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotActiveNode*' -ExpectedMessage '*online on node1*'
        hagrp -freeze sg1
        try {
            { Invoke-AcmClusterBackup sg1 -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -ErrorAction Stop } |
                Should -Throw -ErrorId 'ClusterApplicationFrozen*'
        }
        finally { hagrp -unfreeze sg1 }
        Get-SimCalls $sim | Select-Object -Last 1 | Should -Be 'hagrp -unfreeze sg1'
    }

    It 'refuses a resource that is not the Mount resource of the mount point' {
        $v = $sim.Volumes[0]
        $before = @(Get-SimCalls $sim | Where-Object { $_ -match '^(hares -offline|hagrp -freeze)' }).Count
        { Invoke-AcmClusterBackup sg1 -Device $v.Device -Resource mnt_tran2 -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -ErrorAction Stop } |
            Should -Throw -ErrorId 'VolumeResourceMismatch*' -ExpectedMessage '*mnt_tran2*/mnt/tran2*'
        @(Get-SimCalls $sim | Where-Object { $_ -match '^(hares -offline|hagrp -freeze)' }).Count | Should -Be $before
    }

    It '-WhatIf shows the VCS plan with exact command lines and runs only the preflight''s queries' {
        $v = $sim.Volumes[0]
        $before = @(Get-SimCalls $sim).Count
        $out = Invoke-Child "Invoke-AcmClusterBackup sg1 -Device $($v.Device) -Resource $($v.Resource) -MountPoint $($v.MountPoint) -LogicalNode $($sim.LogicalNode) -WhatIf"
        $out | Should -BeLike '*Take resource offline (/dev/sdb1): hares -offline mnt_tran1 -sys node1*'
        $out | Should -BeLike '*Enter maintenance mode: hagrp -freeze sg1*'
        $out | Should -BeLike '*Bring resource online (/dev/sdb1): hares -online mnt_tran1 -sys node1*'
        Get-SimCalls $sim | Select-Object -Skip $before | Where-Object { $_ -notmatch '^(hagrp -state|hagrp -value|hares -value|hares -state|swsthistdisp|findmnt|stat|fuser)( |$)' } | Should -BeNullOrEmpty
    }
}
