<#
.SYNOPSIS
    Try AcmCluster at a prompt: the module and a fresh simulated two-node PRIMECLUSTER in this pwsh.
.DESCRIPTION
    Dot-source it (or run 'dotnet pwsh ./build.ps1 -Task Shell', which starts a pwsh that does). It imports
    the module, sets up the bundled cluster simulator in a private temporary directory (mode 700), puts the
    simulator's commands first on PATH (hvdisp, hvutil, swstbackup, mount, ... and acmsim, the simulator's
    own verbs: acmsim log, acmsim state, acmsim fault), keeps the procedure journal in that directory too,
    and defines $volumes, the simulated transaction volumes. Default parameter values give every AcmCluster
    command the simulator's logical node and monitoring interval. Then it prints what to type first
    ($AcmTryCommands). Only this session's PATH, environment and defaults change; the directory is yours to
    remove (build.ps1 -Task Shell removes it when that pwsh exits).
.PARAMETER ModulePath
    The module to import; default: out/AcmCluster/AcmCluster.psd1 of this repository (build.ps1 -Task Build).
.PARAMETER SimulatorPath
    AcmCluster.Simulator.dll; default: the newest build of src/AcmCluster.Simulator.
.PARAMETER StateDirectory
    The simulator's state directory (created, must not exist); default: a new one in the temporary directory.
.PARAMETER Interval
    The simulated cluster's monitoring interval in seconds, also the default -SettleTime.
.EXAMPLE
    . ./examples/Try-AcmCluster.ps1
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Shell
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/AcmCluster/AcmCluster.psd1'),
    [string] $SimulatorPath,
    [string] $StateDirectory = (Join-Path ([IO.Path]::GetTempPath()) ('acmcluster-try-' + [guid]::NewGuid().ToString('n').Substring(0, 8))),
    [double] $Interval = 1
)

# The set-up runs in a child scope: dot-sourcing leaves the parameters, $AcmSim, $volumes and $AcmTryCommands in the session.
$AcmSim = & {
    $ErrorActionPreference = 'Stop'
    if (-not $SimulatorPath) {
        $SimulatorPath = Get-ChildItem (Join-Path $PSScriptRoot '../src/AcmCluster.Simulator/bin/*/net*/AcmCluster.Simulator.dll') -ErrorAction SilentlyContinue |
            Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1 -ExpandProperty FullName
    }
    foreach ($file in $ModulePath, $SimulatorPath) {
        if (-not $file -or -not (Test-Path -LiteralPath $file)) { throw "Not found: '$file'. Run 'dotnet pwsh ./build.ps1 -Task Build' first." }
    }

    # Private and new: the simulator's shims go first on PATH, and root must not run commands another user could
    # replace, so a directory that is already there (someone else's, perhaps) is refused, not reused.
    if (Test-Path -LiteralPath $StateDirectory) { throw "'$StateDirectory' exists; give a new directory." }
    if ($IsWindows) { $null = New-Item -ItemType Directory -Path $StateDirectory }
    else { $null = [IO.Directory]::CreateDirectory($StateDirectory, [IO.UnixFileMode]'UserRead, UserWrite, UserExecute') }
    $json = & dotnet $SimulatorPath sim setup --state $StateDirectory --interval $Interval --copy-time 0.5
    if ($LASTEXITCODE -ne 0) { throw "The simulator's setup failed: $json" }
    $json | ConvertFrom-Json
}

$env:PATH = $AcmSim.BinDir + [IO.Path]::PathSeparator + $env:PATH
$env:ACMCLUSTER_STATE_DIR = Join-Path $AcmSim.StateDir 'acmcluster'
$PSDefaultParameterValues['*-Acm*:LogicalNode'] = $AcmSim.LogicalNode
$PSDefaultParameterValues['*-Acm*:SettleTime'] = $AcmSim.Interval
Import-Module $ModulePath
$volumes = $AcmSim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint }

$AcmTryCommands = @(
    "Get-AcmClusterApplication                     # $($AcmSim.App) Online on this node, Standby on the other"
    "Invoke-AcmClusterBackup -UserApplication $($AcmSim.App) -Volume `$volumes   # the manual's backup; -WhatIf: its commands"
    'acmsim log                                    # what ran; acmsim fault --command swstbackup fails the next one'
)
Write-Host "AcmCluster $((Get-Module AcmCluster).Version) with a simulated cluster in $($AcmSim.StateDir) (Get-Help about_AcmCluster). Type first:"
$AcmTryCommands | ForEach-Object { Write-Host "  $_" }
