<#
.SYNOPSIS
    The manual's snapshot-type backup on PRIMECLUSTER (ACM V15.1, 9.1.7), composed from AcmCluster cmdlets.
.DESCRIPTION
    Maintenance mode on, unmount, wait Offline, swstbackup, mount, wait Online, maintenance off.
    The finally blocks return the cluster to service even when a step fails. about_AcmCluster shows
    the same composition; the integration tests run this file against the cluster simulator.
    Pass -Restore to run swstrestore instead of swstbackup (the manual's restore procedure).
#>
[CmdletBinding()]
param(
    [string] $UserApplication = 'app1',
    [string] $Device = '/dev/sdb1',
    [string] $Resource = 'Fsystem_tran1',
    [string] $MountPoint = '/mnt/tran1',
    [string] $LogicalNode = 'nodeA',
    # The cluster's resource monitoring interval (10 s by default on PRIMECLUSTER 4.2).
    [double] $SettleTime = 10,
    [switch] $Restore
)

$ErrorActionPreference = 'Stop'
Enter-AcmMaintenance -UserApplication $UserApplication
try {
    $mount = Dismount-AcmVolume -MountPoint $MountPoint
    try {
        Wait-AcmResourceState -Resource $Resource -State Offline -SettleTime $SettleTime
        if ($Restore) {
            Invoke-AcmRestore -Device $Device -LogicalNode $LogicalNode -Confirm:$false
        }
        else {
            Invoke-AcmBackup -Device $Device -LogicalNode $LogicalNode
        }
    }
    finally {
        $mount | Mount-AcmVolume
        Wait-AcmResourceState -Resource $Resource -State Online -SettleTime $SettleTime
    }
}
finally {
    Exit-AcmMaintenance -UserApplication $UserApplication
}
