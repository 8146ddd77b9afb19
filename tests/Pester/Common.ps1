# Dot-sourced in BeforeAll of every test file: the built module, fixtures, and native-command stubs.
# Pester can mock only a command that exists, so each native tool gets a global stub that fails loudly
# when a test forgot to mock it; integration tests remove the stubs so the simulator's shims run.

Import-Module $env:ACMCLUSTER_TEST_MODULE -Force

$global:AcmNativeTools = @(
    'hvdisp', 'hvutil', 'hvassert', 'hvswitch',
    'swstbackup', 'swstrestore', 'swststartsync', 'swstsyncstat', 'swstcancelsync', 'swsthistdisp',
    'mount', 'umount', 'fuser', 'findmnt', 'stat'
)

# TestHooks is internal (issue 13): tests set its static properties by reflection, as PSResourceGet's tests set its
# InternalHooks. A child pwsh has no Common.ps1: put "$AcmTestHookScript" at the start of its script to get the helper.
$global:AcmTestHookScript = {
    function global:Set-AcmTestHook {
        param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] $Value)
        $hooks = (Get-Command Get-AcmProcedure).ImplementingType.Assembly.GetType('AcmCluster.Internal.TestHooks', $true)
        $property = $hooks.GetProperty($Name, [Reflection.BindingFlags] 'Public, NonPublic, Static')
        if (-not $property) { throw "AcmCluster has no test hook '$Name'" }
        $property.SetValue($null, $Value)
    }
}
. $global:AcmTestHookScript

function global:Get-Fixture([string] $Name) {
    Get-Content -LiteralPath (Join-Path $PSScriptRoot "../fixtures/$Name")
}

# A mount table for mocks, from fixtures/findmnt-J.json: 'Mock findmnt { Get-MockFindmnt }' prints it, and mocks of
# mount and umount change it (Add-MockMount / Remove-MockMount), so that what a cmdlet verifies after mounting is real.
$global:MockMounts = [System.Collections.Generic.List[object]]::new()
function global:Reset-MockMounts {
    $global:MockMounts.Clear()
    foreach ($m in (Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot '../fixtures/findmnt-J.json') | ConvertFrom-Json).filesystems) { $global:MockMounts.Add($m) }
}
function global:Get-MockFindmnt { @{ filesystems = @($global:MockMounts) } | ConvertTo-Json -Depth 3 }
function global:Add-MockMount([string[]] $Rest) {
    $number = Get-StatFixture -Rest @('-L', '-c', '%t %T %f %n', '--', $Rest[-2]) | ForEach-Object { $w = $_ -split ' '; '{0}:{1}' -f [Convert]::ToInt32($w[0], 16), [Convert]::ToInt32($w[1], 16) }
    $global:MockMounts.Add([pscustomobject]@{ target = $Rest[-1]; source = $Rest[-2]; 'maj:min' = "$number"; fstype = 'ext4'; options = 'rw,relatime' })
}
function global:Remove-MockMount([string[]] $Rest) {
    $top = @($global:MockMounts | Where-Object target -EQ $Rest[-1])[-1]
    if ($top) { $null = $global:MockMounts.Remove($top) }
}
# stat as the module asks it: '-L ... %t %T %f %n' for devices (fixtures/stat-devices.txt), and '%f %u %n' for the
# components of a mount path (each a root-owned 0755 directory unless listed in $global:MockPaths as 'mode uid').
$global:MockPaths = @{}
function global:Get-StatFixture([string[]] $Rest) {
    $paths = @($Rest[([array]::IndexOf($Rest, '--') + 1)..($Rest.Count - 1)])
    if ($Rest -contains '-L') {
        $known = Get-Fixture 'stat-devices.txt' | Where-Object { $_ -notlike '#*' }
        foreach ($p in $paths) { $known | Where-Object { ($_ -split ' ', 4)[3] -eq $p } }
        return
    }
    foreach ($p in $paths) {
        if ($global:MockPaths.ContainsKey($p)) { if ($global:MockPaths[$p]) { "$($global:MockPaths[$p]) $p" } } else { "41ed 0 $p" }
    }
}

function global:Add-NativeStubs {
    foreach ($tool in $global:AcmNativeTools) {
        Set-Item -Path "function:global:$tool" -Value {
            param([Parameter(ValueFromRemainingArguments)][string[]] $Rest)
            throw "native command called without a mock: $($MyInvocation.MyCommand.Name) $Rest"
        }
    }
}

function global:Remove-NativeStubs {
    foreach ($tool in $global:AcmNativeTools) {
        Remove-Item -Path "function:global:$tool" -ErrorAction SilentlyContinue
    }
}

# A new directory only its owner can enter (0700, random name): the suite runs as root, and root must not
# write, run or trust a file at a /tmp path another user could guess and plant first (issue 15, finding 8).
function global:New-PrivateTempDirectory([string] $Prefix = 'acmtest-') {
    [IO.Directory]::CreateTempSubdirectory($Prefix).FullName
}

