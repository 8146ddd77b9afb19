# The stopped-cluster backup and restore (ACM V15.1, 9.1.7.1) against the simulator, PRIMECLUSTER and VCS:
# claim, enable, mount, copy with SWSTGNODE for the child only, release in reverse, and on any failure
# nothing left enabled, mounted or claimed.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:SavedNode = $env:SWSTGNODE
    $env:SWSTGNODE = 'sentinel-node'

    function New-StoppedSim([string] $Cluster = 'primecluster', [switch] $Running) {
        $dir = New-PrivateTempDirectory 'acmsim-'
        $setup = @('sim', 'setup', '--state', $dir, '--shared-disks', '--interval', '0.2', '--cluster', $Cluster)
        if (-not $Running) { $setup += '--stopped' }
        $json = & dotnet $env:ACMCLUSTER_TEST_SIMULATOR @setup
        if ($LASTEXITCODE -ne 0) { throw "simulator setup failed: $json" }
        $sim = $json | ConvertFrom-Json
        $global:AcmSimSavedPath = $env:PATH
        $env:PATH = $sim.BinDir + [IO.Path]::PathSeparator + $env:PATH
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        $sim | Add-Member -NotePropertyName Hashes -NotePropertyValue @($sim.Volumes | ForEach-Object { Get-DeviceHash $sim $_.Device })
        $sim | Add-Member -NotePropertyName ClaimPath -NotePropertyValue (Join-Path $env:ACMCLUSTER_STATE_DIR "claims/$($sim.App).claim")
        $sim
    }

    function Get-Disks {
        @(
            New-AcmSharedDisk -Gds -Class class0001 -GdsVolume vol0001
            New-AcmSharedDisk -VxVM -DiskGroup dg01
            New-AcmSharedDisk -Lvm -VolumeGroup vg01
        )
    }

    function Invoke-Stopped($Sim, [switch] $Restore, [switch] $Start, [hashtable] $Extra = @{}) {
        $params = @{
            UserApplication  = $Sim.App
            LogicalNode      = $Sim.LogicalNode
            Device           = @($Sim.Volumes.Device)
            SharedDisk       = Get-Disks
            SharedDataVolume = @{ Device = '/dev/sfdsk/class0001/dsk/vol0001'; MountPoint = '/acmdata' }
            Volume           = @($Sim.Volumes | ForEach-Object { @{ Device = $_.Device; MountPoint = $_.MountPoint } })
            PollInterval     = 0.1
            Timeout          = 10
            ErrorAction      = 'SilentlyContinue'
            ErrorVariable    = 'script:procError'
        }
        foreach ($k in $Extra.Keys) { $params[$k] = $Extra[$k] }
        if ($Start) { $params.StartClusterService = $true }
        if ($Restore) { Invoke-AcmStoppedClusterRestore @params -Confirm:$false } else { Invoke-AcmStoppedClusterBackup @params }
    }

    # Released: no shared disk enabled on any node, nothing of ours mounted, no claim, SWSTGNODE untouched.
    function Assert-Released($Sim) {
        $state = Get-SimState $Sim
        foreach ($disk in $state.View.Disks) {
            foreach ($node in $disk.Nodes.PSObject.Properties) { $node.Value.Enabled | Should -BeFalse -Because "$($disk.Name) on $($node.Name)" }
        }
        $mounts = & mount
        $mounts | Where-Object { $_ -match ' on (/acmdata|/mnt/tran\d) ' } | Should -BeNullOrEmpty
        Test-Path -LiteralPath $Sim.ClaimPath | Should -BeFalse
        $env:SWSTGNODE | Should -Be 'sentinel-node'
    }

    function Get-Significant($Sim) { Get-SimCalls $Sim | Where-Object { $_ -notmatch '^(hvdisp|hagrp -state|hagrp -value|mount$|findmnt|stat|vxdisk -s list$)' } }

    # The copies run concurrently (-ThrottleLimit), so only their phase is ordered: they are compared sorted.
    function Get-PhaseOrdered([string[]] $Calls) {
        $copies = @($Calls | Where-Object { $_ -match '^swst(backup|restore) ' } | Sort-Object)
        $i = 0
        @($Calls | ForEach-Object { if ($_ -match '^swst(backup|restore) ') { $copies[$i++] } else { $_ } })
    }

    $script:Order = @(
        'sdxvolume -N -c class0001 -v vol0001', 'vxdg import dg01', 'vxvol -g dg01 startall', 'vgchange -a y vg01',
        'mount /dev/sfdsk/class0001/dsk/vol0001 /acmdata', 'mount /dev/sdb1 /mnt/tran1', 'mount /dev/sdb2 /mnt/tran2',
        'swstbackup /dev/sdb1', 'swstbackup /dev/sdb2',
        'umount /mnt/tran2', 'umount /mnt/tran1', 'umount /acmdata',
        'vgchange -a n vg01', 'vxvol -g dg01 stopall', 'vxdg deport dg01', 'sdxvolume -F -c class0001 -v vol0001'
    )
    $script:StepNames = @('Claim shared disks') + @('Enable shared disk') * 3 + @('Mount') * 3 + @('Back up') * 2 + @('Unmount') * 3 + @('Disable shared disk') * 3 + @('Release the claim')
}

