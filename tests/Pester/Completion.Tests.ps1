# Tab completion (TabExpansion2, as the console uses it) from the live cluster, ACM, the mount table and the
# journal (here: the simulator and a journal of this test's own), whatever order the parameters are typed in;
# never file names, never an error, and cut off when a tool hangs.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:sim = New-SimCluster -Interval 0.3
    $script:SavedJournal = $env:ACMCLUSTER_STATE_DIR
    $script:SavedNode = $env:SWSTGNODE
    $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'journal'
    $env:SWSTGNODE = $null

    # Completes at the end of $Before, with $After typed behind the cursor (a parameter given after the one completed).
    function Complete([string] $Before, [string] $After = '') {
        $line = $Before + $After
        (TabExpansion2 -inputScript $line -cursorColumn $Before.Length).CompletionMatches.CompletionText
    }

    # The simulator's call-log entries written since $Seq.
    function Get-CallsSince([int] $Seq) {
        @(Invoke-Sim $sim 'log', '--json' | ConvertFrom-Json) | Where-Object { $_.kind -eq 'call' -and $_.seq -gt $Seq }
    }

    function Get-LastSeq { (@(Invoke-Sim $sim 'log', '--json' | ConvertFrom-Json) | Measure-Object seq -Maximum).Maximum }
}

AfterAll {
    $env:ACMCLUSTER_STATE_DIR = $SavedJournal
    $env:SWSTGNODE = $SavedNode
    Remove-SimCluster $sim
}

Describe 'Argument completion from the cluster' {
    It 'completes -UserApplication, before and after the other parameters' {
        Complete 'Enter-AcmMaintenance -UserApplication ' | Should -Be @('app1')
        Complete 'Invoke-AcmClusterBackup -UserApplication a' ' -LogicalNode nodeA -Device /dev/sdb1' | Should -Be @('app1')
        Complete 'Invoke-AcmClusterBackup -LogicalNode nodeA -Device /dev/sdb1 -UserApplication a' | Should -Be @('app1')
    }

    It 'completes -Resource from the cluster, filtered by what was typed, in both orders' {
        Complete 'Wait-AcmResourceState -State Online -Resource Fsystem_tran' | Should -Be @('Fsystem_tran1', 'Fsystem_tran2')
        Complete 'Wait-AcmResourceState -Resource Fsystem_tran2' ' -State Online' | Should -Be @('Fsystem_tran2')
        Complete 'New-AcmVolume -Device /dev/sdb1 -Resource Fsystem_tran1' | Should -Be @('Fsystem_tran1')
    }

    It 'completes -Node with the nodes the cluster reports, in both orders' {
        $nodes = @(Get-AcmClusterApplication).Node | Sort-Object -Unique
        $nodes | Should -Not -BeNullOrEmpty
        $got = Complete 'Get-AcmClusterApplication -Node '
        foreach ($n in $nodes) { $got | Should -Contain $n }
        Complete 'Enter-AcmMaintenance -Node ' ' -UserApplication app1' | Should -Be $got
        Complete 'Enter-AcmMaintenance -UserApplication app1 -Node ' | Should -Be $got
    }
}

