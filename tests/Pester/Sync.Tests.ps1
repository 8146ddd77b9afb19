BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Add-NativeStubs
}
AfterAll { Remove-NativeStubs }

Describe 'Start-AcmSync and Stop-AcmSync' {
    BeforeEach {
        Mock swststartsync { "$($Rest[-1]) swststartsync completed" }
        Mock swstcancelsync { "$($Rest[-1]) swstcancelsync completed" }
    }

    It 'starts EC for each device' {
        $r = Start-AcmSync -Device /dev/sdb1, /dev/sdb2 -LogicalNode nodeA
        $r.Operation | Should -Be @('StartSync', 'StartSync')
        $r.Completed | Should -Be @($true, $true)
        Should -Invoke swststartsync -Times 2 -Exactly
    }

    It 'cancels one session, or all' {
        Stop-AcmSync -Device /dev/sdb1 -BackupDevice /dev/sdd1 | Out-Null
        Stop-AcmSync -Device /dev/sdb1 -All | Out-Null
        Should -Invoke swstcancelsync -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-bd /dev/sdd1 /dev/sdb1' }
        Should -Invoke swstcancelsync -Times 1 -Exactly -ParameterFilter { ($Rest -join ' ') -eq '-all /dev/sdb1' }
    }

    It 'fails with StartSyncFailed and StopSyncFailed' {
        Mock swststartsync { Write-Error 'swststartsync: ERROR: swst0620 already running'; $global:LASTEXITCODE = 1 }
        Mock swstcancelsync { Write-Error 'swstcancelsync: ERROR: swst0621 no session'; $global:LASTEXITCODE = 1 }
        { Start-AcmSync -Device /dev/sdb1 -ErrorAction Stop } | Should -Throw -ErrorId 'StartSyncFailed*'
        { Stop-AcmSync -Device /dev/sdb1 -ErrorAction Stop } | Should -Throw -ErrorId 'StopSyncFailed*'
    }

    It '-WhatIf runs nothing' {
        Start-AcmSync -Device /dev/sdb1 -WhatIf
        Stop-AcmSync -Device /dev/sdb1 -All -WhatIf
        Should -Invoke swststartsync -Times 0 -Exactly
        Should -Invoke swstcancelsync -Times 0 -Exactly
    }

    It 'rejects bad devices before any native command' {
        { Start-AcmSync -Device 'sdb1' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDevice*'
        { Stop-AcmSync -Device /dev/sdb1 -BackupDevice '-all' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDevice*'
        Should -Invoke swststartsync -Times 0 -Exactly
        Should -Invoke swstcancelsync -Times 0 -Exactly
    }
}

Describe 'Get-AcmSyncStatus' {
    It 'parses every row with progress' {
        Mock swstsyncstat { Get-Fixture 'swstsyncstat.txt' }
        $s = Get-AcmSyncStatus -Device /dev/sdb6
        $s | Should -HaveCount 3
        $s[0] | Should -BeOfType ([AcmCluster.SyncStatus])
        $s.Status | Should -BeExactly @('Suspend', 'Executing', 'Equivalent')
        $s.Progress | Should -Be @($null, 75, 100)
        $s[1].BackupDevice | Should -Be '/dev/sde6'
        $s[1].Server | Should -Be 'SV1'
    }

    It 'rejects an unknown status word, quoting the line' {
        Mock swstsyncstat { 'Server Transaction-Disk Backup-Disk Status Execute'; 'SV1 /dev/sdb6 /dev/sdd6 sleeping ----' }
        { Get-AcmSyncStatus -ErrorAction Stop } | Should -Throw -ErrorId 'NativeOutputUnrecognized*' -ExpectedMessage '*sleeping*'
    }

    It 'rejects a truncated row' {
        Mock swstsyncstat { 'Server Transaction-Disk Backup-Disk Status Execute'; 'SV1 /dev/sdb6' }
        { Get-AcmSyncStatus -ErrorAction Stop } | Should -Throw -ErrorId 'NativeOutputUnrecognized*'
    }

    It 'ignores extra columns it does not know' {
        Mock swstsyncstat { 'Server Transaction-Disk Backup-Disk Status Execute Extra'; 'SV1 /dev/sdb6 /dev/sdd6 equivalent 100% x' }
        (Get-AcmSyncStatus).Status | Should -BeExactly 'Equivalent'
    }
}

Describe 'Wait-AcmSyncEquivalent' {
    It 'polls until the session is equivalent' {
        $script:n = 0
        Mock swstsyncstat {
            $script:n++
            'Server Transaction-Disk Backup-Disk Status Execute'
            if ($script:n -lt 3) { "SV1 /dev/sdb1 /dev/sdd1 executing $($script:n * 30)%" } else { 'SV1 /dev/sdb1 /dev/sdd1 equivalent 100%' }
        }
        $r = Wait-AcmSyncEquivalent -Device /dev/sdb1 -PollInterval 0.05
        $r.Status | Should -BeExactly 'Equivalent'
        Should -Invoke swstsyncstat -Times 3 -Exactly
    }

    It 'fails fast with SyncFailed on <Status>' -ForEach @(@{ Status = 'failed' }, @{ Status = 'halt' }, @{ Status = 'nosession' }) {
        Mock swstsyncstat { 'Server Transaction-Disk Backup-Disk Status Execute'; "SV1 /dev/sdb1 /dev/sdd1 $Status ----" }
        { Wait-AcmSyncEquivalent -Device /dev/sdb1 -PollInterval 0.05 -ErrorAction Stop } | Should -Throw -ErrorId 'SyncFailed*'
        Should -Invoke swstsyncstat -Times 1 -Exactly
    }

    It 'fails with SyncNotStarted when there is no session' {
        Mock swstsyncstat { 'Server Transaction-Disk Backup-Disk Status Execute'; 'SV1 /dev/sdb1 ---- ---- ----' }
        { Wait-AcmSyncEquivalent -Device /dev/sdb1 -ErrorAction Stop } | Should -Throw -ErrorId 'SyncNotStarted*'
    }

    It 'times out with SyncEquivalentTimeout (OperationTimeout)' {
        Mock swstsyncstat { 'Server Transaction-Disk Backup-Disk Status Execute'; 'SV1 /dev/sdb1 /dev/sdd1 executing 10%' }
        $err = $null
        try { Wait-AcmSyncEquivalent -Device /dev/sdb1 -Timeout 0 -PollInterval 0.05 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'SyncEquivalentTimeout*'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
    }
}
