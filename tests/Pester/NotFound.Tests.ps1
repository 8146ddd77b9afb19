# Named lookups that find nothing write a non-terminating ObjectNotFound error per name, as Get-Item and
# Get-Service do; a wildcard that matches nothing writes nothing. Against the simulator.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Sim = New-SimCluster -Interval 0.3 -Volumes 1
    $script:SavedJournal = $env:ACMCLUSTER_STATE_DIR
    $env:ACMCLUSTER_STATE_DIR = Join-Path $Sim.StateDir 'journal'
}

AfterAll {
    $env:ACMCLUSTER_STATE_DIR = $SavedJournal
    Remove-SimCluster $Sim
}

Describe 'Get-AcmClusterApplication -Name' {
    It 'writes ClusterApplicationNotFound (ObjectNotFound) for a name the cluster does not have, and goes on' {
        $apps = Get-AcmClusterApplication -Name app9, app1 -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ClusterApplicationNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'app9'
        $apps.Name | Sort-Object -Unique | Should -Be 'app1'
    }

    It 'stops a script with -ErrorAction Stop' {
        { Get-AcmClusterApplication -Name app9 -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterApplicationNotFound,*'
    }

    It 'stays silent for a wildcard that matches nothing' {
        Get-AcmClusterApplication -Name 'app9*' -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }
}

Describe 'Get-AcmProcedure -Id' {
    BeforeAll {
        $volume = New-AcmVolume -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1
        $script:Done = Invoke-AcmClusterBackup -UserApplication app1 -Volume $volume -LogicalNode nodeA -SettleTime 0.3 -NoScriptWarning
    }

    It 'writes ProcedureNotFound (ObjectNotFound) for an id without a journal, and still returns the others' {
        $Done.Succeeded | Should -BeTrue
        $found = Get-AcmProcedure -Id nosuch, $Done.Id -ErrorVariable err -ErrorAction SilentlyContinue
        $found.Id | Should -Be $Done.Id
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ProcedureNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'nosuch'
    }

    It 'stops a script with -ErrorAction Stop' {
        { Get-AcmProcedure -Id nosuch -ErrorAction Stop } | Should -Throw -ErrorId 'ProcedureNotFound,*'
    }

    It 'stays silent for a wildcard that matches nothing, and for an id that a filter leaves out' {
        Get-AcmProcedure -Id 'nosuch*' -ErrorVariable err1 | Should -BeNullOrEmpty
        Get-AcmProcedure -Id $Done.Id -Incomplete -ErrorVariable err2 | Should -BeNullOrEmpty
        $err1 + $err2 | Should -BeNullOrEmpty
    }
}

Describe 'Get-AcmBackupHistory -Device' {
    BeforeAll {
        Invoke-Sim $Sim 'clear-faults' | Out-Null
    }

    It 'writes DeviceNotRegistered (ObjectNotFound) for a device ACM does not know, and returns the others' {
        $before = @(Get-SimCalls $Sim).Count
        $history = Get-AcmBackupHistory -Device /dev/sdz9, /dev/sdb1 -LogicalNode nodeA -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DeviceNotRegistered,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike '*/dev/sdz9*logical node nodeA*'
        $history.Device | Sort-Object -Unique | Should -Be '/dev/sdb1'
        # The unknown device's own query failed; the listing of every transaction volume decided.
        @(Get-SimCalls $Sim)[$before..1000] | Should -Be @('swsthistdisp /dev/sdz9', 'swsthistdisp', 'swsthistdisp /dev/sdb1')
    }

    It 'says so when no logical node was given (the devices are in the logical node''s repository)' {
        $env:SWSTGNODE = $null
        { Get-AcmBackupHistory -Device /dev/sdb1 -ErrorAction Stop } | Should -Throw -ErrorId 'DeviceNotRegistered,*' -ExpectedMessage '*no logical node given*'
    }

    It 'still fails with GetBackupHistoryFailed when ACM fails for a device it knows' {
        Invoke-Sim $Sim 'fault', '--command', 'swsthistdisp', '--match', '/dev/sdb1', '--message', 'swsthistdisp: ERROR: swst0601 not root' | Out-Null
        { Get-AcmBackupHistory -Device /dev/sdb1 -LogicalNode nodeA -ErrorAction Stop } | Should -Throw -ErrorId 'GetBackupHistoryFailed,*' -ExpectedMessage '*swst0601*'
    }

    It 'writes nothing for no device when the repository is empty' {
        $env:SWSTGNODE = $null
        Get-AcmBackupHistory -ErrorVariable err | Should -BeNullOrEmpty
        $err | Should -BeNullOrEmpty
    }
}
