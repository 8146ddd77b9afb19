@{
    RootModule           = 'AcmCluster.dll'
    ModuleVersion        = '0.0.0' # stamped by build.ps1 from CHANGELOG.md
    GUID                 = '5b0f7c3e-2a1d-4f5e-9c8b-acc1c0ffee01'
    Author               = 'AcmCluster contributors'
    CompanyName          = 'AcmCluster'
    Copyright            = '(c) AcmCluster contributors'
    Description          = 'Runs ETERNUS SF AdvancedCopy Manager backups and restores on clustered systems (PRIMECLUSTER, VERITAS Cluster Server, SynfinityCLUSTER and others through script blocks) safely: each documented step as a cmdlet that returns objects.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = 'AcmCluster.Format.ps1xml'
    CmdletsToExport      = @(
        'Get-AcmClusterApplication'
        'Enter-AcmMaintenance'
        'Exit-AcmMaintenance'
        'Wait-AcmResourceState'
        'Dismount-AcmVolume'
        'Mount-AcmVolume'
        'Invoke-AcmBackup'
        'Invoke-AcmRestore'
        'Start-AcmSync'
        'Stop-AcmSync'
        'Get-AcmSyncStatus'
        'Wait-AcmSyncEquivalent'
        'Get-AcmBackupHistory'
        'New-AcmVolume'
        'Invoke-AcmClusterBackup'
        'Invoke-AcmClusterRestore'
        'Get-AcmProcedure'
        'Resume-AcmProcedure'
        'New-AcmSharedDisk'
        'New-AcmGenericCluster'
        'Invoke-AcmStoppedClusterBackup'
        'Invoke-AcmStoppedClusterRestore'
        'Test-AcmClusterProcedure'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('ETERNUS', 'AdvancedCopyManager', 'PRIMECLUSTER', 'VCS', 'SynfinityCLUSTER', 'Backup', 'Cluster', 'Linux')
            # The licence is the LICENSE file in the module folder (MIT); the project publishes no web address yet,
            # so there is no LicenseUri or ProjectUri rather than an empty or invented one.
            ReleaseNotes = 'See CHANGELOG.md.' # stamped by build.ps1 with the CHANGELOG.md section of ModuleVersion
        }
    }
}
