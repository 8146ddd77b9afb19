# Issue: Ansible, for real. examples/ansible/playbook.yml (role acm_cluster_backup) runs with forks 4 over
# an inventory of 6 hosts, each a separate simulated cluster (local connection, its own simulator state
# dir and journal). One host's swstbackup is made to fail: that host fails and its cluster is back in
# service, the others succeed, and the PLAY RECAP says so. --check runs -WhatIf and changes nothing.
# Skipped (visibly) where ansible-playbook is missing; .ci/run installs ansible-core so CI runs it.
BeforeDiscovery {
    $script:NoAnsible = -not (Get-Command ansible-playbook -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Remove-NativeStubs
    $script:HostCount = 6
    $script:FailedHost = 'acm-sim-4'
    $script:Playbook = (Resolve-Path (Join-Path $PSScriptRoot '../../examples/ansible/playbook.yml')).Path
    $script:Clock = [Diagnostics.Stopwatch]::StartNew()
    $script:Work = $null
    $script:Sims = [ordered]@{}
    $script:NoAnsible = -not (Get-Command ansible-playbook -CommandType Application -ErrorAction SilentlyContinue)
    if ($NoAnsible) {
        Write-Host 'SKIPPED: ansible-playbook is not on PATH, so the Ansible integration tests do not run (apt-get install ansible-core).' -ForegroundColor Yellow
        return
    }

    $script:Work = New-PrivateTempDirectory 'acm-ansible-'
    # PowerShell as this test runs it: the dotnet tool (dotnet + pwsh.dll) or a plain pwsh executable.
    $pwshArgv = if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') {
        @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
    }
    else { @([Environment]::ProcessPath) }
    # Private copies of the module and the simulator: the hosts run for a minute, and a rebuild meanwhile
    # (build.ps1 re-creates out/AcmCluster) must not pull the files from under them.
    $moduleDir = Split-Path (Resolve-Path $env:ACMCLUSTER_TEST_MODULE).Path
    Copy-Item -LiteralPath $moduleDir -Destination (Join-Path $Work 'module') -Recurse
    $module = Join-Path $Work "module/$(Split-Path $env:ACMCLUSTER_TEST_MODULE -Leaf)"
    Copy-Item -LiteralPath (Split-Path (Resolve-Path $env:ACMCLUSTER_TEST_SIMULATOR).Path) -Destination (Join-Path $Work 'simulator') -Recurse
    $script:Simulator = Join-Path $Work "simulator/$(Split-Path $env:ACMCLUSTER_TEST_SIMULATOR -Leaf)"

    $hosts = [ordered]@{}
    for ($i = 1; $i -le $HostCount; $i++) {
        $name = "acm-sim-$i"
        $dir = Join-Path $Work $name
        $json = & dotnet $Simulator sim setup --state $dir --interval 0.3 --sync-time 1 --volumes 2
        if ($LASTEXITCODE -ne 0) { throw "simulator setup failed: $json" }
        $sim = $json | ConvertFrom-Json
        $Sims[$name] = $sim
        $hosts[$name] = [ordered]@{
            ansible_connection                  = 'local'
            ansible_python_interpreter          = '{{ ansible_playbook_python }}'
            acm_cluster_backup_pwsh             = $pwshArgv
            acm_cluster_backup_module           = $module
            acm_cluster_backup_path_prepend     = @($sim.BinDir)
            acm_cluster_backup_environment      = @{ ACMCLUSTER_STATE_DIR = (Join-Path $dir 'acmcluster') }
            acm_cluster_backup_user_application = $sim.App
            acm_cluster_backup_logical_node     = $sim.LogicalNode
            acm_cluster_backup_volumes          = @($sim.Volumes | ForEach-Object { [ordered]@{ device = $_.Device; resource = $_.Resource; mount_point = $_.MountPoint } })
        }
    }
    $null = & dotnet $Simulator sim fault --command swstbackup --exit-code 2 --state $Sims[$FailedHost].StateDir
    if ($LASTEXITCODE -ne 0) { throw 'sim fault failed' }

    # JSON is YAML: the yaml inventory plugin reads it.
    $script:Inventory = Join-Path $Work 'inventory.yml'
    @{
        all = @{
            children = @{
                acm_clusters = @{
                    vars  = @{ acm_cluster_backup_settle_time = 0.3; acm_cluster_backup_poll_interval = 0.1; acm_cluster_backup_timeout = 30 }
                    hosts = $hosts
                }
            }
        }
    } | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $Inventory -Encoding utf8NoBOM

    $ansibleEnv = @{
        ANSIBLE_CONFIG              = (Join-Path $Work 'ansible.cfg')   # an empty one: no ansible.cfg of the working directory or home
        ANSIBLE_HOME                = (Join-Path $Work 'ansible-home')
        ANSIBLE_LOCAL_TEMP          = (Join-Path $Work 'ansible-local')
        ANSIBLE_REMOTE_TEMP         = (Join-Path $Work 'ansible-remote')
        ANSIBLE_HOST_KEY_CHECKING   = 'False'
        ANSIBLE_STDOUT_CALLBACK     = 'default'
        ANSIBLE_NOCOLOR             = '1'
        ANSIBLE_RETRY_FILES_ENABLED = 'False'
        ANSIBLE_DEPRECATION_WARNINGS = 'False'
        LC_ALL                      = 'C.UTF-8'
        ACMCLUSTER_STATE_DIR        = $null
    }
    $null = New-Item -ItemType File -Path $ansibleEnv.ANSIBLE_CONFIG
    $script:SavedEnv = @{}
    foreach ($k in $ansibleEnv.Keys) { $SavedEnv[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $ansibleEnv[$k]) }

    # Runs the playbook; returns its exit code, output and recap as { host = @{ ok = N; changed = N; ... } }.
    function Invoke-Playbook([string[]] $Extra = @()) {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        Push-Location $Work
        try { $lines = & ansible-playbook -f 4 -i $Inventory $Playbook @Extra 2>&1 | ForEach-Object { "$_" } }
        finally { Pop-Location }
        $run = [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = $lines; Text = $lines -join "`n"; Recap = @{}; Seconds = $sw.Elapsed.TotalSeconds }
        $inRecap = $false
        foreach ($line in $lines) {
            if ($line -like 'PLAY RECAP*') { $inRecap = $true; continue }
            if ($inRecap -and $line -match '^(?<host>\S+)\s*:\s*(?<counts>(\w+=\d+\s*)+)$') {
                $counts = @{}
                foreach ($m in [regex]::Matches($Matches.counts, '(\w+)=(\d+)')) { $counts[$m.Groups[1].Value] = [int]$m.Groups[2].Value }
                $run.Recap[$Matches.host] = $counts
            }
        }
        Write-Host ("ansible-playbook {0} -> exit {1} in {2:0.0} s" -f ($Extra -join ' '), $run.ExitCode, $run.Seconds)
        if ($env:ACMCLUSTER_TEST_VERBOSE_ANSIBLE) { $lines | Write-Host }
        $run
    }

    # The host's call log (one JSON object per line, see the simulator's README) as 'command arg arg' lines.
    function Get-HostCalls($Sim) {
        if (-not (Test-Path -LiteralPath $Sim.CallLog)) { return }
        Get-Content -LiteralPath $Sim.CallLog | ConvertFrom-Json | Where-Object kind -EQ 'call' | ForEach-Object { (@($_.command) + @($_.args)) -join ' ' }
    }

    # In service, as that host's own shims report it: app1 Online here and nowhere in maintenance, every volume mounted.
    function Assert-HostInService($Sim) {
        $hvdisp = & (Join-Path $Sim.BinDir 'hvdisp') -a
        $LASTEXITCODE | Should -Be 0
        $rows = @($hvdisp | Where-Object { $_.Length -gt 48 -and $_.Substring(0, 20).Trim() -eq $Sim.App })
        $local = @($rows | Where-Object { $_.Substring(28, 20).Trim() -eq '' })
        $local.Count | Should -Be 1
        $local[0].Substring(48, [Math]::Min(13, $local[0].Length - 48)).Trim() | Should -Be 'Online'
        $hvdisp -match 'Maintenance' | Should -BeNullOrEmpty
        $hvdisp -match '!!' | Should -BeNullOrEmpty
        $mounts = & (Join-Path $Sim.BinDir 'mount')
        foreach ($v in $Sim.Volumes) { $mounts | Should -Contain "$($v.Device) on $($v.MountPoint) type $($v.FsType) (rw,relatime)" }
    }
}

