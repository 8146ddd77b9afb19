BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

# First, before any mock: the simulator prints the andOp rows of every userApplication (fidelity-evidence item 1).
Describe 'A backup on a display with andOp rows and a 25-character resource name (simulator)' {
    BeforeAll {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('acmsim-' + [guid]::NewGuid().ToString('n').Substring(0, 10))
        $json = & dotnet $env:ACMCLUSTER_TEST_SIMULATOR sim setup --state $dir --interval 0.3 --volumes 1 --resources Fsystem_transaction_vol01
        if ($LASTEXITCODE -ne 0) { throw "simulator setup failed: $json" }
        $script:sim = $json | ConvertFrom-Json
        $global:AcmSimSavedPath = $env:PATH
        $env:PATH = $sim.BinDir + [IO.Path]::PathSeparator + $env:PATH
        $script:SavedStateDir = $env:ACMCLUSTER_STATE_DIR
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
    }
    AfterAll {
        Remove-SimCluster $script:sim
        $env:ACMCLUSTER_STATE_DIR = $script:SavedStateDir
    }

    It 'shows the andOp rows, and the procedure backs up the volume' {
        $display = & hvdisp -a
        $display -match '^app1_node2\s+andOp\s+node2RMS$' | Should -Not -BeNullOrEmpty
        $display -match '^Fsystem_transaction_vol01 gRes\s+Online$' | Should -Not -BeNullOrEmpty
        'Fsystem_transaction_vol01'.Length | Should -Be 25
        $v = $sim.Volumes[0]
        $v.Resource | Should -Be 'Fsystem_transaction_vol01'
        $original = Get-DeviceHash $sim $v.Device
        $r = Invoke-AcmClusterBackup app1 -Device $v.Device -Resource $v.Resource -MountPoint $v.MountPoint -LogicalNode $sim.LogicalNode -SettleTime 0.3 -NoScriptWarning
        $r.Succeeded | Should -BeTrue
        Get-DeviceHash $sim $v.BackupDevices[0] | Should -Be $original
        $calls = @(Get-SimCalls $sim)
        $calls | Should -Contain 'hvutil -m off app1'
        $calls | Where-Object { $_ -like 'hvassert -w Fsystem_transaction_vol01 *' -or $_ -eq 'hvdisp -a' } | Should -Not -BeNullOrEmpty
        (Get-AcmClusterApplication app1 | Where-Object IsLocal).State | Should -Be 'Online'
    }
}

Describe 'Get-AcmClusterApplication' {
    BeforeAll { Add-NativeStubs }
    AfterAll { Remove-NativeStubs }

    BeforeEach {
        Mock hvdisp { Get-Fixture 'hvdisp-a.txt' }
    }

    It 'returns one object per application per node from hvdisp -a' {
        $apps = Get-AcmClusterApplication
        $apps | Should -HaveCount 2
        $local = $apps | Where-Object IsLocal
        $local.Name | Should -Be 'app1'
        $local.Node | Should -Be 'node1RMS'
        $local.State | Should -Be 'Online'
        $local.ClusterType | Should -Be 'PRIMECLUSTER'
        ($apps | Where-Object { -not $_.IsLocal }).State | Should -Be 'Standby'
        $apps[0] | Should -BeOfType ([AcmCluster.ClusterApplication])
        Should -Invoke hvdisp -Times 1 -Exactly -ParameterFilter { $Rest -join ' ' -eq '-a' }
    }

    It 'filters by name with wildcards' {
        Get-AcmClusterApplication -Name 'app*' | Should -HaveCount 2
        Get-AcmClusterApplication -Name 'zz*' | Should -BeNullOrEmpty
    }

    It 'writes ClusterApplicationNotFound for an unknown literal name' {
        { Get-AcmClusterApplication -Name app9 -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterApplicationNotFound*'
    }

    It 'shows maintenance mode' {
        Mock hvdisp { Get-Fixture 'hvdisp-a-maintenance.txt' }
        $local = Get-AcmClusterApplication app1 | Where-Object IsLocal
        $local.State | Should -Be 'Maintenance'
        $local.InMaintenance | Should -BeTrue
        $local.StateDetails | Should -Be 'Online !!'
    }

    It 'keeps andOp rows out of the applications and reads userApplication rows and wide names (fidelity-evidence item 1)' {
        Mock hvdisp { Get-Fixture 'hvdisp-a-andop.txt' }
        $apps = Get-AcmClusterApplication
        $apps.Name | Sort-Object -Unique | Should -Be 'app1', 'app2'
        ($apps | Where-Object { $_.Name -eq 'app2' -and -not $_.IsLocal }).State | Should -Be ''
        ($apps | Where-Object { $_.Name -eq 'app1' -and $_.IsLocal }).State | Should -Be 'Online'
    }

    It 'fails with the tool message when RMS is not running' {
        Mock hvdisp { 'hvdisp: RMS is not running on this node'; $global:LASTEXITCODE = 1 }
        { Get-AcmClusterApplication -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterQueryFailed*' -ExpectedMessage '*RMS is not running*'
    }

    It 'keeps a row it cannot read, and a decision that needs it quotes the line instead of guessing' {
        Mock hvdisp { 'Resource Type HostName State StateDetails'; 'node1RMS SysNode Online'; 'app1 userApp Bogus' }
        (Get-AcmClusterApplication -ErrorAction Stop).State | Should -Be ''
        { Invoke-AcmClusterBackup -UserApplication app1 -LogicalNode nodeA -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'NativeOutputUnrecognized*' -ExpectedMessage '*app1 userApp Bogus*'
    }

    It 'rejects option-like names before running anything' {
        { Get-AcmClusterApplication -Name '-M' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName*'
        Should -Invoke hvdisp -Times 0 -Exactly
    }
}
