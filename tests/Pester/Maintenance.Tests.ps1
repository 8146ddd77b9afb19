BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

# First, before any mock: the simulator's shims must be what runs.
Describe 'Maintenance mode against the simulator (fidelity-evidence item 2)' {
    BeforeAll { $script:sim = New-SimCluster -Interval 0.3 }
    AfterAll { Remove-SimCluster $script:sim }

    It 'refuses to leave maintenance mode naming the Offline resource, read from the userApplication row, before hvutil -m off' {
        # The module's own primitives take the file system away, as an operator following 9.1.7 by hand would.
        $null = Enter-AcmMaintenance -UserApplication app1 -Confirm:$false
        $unmounted = Dismount-AcmVolume -MountPoint /mnt/tran1 -Confirm:$false
        $null = Wait-AcmResourceState -Resource Fsystem_tran1 -State Offline -SettleTime 0.3 -Timeout 20
        (& hvdisp -a) -match '^app1\s+userApp\s+Maintenance\s+Online!!$' | Should -Not -BeNullOrEmpty
        $err = $null
        try { Exit-AcmMaintenance -UserApplication app1 -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MaintenanceExitBlocked*'
        $err.Exception.Message | Should -BeLike '*Fsystem_tran1 (Offline*'
        $err.Exception.Message | Should -Not -BeLike '*Fsystem_tran2*'
        Get-SimCalls $script:sim | Where-Object { $_ -like 'hvutil -m off*' -or $_ -like 'hvutil -m forceoff*' } | Should -BeNullOrEmpty

        $unmounted | Mount-AcmVolume -Confirm:$false | Out-Null
        $null = Wait-AcmResourceState -Resource Fsystem_tran1 -State Online -SettleTime 0.3 -Timeout 20
        (Exit-AcmMaintenance -UserApplication app1 -Confirm:$false).Changed | Should -BeTrue
        Get-SimCalls $script:sim | Should -Contain 'hvutil -m off app1'
    }
}

Describe 'Maintenance mode (mocked RMS)' {
BeforeAll { Add-NativeStubs }
AfterAll { Remove-NativeStubs }

Describe 'Enter-AcmMaintenance' {
    BeforeEach {
        Mock hvdisp { Get-Fixture 'hvdisp-a.txt' }
        Mock hvutil { }
    }

    It 'runs hvutil -m on app1 and reports the change' {
        $r = Enter-AcmMaintenance -UserApplication app1
        $r | Should -BeOfType ([AcmCluster.MaintenanceResult])
        $r.Maintenance | Should -BeTrue
        $r.Changed | Should -BeTrue
        $r.NativeCommand.CommandLine | Should -Be 'hvutil -m on app1'
        Should -Invoke hvutil -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-m on app1' }
    }

    It 'does nothing when already in maintenance mode' {
        Mock hvdisp { Get-Fixture 'hvdisp-a-maintenance.txt' }
        $r = Enter-AcmMaintenance -UserApplication app1
        $r.Changed | Should -BeFalse
        $r.Maintenance | Should -BeTrue
        Should -Invoke hvutil -Times 0 -Exactly
    }

    It 'binds -UserApplication from Get-AcmClusterApplication output' {
        Get-AcmClusterApplication app1 | Where-Object IsLocal | Enter-AcmMaintenance | Select-Object -ExpandProperty UserApplication | Should -Be 'app1'
        Should -Invoke hvutil -Times 1 -Exactly
    }

    It '-WhatIf names the command and runs no hvutil' {
        $out = Enter-AcmMaintenance -UserApplication app1 -WhatIf 6>&1 | Out-String
        Should -Invoke hvutil -Times 0 -Exactly
        $null = $out
    }

    It 'fails with the tool message and EnterMaintenanceFailed' {
        Mock hvutil { Write-Error 'hvutil: ERROR: application app1 is busy'; $global:LASTEXITCODE = 2 }
        { Enter-AcmMaintenance -UserApplication app1 -ErrorAction Stop } | Should -Throw -ErrorId 'EnterMaintenanceFailed*' -ExpectedMessage '*application app1 is busy*'
    }

    It 'fails with ClusterApplicationNotFound for an unknown application' {
        { Enter-AcmMaintenance -UserApplication app9 -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterApplicationNotFound*'
        Should -Invoke hvutil -Times 0 -Exactly
    }

    It 'rejects <Label> before any native command' -ForEach @(
        @{ Label = 'an option -M'; Name = '-M' }, @{ Label = '--help'; Name = '--help' }, @{ Label = 'shell metacharacters'; Name = 'a;rm -rf /' },
        @{ Label = 'a command substitution'; Name = '$(id)' }, @{ Label = 'a backtick'; Name = 'app`1' }, @{ Label = 'a newline'; Name = "app1`n" },
        @{ Label = 'white space'; Name = ' ' }, @{ Label = 'a Cyrillic look-alike'; Name = 'аpp1' }, @{ Label = 'a 10000-character name'; Name = ('a' * 10000) }
    ) {
        { Enter-AcmMaintenance -UserApplication $Name -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName*'
        Should -Invoke hvdisp -Times 0 -Exactly
        Should -Invoke hvutil -Times 0 -Exactly
    }
}

Describe 'Exit-AcmMaintenance' {
    BeforeEach {
        Mock hvdisp { Get-Fixture 'hvdisp-a-maintenance-clean.txt' }
        Mock hvutil { }
    }

    It 'runs hvutil -m off when every resource is back' {
        $r = Exit-AcmMaintenance -UserApplication app1
        $r.Maintenance | Should -BeFalse
        $r.Changed | Should -BeTrue
        Should -Invoke hvutil -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-m off app1' }
    }

    It 'does nothing when not in maintenance mode' {
        Mock hvdisp { Get-Fixture 'hvdisp-a.txt' }
        (Exit-AcmMaintenance -UserApplication app1).Changed | Should -BeFalse
        Should -Invoke hvutil -Times 0 -Exactly
    }

    It 'refuses with the problem resources named while a resource is not back' {
        Mock hvdisp { Get-Fixture 'hvdisp-a-maintenance.txt' }
        # 'Online !!' (with the blank of RMS guide B.2) on the userApplication row; only the resource that is not back is named.
        $err = $null
        try { Exit-AcmMaintenance -UserApplication app1 -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'MaintenanceExitBlocked*'
        $err.Exception.Message | Should -BeLike '*Fsystem_tran1*'
        $err.Exception.Message | Should -Not -BeLike '*Fsystem_tran2*'
        $err.Exception.Message | Should -Not -BeLike '*app1_node*'
        Should -Invoke hvutil -Times 0 -Exactly
    }

    It '-Force uses forceoff with -Confirm:$false' {
        Mock hvdisp { Get-Fixture 'hvdisp-a-maintenance.txt' }
        $r = Exit-AcmMaintenance -UserApplication app1 -Force -Confirm:$false
        $r.Changed | Should -BeTrue
        Should -Invoke hvutil -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-m forceoff app1' }
    }

    It '-Force fails fast instead of prompting in a non-interactive session' {
        Mock hvdisp { Get-Fixture 'hvdisp-a-maintenance.txt' }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$env:ACMCLUSTER_TEST_MODULE'; function hvdisp { Get-Content '$(Join-Path $PSScriptRoot '../fixtures/hvdisp-a-maintenance.txt')' }; function hvutil { 'ran' }; Exit-AcmMaintenance -UserApplication app1 -Force")
            $null = $ps.Invoke()
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'ConfirmationRequired*'
        }
        finally { $ps.Dispose() }
    }

    It '-WhatIf runs no hvutil' {
        Exit-AcmMaintenance -UserApplication app1 -WhatIf
        Should -Invoke hvutil -Times 0 -Exactly
    }

    It 'surfaces the refusal of hvutil itself' {
        Mock hvutil { Write-Error 'hvutil: ERROR: resource Fsystem_tran1 is not in its pre-maintenance state'; $global:LASTEXITCODE = 1 }
        { Exit-AcmMaintenance -UserApplication app1 -ErrorAction Stop } | Should -Throw -ErrorId 'ExitMaintenanceFailed*' -ExpectedMessage '*pre-maintenance*'
    }

    It 'rejects bad names before any native command' {
        { Exit-AcmMaintenance -UserApplication '-f' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName*'
        Should -Invoke hvdisp -Times 0 -Exactly
    }
}
}