AfterAll {
    $env:ACMCLUSTER_STATE_DIR = $null
    $env:SWSTGNODE = $SavedNode
}

Describe 'PRIMECLUSTER: stopped-cluster backup and restore' {
    BeforeAll {
        $script:sim = New-StoppedSim
        $script:backup = Invoke-Stopped $sim -Extra @{ Verbose = $true } 4>&1
        $script:verbose = @($backup | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $script:backup = $backup | Where-Object { $_ -is [AcmCluster.ProcedureResult] }
        $script:backupCalls = @(Get-Significant $sim)
        $script:log = Invoke-Sim $sim 'log', '--json' | ConvertFrom-Json
    }
    AfterAll { Remove-SimCluster $sim }

    It 'succeeds with every step in the manual''s order' {
        $procError | Should -BeNullOrEmpty
        $backup.Succeeded | Should -BeTrue
        $backup.Procedure | Should -Be 'StoppedClusterBackup'
        $backup.Steps.Name | Should -Be $StepNames
        $backup.Steps.Status | Should -Be (@('Succeeded') * $StepNames.Count)
        Get-PhaseOrdered $backupCalls | Should -Be $Order
        $verbose.Message -join "`n" | Should -Match "userApplication 'app1' is stopped on every node"
    }

    It 'checks the cluster before the first change and runs swstbackup with SWSTGNODE for the child only' {
        (Get-SimCalls $sim)[0] | Should -Be 'hvdisp -a'
        $copies = $log | Where-Object { $_.kind -eq 'call' -and $_.command -eq 'swstbackup' }
        $copies.swstgnode | Should -Be @('nodeA', 'nodeA')
        # Every other command sees the session's own SWSTGNODE, untouched.
        ($log | Where-Object { $_.kind -eq 'call' -and $_.command -ne 'swstbackup' }).swstgnode | Sort-Object -Unique | Should -Be 'sentinel-node'
        $env:SWSTGNODE | Should -Be 'sentinel-node'
    }

    It 'leaves everything released and the cluster stopped' {
        Assert-Released $sim
        (Get-AcmClusterApplication app1).State | Sort-Object -Unique | Should -Be 'Offline'
    }

    It 'restores the backup (data round trip) and starts the cluster service on request' {
        Set-Content -LiteralPath $sim.Volumes[0].DataPath -Value 'damaged' -NoNewline
        Get-DeviceHash $sim '/dev/sdb1' | Should -Not -Be $sim.Hashes[0]
        Invoke-Sim $sim 'log', '--json' | Out-Null
        $r = Invoke-Stopped $sim -Restore -Start
        $procError | Should -BeNullOrEmpty
        $r.Succeeded | Should -BeTrue
        $r.Steps.Name[-2..-1] | Should -Be @('Start the cluster service', 'Wait until Online')
        Get-DeviceHash $sim '/dev/sdb1' | Should -Be $sim.Hashes[0]
        Get-DeviceHash $sim '/dev/sdb2' | Should -Be $sim.Hashes[1]
        $calls = @(Get-Significant $sim) | Select-Object -Skip $backupCalls.Count
        Get-PhaseOrdered $calls[0..15] | Should -Be ($Order -replace 'swstbackup', 'swstrestore')
        $calls[16] | Should -Be 'hvswitch app1'
        (Get-AcmClusterApplication app1 | Where-Object IsLocal).State | Should -Be 'Online'
        Test-Path -LiteralPath $sim.ClaimPath | Should -BeFalse
        $env:SWSTGNODE | Should -Be 'sentinel-node'
    }
}

# hvswitch and hagrp -online return before the cluster shows the application Online (in the simulator one full
# monitoring interval later, or --start-time); 1.5 s makes sure the state is not there yet when the wait begins,
# so the product's own wait must run. Polling would show up as repeated state queries instead.
Describe 'Wait until Online after -StartClusterService: the cluster''s own wait' {
    It '<Cluster>: <Wait>' -ForEach @(
        @{ Cluster = 'primecluster'; Extra = @{}; Start = 'hvswitch app1'; Wait = 'hvassert -w app1 Online 5'; Query = 'hvdisp -a' }
        @{ Cluster = 'vcs'; Extra = @{ ClusterType = 'VCS'; Node = 'node1' }; Start = 'hagrp -online sg1 -sys node1'; Wait = 'hagrp -wait sg1 State ONLINE -sys node1 -time 5'; Query = 'hagrp -state sg1' }
    ) {
        $sim = New-StoppedSim -Cluster $Cluster
        try {
            Invoke-Sim $sim 'set', '--start-time', '1.5' | Out-Null
            $r = Invoke-Stopped $sim -Start -Extra $Extra
            $procError | Should -BeNullOrEmpty
            $r.Succeeded | Should -BeTrue
            $step = $r.Steps | Where-Object Name -EQ 'Wait until Online'
            $step.Status | Should -Be 'Succeeded'
            $step.Command | Should -Be "$Query; $Wait"
            $calls = @(Get-SimCalls $sim)
            $after = @($calls | Select-Object -Skip ([array]::IndexOf($calls, $Start) + 1))
            # One state query, then one native wait that returns when the state appears: no poll loop.
            $after | Should -Be @($Query, $Wait)
            if ($Cluster -eq 'vcs') {
                ((Get-SimState $sim).View.Vcs.Groups | Where-Object System -EQ 'node1').State | Should -Be '|ONLINE|'
            }
            else {
                (Get-AcmClusterApplication app1 | Where-Object IsLocal).State | Should -Be 'Online'
            }
        }
        finally { Remove-SimCluster $sim }
    }

    It 'an application not Online within -Timeout is ClusterServiceStartTimeout (hvassert -w with the time left), the disks already released' {
        $sim = New-StoppedSim
        try {
            Invoke-Sim $sim 'set', '--interval', '30' | Out-Null
            $r = Invoke-Stopped $sim -Start -Extra @{ Timeout = 2 }
            $r.Succeeded | Should -BeFalse
            $procError[0].FullyQualifiedErrorId | Should -BeLike 'ClusterServiceStartTimeout*'
            Get-SimCalls $sim | Should -Contain 'hvassert -w app1 Online 2'
            # The application was started (hvswitch mounted its file systems); what the procedure enabled is released.
            foreach ($disk in (Get-SimState $sim).View.Disks) {
                foreach ($node in $disk.Nodes.PSObject.Properties) { $node.Value.Enabled | Should -BeFalse -Because "$($disk.Name) on $($node.Name)" }
            }
            Test-Path -LiteralPath $sim.ClaimPath | Should -BeFalse
        }
        finally { Remove-SimCluster $sim }
    }
}

Describe 'VCS: stopped-cluster backup and restore' {
    BeforeAll { $script:sim = New-StoppedSim -Cluster vcs }
    AfterAll { Remove-SimCluster $sim }

    It 'backs up, restores the data and brings the service group online' {
        $b = Invoke-Stopped $sim -Extra @{ ClusterType = 'VCS'; Node = 'node1' }
        $procError | Should -BeNullOrEmpty
        $b.Succeeded | Should -BeTrue
        Get-PhaseOrdered @(Get-Significant $sim) | Should -Be $Order
        Assert-Released $sim
        Set-Content -LiteralPath $sim.Volumes[1].DataPath -Value 'damaged' -NoNewline
        $r = Invoke-Stopped $sim -Restore -Start -Extra @{ ClusterType = 'VCS'; Node = 'node1' }
        $procError | Should -BeNullOrEmpty
        $r.Succeeded | Should -BeTrue
        Get-DeviceHash $sim '/dev/sdb2' | Should -Be $sim.Hashes[1]
        $calls = @(Get-SimCalls $sim)
        $online = [array]::LastIndexOf($calls, 'hagrp -online sg1 -sys node1')
        $online | Should -BeGreaterThan 0
        # HAD monitored the file systems mounted by hand: the start waits until it shows their Mount resources OFFLINE,
        # or it would believe them still mounted and leave the group partial.
        $restored = [array]::LastIndexOf($calls, ($calls -like 'swstrestore*')[-1])
        $between = $calls[$restored..$online]
        $between | Should -Contain 'hares -list Type=Mount'
        @($between -like 'hares -state*').Count | Should -BeGreaterThan 0
        ((Get-SimState $sim).View.Vcs.Groups | Where-Object System -EQ 'node1').State | Should -Be '|ONLINE|'
        $env:SWSTGNODE | Should -Be 'sentinel-node'
    }

    It 'with HAD down here, asks the peer over ssh (hagrp by its absolute path) and runs when HAD is down there too' {
        Invoke-Sim $sim 'set', '--had-running', 'false' | Out-Null
        Invoke-Sim $sim 'set', '--node-status', 'node2=down' | Out-Null
        try {
            $out = Invoke-Stopped $sim -Extra @{ ClusterType = 'VCS'; Node = 'node1'; PeerNode = 'node2'; Verbose = $true } 4>&1
            ($out | Where-Object { $_ -is [AcmCluster.ProcedureResult] }).Succeeded | Should -BeTrue
            $messages = ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
            $messages | Should -Match 'HAD \(VCS\) is not running on this node.*asking node2 over ssh'
            $messages | Should -Match 'not running on node2.*V-16-1-10600'
            Get-SimCalls $sim | Should -Contain 'ssh -o BatchMode=yes -o ConnectTimeout=10 node2 /opt/VRTSvcs/bin/hagrp -state sg1'
        }
        finally {
            Invoke-Sim $sim 'set', '--had-running', 'true' | Out-Null
            Invoke-Sim $sim 'set', '--node-status', 'node2=up' | Out-Null
        }
    }
}

Describe 'Refusals before any change' {
    AfterEach { Remove-SimCluster $sim }

    BeforeAll {
        # A stopped PRIMECLUSTER cluster whose RMS is down on this node; $Set changes what the other node answers.
        function New-RmsDownSim([string[]] $Set) {
            $s = New-StoppedSim
            Invoke-Sim $s 'set', '--rms-running', 'false' | Out-Null
            if ($Set) { Invoke-Sim $s (@('set') + $Set) | Out-Null }
            $s
        }

        function Assert-NothingChanged($Sim) {
            Get-SimCalls $Sim | Where-Object { $_ -match '^(sdxvolume|vx|vgchange|mount |swst)' } | Should -BeNullOrEmpty
            Test-Path -LiteralPath $Sim.ClaimPath | Should -BeFalse
        }
    }

    It 'ClusterServiceRunning names where <Cluster> runs' -ForEach @(@{ Cluster = 'primecluster' }, @{ Cluster = 'vcs' }) {
        $script:sim = New-StoppedSim -Cluster $Cluster -Running
        { Invoke-Stopped $sim -Extra @{ ErrorAction = 'Stop' } } | Should -Throw -ErrorId 'ClusterServiceRunning*' -ExpectedMessage '*on node1*'
        Assert-NothingChanged $sim
    }

    It 'RMS down here proves nothing: without -PeerNode it refuses with ClusterStateUnknown and says how to pass the peers' {
        $script:sim = New-RmsDownSim
        $err = $null
        try { Invoke-Stopped $sim -Extra @{ ErrorAction = 'Stop' } } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ClusterStateUnknown*'
        $err.Exception.Message | Should -BeLike '*RMS is not running on this node*both nodes*'
        "$($err.ErrorDetails.RecommendedAction) $($err.Exception.RecommendedAction)" | Should -Match '-PeerNode node2'
        Assert-NothingChanged $sim
    }

    It 'refuses with <Id> naming the peer when <Label>' -ForEach @(
        @{ Label = 'it does not answer'; Set = '--node-status', 'node2=unreachable'; Id = 'ClusterStateUnknown'; Message = '*node2 did not answer*' }
        @{ Label = 'it shows the application Online'; Set = '--app-state', 'node2=Online'; Id = 'ClusterServiceRunning'; Message = '*peer node node2*Online on node2RMS*' }
    ) {
        $script:sim = New-RmsDownSim $Set
        { Invoke-Stopped $sim -Extra @{ PeerNode = 'node2'; ErrorAction = 'Stop' } } | Should -Throw -ErrorId "$Id*" -ExpectedMessage $Message
        Get-SimCalls $sim | Should -Contain 'ssh -o BatchMode=yes -o ConnectTimeout=10 node2 /opt/SMAW/SMAWRrms/bin/hvdisp -a'
        Assert-NothingChanged $sim
    }

    It 'runs with RMS down on both nodes, proved by asking the peer' {
        $script:sim = New-RmsDownSim '--node-status', 'node2=down'
        $r = Invoke-Stopped $sim -Extra @{ PeerNode = 'node2' }
        $procError | Should -BeNullOrEmpty
        $r.Succeeded | Should -BeTrue
        $calls = @(Get-SimCalls $sim)
        $calls | Should -Contain 'ssh -o BatchMode=yes -o ConnectTimeout=10 node2 /opt/SMAW/SMAWRrms/bin/hvdisp -a'
        [array]::IndexOf($calls, 'ssh -o BatchMode=yes -o ConnectTimeout=10 node2 /opt/SMAW/SMAWRrms/bin/hvdisp -a') | Should -BeLessThan ([array]::IndexOf($calls, 'sdxvolume -N -c class0001 -v vol0001'))
        Assert-Released $sim
    }

    It 'asks the peer through the native ssh that the session resolves (a mock here), and a refused login is ClusterStateUnknown' {
        $script:sim = New-RmsDownSim
        $global:SshArgs = $null
        function global:ssh { $global:SshArgs = $args; 'Permission denied (publickey).'; $global:LASTEXITCODE = 255 }
        try {
            { Invoke-Stopped $sim -Extra @{ PeerNode = 'node2'; ErrorAction = 'Stop' } } | Should -Throw -ErrorId 'ClusterStateUnknown*' -ExpectedMessage '*node2*Permission denied*'
        }
        finally { Remove-Item function:global:ssh }
        $global:SshArgs -join ' ' | Should -Be '-o BatchMode=yes -o ConnectTimeout=10 node2 /opt/SMAW/SMAWRrms/bin/hvdisp -a'
        Get-SimCalls $sim | Where-Object { $_ -match '^(ssh|sdxvolume|vx|vgchange|mount |swst)' } | Should -BeNullOrEmpty
    }

    It 'SharedDiskClaimed names the node that holds the claim' {
        $script:sim = New-StoppedSim
        $null = New-Item -ItemType Directory -Force (Split-Path $sim.ClaimPath)
        Set-Content -LiteralPath $sim.ClaimPath -Value "node=othernode`npid=1`nprocedure=x-1`ntime=2026-11-27T00:00:00"
        # Refused by the preflight (SharedDiskNotClaimed, issue 12) before anything changes: a terminating error.
        $e = try { Invoke-Stopped $sim; $null } catch { $_ }
        $e.FullyQualifiedErrorId | Should -BeLike 'SharedDiskClaimed*'
        $e.Exception.Message | Should -Match 'othernode'
        Get-SimCalls $sim | Where-Object { $_ -match '^(sdxvolume|vx|vgchange|mount |swst)' } | Should -BeNullOrEmpty
        Get-Content -LiteralPath $sim.ClaimPath | Should -Contain 'node=othernode'
    }

    It 'a disk enabled on the other node is not enabled here; the native message is surfaced' {
        $script:sim = New-StoppedSim
        $env:ACMSIM_NODE = 'node2'
        try { & sdxvolume -N -c class0001 -v vol0001 | Out-Null } finally { $env:ACMSIM_NODE = $null }
        $r = Invoke-Stopped $sim
        $r.Succeeded | Should -BeFalse
        $procError[0].FullyQualifiedErrorId | Should -BeLike 'EnableSharedDiskFailed*'
        $procError[0].Exception.Message | Should -Match 'node2'
        $disk = (Get-SimState $sim).View.Disks | Where-Object Kind -EQ 'gds'
        $disk.Nodes.node2.Enabled | Should -BeTrue
        $disk.Nodes.node1.Enabled | Should -BeFalse
        Test-Path -LiteralPath $sim.ClaimPath | Should -BeFalse
        $env:SWSTGNODE | Should -Be 'sentinel-node'
    }
}

Describe 'A failure at every step releases everything' {
    BeforeAll { $script:sim = New-StoppedSim }
    AfterAll { Remove-SimCluster $sim }
    AfterEach { Invoke-Sim $sim 'clear-faults' | Out-Null }

    It 'fails at <Command> <Match> (<Id>)' -ForEach @(
        @{ Command = 'sdxvolume'; Match = '-N'; Id = 'EnableSharedDiskFailed' }
        @{ Command = 'vxdg'; Match = 'import'; Id = 'EnableSharedDiskFailed' }
        @{ Command = 'vxvol'; Match = 'startall'; Id = 'EnableSharedDiskFailed' }
        @{ Command = 'vgchange'; Match = '-a y'; Id = 'EnableSharedDiskFailed' }
        @{ Command = 'mount'; Match = '/acmdata'; Id = 'MountFailed' }
        @{ Command = 'mount'; Match = '/mnt/tran2'; Id = 'MountFailed' }
        @{ Command = 'swstbackup'; Match = '/dev/sdb2'; Id = 'BackupFailed' }
        @{ Command = 'umount'; Match = '/mnt/tran1'; Id = 'DismountFailed' }
        @{ Command = 'umount'; Match = '/acmdata'; Id = 'DismountFailed' }
        @{ Command = 'vgchange'; Match = '-a n'; Id = 'DisableSharedDiskFailed' }
        @{ Command = 'vxdg'; Match = 'deport'; Id = 'DisableSharedDiskFailed' }
        @{ Command = 'sdxvolume'; Match = '-F'; Id = 'DisableSharedDiskFailed' }
    ) {
        Invoke-Sim $sim 'fault', '--command', $Command, '--match', $Match | Out-Null
        $r = Invoke-Stopped $sim
        $r.Succeeded | Should -BeFalse
        $procError[0].FullyQualifiedErrorId | Should -BeLike "$Id*"
        $r.Steps | Where-Object Status -EQ 'UndoFailed' | Should -BeNullOrEmpty
        Assert-Released $sim
    }

    It 'a failing enable script is undone like a disk, on the pipeline thread' {
        $global:scLog = [System.Collections.Generic.List[string]]::new()
        $scripted = New-AcmSharedDisk -Name iscsi -EnableScript { $global:scLog.Add('enable'); throw 'no path' } -DisableScript { $global:scLog.Add('disable') }
        $r = Invoke-Stopped $sim -Extra @{ SharedDisk = @((Get-Disks)[0], $scripted) }
        $r.Succeeded | Should -BeFalse
        $procError[0].FullyQualifiedErrorId | Should -BeLike 'EnableSharedDiskFailed*'
        $procError[0].Exception.Message | Should -Match 'no path'
        $global:scLog | Should -Be @('enable')
        Assert-Released $sim
    }
}

Describe '-WhatIf, input validation and -ComputerName' {
    BeforeAll { $script:sim = New-StoppedSim }
    AfterAll { Remove-SimCluster $sim }

    It '-WhatIf runs nothing and writes no claim' {
        # The host writes the What-if lines, so a child session captures them.
        $command = "Import-Module '$env:ACMCLUSTER_TEST_MODULE'; Invoke-AcmStoppedClusterBackup -UserApplication app1 -LogicalNode nodeA -Device /dev/sdb1 " +
            "-SharedDisk (New-AcmSharedDisk -Gds -Class class0001) -SharedDataVolume @{ Device = '/dev/sfdsk/class0001/dsk/vol0001'; MountPoint = '/acmdata' } " +
            "-Volume @{ Device = '/dev/sdb1'; MountPoint = '/mnt/tran1' } -StartClusterService -PeerNode node2 -WhatIf"
        $out = & dotnet pwsh -NoProfile -NonInteractive -Command $command 2>&1 | Out-String
        $out | Should -Match 'stopped on every node \(9\.1\.7\.1 step 1\): hvdisp -a; when it is not running here, each peer: ssh -o BatchMode=yes -o ConnectTimeout=10 node2 /opt/SMAW/SMAWRrms/bin/hvdisp -a'
        $out | Should -Match 'Step 1 of 12: Claim shared disks'
        $out | Should -Match 'Step 2 of 12: Enable shared disk \(Gds:class0001\): sdxvolume -N -c class0001'
        $out | Should -Match 'Step 5 of 12: Back up \(/dev/sdb1\): SWSTGNODE=nodeA swstbackup /dev/sdb1'
        $out | Should -Match 'Step 11 of 12: Start the cluster service: hvswitch app1'
        $out | Should -Match 'Step 12 of 12: Wait until Online: hvdisp -a; hvassert -w app1 Online 5'
        $r = Invoke-Stopped $sim -Extra @{ WhatIf = $true } 6>$null
        $r | Should -BeNullOrEmpty
        # The preflight's read-only queries (issue 12), nothing else.
        Get-SimCalls $sim | Where-Object { $_ -notmatch '^(hvdisp|hagrp -state|hagrp -value|findmnt|stat|vxdisk -s) ' } | Should -BeNullOrEmpty
        Test-Path -LiteralPath $sim.ClaimPath | Should -BeFalse
        Get-ChildItem -LiteralPath $env:ACMCLUSTER_STATE_DIR -Recurse -File -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    # -Procedure picks the procedure through the one registry (issue 13): a stopped-cluster id gets the stopped-cluster checks.
    It 'Test-AcmClusterProcedure -Procedure <Procedure> runs the stopped-cluster checks and changes nothing' -ForEach @(
        @{ Procedure = 'StoppedClusterBackup' }, @{ Procedure = 'StoppedClusterRestore' }
    ) {
        $before = @(Get-SimCalls $sim).Count
        $checks = Test-AcmClusterProcedure -Procedure $Procedure -UserApplication app1 -LogicalNode nodeA -Volume @(@{ Device = '/dev/sdb1'; MountPoint = '/mnt/tran1' }) -SharedDisk (New-AcmSharedDisk -Gds -Class class0001) -Generation 1 -ErrorAction SilentlyContinue
        ($checks | Where-Object Check -EQ 'ClusterServiceStopped').Passed | Should -BeTrue
        $checks.Check | Should -Contain 'NoIncompleteProcedure'
        # The cluster procedures' checks are not the stopped cluster's.
        $checks.Check | Should -Not -Contain 'ApplicationActive'
        @(Get-SimCalls $sim | Select-Object -Skip $before) | Where-Object { $_ -match '^(sdxvolume|vx|vgchange|mount |umount|swst|hvswitch|hvutil)' } | Should -BeNullOrEmpty
        Test-Path -LiteralPath $sim.ClaimPath | Should -BeFalse
    }

    It 'refuses <Id> before any native command' -ForEach @(
        @{ Extra = @{ Device = @('sdb1') }; Id = 'InvalidDevice' }
        @{ Extra = @{ LogicalNode = '-h' }; Id = 'InvalidName' }
        @{ Extra = @{ PeerNode = @('-oProxyCommand=id') }; Id = 'InvalidName' }
        @{ Extra = @{ SharedDisk = @(@{ Kind = 'Gds'; Name = '-F' }) }; Id = 'InvalidName' }
        @{ Extra = @{ SharedDisk = @(@{ Kind = 'Tape'; Name = 'x' }) }; Id = 'InvalidSharedDisk' }
        @{ Extra = @{ Volume = @(@{ Device = '/dev/sdb1' }) }; Id = 'InvalidVolume' }
        @{ Extra = @{ SharedDataVolume = @{ Device = '/dev/sfdsk/class0001/dsk/vol0001'; MountPoint = 'acmdata' } }; Id = 'InvalidMountPoint' }
        @{ Extra = @{ Volume = @(@{ Device = '/dev/sdb1'; MountPoint = '/acmdata' }) }; Id = 'InvalidVolume' }
    ) {
        $Extra.ErrorAction = 'Stop'
        $before = @(Get-SimCalls $sim).Count
        { Invoke-Stopped $sim -Extra $Extra } | Should -Throw -ErrorId "$Id*"
        @(Get-SimCalls $sim).Count | Should -Be $before
    }

    It 'New-AcmSharedDisk validates and describes each kind' {
        $g = New-AcmSharedDisk -Gds -Class class0001 -GdsVolume vol0001
        $g | Should -BeOfType ([AcmCluster.SharedDisk])
        "$($g.Kind) $($g.Name) $($g.GdsVolume)" | Should -Be 'Gds class0001 vol0001'
        (New-AcmSharedDisk -VxVM -DiskGroup dg01).Kind | Should -Be 'VxVM'
        (New-AcmSharedDisk -Lvm -VolumeGroup vg01).Kind | Should -Be 'Lvm'
        (New-AcmSharedDisk -EnableScript { 1 } -DisableScript { 2 }).Kind | Should -Be 'Script'
        { New-AcmSharedDisk -Gds -Class '-c' } | Should -Throw -ErrorId 'InvalidName*'
        { New-AcmSharedDisk -Lvm -VolumeGroup 'vg 1' } | Should -Throw -ErrorId 'InvalidName*'
    }

    It '-ComputerName passes -h, is validated, and is refused while a stopped-cluster procedure holds a claim here' {
        $null = Get-AcmBackupHistory -ComputerName SV2
        Get-SimCalls $sim | Should -Contain 'swsthistdisp -h SV2'
        { Get-AcmSyncStatus -ComputerName '-x' } | Should -Throw -ErrorId 'InvalidName*'
        $null = New-Item -ItemType Directory -Force (Split-Path $sim.ClaimPath)
        Set-Content -LiteralPath $sim.ClaimPath -Value "node=$([Environment]::MachineName)`npid=$PID`nprocedure=p-1`ntime=now"
        try {
            foreach ($call in @(
                    { Invoke-AcmBackup -Device /dev/sdb1 -ComputerName SV2 -Confirm:$false }
                    { Invoke-AcmRestore -Device /dev/sdb1 -ComputerName SV2 -Confirm:$false }
                    { Start-AcmSync -Device /dev/sdb1 -ComputerName SV2 -Confirm:$false }
                    { Stop-AcmSync -Device /dev/sdb1 -ComputerName SV2 -Confirm:$false }
                    { Get-AcmSyncStatus -ComputerName SV2 }
                    { Get-AcmBackupHistory -ComputerName SV2 })) {
                $call | Should -Throw -ErrorId 'NotAllowedWhileClusterStopped*'
            }
        }
        finally { Remove-Item -LiteralPath $sim.ClaimPath }
    }

    It 'refuses -ComputerName from inside a running stopped-cluster procedure' {
        $global:scInside = $null
        $probe = New-AcmSharedDisk -Name probe -EnableScript {
            try { Get-AcmSyncStatus -ComputerName SV2 -ErrorAction Stop } catch { $global:scInside = $_.FullyQualifiedErrorId }
        } -DisableScript { }
        $r = Invoke-Stopped $sim -Extra @{ SharedDisk = @((Get-Disks) + $probe) }
        $r.Succeeded | Should -BeTrue
        $global:scInside | Should -BeLike 'NotAllowedWhileClusterStopped*'
        Assert-Released $sim
    }
}

Describe 'A stopped-cluster procedure whose process dies' {
    BeforeAll { $script:sim = New-StoppedSim }
    AfterAll { Remove-SimCluster $sim }

    It 'a kill -9 during swstbackup is finished by Resume-AcmProcedure in a new process: released, claim dropped, no second backup' {
        Invoke-Sim $sim 'fault', '--command', 'swstbackup', '--hang', '6' | Out-Null
        Stop-ChildDuring $sim ("Invoke-AcmStoppedClusterBackup -UserApplication app1 -LogicalNode nodeA -Device /dev/sdb1 " +
            "-SharedDisk (New-AcmSharedDisk -Gds -Class class0001 -GdsVolume vol0001), (New-AcmSharedDisk -VxVM -DiskGroup dg01) " +
            "-SharedDataVolume @{ Device = '/dev/sfdsk/class0001/dsk/vol0001'; MountPoint = '/acmdata' } -Volume @{ Device = '/dev/sdb1'; MountPoint = '/mnt/tran1' }") 'swstbackup*'

        # Dead mid-copy: disks enabled, volumes mounted, the claim on disk, the journal Running.
        $open = Get-AcmProcedure -Incomplete
        $open.Procedure | Should -Be 'StoppedClusterBackup'
        ($open.Steps | Where-Object Name -EQ 'Back up').Status | Should -Be 'Running'
        Test-Path -LiteralPath $sim.ClaimPath | Should -BeTrue
        & mount | Should -Contain '/dev/sdb1 on /mnt/tran1 type ext4 (rw,relatime)'

        $json = Invoke-ChildPwsh 'Get-AcmProcedure -Incomplete | Resume-AcmProcedure -Confirm:$false | ConvertTo-Json -Depth 5'
        $LASTEXITCODE | Should -Be 0
        ($json | ConvertFrom-Json).State | Should -Be 'Resumed'
        Assert-Released $sim
        @(Get-SimCalls $sim | Where-Object { $_ -like 'swstbackup*' }).Count | Should -Be 1 -Because 'Resume never runs a backup again'
        (Get-SimCalls $sim) -match '^(umount|vxvol|vxdg|sdxvolume -F)' | Select-Object -Last 5 |
            Should -Be @('umount /mnt/tran1', 'umount /acmdata', 'vxvol -g dg01 stopall', 'vxdg deport dg01', 'sdxvolume -F -c class0001 -v vol0001')
        Get-AcmProcedure -Incomplete | Should -BeNullOrEmpty
    }
}

Describe 'Concurrent copies while the cluster is stopped' {
    BeforeAll { $script:sim = New-StoppedSim }
    AfterAll { Remove-SimCluster $sim }

    It 'runs the copies concurrently, and one after another with -ThrottleLimit 1' {
        Invoke-Sim $sim 'set', '--copy-time', '1' | Out-Null
        try {
            foreach ($limit in 4, 1) {
                $r = Invoke-Stopped $sim -Extra @{ ThrottleLimit = $limit }
                $r.Succeeded | Should -BeTrue
                $first, $second = $r.Steps | Where-Object Name -EQ 'Back up' | Sort-Object StartTime
                # 10 ms of slack: Duration is rounded to the millisecond.
                $overlap = $second.StartTime -lt $first.StartTime.AddSeconds($first.DurationSeconds - 0.01)
                $overlap | Should -Be ($limit -gt 1) -Because "-ThrottleLimit $limit"
            }
        }
        finally { Invoke-Sim $sim 'set', '--copy-time', '0' | Out-Null }
        Assert-Released $sim
    }
}