Describe 'Argument completion from ACM' {
    BeforeAll {
        # Two generations of /dev/sdb1 and an EC session of /dev/sdb2, all in logical node nodeA's repository.
        Invoke-AcmBackup -LogicalNode nodeA -Device /dev/sdb1 | Out-Null
        Invoke-AcmBackup -LogicalNode nodeA -Device /dev/sdb1 | Out-Null
        Start-AcmSync -LogicalNode nodeA -Device /dev/sdb2 | Out-Null
        $script:history = Get-AcmBackupHistory -LogicalNode nodeA -Device /dev/sdb1
        # The backup volume of the session (named BackupDisk or, after the vocabulary change, BackupDevice).
        $script:session = Get-AcmSyncStatus -LogicalNode nodeA -Device /dev/sdb2 |
            ForEach-Object { $_.PSObject.Properties.Where({ $_.Name -in 'BackupDevice', 'BackupDisk' }, 'First').Value } | Where-Object { $_ -like '/dev/*' }
    }

    It 'completes -Device for the logical node typed, before or after -Device' {
        Complete 'Invoke-AcmBackup -LogicalNode nodeA -Device ' | Should -Be @('/dev/sdb1', '/dev/sdb2')
        Complete 'Invoke-AcmBackup -Device ' ' -LogicalNode nodeA' | Should -Be @('/dev/sdb1', '/dev/sdb2')
        Complete 'Get-AcmSyncStatus -Device /dev/sdb' ' -LogicalNode nodeA' | Should -Be @('/dev/sdb1', '/dev/sdb2')
        Complete 'Invoke-AcmBackup -Device ' ' -LogicalNode other' | Should -BeNullOrEmpty
    }

    It 'completes -Device from $env:SWSTGNODE when -LogicalNode is not typed' {
        $env:SWSTGNODE = 'nodeA'
        try { Complete 'Stop-AcmSync -Device ' | Should -Be @('/dev/sdb1', '/dev/sdb2') }
        finally { $env:SWSTGNODE = $null }
    }

    It 'completes -Generation with the generations ACM holds for the device, in both orders' {
        $expected = @($history.Generation | Sort-Object | ForEach-Object { "$_" })
        $expected | Should -HaveCount 2
        Complete 'Invoke-AcmRestore -Device /dev/sdb1 -LogicalNode nodeA -Generation ' | Should -Be $expected
        Complete 'Invoke-AcmRestore -Generation ' ' -Device /dev/sdb1 -LogicalNode nodeA' | Should -Be $expected
        Complete 'Invoke-AcmClusterRestore -UserApplication app1 -Generation ' ' -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode nodeA' | Should -Be $expected
        Complete 'Invoke-AcmRestore -Device /dev/sdb2 -LogicalNode nodeA -Generation ' | Should -BeNullOrEmpty -Because '/dev/sdb2 has no generation'
    }

    It 'completes -Version with the versions ACM holds for the device, in both orders' {
        $expected = @($history.Version | Sort-Object | ForEach-Object { "$_" })
        Complete 'Invoke-AcmRestore -Device /dev/sdb1 -LogicalNode nodeA -Version ' | Should -Be $expected
        Complete 'Invoke-AcmRestore -Version ' ' -LogicalNode nodeA -Device /dev/sdb1' | Should -Be $expected
    }

    It 'completes -BackupDevice with the backup volume of the device''s EC session, in both orders' {
        $session | Should -HaveCount 1
        Complete 'Stop-AcmSync -Device /dev/sdb2 -LogicalNode nodeA -BackupDevice ' | Should -Be @($session)
        Complete 'Stop-AcmSync -BackupDevice ' ' -Device /dev/sdb2 -LogicalNode nodeA' | Should -Be @($session)
        Complete 'Stop-AcmSync -Device /dev/sdb1 -LogicalNode nodeA -BackupDevice ' | Should -BeNullOrEmpty -Because '/dev/sdb1 has no session'
    }
}

