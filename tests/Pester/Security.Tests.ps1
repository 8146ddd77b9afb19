# Issue 15: root trusts nothing another user can write. Each attack of the security review (findings 1, 2,
# 6 and 7) is repeated as root, with 'nobody' planting the files, and must be refused with its error id
# while nothing runs: no native call in the simulator's log, no marker file written by a planted script.
# Without root (or setpriv to act as nobody) the attacks cannot be staged: those tests are skipped, visibly.
BeforeDiscovery {
    $script:NeedsRoot = if ($IsWindows) { 'Unix file ownership and modes' }
    elseif ((& id -u) -ne '0') { 'needs root: the attacks are refused to root, with files planted as nobody' }
    elseif (-not (Get-Command setpriv -CommandType Application -ErrorAction SilentlyContinue)) { 'needs setpriv (util-linux) to act as nobody' }
    else { $null }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:Nobody = 65534

    # Runs a shell command as nobody (uid and gid 65534, no supplementary groups): the unprivileged attacker.
    function Invoke-AsNobody([string] $Shell, [string] $InputText) {
        if ($PSBoundParameters.ContainsKey('InputText')) { $InputText | & setpriv --reuid=$Nobody --regid=$Nobody --clear-groups /bin/sh -c $Shell }
        else { & setpriv --reuid=$Nobody --regid=$Nobody --clear-groups /bin/sh -c $Shell }
        if ($LASTEXITCODE -ne 0) { throw "as nobody: $Shell failed" }
    }

    # A directory nobody owns and anyone may write (what nobody makes in /tmp), under a root-private base.
    function New-NobodyDirectory {
        $base = New-PrivateTempDirectory 'acm-sec-'
        & chmod 0755 $base
        $dir = Join-Path $base 'state'
        Invoke-AsNobody "true" # nobody exists and setpriv works
        & install -d -o $Nobody -g $Nobody -m 0777 $dir
        $dir
    }

    # A journal as the module writes it: a Running procedure of app1 whose Generic scripts (when $Marker is
    # given) would write $Marker, or a PRIMECLUSTER one whose unmount step recorded a bind mount over /etc.
    function New-JournalText([string] $Id, [string] $Marker, [string] $UserApplication = 'app1', [string] $MountPoint = '/mnt/tran1') {
        # The request and journal entry types are internal (issue 13): made through the module's assembly.
        $module = (Get-Command Get-AcmProcedure).ImplementingType.Assembly
        # A cluster procedure's request (a record whose properties are init-only: set through reflection).
        $request = [Activator]::CreateInstance($module.GetType('AcmCluster.Planning.ClusterProcedureRequest', $true))
        $volumes = [Collections.Generic.List[AcmCluster.AcmVolume]]::new()
        $volumes.Add((New-AcmVolume -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1))
        $volumes[0].MountPoint = $MountPoint
        $request.GetType().GetProperty('UserApplication').SetValue($request, $UserApplication)
        $request.GetType().GetProperty('Volumes').SetValue($request, $volumes)
        $entry = [Activator]::CreateInstance($module.GetType('AcmCluster.Procedures.JournalEntry', $true))
        $entry.Result.Id = $Id
        $entry.Result.Procedure = 'SnapshotBackup'
        $entry.Result.UserApplication = $UserApplication
        # States are internal enums behind read-only names (issue 13): set as the journal store does.
        $flags = [Reflection.BindingFlags] 'NonPublic, Instance'
        $entry.Result.GetType().GetProperty('StateValue', $flags).SetValue($entry.Result, [Enum]::Parse($module.GetType('AcmCluster.ProcedureState', $true), 'Running'))
        if ($Marker) {
            $request.GetType().GetProperty('ClusterType').SetValue($request, [AcmCluster.ClusterType]::Generic)
            $scripts = [Collections.Generic.Dictionary[string, string]]::new()
            $scripts['Name'] = 'Planted'
            foreach ($s in 'GetStateScript', 'EnterMaintenanceScript', 'ExitMaintenanceScript') {
                $scripts[$s] = "Set-Content -LiteralPath '$Marker' -Value pwned"
            }
            $request.GetType().GetProperty('GenericScripts').SetValue($request, $scripts)
        }
        else {
            $step = [AcmCluster.ProcedureStepResult]::new()
            $step.Number = 1; $step.Name = 'Unmount'; $step.Device = '/dev/sdb1'; $step.Key = 'unmount:/dev/sdb1'
            $step.GetType().GetProperty('StatusValue', $flags).SetValue($step, [Enum]::Parse($module.GetType('AcmCluster.StepStatus', $true), 'Succeeded'))
            $data = $step.GetType().GetProperty('Data', [Reflection.BindingFlags] 'NonPublic, Instance').GetValue($step)
            $data['Device'] = '/srv/attacker'; $data['FileSystemType'] = 'none'; $data['Options'] = 'bind,suid'
            $entry.Result.Steps = @($step)
            $entry.Result.ClusterType = 'PRIMECLUSTER'
        }
        $entry.RequestJson = $request.ToJson()
        # Written the way the module writes journals (its compile-time JSON context: states as names).
        $context = $module.GetType('AcmCluster.Procedures.JournalJson', $true).GetProperty('Default').GetValue($null)
        [Text.Json.JsonSerializer]::Serialize($entry, $entry.GetType(), $context)
    }

    # Plants a journal as nobody in a directory nobody can write.
    function Add-NobodyJournal([string] $StateDir, [string] $Id, [string] $Text) {
        Invoke-AsNobody "mkdir -p '$StateDir/procedures' && cat > '$StateDir/procedures/$Id.json'" -InputText $Text
    }

    # A state directory as the module makes it (0700 under a private base): trusted.
    function New-TrustedStateDirectory {
        $env:ACMCLUSTER_STATE_DIR = Join-Path (New-PrivateTempDirectory 'acm-sec-') 'state'
        $null = Get-AcmProcedure -ErrorAction Stop
        $env:ACMCLUSTER_STATE_DIR
    }

    # What changed anything: queries and listings left out.
    function Get-Changing($Sim) { @(Get-SimCalls $Sim | Where-Object { $_ -notmatch '^(hvdisp|mount$|swstsyncstat|swsthistdisp|fuser)' }) }

    function Invoke-SimBackup($Sim) {
        $volumes = $Sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint }
        Invoke-AcmClusterBackup -UserApplication $Sim.App -Volume $volumes -LogicalNode $Sim.LogicalNode -SettleTime 0.3 -PollInterval 0.1 -Timeout 5 -NoScriptWarning -ErrorAction Stop
    }
}

