<#
    build.ps1 -Task Bench: figures measured in one run against the simulator, printed as ratios.
    Not a test: nothing here fails on a slow machine.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SimulatorPath,
    [double] $Interval = 1,
    [double] $CopyTime = 5,
    [int] $Runs = 21,
    [int] $ProcedureRuns = 3,
    [int] $WaitRuns = 7
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$savedPath = $env:PATH

function New-BenchCluster([int] $Volumes) {
    # Private (0700, random name): root runs the simulator's shims from here.
    $dir = [IO.Directory]::CreateTempSubdirectory('acmbench-').FullName
    $sim = & dotnet $SimulatorPath sim setup --state $dir --interval $Interval --copy-time $CopyTime --volumes $Volumes | ConvertFrom-Json
    $env:PATH = $sim.BinDir + [IO.Path]::PathSeparator + $savedPath
    $env:ACMCLUSTER_STATE_DIR = Join-Path $dir 'acmcluster'
    $sim
}

function Invoke-Bench($Sim, [int] $Throttle) {
    $volumes = $Sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $r = Invoke-AcmClusterBackup -UserApplication $Sim.App -Volume $volumes -LogicalNode $Sim.LogicalNode -SettleTime $Interval -ThrottleLimit $Throttle -NoScriptWarning
    $watch.Stop()
    if (-not $r.Succeeded) { throw "bench procedure failed: $($r.Error)" }
    # Downtime window: from the first unmount starting to the last mount finishing.
    $unmounts = $r.Steps | Where-Object Name -EQ 'Unmount'
    $mounts = $r.Steps | Where-Object Name -EQ 'Mount'
    $windowStart = ($unmounts | Measure-Object -Property StartTime -Minimum).Minimum
    $windowEnd = ($mounts | ForEach-Object { $_.StartTime.AddSeconds($_.Duration) } | Measure-Object -Maximum).Maximum
    [pscustomobject]@{ Wall = $watch.Elapsed.TotalSeconds; Window = ($windowEnd - $windowStart).TotalSeconds }
}

function Remove-BenchCluster($Sim) {
    $env:PATH = $savedPath
    Remove-Item $Sim.StateDir -Recurse -Force -ErrorAction SilentlyContinue
}

