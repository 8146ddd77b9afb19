BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # An hvdisp -a display (fidelity-evidence items 1 and 2: andOp rows without State) with the given resource rows.
    function script:Show-Hvdisp([string[]] $Rows) {
        'Local System:  node1RMS'
        ''
        'Resource            Type    HostName            State        StateDetails'
        '-----------------------------------------------------------------------------'
        'node1RMS            SysNode                     Online'
        'node2RMS            SysNode                     Online'
        'app1                userApp                     Maintenance  Online'
        'app1_node1          andOp   node1RMS'
        'app1_node2          andOp   node2RMS'
        $Rows
    }
}

Describe 'Wait-AcmResourceState against the simulator' {
    # A detector interval long enough that the first check, right after the unmount, still sees the file system.
    BeforeAll { $script:sim = New-SimCluster -Interval 2 }
    AfterAll { Remove-SimCluster $script:sim }

    It 'returns as soon as the unmounted file system is Offline, through hvassert -w' {
        $null = Enter-AcmMaintenance -UserApplication app1 -Confirm:$false
        & umount /mnt/tran1
        $r = Wait-AcmResourceState -Resource Fsystem_tran1 -State Offline -SettleTime 0 -Timeout 20
        $r.State | Should -Be 'Offline'
        $r.ElapsedSeconds | Should -BeLessThan 4
        Get-SimCalls $script:sim | Should -Contain 'hvassert -w Fsystem_tran1 Offline 5'
        & mount /mnt/tran1
        $null = Wait-AcmResourceState -Resource Fsystem_tran1 -State Online -SettleTime 0 -Timeout 20
        $null = Exit-AcmMaintenance -UserApplication app1 -Confirm:$false
    }

    It 'fails at once with ResourceNotFound for a resource the simulated cluster does not have' {
        { Wait-AcmResourceState -Resource Fsystem_nosuch -State Online -SettleTime 20 -Timeout 60 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ResourceNotFound*'
        Get-SimCalls $script:sim | Where-Object { $_ -like 'hvassert*Fsystem_nosuch*' } | Should -BeNullOrEmpty
    }
}

Describe 'Wait-AcmResourceState against the simulator: a resource that faults' {
    BeforeAll { $script:sim = New-SimCluster -Interval 0.3 }
    AfterAll { Remove-SimCluster $script:sim }

    It 'fails naming Faulted, not at the timeout, when the file system goes away outside maintenance mode' {
        & umount /mnt/tran2
        $watch = [Diagnostics.Stopwatch]::StartNew()
        { Wait-AcmResourceState -Resource Fsystem_tran2 -State Offline -SettleTime 0 -Timeout 60 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ResourceFaulted*' -ExpectedMessage '*Faulted*'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
    }
}

Describe 'Wait-AcmResourceState (mocked RMS)' {
    BeforeAll { Add-NativeStubs }
    AfterAll { Remove-NativeStubs }

    It 'reads the state with hvdisp -a, then waits with hvassert -w (9.1.7 note 1) until it is reached' {
        Mock hvdisp { Show-Hvdisp 'Fsystem_tran1       gRes                        Online' }
        Mock hvassert { $global:LASTEXITCODE = 0 }
        $r = Wait-AcmResourceState -Resource Fsystem_tran1 -State Offline -SettleTime 0 -Timeout 3
        $r | Should -BeOfType ([AcmCluster.ResourceStateResult])
        $r.Resource | Should -Be 'Fsystem_tran1'
        $r.State | Should -Be 'Offline'
        $r.Checks | Should -Be 2
        Should -Invoke hvassert -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-w Fsystem_tran1 Offline 3' }
        Should -Invoke hvdisp -Times 1 -Exactly
    }

    It 'waits the settle time before reading the state, and needs no wait when it is already reached' {
        Mock hvdisp { Show-Hvdisp 'Fsystem_tran1       gRes                        Online' }
        Mock hvassert { throw 'no wait is needed' }
        $r = Wait-AcmResourceState -Resource Fsystem_tran1 -State Online -SettleTime 0.3
        $r.ElapsedSeconds | Should -BeGreaterOrEqual 0.3
        $r.Checks | Should -Be 1
    }

    It 'waits for several resources with one hvassert -w each and names the late ones in a ResourceStateTimeout' {
        Mock hvdisp { Show-Hvdisp 'Fsystem_tran1       gRes                        Offline', 'Fsystem_tran2       gRes                        Online', 'Fsystem_tran2       gRes    node2RMS            Offline' }
        Mock hvassert { Start-Sleep -Milliseconds 1100; $global:LASTEXITCODE = 1 }
        $out = [System.Collections.Generic.List[object]]::new()
        $err = $null
        try {
            Wait-AcmResourceState -Resource Fsystem_tran1, Fsystem_tran2 -State Offline -SettleTime 0 -Timeout 1 | ForEach-Object { $out.Add($_) }
        }
        catch { $err = $_ }
        $out.Resource | Should -Be 'Fsystem_tran1'
        $err.FullyQualifiedErrorId | Should -BeLike 'ResourceStateTimeout*'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err.Exception.Message | Should -BeLike '*Fsystem_tran2*'
        $err.Exception.Message | Should -Not -BeLike '*Fsystem_tran1*'
        Should -Invoke hvassert -ParameterFilter { ($Rest -join ' ') -eq '-w Fsystem_tran2 Offline 1' }
        Should -Invoke hvassert -Times 0 -Exactly -ParameterFilter { $Rest -contains 'Fsystem_tran1' }
    }

    It 'takes resource names from the pipeline and TimeoutSec as an alias' {
        Mock hvdisp { Show-Hvdisp 'Fsystem_tran1       gRes                        Online', 'Fsystem_tran2       gRes                        Online' }
        $r = 'Fsystem_tran1', 'Fsystem_tran2' | Wait-AcmResourceState -State Online -SettleTime 0 -TimeoutSec 5
        $r | Should -HaveCount 2
    }

    It 'fails at once with ResourceNotFound, before the settle time, for a resource the cluster does not have' {
        Mock hvdisp { Show-Hvdisp 'Fsystem_tran1       gRes                        Online' }
        Mock hvassert { throw 'must not wait for a resource that is not there' }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        { Wait-AcmResourceState -Resource Fsystem_x -State Online -SettleTime 30 -Timeout 60 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ResourceNotFound*' -ExpectedMessage '*Fsystem_x*'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'fails at once naming the state when the resource is Faulted while waiting for Offline' {
        Mock hvdisp { Show-Hvdisp 'Fsystem_tran1       gRes                        Faulted      Faulted' }
        Mock hvassert { throw 'a faulted resource is not waited for' }
        $err = $null
        try { Wait-AcmResourceState -Resource Fsystem_tran1 -State Offline -SettleTime 0 -Timeout 60 -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ResourceFaulted*'
        $err.Exception.Message | Should -BeLike '*Fsystem_tran1*Faulted*'
    }

    It 'quotes the row when the resource it waits for shows no state it can read' {
        Mock hvdisp { Show-Hvdisp 'Fsystem_tran1       gRes                        Sleeping' }
        { Wait-AcmResourceState -Resource Fsystem_tran1 -State Online -SettleTime 0 -Timeout 5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'NativeOutputUnrecognized*' -ExpectedMessage '*Fsystem_tran1       gRes                        Sleeping*'
    }

    It 'stops waiting when hvassert says the resource is not there, instead of polling until the timeout' {
        Mock hvdisp { Show-Hvdisp 'Fsystem_tran1       gRes                        Online' }
        Mock hvassert { Write-Error "hvassert: ERROR: resource 'Fsystem_tran1' does not exist"; $global:LASTEXITCODE = 1 }
        { Wait-AcmResourceState -Resource Fsystem_tran1 -State Offline -SettleTime 0 -Timeout 60 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ResourceStateQueryFailed*' -ExpectedMessage '*does not exist*'
        Should -Invoke hvassert -Times 1 -Exactly
    }

    It 'rejects <Label> before any native command' -ForEach @(
        @{ Label = 'an option name'; Resource = '-w' }, @{ Label = 'metacharacters'; Resource = 'r;id' }, @{ Label = 'an empty name'; Resource = '' }
    ) {
        Mock hvassert { $global:LASTEXITCODE = 0 }
        Mock hvdisp { Show-Hvdisp @() }
        { Wait-AcmResourceState -Resource $Resource -State Online -SettleTime 0 -ErrorAction Stop } | Should -Throw
        Should -Invoke hvassert -Times 0 -Exactly
        Should -Invoke hvdisp -Times 0 -Exactly
    }

    It 'rejects a state the cluster does not know' {
        { Wait-AcmResourceState -Resource Fsystem_tran1 -State Sleeping -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}