Describe 'Argument completion from the mount table' {
    It 'completes -MountPoint with the mounted file systems, in both orders' {
        $mounted = @(& mount | ForEach-Object { ($_ -split ' on ', 2)[1] -replace ' type .*$' })
        $mounted | Should -Contain '/mnt/tran1'
        $got = Complete 'Dismount-AcmVolume -MountPoint /mnt/'
        $got | Should -Be @($mounted | Where-Object { $_ -like '/mnt/*' } | Sort-Object)
        Complete 'New-AcmVolume -MountPoint /mnt/tran' ' -Device /dev/sdb1 -Resource Fsystem_tran1' | Should -Contain '/mnt/tran1'
        Complete 'Invoke-AcmClusterBackup -UserApplication app1 -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran' | Should -Contain '/mnt/tran1'
        Complete 'Mount-AcmVolume -MountPoint /mnt/tran' ' -Device /dev/sdb1' | Should -Contain '/mnt/tran1'
    }

    It 'quotes a name that holds PowerShell syntax, so accepting it runs nothing' {
        $odd = '/mnt/it''s $(x)'
        & umount /mnt/tran2
        & mount /dev/sdb2 $odd
        try {
            $got = Complete 'Dismount-AcmVolume -MountPoint /mnt/it'
            $got | Should -Be @("'/mnt/it''s `$(x)'")
            $tokens = $null
            [System.Management.Automation.Language.Parser]::ParseInput("Dismount-AcmVolume -MountPoint $got", [ref] $tokens, [ref] $null) | Out-Null
            ($tokens | Where-Object Kind -EQ 'StringLiteral').Value | Should -Be $odd
        }
        finally {
            & umount $odd
            & mount /dev/sdb2 /mnt/tran2
        }
    }
}

Describe 'Argument completion of shared-disk names' {
    BeforeAll {
        # The simulator has no sdxinfo, vxdisk or vgs: stand-ins on PATH print the (assumed) fixtures.
        $script:bin = Join-Path $sim.StateDir 'disk-tools'
        New-Item -ItemType Directory -Path $bin | Out-Null
        $fixtures = (Resolve-Path (Join-Path $PSScriptRoot '../fixtures')).Path
        $tools = @{
            sdxinfo = "case `"`$1`" in -C) cat '$fixtures/sdxinfo-C.txt';; -V) cat '$fixtures/sdxinfo-V.txt';; esac"
            vxdisk  = "cat '$fixtures/vxdisk-o-alldgs-list.txt'"
            vgs     = "cat '$fixtures/vgs-noheadings-vg_name.txt'"
        }
        foreach ($name in $tools.Keys) {
            $path = Join-Path $bin $name
            Set-Content -Path $path -Value "#!/bin/sh`n$($tools[$name])"
            chmod 755 $path
        }
        $script:pathBefore = $env:PATH
        $env:PATH = $bin + [IO.Path]::PathSeparator + $env:PATH
    }
    AfterAll { $env:PATH = $pathBefore }

    It 'completes -Class with the GDS classes, in both orders' {
        Complete 'New-AcmSharedDisk -Gds -Class ' | Should -Be @('acmdata', 'class0001')
        Complete 'New-AcmSharedDisk -Class a' ' -Gds' | Should -Be @('acmdata')
    }

    It 'completes the GDS -Volume with the volumes of the class typed, in both orders' {
        Complete 'New-AcmSharedDisk -Gds -Class class0001 -Volume ' | Should -Be @('vol0001', 'vol0002')
        Complete 'New-AcmSharedDisk -Volume ' ' -Gds -Class acmdata' | Should -Be @('acmvol')
    }

    It 'completes -DiskGroup with the VxVM disk groups, deported ones too, in both orders' {
        Complete 'New-AcmSharedDisk -VxVM -DiskGroup ' | Should -Be @('dg01', 'dg02')
        Complete 'New-AcmSharedDisk -DiskGroup dg0' ' -VxVM' | Should -Be @('dg01', 'dg02')
    }

    It 'completes -VolumeGroup with the LVM volume groups, in both orders' {
        Complete 'New-AcmSharedDisk -Lvm -VolumeGroup ' | Should -Be @('vg01', 'vg_acm')
        Complete 'New-AcmSharedDisk -VolumeGroup vg_' ' -Lvm' | Should -Be @('vg_acm')
    }
}

