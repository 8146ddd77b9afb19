# -WhatIf prints the exact native command line and runs no state-changing command. The host writes
# What-if lines straight to the console, so they are read from a child pwsh's output.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $fixtures = Join-Path $PSScriptRoot '../fixtures'
    $script_ = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:ACMCLUSTER_TEST_MODULE'
`$global:ran = [System.Collections.Generic.List[string]]::new()
function hvdisp { Get-Content '$fixtures/hvdisp-a.txt' }
# The read-only queries of the preflight checks answer from fixtures; everything else records that it ran.
function findmnt { Get-Content '$fixtures/findmnt-J.json' }
function stat { if (`$args -contains '-L') { Get-Content '$fixtures/stat-devices.txt' } else { `$i = [array]::IndexOf(`$args, '--'); `$args[(`$i + 1)..(`$args.Count - 1)] | ForEach-Object { "41ed 0 `$_" } } }
function fuser { }
function swsthistdisp { 'Server=SV1 Device=/dev/sdb1 Mount-Point=/mnt/tran1 (ext4)'; 'Generation Version Backup-Date Backup-Device Status Execute' }
foreach (`$n in 'hvutil', 'mount', 'umount', 'swstbackup', 'swstrestore', 'swststartsync', 'swstcancelsync', 'hvassert', 'swstsyncstat') {
    Set-Item "function:global:`$n" ([scriptblock]::Create("`$global:ran.Add('`$n ' + (`$args -join ' '))"))
}
Enter-AcmMaintenance -UserApplication app1 -WhatIf
Dismount-AcmVolume -MountPoint /mnt/tran1 -WhatIf
Mount-AcmVolume -MountPoint /mnt/tran3 -Device /dev/sdb2 -FileSystemType xfs -Options 'rw,noatime' -WhatIf
Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode nodeA -Suspend -WhatIf
Invoke-AcmRestore -Device /dev/sdb1 -Generation 2 -RestoreDevice /dev/sdz1 -LogicalNode nodeA -WhatIf
Start-AcmSync -Device /dev/sdb1 -LogicalNode nodeA -WhatIf
Stop-AcmSync -Device /dev/sdb1 -All -WhatIf
Invoke-AcmClusterBackup -UserApplication app1 -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode nodeA -Synchronous -WhatIf
try { Invoke-AcmClusterBackup -UserApplication app1 -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran2 -LogicalNode nodeA -WhatIf 3>&1 } catch { "ERROR=`$(`$_.FullyQualifiedErrorId)" }
"RAN=`$(`$global:ran.Count)"
"@
    $script:lines = Invoke-ChildScript $script_
}

Describe '-WhatIf' {
    It 'shows <Line>' -ForEach @(
        @{ Line = "What if: Enter maintenance mode for userApplication 'app1': hvutil -m on app1" }
        @{ Line = 'What if: Unmount /dev/sdb1 from /mnt/tran1: umount /mnt/tran1' }
        @{ Line = 'What if: Mount /dev/sdb2 on /mnt/tran3: mount -t xfs -o rw,noatime /dev/sdb2 /mnt/tran3' }
        @{ Line = 'What if: Back up /dev/sdb1: SWSTGNODE=nodeA swstbackup -suspend /dev/sdb1' }
        @{ Line = 'What if: Restore /dev/sdz1 from the backup of /dev/sdb1: SWSTGNODE=nodeA swstrestore -g 2 -r /dev/sdz1 /dev/sdb1' }
        @{ Line = 'What if: Start synchronous processing (EC) for /dev/sdb1: SWSTGNODE=nodeA swststartsync /dev/sdb1' }
        @{ Line = 'What if: Cancel synchronous processing (EC) for /dev/sdb1: swstcancelsync -all /dev/sdb1' }
        @{ Line = 'What if: Step 1 of 9: Start synchronous processing (/dev/sdb1): SWSTGNODE=nodeA swststartsync /dev/sdb1' }
        @{ Line = 'What if: Step 2 of 9: Wait for equivalency maintenance: SWSTGNODE=nodeA swstsyncstat /dev/sdb1' }
        @{ Line = 'What if: Step 3 of 9: Enter maintenance mode: hvutil -m on app1' }
        @{ Line = 'What if: Step 4 of 9: Unmount (/dev/sdb1): umount /mnt/tran1' }
        @{ Line = 'What if: Step 5 of 9: Wait until Offline: hvdisp -a; hvassert -w Fsystem_tran1 Offline 5' }
        @{ Line = 'What if: Step 6 of 9: Back up (/dev/sdb1): SWSTGNODE=nodeA swstbackup /dev/sdb1' }
        @{ Line = 'What if: Step 7 of 9: Mount (/dev/sdb1): mount /dev/sdb1 /mnt/tran1' }
        @{ Line = 'What if: Step 8 of 9: Wait until Online: hvdisp -a; hvassert -w Fsystem_tran1 Online 5' }
        @{ Line = 'What if: Step 9 of 9: Leave maintenance mode: hvutil -m off app1' }
    ) {
        $lines | Should -Contain $Line
    }

    It 'runs the preflight first: a failed check is a warning and the call fails (Ansible check mode)' {
        $warning = @($lines | Where-Object { $_ -like '*Preflight check VolumeIdentity (/dev/sdb1 on /mnt/tran2) failed: /dev/sdb1 and /mnt/tran2 are not the same volume: /mnt/tran2 holds /dev/mapper/vg01-lv02 (device 253:2), not /dev/sdb1 (device 8:17); /dev/sdb1 is mounted on /mnt/tran1.*' })
        $warning.Count | Should -Be 1
        $plan = [array]::IndexOf($lines, ($lines | Where-Object { $_ -like 'What if: Step 2 of 7: Unmount (/dev/sdb1): umount /mnt/tran2' }))
        [array]::IndexOf($lines, $warning[0]) | Should -BeLessThan $plan -Because 'failed checks are printed first'
        $lines | Should -Contain 'ERROR=PreflightFailed,AcmCluster.Commands.InvokeAcmClusterBackupCommand'
    }

    It 'ran no state-changing command' {
        $lines | Should -Contain 'RAN=0'
    }
}
