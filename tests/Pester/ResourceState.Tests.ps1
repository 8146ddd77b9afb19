BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Add-NativeStubs
}
AfterAll { Remove-NativeStubs }

Describe 'Wait-AcmResourceState' {
    It 'polls hvassert -s until the resource is in the state and reports elapsed time' {
        $script:calls = 0
        Mock hvassert { $script:calls++; $global:LASTEXITCODE = if ($script:calls -ge 3) { 0 } else { 1 } }
        $r = Wait-AcmResourceState -Resource Fsystem_tran1 -State Offline -SettleTime 0 -PollInterval 0.05
        $r | Should -BeOfType ([AcmCluster.ResourceStateResult])
        $r.Resource | Should -Be 'Fsystem_tran1'
        $r.State | Should -Be 'Offline'
        $r.Checks | Should -Be 3
        Should -Invoke hvassert -Times 3 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-s Fsystem_tran1 Offline' }
    }

    It 'waits the settle time before the first check' {
        Mock hvassert { $global:LASTEXITCODE = 0 }
        $r = Wait-AcmResourceState -Resource Fsystem_tran1 -State Online -SettleTime 0.3
        $r.ElapsedSeconds | Should -BeGreaterOrEqual 0.3
        Should -Invoke hvassert -Times 1 -Exactly
    }

    It 'accepts several resources, polls them with one hvdisp -a a round, and names the late ones in a ResourceStateTimeout' {
        Mock hvassert { throw 'several resources are polled with one hvdisp -a, not an hvassert each' }
        Mock hvdisp {
            'Local System:  node1RMS'
            ''
            'Resource            Type    HostName            State        StateDetails'
            '-----------------------------------------------------------------------------'
            'app1                userApp                     Maintenance  Online'
            'Fsystem_tran1       gRes                        Offline'
            'Fsystem_tran2       gRes                        Online'
            'Fsystem_tran2       gRes    node2RMS            Offline'
        }
        $out = [System.Collections.Generic.List[object]]::new()
        $err = $null
        try {
            Wait-AcmResourceState -Resource Fsystem_tran1, Fsystem_tran2 -State Offline -SettleTime 0 -PollInterval 0.05 -Timeout 0 | ForEach-Object { $out.Add($_) }
        }
        catch { $err = $_ }
        $out.Resource | Should -Be 'Fsystem_tran1'
        $err.FullyQualifiedErrorId | Should -BeLike 'ResourceStateTimeout*'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err.Exception.Message | Should -BeLike '*Fsystem_tran2*'
        $err.Exception.Message | Should -Not -BeLike '*Fsystem_tran1*'
        Should -Invoke hvdisp -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-a' }
    }

    It 'takes resource names from the pipeline and TimeoutSec as an alias' {
        Mock hvdisp { 'Resource            Type    HostName            State        StateDetails'; 'Fsystem_tran1       gRes                        Online'; 'Fsystem_tran2       gRes                        Online' }
        $r = 'Fsystem_tran1', 'Fsystem_tran2' | Wait-AcmResourceState -State Online -SettleTime 0 -TimeoutSec 5
        $r | Should -HaveCount 2
    }

    It 'fails with ResourceStateQueryFailed when hvassert reports an error rather than a different state' {
        Mock hvassert { Write-Error 'hvassert: unknown resource Fsystem_x'; $global:LASTEXITCODE = 2 }
        { Wait-AcmResourceState -Resource Fsystem_x -State Online -SettleTime 0 -Timeout 5 -ErrorAction Stop } | Should -Throw -ErrorId 'ResourceStateQueryFailed*' -ExpectedMessage '*unknown resource*'
    }

    It 'rejects <Label> before any native command' -ForEach @(
        @{ Label = 'an option name'; Resource = '-w' }, @{ Label = 'metacharacters'; Resource = 'r;id' }, @{ Label = 'an empty name'; Resource = '' }
    ) {
        Mock hvassert { $global:LASTEXITCODE = 0 }
        { Wait-AcmResourceState -Resource $Resource -State Online -SettleTime 0 -ErrorAction Stop } | Should -Throw
        Should -Invoke hvassert -Times 0 -Exactly
    }

    It 'rejects a state the cluster does not know' {
        { Wait-AcmResourceState -Resource Fsystem_tran1 -State Sleeping -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}
