# The package of build.ps1 -Task Package, installed the way admins install modules: PSResourceGet's
# Install-PSResource from a file repository into a throw-away user scope, then imported by name in a new pwsh.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:ModuleDir = Split-Path (Resolve-Path $env:ACMCLUSTER_TEST_MODULE).Path
    $script:Manifest = Import-PowerShellDataFile $env:ACMCLUSTER_TEST_MODULE
    $script:Version = $Manifest.ModuleVersion
    # build.ps1 -Task Test sets ACMCLUSTER_TEST_PACKAGE; alone, the package lies beside the module folder, as Package writes it.
    $script:Package = if ($env:ACMCLUSTER_TEST_PACKAGE) { $env:ACMCLUSTER_TEST_PACKAGE } else { Join-Path (Split-Path $ModuleDir) "AcmCluster.$Version.nupkg" }
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ('acmpkg-' + [guid]::NewGuid().ToString('n').Substring(0, 10))
    $script:UserHome = Join-Path $Work 'home'
    $null = New-Item -ItemType Directory (Join-Path $Work 'repository'), $UserHome

    # A pwsh whose user scope is the throw-away directory: PSResourceGet's repository list and its CurrentUser
    # install location, and pwsh's user module path, all lie under HOME when XDG_DATA_HOME is not set (which
    # PSResourceGet's install location ignores); PSModulePath is unset so that the child builds its default
    # one and finds nothing of this test run's module.
    function script:Invoke-CleanPwsh([string] $Command) {
        $saved = @{ XDG_DATA_HOME = $env:XDG_DATA_HOME; HOME = $env:HOME; PSModulePath = $env:PSModulePath }
        $pwsh = [Environment]::ProcessPath
        [string[]] $prefix = @(if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
        try {
            $env:XDG_DATA_HOME = $null
            $env:HOME = $UserHome
            $env:PSModulePath = $null
            & $pwsh @prefix -NoProfile -NonInteractive -Command "`$ErrorActionPreference = 'Stop'; $Command" 2>&1
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

AfterAll {
    Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The module package' {
    It 'exists for the built version (build.ps1 -Task Package)' {
        $Package | Should -Exist -Because 'build.ps1 -Task Package (which -Task Test runs) writes out/AcmCluster.<version>.nupkg'
        Split-Path $Package -Leaf | Should -Be "AcmCluster.$Version.nupkg"
    }

    It 'holds the module folder, its licence and help' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Package)
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        foreach ($file in 'AcmCluster.psd1', 'AcmCluster.dll', 'AcmCluster.Format.ps1xml', 'LICENSE', 'en-US/AcmCluster.dll-Help.xml', 'en-US/about_AcmCluster.help.txt') {
            $entries | Should -Contain $file
        }
    }
}

Describe 'The manifest, as a gallery reads it' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest $env:ACMCLUSTER_TEST_MODULE -ErrorAction Stop } | Should -Not -Throw
    }

    It 'has a description, tags and an MIT licence file, and no empty field' {
        $Manifest.Description | Should -Not -BeNullOrEmpty
        $Manifest.PrivateData.PSData.Tags | Should -Not -BeNullOrEmpty
        foreach ($key in $Manifest.PrivateData.PSData.Keys) {
            "$($Manifest.PrivateData.PSData[$key])".Trim() | Should -Not -BeNullOrEmpty -Because "PSData.$key is published"
        }
        Join-Path $ModuleDir 'LICENSE' | Should -FileContentMatch '^MIT License'
    }

    It 'carries the CHANGELOG section of its version as release notes' {
        $changelog = (Get-Content (Join-Path $PSScriptRoot '../../CHANGELOG.md') -Raw) -replace "`r`n", "`n"
        $changelog | Should -Match "(?m)^## \[$([regex]::Escape($Version))\]"
        $notes = $Manifest.PrivateData.PSData.ReleaseNotes
        $notes.Length | Should -BeGreaterThan 20
        $section = ($changelog -split "(?m)^## \[$([regex]::Escape($Version))\][^\n]*\n")[1] -split '(?m)^## ' | Select-Object -First 1
        $section.Trim() | Should -Be $notes.Trim()
    }
}

