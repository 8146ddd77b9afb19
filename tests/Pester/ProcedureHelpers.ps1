# Dot-sourced in BeforeAll (after Common.ps1) by the files that run whole procedures against the simulator
# (Procedures.Tests.ps1, Recovery.Tests.ps1): one simulated cluster, one backup call, one "in service" check.
$script:Interval = 0.3

function New-ProcedureSim([double] $SyncTime = 0.6) {
    $sim = New-SimCluster -Interval $Interval -SyncTime $SyncTime
    $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'acmcluster'
    $sim | Add-Member -NotePropertyName Hashes -NotePropertyValue @($sim.Volumes | ForEach-Object { Get-DeviceHash $sim $_.Device })
    $sim | Add-Member -NotePropertyName AcmVolumes -NotePropertyValue @($sim.Volumes | ForEach-Object { New-AcmVolume -Device $_.Device -Resource $_.Resource -MountPoint $_.MountPoint })
    $sim
}

function Invoke-Backup($Sim, [switch] $Synchronous, [int] $Timeout = 5) {
    Invoke-AcmClusterBackup -UserApplication $Sim.App -Volume $Sim.AcmVolumes -LogicalNode $Sim.LogicalNode -SettleTime $Interval `
        -PollInterval 0.1 -Timeout $Timeout -Synchronous:$Synchronous -NoScriptWarning -ErrorAction SilentlyContinue -ErrorVariable script:procError
}

# A backup that fails (swstbackup) after maintenance on and unmount, and whose undo cannot leave maintenance
# mode (and, with -MountFails, cannot mount /dev/sdb2 back either): an Incomplete procedure.
function Invoke-IncompleteBackup($Sim, [switch] $MountFails) {
    Invoke-Sim $Sim 'fault', '--command', 'swstbackup', '--exit-code', '2' | Out-Null
    if ($MountFails) { Invoke-Sim $Sim 'fault', '--command', 'mount', '--match', '/dev/sdb2', '--count', '1' | Out-Null }
    Invoke-Sim $Sim 'fault', '--command', 'hvutil', '--match', '-m off', '--count', '5' | Out-Null
    Invoke-Backup $Sim -Timeout 1
}

# In service: the application Online here and out of maintenance, every volume mounted, every byte as before.
function Assert-InService($Sim) {
    $local = Get-AcmClusterApplication $Sim.App | Where-Object IsLocal
    $local.State | Should -Be 'Online'
    $local.InMaintenance | Should -BeFalse
    $mounts = & mount
    foreach ($v in $Sim.Volumes) { $mounts | Should -Contain "$($v.Device) on $($v.MountPoint) type ext4 (rw,relatime)" }
    for ($i = 0; $i -lt $Sim.Volumes.Count; $i++) { Get-DeviceHash $Sim $Sim.Volumes[$i].Device | Should -Be $Sim.Hashes[$i] }
}