# Runs $Script from a file in a child pwsh (what-if lines go straight to the host, so only a child's output
# shows them); the file lives in a private directory that is removed afterwards. Returns the output lines.
function global:Invoke-ChildScript([string] $Script) {
    $dir = New-PrivateTempDirectory 'acm-child-'
    try {
        $file = Join-Path $dir 'child.ps1'
        Set-Content -LiteralPath $file -Value $Script
        $pwsh = [Environment]::ProcessPath
        [string[]] $prefix = @(if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
        & $pwsh @prefix -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object ToString
    }
    finally { Remove-Item -LiteralPath $dir -Recurse -Force }
}

# The cluster simulator (src/AcmCluster.Simulator): a fresh private state directory per call, its shims first on PATH.
function global:New-SimCluster {
    param([double] $Interval = 0.3, [double] $SyncTime = 1, [double] $CopyTime = 0, [int] $Volumes = 2, [string] $Cluster = 'primecluster', [switch] $Stopped)
    $dir = New-PrivateTempDirectory 'acmsim-'
    [string[]] $more = if ($Stopped) { '--stopped', '--shared-disks' } else { @() }
    $json = & dotnet $env:ACMCLUSTER_TEST_SIMULATOR sim setup --state $dir --interval $Interval --sync-time $SyncTime --copy-time $CopyTime --volumes $Volumes --cluster $Cluster @more
    if ($LASTEXITCODE -ne 0) { throw "simulator setup failed: $json" }
    $sim = $json | ConvertFrom-Json
    $global:AcmSimSavedPath = $env:PATH
    $env:PATH = $sim.BinDir + [IO.Path]::PathSeparator + $env:PATH
    $sim
}

function global:Remove-SimCluster($Sim) {
    if ($global:AcmSimSavedPath) { $env:PATH = $global:AcmSimSavedPath }
    if ($Sim) { Remove-Item -LiteralPath $Sim.StateDir -Recurse -Force -ErrorAction SilentlyContinue }
}

function global:Invoke-Sim($Sim, [string[]] $Arguments) {
    $out = & dotnet $env:ACMCLUSTER_TEST_SIMULATOR sim @Arguments --state $Sim.StateDir
    if ($LASTEXITCODE -ne 0) { throw "sim $Arguments failed: $out" }
    $out
}

# The simulator's call log as 'command arg arg' lines (impersonated calls only), in call order.
function global:Get-SimCalls($Sim) {
    (Invoke-Sim $Sim 'log', '--json' | ConvertFrom-Json) | Where-Object kind -EQ 'call' |
        ForEach-Object { (@($_.command) + @($_.args)) -join ' ' }
}

function global:Get-SimState($Sim) { Invoke-Sim $Sim 'state' | ConvertFrom-Json }

function global:Get-DeviceHash($Sim, [string] $Device) {
    (Get-FileHash -LiteralPath (Invoke-Sim $Sim 'datapath', $Device)).Hash
}

# A child pwsh that imports the module (or a copy of it) and runs $Command; returns its output lines and leaves $LASTEXITCODE.
function global:Invoke-ChildPwsh([string] $Command, [string] $ModulePath = $env:ACMCLUSTER_TEST_MODULE) {
    $pwsh = [Environment]::ProcessPath
    [string[]] $prefix = @(if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
    & $pwsh @prefix -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; $Command"
}

# Runs $Command in a child pwsh and kill -9s it once the simulator has logged a call like $CallLike (a hung swstbackup).
function global:Stop-ChildDuring($Sim, [string] $Command, [string] $CallLike) {
    $pwsh = [Environment]::ProcessPath
    [string[]] $prefix = @(if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
    $child = Start-Process -FilePath $pwsh -ArgumentList ($prefix + @('-NoProfile', '-NonInteractive', '-Command', "Import-Module '$env:ACMCLUSTER_TEST_MODULE'; $Command")) `
        -PassThru -RedirectStandardOutput (Join-Path $Sim.StateDir 'child.out')
    $deadline = [DateTime]::Now.AddSeconds(30)
    while (-not (Get-SimCalls $Sim | Where-Object { $_ -like $CallLike }) -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 100 }
    Start-Sleep -Milliseconds 200
    & kill -9 $child.Id
    $child.WaitForExit()
}

# Ctrl+C: runs $Command in a runspace of this process and stops it (as Ctrl+C does) once the simulator
# has logged a call like $CallLike; returns the final invocation state ('Stopped').
function global:Stop-InvocationDuring($Sim, [string] $Command, [string] $CallLike) {
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddScript("Import-Module '$env:ACMCLUSTER_TEST_MODULE'; $Command")
        $null = $ps.BeginInvoke()
        $deadline = [DateTime]::Now.AddSeconds(20)
        while (-not (Get-SimCalls $Sim | Where-Object { $_ -like $CallLike }) -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 100 }
        Start-Sleep -Milliseconds 300
        $ps.Stop()
        $ps.InvocationStateInfo.State
    }
    finally { $ps.Dispose() }
}