Describe 'Argument completion from the journal' {
    BeforeAll {
        $env:SWSTGNODE = $null
        $script:before = @{
            Device      = Complete 'Invoke-AcmBackup -Device '
            LogicalNode = Complete 'Invoke-AcmBackup -LogicalNode '
        }
        $volume = New-AcmVolume -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1
        $script:done = Invoke-AcmClusterBackup -UserApplication app1 -Volume $volume -LogicalNode nodeA -SettleTime 0.3 -NoScriptWarning
    }

    It 'completes -LogicalNode, and then -Device without -LogicalNode, from the logical nodes procedures ran with' {
        $done.Succeeded | Should -BeTrue
        $before.LogicalNode | Should -BeNullOrEmpty -Because 'nothing here names a logical node before the first procedure'
        $before.Device | Should -BeNullOrEmpty -Because 'the repository without SWSTGNODE is empty in the simulator'
        Complete 'Invoke-AcmBackup -LogicalNode ' | Should -Be @('nodeA')
        Complete 'Invoke-AcmBackup -LogicalNode n' ' -Device /dev/sdb1' | Should -Be @('nodeA')
        Complete 'Invoke-AcmBackup -Device ' | Should -Be @('/dev/sdb1', '/dev/sdb2')
        Complete 'Invoke-AcmRestore -Device /dev/sdb1 -Generation ' | Should -Not -BeNullOrEmpty
    }

    It 'completes Get-AcmProcedure -Id with the journaled ids, in both orders' {
        Complete 'Get-AcmProcedure -Id ' | Should -Be @($done.Id)
        Complete 'Get-AcmProcedure -Id ' ' -UserApplication app1' | Should -Be @($done.Id)
        Complete 'Get-AcmProcedure -UserApplication app1 -Id ' | Should -Be @($done.Id)
    }

    It 'completes Resume-AcmProcedure -Id with the procedures that did not finish only' {
        Complete 'Resume-AcmProcedure -Id ' | Should -BeNullOrEmpty -Because 'the only procedure finished'
        Invoke-Sim $sim 'fault', '--command', 'swstbackup', '--exit-code', '2' | Out-Null
        Invoke-Sim $sim 'fault', '--command', 'hvutil', '--match', '-m off', '--count', '5' | Out-Null
        $volume = New-AcmVolume -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1
        $failed = Invoke-AcmClusterBackup -UserApplication app1 -Volume $volume -LogicalNode nodeA -SettleTime 0.3 -Timeout 1 -NoScriptWarning -ErrorAction SilentlyContinue
        $failed.State | Should -Be 'Incomplete'
        Complete 'Resume-AcmProcedure -Id ' | Should -Be @($failed.Id)
        Complete 'Get-AcmProcedure -Id ' | Should -Be @(@($done.Id, $failed.Id) | Sort-Object { $_ } -CaseSensitive)
        Invoke-Sim $sim 'clear-faults' | Out-Null
        (Resume-AcmProcedure -Id $failed.Id -Confirm:$false).State | Should -Be 'Resumed'
        Complete 'Resume-AcmProcedure -Id ' | Should -BeNullOrEmpty
    }
}

Describe 'What completion runs' {
    It 'runs only read-only queries, and asks every known logical node when -LogicalNode is not typed' {
        $seq = Get-LastSeq
        foreach ($line in 'Enter-AcmMaintenance -UserApplication ', 'Wait-AcmResourceState -Resource ', 'Get-AcmClusterApplication -Node ',
            'Invoke-AcmBackup -Device ', 'Invoke-AcmRestore -Device /dev/sdb1 -Generation ', 'Invoke-AcmRestore -Device /dev/sdb1 -Version ',
            'Stop-AcmSync -Device /dev/sdb2 -BackupDevice ', 'Dismount-AcmVolume -MountPoint ', 'Mount-AcmVolume -MountPoint ') {
            Complete $line | Out-Null
        }
        $calls = Get-CallsSince $seq
        $calls | Should -Not -BeNullOrEmpty
        foreach ($c in $calls) {
            (@($c.command) + @($c.args)) -join ' ' | Should -BeIn @('hvdisp -a', 'hvdisp', 'swsthistdisp', 'swstsyncstat', 'findmnt -J -l -o TARGET,SOURCE,MAJ:MIN,FSTYPE,OPTIONS')
        }
        # Without -LogicalNode: the journal's logical node and the node's own repository, one query each.
        $history = @(Get-CallsSince $seq | Where-Object command -EQ 'swsthistdisp')
        @($history | ForEach-Object { [string] $_.swstgnode }) | Sort-Object -Unique | Should -Be @('', 'nodeA') -Because 'no SWSTGNODE is the node''s own repository'
    }
}