# The figures move with the machine's load (other builds and tests on a shared machine): each says what it was.
$load = { if (Test-Path /proc/loadavg) { ' [load average {0}]' -f ((Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ') } else { '' } }

Write-Host ("AcmCluster benchmark: simulator monitoring interval $Interval s, copy time $CopyTime s per volume" + (& $load))

$median = { param($xs) $s = @($xs | Sort-Object); $s[[int][math]::Floor($s.Count / 2)] }
$range = { param($xs) $m = $xs | Measure-Object -Minimum -Maximum; '{0:0.00}-{1:0.00}' -f $m.Minimum, $m.Maximum }

# 0. Wait overshoot: how long after the state appears in the simulator (its detector's first tick after the
# unmount or mount) Wait-AcmResourceState returns; it waits with hvassert -w, which returns when the state appears.
$epoch = { ([DateTime]::UtcNow - [DateTime]::UnixEpoch).TotalSeconds }
$overshoots = [System.Collections.Generic.List[double]]::new()
$ws = New-BenchCluster 1
try {
    $null = Enter-AcmMaintenance -UserApplication $ws.App -Confirm:$false
    for ($i = 0; $i -lt $WaitRuns; $i++) {
        foreach ($step in @(@{ Tool = 'umount'; State = 'Offline'; Mounted = $false }, @{ Tool = 'mount'; State = 'Online'; Mounted = $true })) {
            & $step.Tool $ws.Volumes[0].MountPoint
            $null = Wait-AcmResourceState -Resource $ws.Volumes[0].Resource -State $step.State -SettleTime 0 -Timeout 30
            $returned = & $epoch
            $state = & dotnet $SimulatorPath sim state --state $ws.StateDir | ConvertFrom-Json
            $changed = @($state.MountEvents.($ws.Volumes[0].MountPoint) | Where-Object Mounted -EQ $step.Mounted)[-1].Time
            $appeared = $state.TickBase + ([math]::Floor(($changed - $state.TickBase) / $state.Interval) + 1) * $state.Interval
            $overshoots.Add($returned - $appeared)
        }
    }
    $null = Exit-AcmMaintenance -UserApplication $ws.App -Confirm:$false
}
finally { Remove-BenchCluster $ws }
Write-Host ("0. wait overshoot (Wait-AcmResourceState returns after the state appears): median {0:0.000} s (target <= 0.15; {1} waits, {2} s)" -f (& $median $overshoots), $overshoots.Count, (& $range $overshoots) + (& $load))

# 0b. What one simulated command costs, as the module runs it: through the shim that sim setup wrote (the Native
# AOT build of the simulator when build.ps1 could make one, else the dll through dotnet). Every native call of a
# procedure pays it, so it is part of the gap between the one-volume procedure and its floor.
$cs = New-BenchCluster 1
try {
    $shim = Join-Path $cs.BinDir 'hvdisp'
    $program = if ($cs.Program -and @($cs.Program).Count -eq 1) { 'the Native AOT build' } else { 'the dll through dotnet' }
    $calls = @(for ($i = 0; $i -lt $Runs; $i++) { (Measure-Command { & $shim -a | Out-Null }).TotalMilliseconds })
}
finally { Remove-BenchCluster $cs }
Write-Host ("0b. one simulated command (hvdisp -a through its shim, {0}): median {1:0} ms ({2} calls, {3:0}-{4:0} ms)" -f $program, (& $median $calls), $calls.Count, ($calls | Measure-Object -Minimum).Minimum, ($calls | Measure-Object -Maximum).Maximum + (& $load))

# 1 and 2: one volume, and eight in one maintenance window, each on a fresh simulated cluster; the runs
# alternate so that the machine's load falls on both alike, and the medians are compared.
$singles = [System.Collections.Generic.List[object]]::new()
$eights = [System.Collections.Generic.List[object]]::new()
for ($i = 0; $i -lt $ProcedureRuns; $i++) {
    $one = New-BenchCluster 1
    try { $singles.Add((Invoke-Bench $one 1)) } finally { Remove-BenchCluster $one }
    $eight = New-BenchCluster 8
    try { $eights.Add((Invoke-Bench $eight 8)) } finally { Remove-BenchCluster $eight }
}

# 1. The floor the cluster imposes: two detector waits (one monitoring interval each, at worst) and the copy.
$floor = 2 * $Interval + $CopyTime
$wall = & $median $singles.Wall
Write-Host ("1. single-volume Invoke-AcmClusterBackup, default -PollInterval: {0:0.00} s wall / {1:0.00} s floor = {2:0.000} (target <= 1.1; median of {3}, wall {4} s)" -f $wall, $floor, ($wall / $floor), $ProcedureRuns, (& $range $singles.Wall) + (& $load))

# 2. Eight volumes in one maintenance window, copies concurrent.
$window1 = & $median $singles.Window
$window8 = & $median $eights.Window
Write-Host ("2. downtime window, 8 volumes / 1 volume: {0:0.00} s / {1:0.00} s = {2:0.000} (target <= 1.3; by hand it is 8x; medians of {3}, 8-volume windows {4} s)" -f $window8, $window1, ($window8 / $window1), $ProcedureRuns, (& $range $eights.Window) + (& $load))

# 3. Module import cost in a new pwsh: medians of runs that each follow a run of the same command (see below).
$pwsh = [Environment]::ProcessPath
[string[]] $prefix = @(if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
# Floors, timed the same ways: an empty manifest module (pwsh's own first module load), and the smallest
# binary module, one cmdlet, without views and with one view in FormatsToProcess. The PowerShell tool
# package ships its assemblies as IL only, so pwsh's module and view loaders are JIT-compiled on first use.
$floorDir = [IO.Directory]::CreateTempSubdirectory('acmbench-floor-').FullName
$emptyManifest = Join-Path $floorDir 'Empty.psd1'
New-ModuleManifest -Path $emptyManifest
Add-Type -OutputType Library -OutputAssembly (Join-Path $floorDir 'Floor.dll') -TypeDefinition @'
using System.Management.Automation;
namespace Floor {
    public sealed class Item { public string Name { get; set; } = "x"; }
    [Cmdlet(VerbsCommon.Get, "FloorItem")] [OutputType(typeof(Item))]
    public sealed class GetFloorItem : PSCmdlet { protected override void ProcessRecord() => WriteObject(new Item()); }
}
'@
Set-Content -LiteralPath (Join-Path $floorDir 'Floor.Format.ps1xml') -Value @'
<?xml version="1.0" encoding="utf-8"?>
<Configuration><ViewDefinitions><View><Name>Floor.Item</Name><ViewSelectedBy><TypeName>Floor.Item</TypeName></ViewSelectedBy>
<TableControl><TableHeaders><TableColumnHeader><Label>Name</Label><Width>10</Width></TableColumnHeader></TableHeaders>
<TableRowEntries><TableRowEntry><TableColumnItems><TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem></TableColumnItems></TableRowEntry></TableRowEntries>
</TableControl></View></ViewDefinitions></Configuration>
'@
$modules = [ordered]@{
    AcmCluster = $ModulePath
    empty      = $emptyManifest
    binary     = Join-Path $floorDir 'Binary.psd1'
    binaryView = Join-Path $floorDir 'BinaryView.psd1'
}
New-ModuleManifest -Path $modules.binary -RootModule Floor.dll -CmdletsToExport Get-FloorItem
New-ModuleManifest -Path $modules.binaryView -RootModule Floor.dll -FormatsToProcess Floor.Format.ps1xml -CmdletsToExport Get-FloorItem

# pwsh keeps a multi-core JIT profile in its cache directory (StartupProfileData-NonInteractive): each
# start compiles ahead, on a spare core, what the previous pwsh run compiled, so in runs of different
# commands interleaved each one inherits the profile of the one before (an import measured right after a
# bare pwsh came out about 40 ms slower than right after another import). Each timed run therefore follows
# an untimed run of the same command: every figure is the steady state of a host that runs it repeatedly.
$timeRun = {
    param([string] $Command)
    & $pwsh @prefix -NoProfile -NonInteractive -Command $Command | Out-Null
    (Measure-Command { & $pwsh @prefix -NoProfile -NonInteractive -Command $Command | Out-Null }).TotalMilliseconds
}
# The import followed by one command that shows a table is timed too: what a session pays before its
# first AcmCluster output.
$firstCommand = "Import-Module '$ModulePath'; New-AcmVolume -Device /dev/sdx1 -Resource r1 -MountPoint /mnt/x"
$wall = [ordered]@{ bare = [System.Collections.Generic.List[double]]::new(); firstCommand = [System.Collections.Generic.List[double]]::new() }
foreach ($name in $modules.Keys) { $wall[$name] = [System.Collections.Generic.List[double]]::new() }
for ($i = 0; $i -lt $Runs; $i++) {
    $wall.bare.Add((& $timeRun '1'))
    foreach ($name in $modules.Keys) {
        $wall[$name].Add((& $timeRun "Import-Module '$($modules[$name])'"))
    }
    $wall.firstCommand.Add((& $timeRun $firstCommand))
}
$bareMs = & $median $wall.bare
$importMs = & $median $wall.AcmCluster
# Paired differences (each import run minus the bare run just before it) show how far the machine's load moves the figure.
$pairs = @(for ($i = 0; $i -lt $Runs; $i++) { $wall.AcmCluster[$i] - $wall.bare[$i] }) | Sort-Object
$quartiles = '{0:0}..{1:0}' -f $pairs[[int][math]::Floor(($Runs - 1) / 4)], $pairs[[int][math]::Ceiling(3 * ($Runs - 1) / 4)]
Write-Host ("3. Import-Module cost: {0:0} ms (pwsh with import {1:0} ms - bare pwsh {2:0} ms, medians of {3}, each run after one of the same command; paired differences, middle half: {4} ms) (target <= 100 ms)" -f ($importMs - $bareMs), $importMs, $bareMs, $Runs, $quartiles + (& $load))
Write-Host ("   import and a first command that shows its table (New-AcmVolume), timed the same way: {0:0} ms" -f ((& $median $wall.firstCommand) - $bareMs))
Write-Host ("   floors timed the same way: an empty manifest module {0:0} ms; a one-cmdlet binary module {1:0} ms, with one view in FormatsToProcess {2:0} ms" -f ((& $median $wall.empty) - $bareMs), ((& $median $wall.binary) - $bareMs), ((& $median $wall.binaryView) - $bareMs))

# The same imports timed inside pwsh with a Stopwatch, once start-up's background work has settled:
# steadier than process wall time, which pwsh's start-up threads move by a hundred milliseconds either way.
$quietRuns = [math]::Max(5, [int][math]::Floor($Runs / 3)) -bor 1
$quiet = [ordered]@{}
foreach ($name in $modules.Keys) { $quiet[$name] = [System.Collections.Generic.List[double]]::new() }
for ($i = 0; $i -lt $quietRuns; $i++) {
    foreach ($name in $modules.Keys) {
        $settled = "[Threading.Thread]::Sleep(1500); `$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$($modules[$name])'; `$sw.Elapsed.TotalMilliseconds"
        & $pwsh @prefix -NoProfile -NonInteractive -Command $settled | Out-Null
        $quiet[$name].Add([double](& $pwsh @prefix -NoProfile -NonInteractive -Command $settled))
    }
}
Remove-Item $floorDir -Recurse -Force -ErrorAction SilentlyContinue
Write-Host ("   Import-Module timed inside a settled pwsh (medians of {0}): AcmCluster {1:0} ms; empty manifest {2:0} ms; one-cmdlet binary module {3:0} ms, with one view in FormatsToProcess {4:0} ms" -f $quietRuns, (& $median $quiet.AcmCluster), (& $median $quiet.empty), (& $median $quiet.binary), (& $median $quiet.binaryView))
