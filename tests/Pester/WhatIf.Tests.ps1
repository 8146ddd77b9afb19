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
function mount { if (`$args.Count) { `$global:ran.Add("mount `$args") } else { Get-Content '$fixtures/mount.txt' } }
foreach (`$n in 'hvutil', 'umount', 'swstbackup', 'swstrestore', 'swststartsync', 'swstcancelsync', 'hvassert', 'swstsyncstat', 'fuser') {
    Set-Item "function:global:`$n" ([scriptblock]::Create("`$global:ran.Add('`$n ' + (`$args -join ' '))"))
}
Enter-AcmMaintenance -UserApplication app1 -WhatIf
Dismount-AcmVolume -MountPoint /mnt/tran1 -WhatIf
Mount-AcmVolume -MountPoint /mnt/tran2 -Device /dev/sdb2 -FileSystemType xfs -Options 'rw,noatime' -WhatIf
Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode nodeA -Suspend -WhatIf
Invoke-AcmRestore -Device /dev/sdb1 -Generation 2 -RestoreDevice /dev/sdz1 -LogicalNode nodeA -WhatIf
Start-AcmSync -Device /dev/sdb1 -LogicalNode nodeA -WhatIf
Stop-AcmSync -Device /dev/sdb1 -All -WhatIf
Invoke-AcmClusterBackup -UserApplication app1 -Device /dev/sdb1 -Resource Fsystem_tran1 -MountPoint /mnt/tran1 -LogicalNode nodeA -Synchronous -WhatIf
"RAN=`$(`$global:ran.Count)"
"@
    $script:lines = Invoke-ChildScript $script_
}

Describe '-WhatIf' {
    It 'shows <Line>' -ForEach @(
        @{ Line = "What if: Enter maintenance mode for userApplication 'app1': hvutil -m on app1" }
        @{ Line = 'What if: Unmount /dev/sdb1 from /mnt/tran1: umount /mnt/tran1' }
        @{ Line = 'What if: Mount /dev/sdb2 on /mnt/tran2: mount -t xfs -o rw,noatime /dev/sdb2 /mnt/tran2' }
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

    It 'ran no state-changing command' {
        $lines | Should -Contain 'RAN=0'
    }
}