Describe 'Completion that finds nothing' {
    BeforeAll {
        # A file whose name every prefix below would match: PowerShell's fallback would offer it.
        $script:here = Join-Path $sim.StateDir 'cwd'
        New-Item -ItemType Directory -Path $here | Out-Null
        New-Item -ItemType File -Path (Join-Path $here 'zz-file') | Out-Null
        Push-Location $here
    }
    AfterAll { Pop-Location }

    It 'offers no file names for <Line>' -TestCases @(
        @{ Line = 'Enter-AcmMaintenance -UserApplication zz' }
        @{ Line = 'Wait-AcmResourceState -State Online -Resource zz' }
        @{ Line = 'Get-AcmClusterApplication -Node zz' }
        @{ Line = 'Invoke-AcmBackup -LogicalNode nodeA -Device zz' }
        @{ Line = 'Invoke-AcmBackup -LogicalNode zz' }
        @{ Line = 'Mount-AcmVolume -Device zz' }
        @{ Line = 'Invoke-AcmRestore -Device /dev/sdb1 -LogicalNode nodeA -Generation zz' }
        @{ Line = 'Invoke-AcmRestore -Device /dev/sdb1 -LogicalNode nodeA -Version zz' }
        @{ Line = 'Invoke-AcmClusterRestore -Generation zz' }
        @{ Line = 'Invoke-AcmStoppedClusterRestore -Generation zz' }
        @{ Line = 'Stop-AcmSync -Device /dev/sdb2 -LogicalNode nodeA -BackupDevice zz' }
        @{ Line = 'Dismount-AcmVolume -MountPoint zz' }
        @{ Line = 'Mount-AcmVolume -MountPoint zz' }
        @{ Line = 'New-AcmVolume -MountPoint zz' }
        @{ Line = 'Invoke-AcmClusterBackup -MountPoint zz' }
        @{ Line = 'Get-AcmProcedure -Id zz' }
        @{ Line = 'Resume-AcmProcedure -Id zz' }
        @{ Line = 'New-AcmSharedDisk -Gds -Class zz' }
        @{ Line = 'New-AcmSharedDisk -Gds -Class class0001 -Volume zz' }
        @{ Line = 'New-AcmSharedDisk -VxVM -DiskGroup zz' }
        @{ Line = 'New-AcmSharedDisk -Lvm -VolumeGroup zz' }
    ) {
        param($Line)
        Complete $Line | Should -BeNullOrEmpty
    }

    It 'completes nothing, silently, when the cluster tools are missing' {
        $saved = $env:PATH
        $Error.Clear()
        try {
            $env:PATH = '/nonexistent'
            Complete 'Enter-AcmMaintenance -UserApplication ' | Should -BeNullOrEmpty
            Complete 'Invoke-AcmBackup -Device ' | Should -BeNullOrEmpty
            Complete 'Invoke-AcmRestore -Device /dev/sdb1 -LogicalNode nodeA -Generation ' | Should -BeNullOrEmpty
        }
        finally { $env:PATH = $saved }
        $Error.Count | Should -Be 0 -Because 'a completer never writes errors'
    }

    It 'cuts a hanging tool off and completes nothing' {
        Invoke-Sim $sim 'fault', '--command', 'swsthistdisp', '--hang', '30' | Out-Null
        try {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Complete 'Invoke-AcmBackup -LogicalNode nodeA -Device ' | Should -BeNullOrEmpty
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'the completion budget stops the tool'
        }
        finally { Invoke-Sim $sim 'clear-faults' | Out-Null }
        Complete 'Invoke-AcmBackup -LogicalNode nodeA -Device ' | Should -Be @('/dev/sdb1', '/dev/sdb2') -Because 'the next Tab asks again'
    }
}
