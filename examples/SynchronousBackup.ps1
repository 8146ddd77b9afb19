<#
.SYNOPSIS
    The manual's synchronous backup on PRIMECLUSTER (ACM V15.1, 9.1.7), composed from AcmCluster cmdlets.
.DESCRIPTION
    swststartsync, wait for equivalency maintenance, then the snapshot-type steps with swstbackup
    (which suspends the equivalent EC session and records the generation).
#>
[CmdletBinding()]
param(
    [string] $UserApplication = 'app1',
    [string] $Device = '/dev/sdb1',
    [string] $Resource = 'Fsystem_tran1',
    [string] $MountPoint = '/mnt/tran1',
    [string] $LogicalNode = 'nodeA',
    [double] $SettleTime = 10,
    [int] $SyncTimeout = 3600
)

$ErrorActionPreference = 'Stop'
Start-AcmSync -Device $Device -LogicalNode $LogicalNode
Wait-AcmSyncEquivalent -Device $Device -LogicalNode $LogicalNode -Timeout $SyncTimeout -PollInterval 0.5
Enter-AcmMaintenance -UserApplication $UserApplication
try {
    $mount = Dismount-AcmVolume -MountPoint $MountPoint
    try {
        Wait-AcmResourceState -Resource $Resource -State Offline -SettleTime $SettleTime
        Invoke-AcmBackup -Device $Device -LogicalNode $LogicalNode
    }
    finally {
        $mount | Mount-AcmVolume
        Wait-AcmResourceState -Resource $Resource -State Online -SettleTime $SettleTime
    }
}
finally {
    Exit-AcmMaintenance -UserApplication $UserApplication
}
