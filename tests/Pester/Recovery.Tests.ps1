# Issue 13: recovery that survives an upgrade and cannot lock an application out. A journal written by
# release 0.3.2 is resumed by this release (or refused, running nothing); Resume skips every undo that is
# already true; Resume-AcmProcedure -Acknowledge closes a procedure finished by hand.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    . (Join-Path $PSScriptRoot 'ProcedureHelpers.ps1')
    $script:Fixture032 = Join-Path $PSScriptRoot '../fixtures/journal-0.3.2-killed-during-swstbackup.json'

    # The cluster as release 0.3.2 left it when its pwsh was killed during swstbackup (the fixture's .source):
    # maintenance on, both volumes unmounted; then that journal, as the module writes journals (0600, root's).
    function Install-Journal032($Sim, [scriptblock] $Edit) {
        & hvutil -m on app1 | Out-Null
        foreach ($v in $Sim.Volumes) { & umount $v.MountPoint | Out-Null }
        $journal = Get-Content -Raw -LiteralPath $Fixture032 | ConvertFrom-Json
        if ($Edit) { & $Edit $journal }
        Get-AcmProcedure | Out-Null   # creates the state directory as the module does
        $path = Join-Path $env:ACMCLUSTER_STATE_DIR "procedures/$($journal.Result.Id).json"
        # Unedited, the bytes 0.3.2 wrote; edited, rewritten (dates may change form, which the reader accepts).
        if ($Edit) { $journal | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $path } else { Copy-Item -LiteralPath $Fixture032 -Destination $path }
        & chmod 600 $path
        $journal.Result.Id
    }

    # The calls that change something (no queries), from call number $From on.
    function Get-Changes($Sim, [int] $From = 0) {
        @(Get-SimCalls $Sim | Select-Object -Skip $From | Where-Object { $_ -match '^(hvutil|mount |umount|swst(backup|restore|startsync|cancelsync))' })
    }
}

AfterAll { $env:ACMCLUSTER_STATE_DIR = $null }