AfterAll { $env:ACMCLUSTER_STATE_DIR = $null }

Describe 'Finding 1: a state directory another user can write is refused' -Skip:([bool]$NeedsRoot) {
    BeforeEach {
        $script:sim = New-SimCluster
        $script:marker = Join-Path (New-PrivateTempDirectory 'acm-sec-marker-') 'pwned'
    }
    AfterEach { Remove-SimCluster $sim }

    It 'the documented recovery does not run a Generic script planted by nobody (StateDirectoryUntrusted)' {
        $state = New-NobodyDirectory
        Add-NobodyJournal $state 'planted-1' (New-JournalText 'planted-1' -Marker $marker)
        $env:ACMCLUSTER_STATE_DIR = $state
        $err = $null
        try { Get-AcmProcedure -Incomplete -ErrorAction Stop | Resume-AcmProcedure -TrustJournalScripts -Confirm:$false -ErrorAction Stop }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'StateDirectoryUntrusted*'
        $err.Exception.Message | Should -BeLike "*$state is owned by uid $Nobody*"
        $err.ErrorDetails.RecommendedAction | Should -Be "Run: chown 0 '$state'"
        { Resume-AcmProcedure -Id planted-1 -TrustJournalScripts -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'StateDirectoryUntrusted*'
        Test-Path -LiteralPath $marker | Should -BeFalse -Because 'the planted script never ran'
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }

    It 'a planted PRIMECLUSTER journal recording a bind mount over /etc mounts nothing' {
        $state = New-NobodyDirectory
        Add-NobodyJournal $state 'planted-2' (New-JournalText 'planted-2' -MountPoint /etc)
        $env:ACMCLUSTER_STATE_DIR = $state
        { Resume-AcmProcedure -Id planted-2 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'StateDirectoryUntrusted*'
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }

    It 'a planted Running journal cannot block backups: the backup refuses the directory and changes nothing' {
        $state = New-NobodyDirectory
        Add-NobodyJournal $state 'planted-3' (New-JournalText 'planted-3')
        $env:ACMCLUSTER_STATE_DIR = $state
        { Invoke-SimBackup $sim } | Should -Throw -ErrorId 'StateDirectoryUntrusted*'
        Get-Changing $sim | Should -BeNullOrEmpty
    }

    It 'a root-owned state directory that others may write (0777) is refused with the chmod that fixes it' {
        $base = New-PrivateTempDirectory 'acm-sec-'
        $state = Join-Path $base 'state'
        & install -d -m 0777 $state
        $env:ACMCLUSTER_STATE_DIR = $state
        $err = $null
        try { Get-AcmProcedure -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'StateDirectoryUntrusted*'
        $err.ErrorDetails.RecommendedAction | Should -Be "Run: chmod go-w '$state'"
    }

    It 'an ancestor that others may write (0777, not sticky) is refused and named' {
        $base = New-PrivateTempDirectory 'acm-sec-'
        $open = Join-Path $base 'open'
        & install -d -m 0777 $open
        $env:ACMCLUSTER_STATE_DIR = Join-Path $open 'state'
        { Get-AcmProcedure -ErrorAction Stop } | Should -Throw -ErrorId 'StateDirectoryUntrusted*' -ExpectedMessage "*$open is writable by group or others (mode 0777)*"
    }

    It 'a sticky world-writable ancestor (like /tmp) is accepted, and the directories are created 0700' {
        $base = New-PrivateTempDirectory 'acm-sec-'
        $sticky = Join-Path $base 'sticky'
        & install -d -m 1777 $sticky
        $env:ACMCLUSTER_STATE_DIR = Join-Path $sticky 'state'
        @(Get-AcmProcedure -ErrorAction Stop) | Should -BeNullOrEmpty
        foreach ($d in '', 'procedures', 'locks', 'claims') {
            (& stat -c '%a %u' (Join-Path $env:ACMCLUSTER_STATE_DIR $d)) | Should -Be '700 0'
        }
    }

    It 'a state directory that is a symbolic link is refused' {
        $base = New-PrivateTempDirectory 'acm-sec-'
        $real = New-Item -ItemType Directory -Path (Join-Path $base 'real')
        $link = Join-Path $base 'link'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $real.FullName
        $env:ACMCLUSTER_STATE_DIR = $link
        { Get-AcmProcedure -ErrorAction Stop } | Should -Throw -ErrorId 'StateDirectoryUntrusted*' -ExpectedMessage "*$link is a symbolic link*"
    }
}

Describe 'Finding 1: journals are checked before they are read, and re-validated' -Skip:([bool]$NeedsRoot) {
    BeforeEach {
        $script:sim = New-SimCluster
        $script:procedures = Join-Path (New-TrustedStateDirectory) 'procedures'
        $script:marker = Join-Path (New-PrivateTempDirectory 'acm-sec-marker-') 'pwned'
    }
    AfterEach { Remove-SimCluster $sim }

    It 'a journal owned by nobody is reported, never loaded, and blocks no backup; what root writes is 0600' {
        $file = Join-Path $procedures 'planted-4.json'
        Set-Content -LiteralPath $file -Value (New-JournalText 'planted-4')
        & chown $Nobody $file
        $listed = @(Get-AcmProcedure -WarningVariable warnings -WarningAction SilentlyContinue)
        $listed | Should -BeNullOrEmpty
        "$warnings" | Should -BeLike "*Ignored procedure journal $file*owned by uid $Nobody*"
        { Resume-AcmProcedure -Id planted-4 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'JournalUntrusted*'
        $r = Invoke-SimBackup $sim
        $r.State | Should -Be 'Succeeded' -Because 'an untrusted journal is no ProcedureIncomplete'
        (& stat -c '%a %u' $r.JournalPath) | Should -Be '600 0'
        (& stat -c '%a' (Join-Path $env:ACMCLUSTER_STATE_DIR "locks/$($sim.App).lock")) | Should -Be '600'
        @(Get-ChildItem -LiteralPath $procedures -Filter '*.tmp' -Force) | Should -BeNullOrEmpty
    }

    It 'a journal that is a symbolic link is reported and never followed' {
        $elsewhere = Join-Path (New-PrivateTempDirectory 'acm-sec-') 'journal.json'
        Set-Content -LiteralPath $elsewhere -Value (New-JournalText 'planted-5' -Marker $marker)
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $procedures 'planted-5.json') -Target $elsewhere
        @(Get-AcmProcedure -Incomplete -WarningVariable warnings -WarningAction SilentlyContinue) | Should -BeNullOrEmpty
        "$warnings" | Should -BeLike '*is a symbolic link*'
        { Resume-AcmProcedure -Id planted-5 -TrustJournalScripts -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'JournalUntrusted*'
        Test-Path -LiteralPath $marker | Should -BeFalse
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }

    It 'a userApplication that is a path is refused before it names a lock file' {
        Set-Content -LiteralPath (Join-Path $procedures 'planted-6.json') -Value (New-JournalText 'planted-6' -UserApplication '../../../etc/cron.d/x')
        @(Get-AcmProcedure -Incomplete -WarningVariable warnings -WarningAction SilentlyContinue) | Should -BeNullOrEmpty
        "$warnings" | Should -BeLike '*planted-6.json*UserApplication*'
        { Resume-AcmProcedure -Id planted-6 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'JournalUntrusted*'
        Test-Path -LiteralPath /etc/cron.d/x.lock | Should -BeFalse
    }

    It 'a mount point in a journal is checked like -MountPoint (JournalUntrusted), and nothing runs' {
        Set-Content -LiteralPath (Join-Path $procedures 'planted-7.json') -Value (New-JournalText 'planted-7' -MountPoint 'etc')
        { Resume-AcmProcedure -Id planted-7 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'JournalUntrusted*' -ExpectedMessage '*is not an absolute path*'
        Get-SimCalls $sim | Should -BeNullOrEmpty
    }

    It 'Generic script text in a journal runs only with -TrustJournalScripts, and the refusal shows it' {
        Set-Content -LiteralPath (Join-Path $procedures 'planted-8.json') -Value (New-JournalText 'planted-8' -Marker $marker)
        { Resume-AcmProcedure -Id planted-8 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'JournalScriptsUntrusted*' -ExpectedMessage "*ExitMaintenanceScript: Set-Content -LiteralPath '$marker' -Value pwned*"
        Test-Path -LiteralPath $marker | Should -BeFalse
        Get-SimCalls $sim | Should -BeNullOrEmpty
        (Get-Command Resume-AcmProcedure).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Finding 2: lock files' -Skip:([bool]$NeedsRoot) {
    BeforeEach {
        $script:sim = New-SimCluster
        $script:locks = Join-Path (New-TrustedStateDirectory) 'locks'
        Set-Content -LiteralPath (Join-Path $env:ACMCLUSTER_STATE_DIR 'procedures/running-1.json') -Value (New-JournalText 'running-1' -UserApplication $sim.App)
    }
    AfterEach { Remove-SimCluster $sim }

    It 'Get-AcmProcedure -Incomplete creates no lock file' {
        (Get-AcmProcedure -Incomplete).Id | Should -Be 'running-1'
        @(Get-ChildItem -LiteralPath $locks -Force) | Should -BeNullOrEmpty
    }

    It 'a lock file that is a symbolic link is refused and its target left as it was, by the listing and by a backup' {
        $victim = Join-Path (New-PrivateTempDirectory 'acm-sec-') 'victim'
        Set-Content -LiteralPath $victim -Value 'precious'
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $locks "$($sim.App).lock") -Target $victim
        { Get-AcmProcedure -Incomplete -ErrorAction Stop } | Should -Throw -ErrorId 'StateDirectoryUntrusted*' -ExpectedMessage '*is a symbolic link*'
        { Invoke-SimBackup $sim } | Should -Throw -ErrorId 'StateDirectoryUntrusted*'
        Get-Content -LiteralPath $victim | Should -Be 'precious'
        Get-Changing $sim | Should -BeNullOrEmpty
    }
}

Describe 'Finding 6: which binary runs' -Skip:([bool]$NeedsRoot) {
    BeforeAll {
        $script:SavedPath = $env:PATH
        # A fake hvdisp that leaves a marker: it must never run.
        function New-FakeTool([string] $Dir, [string] $Marker) {
            $tool = Join-Path $Dir 'hvdisp'
            Set-Content -LiteralPath $tool -Value "#!/bin/sh`ntouch '$Marker'`n"
            & chmod 0755 $tool
            $tool
        }
    }
    BeforeEach { $script:marker = Join-Path (New-PrivateTempDirectory 'acm-sec-marker-') 'pwned' }
    AfterEach { $env:PATH = $SavedPath; $env:ACMCLUSTER_NATIVE_ONLY = $null }

    It 'a relative PATH entry (.) is skipped: ./hvdisp does not run (NativeCommandNotFound)' {
        $dir = New-PrivateTempDirectory 'acm-sec-cwd-'
        $null = New-FakeTool $dir $marker
        $env:PATH = '.' + [IO.Path]::PathSeparator + $SavedPath
        Push-Location -LiteralPath $dir
        try { { Get-AcmClusterApplication -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterTypeNotDetected*' -ExpectedMessage "*neither PRIMECLUSTER's hvdisp*" }
        finally { Pop-Location }
        Test-Path -LiteralPath $marker | Should -BeFalse
    }

    It 'a binary nobody owns, in a directory nobody owns, on root''s PATH is refused (NativeCommandUntrusted)' {
        $base = New-PrivateTempDirectory 'acm-sec-'
        & chmod 0755 $base
        $bin = Join-Path $base 'bin'
        & install -d -o $Nobody -g $Nobody -m 0755 $bin
        Invoke-AsNobody "printf '#!/bin/sh
touch $marker
' > '$bin/hvdisp' && chmod 0755 '$bin/hvdisp'"
        $env:PATH = $bin + [IO.Path]::PathSeparator + $SavedPath
        { Get-AcmClusterApplication -ErrorAction Stop } | Should -Throw -ErrorId 'NativeCommandUntrusted*' -ExpectedMessage "*$bin is owned by uid $Nobody*"
        Test-Path -LiteralPath $marker | Should -BeFalse
    }

    It 'a root-owned binary in a directory others may write is refused with the chmod that fixes it' {
        $bin = Join-Path (New-PrivateTempDirectory 'acm-sec-') 'bin'
        & install -d -m 0777 $bin
        $null = New-FakeTool $bin $marker
        $env:PATH = $bin + [IO.Path]::PathSeparator + $SavedPath
        $err = $null
        try { Get-AcmClusterApplication -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'NativeCommandUntrusted*'
        $err.ErrorDetails.RecommendedAction | Should -Be "Run: chmod go-w '$bin'"
        Test-Path -LiteralPath $marker | Should -BeFalse
    }

    It 'looking up hvdisp does not auto-load a module on PSModulePath that exports it' {
        $modules = New-PrivateTempDirectory 'acm-sec-modules-'
        $null = New-Item -ItemType Directory -Path (Join-Path $modules 'EvilHv')
        Set-Content -LiteralPath (Join-Path $modules 'EvilHv/EvilHv.psm1') -Value "function hvdisp { Set-Content -LiteralPath '$marker' -Value pwned }; Export-ModuleMember -Function hvdisp"
        Set-Content -LiteralPath (Join-Path $modules 'EvilHv/EvilHv.psd1') -Value "@{ ModuleVersion = '1.0'; RootModule = 'EvilHv.psm1'; FunctionsToExport = @('hvdisp') }"
        $out = Invoke-ChildScript @"
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module '$env:ACMCLUSTER_TEST_MODULE'
try { Get-AcmClusterApplication -ErrorAction Stop } catch { 'ERROR ' + `$_.FullyQualifiedErrorId }
'LOADED ' + [bool](Get-Module EvilHv)
# The control: PowerShell itself would find (and load) it, so the test above could have failed.
'FOUND ' + (Get-Command hvdisp).Source
"@
        $out | Should -Contain 'ERROR ClusterTypeNotDetected,AcmCluster.Commands.GetAcmClusterApplicationCommand'
        $out | Should -Contain 'LOADED False'
        $out | Should -Contain 'FOUND EvilHv'
        Test-Path -LiteralPath $marker | Should -BeFalse
    }

    It 'ACMCLUSTER_NATIVE_ONLY=1 turns session lookup off: a function named hvdisp does not run, the simulator''s binary does' {
        $sim = New-SimCluster
        try {
            $global:AcmSecurityFunctionRan = $false
            function global:hvdisp { $global:AcmSecurityFunctionRan = $true }
            $env:ACMCLUSTER_NATIVE_ONLY = '1'
            (Get-AcmClusterApplication -ErrorAction Stop).Name | Should -Contain $sim.App
            $global:AcmSecurityFunctionRan | Should -BeFalse
            Get-SimCalls $sim | Should -Contain 'hvdisp -a'
        }
        finally {
            Remove-Item function:global:hvdisp -ErrorAction SilentlyContinue
            Remove-SimCluster $sim
        }
    }
}