Describe 'Install-PSResource into a throw-away user scope' {
    BeforeAll {
        Copy-Item -LiteralPath $Package -Destination (Join-Path $Work 'repository')
        $script:Install = Invoke-CleanPwsh @"
Register-PSResourceRepository -Name AcmClusterTest -Uri '$(Join-Path $Work 'repository')' -Trusted
Install-PSResource -Name AcmCluster -Repository AcmClusterTest -Scope CurrentUser -TrustRepository -Quiet
(Get-InstalledPSResource -Name AcmCluster -Scope CurrentUser).InstalledLocation
"@
        $script:InstallExit = $LASTEXITCODE
        # A new pwsh that imports the module by name: only the installed copy can be found.
        $script:Imported = Invoke-CleanPwsh @'
Import-Module AcmCluster
$module = Get-Module AcmCluster
[pscustomobject]@{
    ModuleBase = $module.ModuleBase
    Version    = "$($module.Version)"
    Commands   = @(Get-Command -Module AcmCluster | ForEach-Object {
        $help = Get-Help $_.Name
        [pscustomobject]@{ Name = $_.Name; Synopsis = "$($help.Synopsis)".Trim(); Description = "$($help.description.Text)".Trim(); Examples = @($help.examples.example).Count }
    })
    About      = (Get-Help about_AcmCluster | Out-String).Trim()
} | ConvertTo-Json -Depth 4 -Compress
'@
        $script:ImportExit = $LASTEXITCODE
        $script:Result = ($Imported | Where-Object { $_ -is [string] -and $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
    }

    It 'installs into the throw-away scope' {
        $InstallExit | Should -Be 0 -Because ($Install -join "`n")
        $Install | Select-Object -Last 1 | Should -BeLike "$UserHome/*"
    }

    It 'imports AcmCluster by name from there, at the packaged version' {
        $ImportExit | Should -Be 0 -Because ($Imported -join "`n")
        $Result.ModuleBase | Should -BeLike "$UserHome/*"
        $Result.Version | Should -Be $Version
    }

    It 'exports every cmdlet of the manifest' {
        @($Result.Commands.Name | Sort-Object) | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
    }

    It 'finds the help of every cmdlet and the about topic' {
        foreach ($command in $Result.Commands) {
            $command.Synopsis | Should -Not -BeLike "$($command.Name)*" -Because "$($command.Name) has a synopsis, not generated syntax"
            $command.Description | Should -Not -BeNullOrEmpty -Because "$($command.Name) has a description"
            $command.Examples | Should -BeGreaterOrEqual 2 -Because "$($command.Name) has examples"
        }
        $Result.About | Should -Match 'AdvancedCopy Manager'
    }

    It "runs the Ansible role's script with the role's default module, a name" {
        $role = Join-Path $PSScriptRoot '../../examples/ansible/roles/acm_cluster_backup'
        $module = (Select-String -LiteralPath (Join-Path $role 'defaults/main.yml') -Pattern '^acm_cluster_backup_module:\s*(\S+)').Matches[0].Groups[1].Value
        $module | Should -Be 'AcmCluster'
        $sim = New-SimCluster -Interval 0.3 -Volumes 1
        $saved = $env:ACMCLUSTER_ANSIBLE_REQUEST, $env:ACMCLUSTER_STATE_DIR
        try {
            $env:ACMCLUSTER_STATE_DIR = Join-Path $sim.StateDir 'journal'
            $env:ACMCLUSTER_ANSIBLE_REQUEST = @{
                Module = $module; PathPrepend = @($sim.BinDir); UserApplication = 'app1'; LogicalNode = 'nodeA'
                Volumes = @(@{ device = '/dev/sdb1'; resource = 'Fsystem_tran1'; mount_point = '/mnt/tran1' })
                Synchronous = $false; SettleTime = 0.3; PollInterval = 0.2; Timeout = 60; ThrottleLimit = 4; NoScriptWarning = $true; WhatIf = $false
            } | ConvertTo-Json -Compress
            $output = Invoke-CleanPwsh (Get-Content -LiteralPath (Join-Path $role 'files/Invoke-AcmClusterBackup.ps1') -Raw)
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            ($output | Select-Object -Last 1 | ConvertFrom-Json).State | Should -Be 'Succeeded'
            Get-SimCalls $sim | Should -Contain 'swstbackup /dev/sdb1'
        }
        finally {
            $env:ACMCLUSTER_ANSIBLE_REQUEST, $env:ACMCLUSTER_STATE_DIR = $saved
            Remove-SimCluster $sim
        }
    }
}