Describe 'A journal written by release 0.3.2 (killed during swstbackup)' {
    BeforeEach { $script:sim = New-ProcedureSim }
    AfterEach { Remove-SimCluster $sim }

    It 'the fixture is what 0.3.2 wrote: schema 1, no keys, no release, both backups Running' {
        $j = Get-Content -Raw -LiteralPath $Fixture032 | ConvertFrom-Json
        $j.Version | Should -Be 1
        $j.PSObject.Properties.Name | Should -Not -Contain 'ModuleVersion'
        $j.Result.Steps[0].PSObject.Properties.Name | Should -Not -Contain 'Key'
        ($j.Result.Steps | Where-Object Name -EQ 'Back up').Status | Should -Be @('Running', 'Running')
        Test-Path -LiteralPath "$Fixture032.source" | Should -BeTrue
    }

    It 'is finished by Resume-AcmProcedure: back in service, no second swstbackup, steps keyed' {
        $id = Install-Journal032 $sim
        (Get-AcmProcedure -Incomplete).Id | Should -Be $id
        $from = (Get-SimCalls $sim).Count
        $r = Resume-AcmProcedure -Id $id -Confirm:$false
        $r.State | Should -Be 'Resumed'
        Assert-InService $sim
        Get-SimCalls $sim | Where-Object { $_ -like 'swst*' -and $_ -notlike 'swst*disp*' -and $_ -notlike 'swstsyncstat*' } | Should -BeNullOrEmpty -Because 'Resume never runs a backup again'
        Get-Changes $sim $from | Should -Be @('mount -t ext4 -o rw,relatime /dev/sdb2 /mnt/tran2', 'mount -t ext4 -o rw,relatime /dev/sdb1 /mnt/tran1', 'hvutil -m off app1')
        ($r.Steps | Where-Object Name -EQ 'Unmount').Key | Should -Be @('unmount:/dev/sdb1', 'unmount:/dev/sdb2')
        ($r.Steps | Where-Object Name -EQ 'Enter maintenance mode').Key | Should -Be 'maintenance-on'
        Get-AcmProcedure -Incomplete | Should -BeNullOrEmpty
        # Resumed journals are rewritten in the current schema.
        (Get-Content -Raw -LiteralPath $r.JournalPath | ConvertFrom-Json).Version | Should -Be 2
    }

    It 'one it cannot match is refused with JournalIncompatible: names 0.3.2 and the commands, runs nothing' {
        # A step no release of this module ever planned (as a journal of a later, renamed step would look).
        $id = Install-Journal032 $sim { param($j) $j.Result.Steps[1].Name = 'Unmount the volume' }
        $from = (Get-SimCalls $sim).Count
        $err = $null
        try { Resume-AcmProcedure -Id $id -Confirm:$false -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'JournalIncompatible*'
        $err.CategoryInfo.Category | Should -Be 'InvalidData'
        $err.Exception.Message | Should -BeLike '*release 0.3.2*'
        $err.Exception.Message | Should -BeLike "*step 2 'Unmount the volume' (/dev/sdb1)*"
        $err.Exception.Message | Should -BeLike '*mount /dev/sdb2 /mnt/tran2*'
        $err.Exception.Message | Should -BeLike '*hvutil -m off app1*'
        $err.ErrorDetails.RecommendedAction + $err.Exception.RecommendedAction | Should -BeLike "*Resume-AcmProcedure -Id $id -Acknowledge*"
        Get-Changes $sim $from | Should -BeNullOrEmpty
        (Get-AcmProcedure -Id $id).State | Should -Be 'Running' -Because 'a refused journal is left as it was'
    }

    It 'a journal of a newer schema is refused the same way' {
        $id = Install-Journal032 $sim { param($j) $j.Version = 99; $j | Add-Member ModuleVersion '9.0.0' }
        $from = (Get-SimCalls $sim).Count
        { Resume-AcmProcedure -Id $id -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'JournalIncompatible*' -ExpectedMessage '*release 9.0.0*schema version 99*'
        Get-Changes $sim $from | Should -BeNullOrEmpty
    }
}

Describe 'Resume-AcmProcedure after the cluster was put back by hand' {
    BeforeAll {
        $script:sim = New-ProcedureSim
        # Fails after maintenance on and unmount; mounting /dev/sdb2 back and leaving maintenance fail in the undo too.
        $script:r = Invoke-IncompleteBackup $sim -MountFails
    }
    AfterAll { Remove-SimCluster $sim }

    It 'the procedure is Incomplete, with the manual commands as data' {
        $r.State | Should -Be 'Incomplete'
        $step = $r.Steps | Where-Object Key -EQ 'maintenance-on'
        $step.Status | Should -Be 'UndoFailed'
        $step.ManualUndo | Should -Be 'hvutil -m off app1'
        ($r.Steps | Where-Object Key -EQ 'unmount:/dev/sdb2').ManualUndo | Should -Be 'mount /dev/sdb2 /mnt/tran2'
    }

    It 'skips every undo that is already true and succeeds, running no change' {
        Invoke-Sim $sim 'clear-faults' | Out-Null
        # The admin's own fix: the volume mounted and maintenance off by hand.
        & mount /dev/sdb2 /mnt/tran2 | Out-Null
        # hvutil -m off refuses until the resource shows Online again (the simulator's monitor interval).
        $deadline = [datetime]::Now.AddSeconds(10)
        while ($true) {
            & hvutil -m off app1 2>&1 | Out-Null
            if ($LASTEXITCODE -eq 0 -or [datetime]::Now -gt $deadline) { break }
            Start-Sleep -Milliseconds 200
        }
        (Get-AcmClusterApplication app1 | Where-Object IsLocal).InMaintenance | Should -BeFalse
        $from = (Get-SimCalls $sim).Count
        $resumed = Resume-AcmProcedure -Id $r.Id -Confirm:$false
        $resumed.State | Should -Be 'Resumed'
        Get-Changes $sim $from | Should -BeNullOrEmpty
        ($resumed.Steps | Where-Object Key -EQ 'maintenance-on').Undo | Should -Be 'nothing to undo: maintenance mode is already off'
        ($resumed.Steps | Where-Object Key -EQ 'unmount:/dev/sdb2').Undo | Should -BeLike 'nothing to undo: /dev/sdb2 is mounted on /mnt/tran2'
        Assert-InService $sim
        Get-AcmProcedure -Incomplete | Should -BeNullOrEmpty
    }
}

Describe 'Resume-AcmProcedure -Acknowledge' {
    BeforeAll {
        $script:sim = New-ProcedureSim
        # The -Resource typo of the issue, as far as it can still happen: the undo cannot leave maintenance.
        $script:r = Invoke-IncompleteBackup $sim
        Invoke-Sim $sim 'clear-faults' | Out-Null
    }
    AfterAll { Remove-SimCluster $sim }

    It 'refuses bad input and prompts that cannot be answered, changing nothing' {
        $r.State | Should -Be 'Incomplete'
        { Resume-AcmProcedure -Id '../x' -Acknowledge -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidName*'
        { Resume-AcmProcedure -Id $r.Id -Acknowledge -TrustJournalScripts -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
        # Without -Confirm:$false a session that cannot prompt is refused (the module's rule for High impact).
        $out = Invoke-ChildPwsh "try { Resume-AcmProcedure -Id $($r.Id) -Acknowledge -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; exit 3 }"
        $LASTEXITCODE | Should -Be 3
        "$out" | Should -BeLike 'ConfirmationRequired*'
        (Get-AcmProcedure -Id $r.Id).State | Should -Be 'Incomplete'
    }

    It '-WhatIf says what it would mark and changes nothing' {
        $from = (Get-SimCalls $sim).Count
        # What-if lines go straight to the host: read from a child's output.
        $lines = Invoke-ChildPwsh "Resume-AcmProcedure -Id $($r.Id) -Acknowledge -WhatIf"
        "$lines" | Should -BeLike "*Mark procedure $($r.Id)*as Acknowledged*no command runs*"
        (Get-AcmProcedure -Id $r.Id).State | Should -Be 'Incomplete'
        @(Get-SimCalls $sim | Select-Object -Skip $from) | Should -BeNullOrEmpty
    }

    It 'closes a procedure finished by hand: runs nothing, records who and when, unblocks the next backup' {
        & hvutil -m off app1 | Out-Null    # the admin's fix
        { Invoke-Backup $sim } | Should -Throw -ErrorId 'ProcedureIncomplete*' -Because 'what was finished by hand still blocks until acknowledged'
        $from = (Get-SimCalls $sim).Count
        $ack = Resume-AcmProcedure -Id $r.Id -Acknowledge -Confirm:$false
        $ack.State | Should -Be 'Acknowledged'
        $ack.AcknowledgedBy | Should -Be ([Environment]::UserName)
        $ack.AcknowledgedTime | Should -BeGreaterThan ([datetime]::Now.AddMinutes(-1))
        $script:ackTime = $ack.AcknowledgedTime
        @(Get-SimCalls $sim | Select-Object -Skip $from) | Should -BeNullOrEmpty
        $onDisk = Get-Content -Raw -LiteralPath $ack.JournalPath | ConvertFrom-Json
        $onDisk.Result.State | Should -Be 'Acknowledged'
        $onDisk.Result.AcknowledgedBy | Should -Be ([Environment]::UserName)
        Get-AcmProcedure -Incomplete | Should -BeNullOrEmpty
        $next = Invoke-Backup $sim
        $next.Succeeded | Should -BeTrue
        Assert-InService $sim
    }

    It 'a closed procedure is not acknowledged again' {
        $again = Resume-AcmProcedure -Id $r.Id -Acknowledge -Confirm:$false
        $again.State | Should -Be 'Acknowledged'
        $again.AcknowledgedTime | Should -Be $ackTime
    }
}
