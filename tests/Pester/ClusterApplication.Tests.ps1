BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Add-NativeStubs
}
AfterAll { Remove-NativeStubs }

Describe 'Get-AcmClusterApplication' {
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
        $local.StateDetails | Should -Be 'Online'
    }

    It 'fails with the tool message when RMS is not running' {
        Mock hvdisp { 'hvdisp: RMS is not running on this node'; $global:LASTEXITCODE = 1 }
        { Get-AcmClusterApplication -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterQueryFailed*' -ExpectedMessage '*RMS is not running*'
    }

    It 'quotes a line it cannot read instead of guessing' {
        Mock hvdisp { 'Resource Type HostName State StateDetails'; 'app1 userApp Bogus' }
        { Get-AcmClusterApplication -ErrorAction Stop } | Should -Throw -ErrorId 'NativeOutputUnrecognized*' -ExpectedMessage '*app1 userApp Bogus*'
    }

    It 'rejects option-like names before running anything' {
        { Get-AcmClusterApplication -Name '-M' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName*'
        Should -Invoke hvdisp -Times 0 -Exactly
    }
}
