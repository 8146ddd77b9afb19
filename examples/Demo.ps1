<#
.SYNOPSIS
    build.ps1 -Task Demo: a simulated two-node PRIMECLUSTER, then the manual's snapshot-type backup.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $SimulatorPath,
    [Parameter(Mandatory)][string] $StateDirectory
)

$ErrorActionPreference = 'Stop'
$interval = 1
Write-Host "== Setting up a simulated cluster in $StateDirectory (monitoring interval $interval s)" -ForegroundColor Cyan
$sim = & dotnet $SimulatorPath sim setup --state $StateDirectory --interval $interval --copy-time 0.5 | ConvertFrom-Json
if ($LASTEXITCODE -ne 0) { throw 'simulator setup failed' }
$env:PATH = $sim.BinDir + [IO.Path]::PathSeparator + $env:PATH
Import-Module $ModulePath

Write-Host "`n== The cluster before" -ForegroundColor Cyan
Get-AcmClusterApplication | Format-Table | Out-String -Width 120 | Out-Host

Write-Host "== Snapshot-type backup of /dev/sdb1 (examples/SnapshotBackup.ps1), with -Verbose command lines" -ForegroundColor Cyan
$volume = $sim.Volumes[0]
& (Join-Path $PSScriptRoot 'SnapshotBackup.ps1') -UserApplication $sim.App -Device $volume.Device -Resource $volume.Resource `
    -MountPoint $volume.MountPoint -LogicalNode $sim.LogicalNode -SettleTime $interval -Verbose 4>&1 |
    ForEach-Object {
        if ($_ -is [System.Management.Automation.VerboseRecord]) {
            if ($_.Message -like 'Running:*') { Write-Host "  $($_.Message)" -ForegroundColor DarkGray }
        }
        else { $_ | Format-Table | Out-String -Width 120 | Out-Host }
    }

Write-Host "== The same procedure in one call, for both volumes in one maintenance window (Invoke-AcmClusterBackup)" -ForegroundColor Cyan
$env:ACMCLUSTER_STATE_DIR = Join-Path $StateDirectory 'acmcluster'
$volumes = $sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint }
$result = Invoke-AcmClusterBackup -UserApplication $sim.App -Volume $volumes -LogicalNode $sim.LogicalNode -SettleTime $interval -NoScriptWarning
$result | Format-Table | Out-String -Width 120 | Out-Host
$result.Steps | Format-Table | Out-String -Width 120 | Out-Host
if (-not $result.Succeeded) { throw "Invoke-AcmClusterBackup failed: $($result.Error)" }

Write-Host "== Backup history" -ForegroundColor Cyan
Get-AcmBackupHistory -Device $volume.Device -LogicalNode $sim.LogicalNode | Format-Table | Out-String -Width 120 | Out-Host

Write-Host "== The cluster after" -ForegroundColor Cyan
$apps = Get-AcmClusterApplication
$apps | Format-Table | Out-String -Width 120 | Out-Host
$local = $apps | Where-Object IsLocal
$backupSame = (Get-FileHash $volume.DataPath).Hash -eq (Get-FileHash (& dotnet $SimulatorPath sim datapath --state $StateDirectory $volume.BackupDevices[0])).Hash
if ($local.State -ne 'Online' -or $local.InMaintenance) { throw "The application is $($local.State); expected Online with maintenance off." }
Write-Host ("Application {0} is {1} on {2}, maintenance off; backup volume {3} holds the same bytes as {4}: {5}" -f `
        $local.Name, $local.State, $local.Node, $volume.BackupDevices[0], $volume.Device, $backupSame) -ForegroundColor Green
