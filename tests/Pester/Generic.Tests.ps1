# Issue 4: -ClusterType Generic. A cluster the module knows nothing about is driven by script blocks
# (examples/GenericCluster.ps1, which speaks to the simulator through RMS-style commands); the same
# procedures run around them, with the same undo, journal and Resume.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:Interval = 0.3
    $script:Example = Join-Path $PSScriptRoot '../../examples/GenericCluster.ps1'

    function New-GenericSim([switch] $Stopped) {
        $dir = New-PrivateTempDirectory 'acmsim-gen-'
        $setup = @('sim', 'setup', '--state', $dir, '--interval', $Interval, '--volumes', '2')
        if ($Stopped) { $setup += '--stopped', '--shared-disks' }
        $json = & dotnet $env:ACMCLUSTER_TEST_SIMULATOR @setup
        if ($LASTEXITCODE -ne 0) { throw "simulator setup failed: $json" }
        $sim = $json | ConvertFrom-Json
        $global:AcmSimSavedPath = $env:PATH
        $env:PATH = $sim.BinDir + [IO.Path]::PathSeparator + $env:PATH
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        $sim | Add-Member -NotePropertyName Hashes -NotePropertyValue @($sim.Volumes | ForEach-Object { Get-DeviceHash $sim $_.Device })
        $sim | Add-Member -NotePropertyName AcmVolumes -NotePropertyValue @($sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint })
        $sim
    }

    function Invoke-GenericBackup($Sim, [switch] $Restore, [int] $Timeout = 5) {
        $params = @{
            GenericCluster  = $Generic
            UserApplication = $Sim.App
            Volume          = $Sim.AcmVolumes
            LogicalNode     = $Sim.LogicalNode
            SettleTime      = $Interval
            PollInterval    = 0.1
            Timeout         = $Timeout
            NoScriptWarning = $true
            ErrorAction     = 'SilentlyContinue'
            ErrorVariable   = 'script:procError'
        }
        if ($Restore) { Invoke-AcmClusterRestore @params -Confirm:$false } else { Invoke-AcmClusterBackup @params }
    }

    function Assert-InService($Sim) {
        $local = Get-AcmClusterApplication $Sim.App -GenericCluster $Generic | Where-Object IsLocal
        $local.State | Should -Be 'Online'
        $local.InMaintenance | Should -BeFalse
        $mounts = & mount
        foreach ($v in $Sim.Volumes) { $mounts | Should -Contain "$($v.Device) on $($v.MountPoint) type ext4 (rw,relatime)" }
        for ($i = 0; $i -lt $Sim.Volumes.Count; $i++) { Get-DeviceHash $Sim $Sim.Volumes[$i].Device | Should -Be $Sim.Hashes[$i] }
    }

    # Queries left out and polls compressed: what changed the cluster, in order.
    function Get-Significant($Sim) {
        $out = [System.Collections.Generic.List[string]]::new()
        foreach ($c in Get-SimCalls $Sim | Where-Object { $_ -notmatch '^(hvdisp|mount$|swsthistdisp|fuser|findmnt|stat)' }) {
            if ($out.Count -eq 0 -or $out[-1] -ne $c) { $out.Add($c) }
        }
        , $out.ToArray()
    }

    # What-if lines go straight to the host, so they are read from a child pwsh's output.
    function Invoke-Child([string] $Command) {
        (Invoke-ChildScript "Import-Module '$env:ACMCLUSTER_TEST_MODULE'; `$Generic = & '$Example'; $Command") -join "`n"
    }

    $script:Generic = & $Example
}

AfterAll { $env:ACMCLUSTER_STATE_DIR = $null }