AfterAll {
    if ($script:SavedEnv) { foreach ($k in $SavedEnv.Keys) { [Environment]::SetEnvironmentVariable($k, $SavedEnv[$k]) } }
    if ($script:Work) { Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue }
    if ($script:Clock) { Write-Host ("Ansible tests took {0:0.0} s" -f $Clock.Elapsed.TotalSeconds) }
}

Describe 'The role''s PowerShell script' {
    It 'uses no $NAME that ansible.builtin.command could replace with an environment variable' {
        $text = Get-Content -Raw (Join-Path $PSScriptRoot '../../examples/ansible/roles/acm_cluster_backup/files/Invoke-AcmClusterBackup.ps1')
        $names = [regex]::Matches($text, '\$(\w+|\{[^}]*\})') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $names | Where-Object { $_ -notmatch '^acm[A-Z]' -and $_ -cnotin 'env', 'null', 'true', 'false', 'PSItem', 'PSStyle', 'ErrorActionPreference', 'ProgressPreference' } |
            Should -BeNullOrEmpty
    }
}

Describe 'examples/ansible playbook over 6 simulated clusters, forks 4' {
    Context 'check mode (--check runs -WhatIf)' {
        BeforeAll { if (-not $NoAnsible) { $script:check = Invoke-Playbook '--check' } }

        It 'succeeds on every host and reports the would-be change' -Skip:$NoAnsible {
            $check.ExitCode | Should -Be 0 -Because $check.Text
            $check.Recap.Keys | Sort-Object | Should -Be @(1..$HostCount | ForEach-Object { "acm-sim-$_" })
            foreach ($h in $check.Recap.Keys) {
                $c = $check.Recap[$h]
                "$h ok=$($c.ok) changed=$($c.changed) unreachable=$($c.unreachable) failed=$($c.failed) skipped=$($c.skipped)" |
                    Should -Be "$h ok=3 changed=1 unreachable=0 failed=0 skipped=1"
            }
        }

        It 'shows the plan with the exact native commands' -Skip:$NoAnsible {
            $check.Text | Should -Match 'Invoke-AcmClusterBackup app1 -WhatIf'
            $check.Text | Should -Match 'Step 5 of 10: Back up \(/dev/sdb1\): SWSTGNODE=nodeA swstbackup /dev/sdb1'
        }

        It 'changes nothing on any cluster (no hvutil, umount, mount or swstbackup ran)' -Skip:$NoAnsible {
            foreach ($sim in $Sims.Values) {
                Get-HostCalls $sim | Where-Object { $_ -match '^(hvutil|umount|mount |swstbackup|swststartsync|hvswitch)' } | Should -BeNullOrEmpty
            }
        }
    }

    Context 'a run where one host''s swstbackup fails' {
        BeforeAll { if (-not $NoAnsible) { $script:run = Invoke-Playbook } }

        It 'fails only that host (ansible-playbook exits 2) and the recap counts match' -Skip:$NoAnsible {
            $run.ExitCode | Should -Be 2 -Because $run.Text
            $run.Recap.Keys | Sort-Object | Should -Be @(1..$HostCount | ForEach-Object { "acm-sim-$_" })
            foreach ($h in $run.Recap.Keys) {
                $c = $run.Recap[$h]
                $expected = if ($h -eq $FailedHost) { 'ok=2 changed=1 unreachable=0 failed=1 skipped=1' } else { 'ok=2 changed=1 unreachable=0 failed=0 skipped=2' }
                "$h ok=$($c.ok) changed=$($c.changed) unreachable=$($c.unreachable) failed=$($c.failed) skipped=$($c.skipped)" | Should -Be "$h $expected"
            }
            @($run.Lines -match '^fatal: \[') | Should -HaveCount 1
            $run.Text | Should -Match "fatal: \[$FailedHost\]: FAILED!.*RolledBack \(exit code 2\).*\[BackupFailed\].*swst9999.*back in service"
        }

        It 'returns the failed host''s cluster to service' -Skip:$NoAnsible {
            $sim = $Sims[$FailedHost]
            Assert-HostInService $sim
            $calls = Get-HostCalls $sim
            $calls | Should -Contain 'hvutil -m on app1'
            $calls | Should -Contain 'hvutil -m off app1'
            ($calls -match '^swstbackup').Count | Should -BeGreaterThan 0
        }

        It 'backs up both volumes of every other cluster and journals a Succeeded procedure' -Skip:$NoAnsible {
            foreach ($name in $Sims.Keys | Where-Object { $_ -ne $FailedHost }) {
                $sim = $Sims[$name]
                Assert-HostInService $sim
                $calls = Get-HostCalls $sim
                $calls | Should -Contain 'swstbackup /dev/sdb1'
                $calls | Should -Contain 'swstbackup /dev/sdb2'
                $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
                try { $procedures = @(Get-AcmProcedure) } finally { $env:ACMCLUSTER_STATE_DIR = $null }
                $procedures.State | Should -Be @('Succeeded')
                $procedures.Devices | Should -Be @('/dev/sdb1', '/dev/sdb2')
                $run.Text | Should -Match "changed: \[$name\]"
            }
        }
    }
}
