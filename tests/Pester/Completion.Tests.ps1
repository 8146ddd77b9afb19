# Tab completion from the live cluster and ACM (here: the simulator), and silence when the tools are missing.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:sim = New-SimCluster -Interval 0.3

    function Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

AfterAll { Remove-SimCluster $sim }

Describe 'Argument completion' {
    It 'completes -UserApplication from the cluster' {
        Complete 'Enter-AcmMaintenance -UserApplication ' | Should -Be @('app1')
        Complete 'Invoke-AcmClusterBackup -UserApplication a' | Should -Be @('app1')
    }

    It 'completes -Resource from the cluster, filtered by what was typed' {
        Complete 'Wait-AcmResourceState -State Online -Resource Fsystem_tran' | Should -Be @('Fsystem_tran1', 'Fsystem_tran2')
        Complete 'Wait-AcmResourceState -State Online -Resource Fsystem_tran2' | Should -Be @('Fsystem_tran2')
    }

    It 'completes -Device from ACM for the logical node given on the line' {
        Complete 'Invoke-AcmBackup -LogicalNode nodeA -Device ' | Should -Be @('/dev/sdb1', '/dev/sdb2')
        Complete 'Invoke-AcmBackup -LogicalNode other -Device ' | Should -BeNullOrEmpty
    }

    It 'completes -LogicalNode from $env:SWSTGNODE' {
        $env:SWSTGNODE = 'nodeA'
        try { Complete 'Get-AcmBackupHistory -LogicalNode ' | Should -Contain 'nodeA' }
        finally { $env:SWSTGNODE = $null }
    }

    It 'completes nothing, silently, when the cluster tools are missing' {
        $saved = $env:PATH
        $Error.Clear()
        try {
            $env:PATH = '/nonexistent'
            Complete 'Enter-AcmMaintenance -UserApplication ' | Should -BeNullOrEmpty
            Complete 'Invoke-AcmBackup -Device ' | Should -BeNullOrEmpty
        }
        finally { $env:PATH = $saved }
        $Error.Count | Should -Be 0 -Because 'a completer never writes errors'
    }
}