Describe 'New-AcmGenericCluster' {
    It 'returns a GenericCluster with a table view naming its scripts' {
        $Generic | Should -BeOfType ([AcmCluster.GenericCluster])
        $Generic.Name | Should -Be 'SynfinityCLUSTER'
        $Generic.Mounts | Should -Be 'Procedure'
        $Generic.Scripts | Should -Be @('GetStateScript', 'EnterMaintenanceScript', 'ExitMaintenanceScript', 'StartScript')
        ($Generic | Format-Table | Out-String -Width 120) | Should -Match 'SynfinityCLUSTER\s+Procedure\s+GetState, EnterMaintenance, ExitMaintenance, Start'
    }

    It 'says the cluster mounts when both resource scripts are given' {
        $g = New-AcmGenericCluster -GetStateScript { } -ResourceOfflineScript { } -ResourceOnlineScript { }
        $g.Mounts | Should -Be 'Cluster'
        $g.Name | Should -Be 'Generic'
    }

    It 'refuses half a resource pair with GenericClusterInvalid' {
        { New-AcmGenericCluster -GetStateScript { } -ResourceOfflineScript { } -ErrorAction Stop } | Should -Throw -ErrorId 'GenericClusterInvalid*' -ExpectedMessage '*both*or neither*'
    }

    It 'refuses a name that is not a plain name with InvalidName' {
        { New-AcmGenericCluster -Name '-x' -GetStateScript { } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName*'
    }

    It 'requires GetStateScript' {
        (Get-Command New-AcmGenericCluster).Parameters['GetStateScript'].Attributes.Where({ $_ -is [Parameter] }).Mandatory | Should -BeTrue
    }
}

Describe 'Generic: bad input and wrong answers are refused before anything changes' {
    BeforeAll { $script:sim = New-GenericSim }
    AfterAll { Remove-SimCluster $sim }

    It 'refuses -ClusterType Generic without -GenericCluster with GenericClusterRequired, running nothing' {
        $before = @(Get-SimCalls $sim).Count
        { Enter-AcmMaintenance -ClusterType Generic -UserApplication app1 -ErrorAction Stop } | Should -Throw -ErrorId 'GenericClusterRequired*' -ExpectedMessage '*-GenericCluster*'
        @(Get-SimCalls $sim).Count | Should -Be $before
    }

    It 'refuses -GenericCluster with another -ClusterType with ClusterTypeConflict' {
        { Get-AcmClusterApplication -ClusterType VCS -GenericCluster $Generic -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterTypeConflict*'
    }

    It 'refuses a missing script with GenericScriptMissing before any command runs' {
        $g = New-AcmGenericCluster -GetStateScript $Generic.GetStateScript
        $before = @(Get-SimCalls $sim).Count
        { Enter-AcmMaintenance -GenericCluster $g -UserApplication app1 -ErrorAction Stop } | Should -Throw -ErrorId 'GenericScriptMissing*' -ExpectedMessage '*EnterMaintenanceScript*'
        { Invoke-AcmClusterBackup -GenericCluster $g -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeA -NoScriptWarning -ErrorAction Stop } |
            Should -Throw -ErrorId 'GenericScriptMissing*'
        @(Get-SimCalls $sim).Count | Should -Be $before
    }

    It 'refuses a state script that writes text, quoting it, with GenericStateInvalid' {
        $g = New-AcmGenericCluster -GetStateScript { 'app1 Online' }
        { Get-AcmClusterApplication -GenericCluster $g -ErrorAction Stop } | Should -Throw -ErrorId 'GenericStateInvalid*' -ExpectedMessage "*wrote 'app1 Online'*Name and a State*"
    }

    It 'refuses InMaintenance that is not a boolean, rather than reading ''no'' as true' {
        $g = New-AcmGenericCluster -GetStateScript { @{ Type = 'Application'; Name = 'app1'; State = 'Online'; InMaintenance = 'no' } }
        { Get-AcmClusterApplication -GenericCluster $g -ErrorAction Stop } | Should -Throw -ErrorId 'GenericStateInvalid*' -ExpectedMessage '*InMaintenance must be $true or $false*'
    }

    It 'reports a state script that throws as ClusterQueryFailed with its message' {
        $g = New-AcmGenericCluster -GetStateScript { throw 'cluster daemon unreachable' }
        { Get-AcmClusterApplication -GenericCluster $g -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterQueryFailed*' -ExpectedMessage '*cluster daemon unreachable*'
    }

    It 'counts a script that only writes an error as failed: a refused freeze is not maintenance mode' {
        $g = New-AcmGenericCluster -GetStateScript $Generic.GetStateScript -EnterMaintenanceScript { Write-Error 'freeze refused by the cluster' } -ExitMaintenanceScript { }
        { Enter-AcmMaintenance -GenericCluster $g -UserApplication app1 -ErrorAction Stop } | Should -Throw -ErrorId 'EnterMaintenanceFailed*' -ExpectedMessage '*freeze refused by the cluster*'
        $x = New-AcmGenericCluster -GetStateScript $Generic.GetStateScript -EnterMaintenanceScript { exit 3 } -ExitMaintenanceScript { }
        { Enter-AcmMaintenance -GenericCluster $x -UserApplication app1 -ErrorAction Stop } | Should -Throw -ErrorId 'EnterMaintenanceFailed*' -ExpectedMessage '*exit code 3*'
    }

    It 'never reads a state script that only wrote errors as a stopped cluster' {
        $g = New-AcmGenericCluster -GetStateScript { Write-Error 'cluster daemon unreachable' } -StartScript { }
        $before = @(Get-SimCalls $sim).Count
        { Invoke-AcmStoppedClusterBackup -GenericCluster $g -UserApplication app1 -LogicalNode nodeA -Device /dev/sdb1 -SharedDisk (New-AcmSharedDisk -Gds -Class class0001) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ClusterQueryFailed*' -ExpectedMessage '*cluster daemon unreachable*'
        @(Get-SimCalls $sim)[$before..9999] -match '^sdxvolume' | Should -BeNullOrEmpty
    }

    It 'refuses -Force on Exit-AcmMaintenance, which has no Generic form' {
        { Exit-AcmMaintenance -GenericCluster $Generic -UserApplication app1 -Force -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterNotSupported*'
    }
}

Describe 'Generic: the cluster cmdlets run the user''s scripts' {
    BeforeAll { $script:sim = New-GenericSim }
    AfterAll { Remove-SimCluster $sim }

    It 'Get-AcmClusterApplication lists the applications the state script reports, hashtable definitions too' {
        $apps = Get-AcmClusterApplication -GenericCluster $Generic
        $apps | Should -HaveCount 2
        ($apps | Where-Object IsLocal).State | Should -Be 'Online'
        ($apps | Where-Object { -not $_.IsLocal }).Node | Should -Be 'node2RMS'
        $apps[0].ClusterType | Should -Be 'Generic'
        $hashtable = @{ Name = 'Other'; GetStateScript = { [pscustomobject]@{ Type = 'Application'; Name = 'svc1'; State = 'online' } } }
        $svc = Get-AcmClusterApplication -GenericCluster $hashtable
        $svc.Name | Should -Be 'svc1'
        $svc.State | Should -Be 'Online' -Because 'states are read case-insensitively and spelled as the module spells them'
    }

    It 'Enter-AcmMaintenance -WhatIf names the script line and runs nothing' {
        $out = Invoke-Child "Enter-AcmMaintenance -GenericCluster `$Generic -UserApplication app1 -WhatIf"
        $out | Should -Match ([regex]::Escape('& { param($Application); hvutil -m on $Application } app1'))
        (Get-SimCalls $sim) -match '^hvutil' | Should -BeNullOrEmpty
    }

    It 'Enter- and Exit-AcmMaintenance run the scripts and return the changed application' {
        $on = Enter-AcmMaintenance -GenericCluster $Generic -UserApplication app1
        $on.Maintenance | Should -BeTrue
        $on.Changed | Should -BeTrue
        (Get-AcmClusterApplication app1 -GenericCluster $Generic | Where-Object IsLocal).InMaintenance | Should -BeTrue
        (Get-SimCalls $sim) -match '^hvutil' | Should -Be @('hvutil -m on app1')
        $off = Exit-AcmMaintenance -GenericCluster $Generic -UserApplication app1
        $off.Maintenance | Should -BeFalse
        $off.Changed | Should -BeTrue
        (Get-AcmClusterApplication app1 -GenericCluster $Generic | Where-Object IsLocal).InMaintenance | Should -BeFalse
        (Get-SimCalls $sim) -match '^hvutil' | Should -Be @('hvutil -m on app1', 'hvutil -m off app1')
    }

    It 'tab completion never runs the user''s scripts' {
        $before = @(Get-SimCalls $sim).Count
        $line = 'Enter-AcmMaintenance -GenericCluster $Generic -UserApplication '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Should -BeNullOrEmpty
        @(Get-SimCalls $sim).Count | Should -Be $before
        $plain = 'Enter-AcmMaintenance -UserApplication '
        (TabExpansion2 -inputScript $plain -cursorColumn $plain.Length).CompletionMatches.CompletionText | Should -Be @('app1') -Because 'without -GenericCluster the detected product completes'
    }

    It 'a faulted resource keeps maintenance on only when it is the application''s own (or says nothing)' {
        $state = $Generic.GetStateScript
        Enter-AcmMaintenance -GenericCluster $Generic -UserApplication app1 | Out-Null
        try {
            $other = New-AcmGenericCluster -GetStateScript { & $state; [pscustomobject]@{ Name = 'other_fs'; State = 'Faulted'; Application = 'app9' } }.GetNewClosure() -EnterMaintenanceScript $Generic.EnterMaintenanceScript -ExitMaintenanceScript $Generic.ExitMaintenanceScript
            $unowned = New-AcmGenericCluster -GetStateScript { & $state; [pscustomobject]@{ Name = 'other_fs'; State = 'Faulted' } }.GetNewClosure() -EnterMaintenanceScript $Generic.EnterMaintenanceScript -ExitMaintenanceScript $Generic.ExitMaintenanceScript
            { Exit-AcmMaintenance -GenericCluster $unowned -UserApplication app1 -ErrorAction Stop } | Should -Throw -ErrorId 'MaintenanceExitBlocked*' -ExpectedMessage '*other_fs (Faulted*'
            (Exit-AcmMaintenance -GenericCluster $other -UserApplication app1).Changed | Should -BeTrue
        }
        finally { Exit-AcmMaintenance -GenericCluster $Generic -UserApplication app1 -ErrorAction SilentlyContinue | Out-Null }
    }

    It 'Wait-AcmResourceState polls the state script until the resource is in the state' {
        $r = Wait-AcmResourceState -GenericCluster $Generic -Resource Fsystem_tran1 -State Online -SettleTime 0 -PollInterval 0.1 -Timeout 5
        $r.State | Should -Be 'Online'
        $r.Checks | Should -Be 1
    }

    It 'Wait-AcmResourceState times out with ResourceStateTimeout naming the state script' {
        { Wait-AcmResourceState -GenericCluster $Generic -Resource Fsystem_tran1 -State Offline -SettleTime 0 -PollInterval 0.1 -Timeout 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ResourceStateTimeout*'
        try { Wait-AcmResourceState -GenericCluster $Generic -Resource Fsystem_tran1 -State Offline -SettleTime 0 -PollInterval 0.1 -Timeout 1 -ErrorAction Stop }
        catch { $_.ErrorDetails.RecommendedAction | Should -Match "GetStateScript of cluster 'SynfinityCLUSTER'" }
    }
}

Describe 'Generic: Invoke-AcmClusterBackup and -Restore' {
    BeforeAll { $script:sim = New-GenericSim; $script:r = Invoke-GenericBackup $sim }
    AfterAll { Remove-SimCluster $sim }

    It 'succeeds with every step, the scripts'' lines recorded' {
        $procError | Should -BeNullOrEmpty
        $r.Succeeded | Should -BeTrue
        $r.Steps.Status | Should -Be (@('Succeeded') * 10)
        $r.Steps[0].Command | Should -Be '& { param($Application); hvutil -m on $Application } app1'
        $r.Steps[-1].Command | Should -Be '& { param($Application); hvutil -m off $Application } app1'
        (Get-AcmProcedure -Id $r.Id).Steps[0].Command | Should -Be $r.Steps[0].Command
    }

    It 'follows the manual''s order through the scripts, and backs up the data' {
        $calls = Get-Significant $sim
        $calls[0] | Should -Be 'hvutil -m on app1'
        $calls[1..2] | Sort-Object | Should -Be @('umount /mnt/tran1', 'umount /mnt/tran2')
        $calls[3..4] | Sort-Object | Should -Be @('swstbackup /dev/sdb1', 'swstbackup /dev/sdb2')
        $calls[5..6] | Sort-Object | Should -Be @('mount -t ext4 -o rw,relatime /dev/sdb1 /mnt/tran1', 'mount -t ext4 -o rw,relatime /dev/sdb2 /mnt/tran2')
        $calls[7] | Should -Be 'hvutil -m off app1'
        $calls | Should -HaveCount 8
        for ($i = 0; $i -lt 2; $i++) { Get-DeviceHash $sim $sim.Volumes[$i].BackupDevices[0] | Should -Be $sim.Hashes[$i] }
        Assert-InService $sim
    }

    It 'restores the data (round trip)' {
        [IO.File]::WriteAllBytes((Invoke-Sim $sim 'datapath', '/dev/sdb1'), [byte[]]::new(65536))
        $restore = Invoke-GenericBackup $sim -Restore
        $procError | Should -BeNullOrEmpty
        $restore.Succeeded | Should -BeTrue
        (Get-Significant $sim) -match '^swstrestore' | Sort-Object | Should -Be @('swstrestore /dev/sdb1', 'swstrestore /dev/sdb2')
        Assert-InService $sim
    }
}

Describe 'Generic: failures are undone like on any cluster' {
    AfterEach { Remove-SimCluster $sim }

    It 'a failed swstbackup is rolled back through the scripts: mounted, Online, maintenance off' {
        $script:sim = New-GenericSim
        Invoke-Sim $sim 'fault', '--command', 'swstbackup', '--match', '/dev/sdb2', '--exit-code', '2' | Out-Null
        $r = Invoke-GenericBackup $sim
        $r.Succeeded | Should -BeFalse
        $r.State | Should -Be 'RolledBack'
        $procError[0].FullyQualifiedErrorId | Should -BeLike 'BackupFailed*'
        (Get-Significant $sim)[-1] | Should -Be 'hvutil -m off app1'
        Assert-InService $sim
    }

    It 'an EnterMaintenanceScript that throws fails the procedure with EnterMaintenanceFailed and changes nothing' {
        $script:sim = New-GenericSim
        $broken = New-AcmGenericCluster -Name Broken -GetStateScript $Generic.GetStateScript -EnterMaintenanceScript { throw 'maintenance refused' } -ExitMaintenanceScript $Generic.ExitMaintenanceScript
        $r = Invoke-AcmClusterBackup -GenericCluster $broken -UserApplication app1 -Volume $sim.AcmVolumes -LogicalNode nodeA -SettleTime $Interval -PollInterval 0.1 -NoScriptWarning -ErrorAction SilentlyContinue -ErrorVariable err
        $r.State | Should -Be 'RolledBack'
        $r.Steps[0].Status | Should -Be 'Failed'
        $r.Steps[0].Output | Should -Match 'maintenance refused'
        $err[0].FullyQualifiedErrorId | Should -BeLike 'EnterMaintenanceFailed*'
        (Get-SimCalls $sim) -match '^(hvutil|umount|swstbackup)' | Should -BeNullOrEmpty
        Assert-InService $sim
    }

    It 'an undo that fails leaves Incomplete, and Resume-AcmProcedure in a new process finishes it from the journaled scripts' {
        $script:sim = New-GenericSim
        Invoke-Sim $sim 'fault', '--command', 'swstbackup', '--exit-code', '2' | Out-Null
        Invoke-Sim $sim 'fault', '--command', 'hvutil', '--match', '-m off', '--count', '5' | Out-Null
        $r = Invoke-GenericBackup $sim -Timeout 1
        $r.State | Should -Be 'Incomplete'
        $step = $r.Steps | Where-Object Name -EQ 'Enter maintenance mode'
        $step.Status | Should -Be 'UndoFailed'
        $step.Undo | Should -BeLike '*Run by hand: & { param($Application); hvutil -m off $Application } app1*'
        Invoke-Sim $sim 'clear-faults' | Out-Null
        $backups = @((Get-SimCalls $sim) -like 'swstbackup*').Count
        # A new process: the scripts come from the journal's text, not from this session.
        $out = Invoke-Child "(Resume-AcmProcedure -Id '$($r.Id)' -TrustJournalScripts -Confirm:`$false).State"
        $out | Should -Be 'Resumed'
        (Get-SimCalls $sim)[-1] | Should -Be 'hvutil -m off app1'
        @((Get-SimCalls $sim) -like 'swstbackup*').Count | Should -Be $backups -Because 'Resume never runs a backup again'
        Assert-InService $sim
    }
}

Describe 'Generic: Ctrl+C' {
    BeforeAll { $script:sim = New-GenericSim }
    AfterAll { Remove-SimCluster $sim }

    It 'during the wait undoes every step, running the scripts in a runspace of their own once the pipeline stops' {
        Stop-InvocationDuring $sim "Invoke-AcmClusterBackup -GenericCluster (& '$Example') -UserApplication app1 -Volume (New-AcmVolume /dev/sdb1 Fsystem_tran1 /mnt/tran1) -LogicalNode nodeA -SettleTime 10 -NoScriptWarning" 'umount*' | Should -Be 'Stopped'
        $journal = Get-AcmProcedure | Select-Object -Last 1
        $journal.State | Should -Be 'RolledBack'
        $journal.ErrorId | Should -Be 'ProcedureStopped'
        ($journal.Steps | Where-Object Name -EQ 'Enter maintenance mode').Undo | Should -Be '& { param($Application); hvutil -m off $Application } app1'
        (Get-SimCalls $sim)[-1] | Should -Be 'hvutil -m off app1'
        (Get-SimCalls $sim) -like 'swstbackup*' | Should -BeNullOrEmpty
        (Get-AcmClusterApplication app1 -GenericCluster $Generic | Where-Object IsLocal).InMaintenance | Should -BeFalse
        & mount | Should -Contain '/dev/sdb1 on /mnt/tran1 type ext4 (rw,relatime)'
    }
}

Describe 'Generic: stopped-cluster backup (9.1.7.1) with -StartClusterService' {
    BeforeAll {
        $script:sim = New-GenericSim -Stopped
        function Invoke-GenericStopped([switch] $Start, [string] $ErrorAction = 'SilentlyContinue') {
            Invoke-AcmStoppedClusterBackup -GenericCluster $Generic -UserApplication app1 -LogicalNode nodeA -Device @($sim.Volumes.Device) `
                -SharedDisk (New-AcmSharedDisk -Gds -Class class0001 -GdsVolume vol0001) -SharedDataVolume @{ Device = '/dev/sfdsk/class0001/dsk/vol0001'; MountPoint = '/acmdata' } `
                -Volume @($sim.Volumes | ForEach-Object { @{ Device = $_.Device; MountPoint = $_.MountPoint } }) `
                -StartClusterService:$Start -PollInterval 0.1 -Timeout 10 -Verbose -ErrorAction $ErrorAction -ErrorVariable script:err 4>&1
        }
    }
    AfterAll { Remove-SimCluster $sim }

    It 'refuses an empty state answer (cluster software down here), which proves nothing about the other nodes (9.1.7.1 step 1)' {
        Invoke-Sim $sim 'set', '--rms-running', 'false' | Out-Null
        try { { Invoke-GenericStopped -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterStateUnknown*' -ExpectedMessage '*not running on this node*both nodes*' }
        finally { Invoke-Sim $sim 'set', '--rms-running', 'true' | Out-Null }
        Get-SimCalls $sim | Where-Object { $_ -match '^(sdxvolume|mount |swst)' } | Should -BeNullOrEmpty
    }

    It 'checks every node, backs up, releases, then starts the application through StartScript' {
        $out = Invoke-GenericStopped -Start
        $result = $out | Where-Object { $_ -is [AcmCluster.ProcedureResult] }
        $err | Should -BeNullOrEmpty
        $result.Succeeded | Should -BeTrue
        ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" |
            Should -Match "cluster application 'app1' is stopped on every node: .*Offline, node2RMS Offline"
        $calls = (Get-SimCalls $sim) -notmatch '^(hvdisp|mount$)'
        $calls | Should -Contain 'swstbackup /dev/sdb1'
        $calls | Should -Contain 'sdxvolume -F -c class0001 -v vol0001'
        $calls[-1] | Should -Be 'hvswitch app1'
        $result.Steps[-2].Command | Should -Be '& { param($Application, $Node); if ($Node) { hvswitch $Application $Node } else { hvswitch $Application } } app1'
        for ($i = 0; $i -lt 2; $i++) { Get-DeviceHash $sim $sim.Volumes[$i].BackupDevices[0] | Should -Be $sim.Hashes[$i] }
        (Get-AcmClusterApplication app1 -GenericCluster $Generic | Where-Object IsLocal).State | Should -Be 'Online'
    }
}

Describe 'Generic with resource scripts: the cluster takes the file systems offline and online' {
    BeforeAll {
        # A Generic cluster written over the simulator's VCS commands: with ResourceOffline/OnlineScript the
        # procedure lets the cluster unmount and mount, and keeps maintenance mode around the copy only.
        $dir = New-PrivateTempDirectory 'acmsim-genvcs-'
        $json = & dotnet $env:ACMCLUSTER_TEST_SIMULATOR sim setup --state $dir --cluster vcs --interval $Interval --volumes 2
        $script:sim = $json | ConvertFrom-Json
        $global:AcmSimSavedPath = $env:PATH
        $env:PATH = $sim.BinDir + [IO.Path]::PathSeparator + $env:PATH
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
        $script:hashes = @($sim.Volumes | ForEach-Object { Get-DeviceHash $sim $_.Device })
        $script:vcsGeneric = New-AcmGenericCluster -Name OtherHA -GetStateScript {
            foreach ($line in hagrp -state | Select-Object -Skip 1) {
                $name, $null, $node, $value = -split $line
                [pscustomobject]@{ Type = 'Application'; Name = $name; Node = $node; IsLocal = $node -eq 'node1'
                    State = if ($value -match 'ONLINE') { 'Online' } else { 'Offline' }
                    InMaintenance = (hagrp -value $name TFrozen) -eq '1' }
            }
            foreach ($line in hares -state | Select-Object -Skip 1) {
                $name, $null, $node, $value = -split $line
                [pscustomobject]@{ Name = $name; Node = $node; IsLocal = $node -eq 'node1'; State = (Get-Culture).TextInfo.ToTitleCase($value.ToLower()) }
            }
        } -EnterMaintenanceScript { hagrp -freeze $args[0] } -ExitMaintenanceScript { hagrp -unfreeze $args[0] } `
          -ResourceOfflineScript { param($Resource, $Node) hares -offline $Resource -sys $Node } `
          -ResourceOnlineScript { param($Resource, $Node) hares -online $Resource -sys $Node } `
          -ClearFaultScript { param($Resource, $Node) hares -clear $Resource -sys $Node }
        $volumes = @($sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint })
        $script:r = Invoke-AcmClusterBackup -GenericCluster $vcsGeneric -Node node1 -UserApplication $sim.App -Volume $volumes -LogicalNode $sim.LogicalNode `
            -SettleTime $Interval -PollInterval 0.1 -Timeout 10 -NoScriptWarning -ErrorAction SilentlyContinue -ErrorVariable script:err
    }
    AfterAll { Remove-SimCluster $sim }

    It 'takes the resources offline, freezes only around the copy, and brings them back' {
        $err | Should -BeNullOrEmpty
        $r.Succeeded | Should -BeTrue
        $r.Steps.Name | Should -Be @('Take resource offline', 'Take resource offline', 'Wait until Offline', 'Enter maintenance mode', 'Back up', 'Back up',
            'Leave maintenance mode', 'Bring resource online', 'Bring resource online', 'Wait until Online')
        $calls = [System.Collections.Generic.List[string]]::new()
        foreach ($c in Get-SimCalls $sim | Where-Object { $_ -notmatch '^(hagrp -state|hares -state|hagrp -value|mount$|swsthistdisp|fuser|findmnt|stat)' }) {
            if ($calls.Count -eq 0 -or $calls[-1] -ne $c) { $calls.Add($c) }
        }
        $calls[0..1] | Should -Be @('hares -offline mnt_tran1 -sys node1', 'hares -offline mnt_tran2 -sys node1')
        $calls[2] | Should -Be "hagrp -freeze $($sim.App)"
        $calls[3..4] | Sort-Object | Should -Be @('swstbackup /dev/sdb1', 'swstbackup /dev/sdb2')
        $calls[5] | Should -Be "hagrp -unfreeze $($sim.App)"
        $calls[6..7] | Should -Be @('hares -online mnt_tran1 -sys node1', 'hares -online mnt_tran2 -sys node1')
        (Get-SimCalls $sim) -match '^u?mount /' | Should -BeNullOrEmpty -Because 'the cluster unmounts and mounts, not the procedure'
        for ($i = 0; $i -lt 2; $i++) { Get-DeviceHash $sim $sim.Volumes[$i].BackupDevices[0] | Should -Be $hashes[$i] }
        (Get-AcmClusterApplication -GenericCluster $vcsGeneric -Node node1 | Where-Object IsLocal).State | Should -Be 'Online'
        (hares -state mnt_tran1 -sys node1 | Select-Object -Last 1) | Should -Match 'ONLINE'
    }
}
