#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and demonstrates the AcmCluster module.
.DESCRIPTION
    Build  - compiles the solution and lays out out/AcmCluster/, a complete module folder.
    Test   - Package, then the xunit suite and the Pester suite (in a child pwsh, because a loaded
             module DLL cannot be unloaded), then one closing line 'N passed, N failed, N skipped'.
    Package - Build, then out/AcmCluster.<version>.nupkg, published by PowerShell's PSResourceGet to out/
             as a file repository (Install-PSResource AcmCluster -Repository <a repository for out/>).
    Shell  - Build, then an interactive pwsh with the module and a fresh simulated cluster
             (examples/Try-AcmCluster.ps1); the simulator's state goes when that pwsh exits.
    Demo   - Build, then the snapshot-type backup procedure against a simulated cluster.
    Bench  - Build, then figures measured in one run against the simulator, as ratios (not a test).
    Clean  - removes out/ and the bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'AcmCluster'
$Tasks = 'Build', 'Test', 'Package', 'Shell', 'Demo', 'Bench', 'Clean'

function Invoke-Native {
    param([string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# bin/<Configuration>/<tfm>/; the simulator's tfm follows the SDK (see its csproj), so take the newest build.
function Get-BinPath([string] $Project) {
    $bin = Join-Path $Root "src/$Project/bin/$Configuration"
    $dll = Get-ChildItem $bin -Directory -Filter 'net*' -ErrorAction SilentlyContinue |
        ForEach-Object { Get-Item (Join-Path $_.FullName "$Project.dll") -ErrorAction SilentlyContinue } |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if ($dll) { $dll.DirectoryName } else { Join-Path $bin 'net8.0' }
}

# The module version is the first version heading of CHANGELOG.md and its section the release notes;
# the build stamps them everywhere.
function Get-ModuleRelease {
    $lines = Get-Content (Join-Path $Root 'CHANGELOG.md')
    $start = 0..($lines.Count - 1) | Where-Object { $lines[$_] -match '^## \[(\d+\.\d+\.\d+)\]' } | Select-Object -First 1
    if ($null -eq $start) { throw 'CHANGELOG.md has no version heading such as "## [1.2.3] - 2026-01-01".' }
    $version = [regex]::Match($lines[$start], '\d+\.\d+\.\d+').Value
    $end = ($start + 1)..$lines.Count | Where-Object { $_ -eq $lines.Count -or $lines[$_] -match '^## ' } | Select-Object -First 1
    $notes = if ($end -gt $start + 1) { ($lines[($start + 1)..($end - 1)] -join "`n").Trim() } else { '' }
    [pscustomobject]@{ Version = $version; Notes = if ($notes) { $notes } else { "Version $version." } }
}

function Get-PackagePath { Join-Path $Out "AcmCluster.$((Get-ModuleRelease).Version).nupkg" }

function Invoke-Build {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $release = Get-ModuleRelease
    $version = $release.Version
    Invoke-Native dotnet @('build', (Join-Path $Root 'AcmCluster.sln'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly', "-p:Version=$version")
    Build-NativeSimulator $version

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'en-US') -Force
    $bin = Get-BinPath 'AcmCluster'
    $manifest = (Get-Content (Join-Path $Root 'AcmCluster.psd1') -Raw) -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion        = '$version'"
    # A script block, because the notes may hold '$' that a replacement string would read as a group.
    $manifest = $manifest -replace "ReleaseNotes\s*=\s*'[^']*'", { "ReleaseNotes = '$($release.Notes -replace "'", "''")'" }
    Set-Content -Path (Join-Path $ModuleOut 'AcmCluster.psd1') -Value $manifest -NoNewline
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    Copy-Item (Join-Path $bin 'AcmCluster.dll') $ModuleOut
    Copy-Item (Join-Path $bin 'AcmCluster.Format.ps1xml') $ModuleOut
    Build-Help -Destination (Join-Path $ModuleOut 'en-US')
    Write-Host ("Built {0} {1} in {2:0.0} s" -f $ModuleOut, $version, $sw.Elapsed.TotalSeconds)
}

# The simulator again, compiled ahead of time (Native AOT) to native/ beside its dll: a simulated call then costs
# a few milliseconds instead of ~100 (runtime start-up and JIT), which is most of a test run's time. It needs a C
# compiler and linker (clang, else gcc); where that build fails the dll serves as before, only slower: the shims
# of `sim setup` exec whichever is there (src/AcmCluster.Simulator/Admin/NativeBuild.cs).
function Build-NativeSimulator([string] $Version) {
    $project = Join-Path $Root 'src/AcmCluster.Simulator/AcmCluster.Simulator.csproj'
    $native = Join-Path (Get-BinPath 'AcmCluster.Simulator') 'native'
    if (Test-Path $native) { Remove-Item $native -Recurse -Force }
    $compiler = @('clang', 'gcc').Where({ Get-Command $_ -CommandType Application -ErrorAction SilentlyContinue }, 'First')
    if (-not $compiler) {
        Write-Warning 'No C compiler (clang or gcc) for the Native AOT build of the simulator: it runs as a dll, ~100 ms a call.'
        return
    }
    # Its own obj and bin (obj/native/), so that the IL build's stay as they are.
    $work = Join-Path $Root 'src/AcmCluster.Simulator/obj/native/'
    $log = Join-Path $work 'publish.log'
    $null = New-Item -ItemType Directory $work -Force
    & dotnet publish $project -c $Configuration --nologo -v q -clp:ErrorsOnly -o $native `
        "-p:Version=$Version" -p:PublishAot=true "-p:CppCompilerAndLinker=$($compiler[0])" -p:StripSymbols=false `
        "-p:BaseIntermediateOutputPath=$work" "-p:BaseOutputPath=$(Join-Path $work 'bin/')" *> $log
    if ($LASTEXITCODE -ne 0) {
        if (Test-Path $native) { Remove-Item $native -Recurse -Force }
        Write-Warning "The Native AOT build of the simulator failed (see $log); it runs as a dll, ~100 ms a call."
        return
    }
    # Which dll these sources built: the dll hands the shims to this native build only while it is that dll.
    $dll = Join-Path (Get-BinPath 'AcmCluster.Simulator') 'AcmCluster.Simulator.dll'
    Set-Content -LiteralPath (Join-Path $native 'AcmCluster.Simulator.dll.sha256') -Value (Get-FileHash -LiteralPath $dll -Algorithm SHA256).Hash.ToLowerInvariant()
}

# The project's compiler reads the markdown (platyPS's schema, so New-ExternalHelp still reads it too).
function Build-Help([string] $Destination) {
    $source = Join-Path $Root 'en-US'
    $compiler = Join-Path (Get-BinPath 'AcmCluster.HelpCompiler') 'AcmCluster.HelpCompiler.dll'
    Invoke-Native dotnet @($compiler, '--input', $source, '--output', (Join-Path $Destination 'AcmCluster.dll-Help.xml'), '--check')
    foreach ($about in Get-ChildItem $source -Filter 'about_*.md') {
        $target = Join-Path $Destination ($about.BaseName + '.help.txt')
        Invoke-Native dotnet @($compiler, '--about', $about.FullName, '--about-output', $target, '--check')
    }
}

function Get-PesterModulePath {
    $line = (& dotnet nuget locals global-packages --list) -join "`n"
    $packages = ($line -replace '^.*?global-packages:\s*', '').Trim()
    $path = Join-Path $packages 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 6.2.0 is not in the NuGet cache ($path); 'dotnet restore' of tests/AcmCluster.Tests downloads it." }
    $path
}

function Invoke-Test {
    Invoke-Package
    $env:ACMCLUSTER_TEST_PACKAGE = Get-PackagePath
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item -ItemType Directory $results

    $sw = [Diagnostics.Stopwatch]::StartNew()
    & dotnet test (Join-Path $Root 'tests/AcmCluster.Tests') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=normal' --results-directory $results
    $xunitExit = $LASTEXITCODE
    $trx = Join-Path $results 'xunit.trx'
    $xunit = @{ Passed = 0; Failed = 0; Skipped = 0 }
    if (Test-Path $trx) {
        $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
        $xunit = @{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; Skipped = [int]$counters.notExecuted }
    }
    elseif ($xunitExit -ne 0) { $xunit.Failed = 1 }
    $xunitTime = $sw.Elapsed

    $sw.Restart()
    $env:ACMCLUSTER_TEST_MODULE = Join-Path $ModuleOut 'AcmCluster.psd1'
    $env:ACMCLUSTER_TEST_SIMULATOR = Join-Path (Get-BinPath 'AcmCluster.Simulator') 'AcmCluster.Simulator.dll'
    $env:ACMCLUSTER_TEST_PESTER = Get-PesterModulePath
    $pester = @{ Passed = 0; Failed = 0; Skipped = 0 }
    $pesterExit = 0
    foreach ($file in Get-ChildItem (Join-Path $Root 'tests/Pester') -Filter '*.Tests.ps1' | Sort-Object Name) {
        $json = Join-Path $results "pester-$($file.BaseName).json"
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Invoke-PesterSuite.ps1') -Path $file.FullName -ResultPath $json
        if ($LASTEXITCODE -ne 0) { $pesterExit = $LASTEXITCODE }
        if (Test-Path $json) {
            $counts = Get-Content $json -Raw | ConvertFrom-Json
            $pester.Passed += $counts.Passed; $pester.Failed += $counts.Failed; $pester.Skipped += $counts.Skipped
        }
        else { $pester.Failed += 1 }
    }
    $pesterTime = $sw.Elapsed

    Write-Host ("xunit:  {0} passed, {1} failed, {2} skipped in {3:0.0} s" -f $xunit.Passed, $xunit.Failed, $xunit.Skipped, $xunitTime.TotalSeconds)
    Write-Host ("Pester: {0} passed, {1} failed, {2} skipped in {3:0.0} s" -f $pester.Passed, $pester.Failed, $pester.Skipped, $pesterTime.TotalSeconds)
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $xunitExit -ne 0 -or $pesterExit -ne 0) { exit 1 }
}

# out/ is the file repository: Publish-PSResource packs out/AcmCluster into out/AcmCluster.<version>.nupkg.
function Invoke-Package {
    Invoke-Build
    $null = Test-ModuleManifest (Join-Path $ModuleOut 'AcmCluster.psd1') -ErrorAction Stop
    $package = Get-PackagePath
    # A repository refuses a version it already holds; this build's package replaces the last one.
    Remove-Item $package -ErrorAction SilentlyContinue

    # PSResourceGet keeps its list of repositories in the user's data directory (XDG_DATA_HOME on Linux), so a
    # child pwsh with a private one registers out/ without changing the list of whoever builds.
    $private = Join-Path ([IO.Path]::GetTempPath()) ('acmcluster-package-' + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $null = New-Item -ItemType Directory $private
    $publish = Join-Path $private 'Publish.ps1'
    Set-Content -LiteralPath $publish -Value @'
param([string] $Repository, [string] $Module)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name AcmClusterBuild -Uri $Repository -Trusted
try { Publish-PSResource -Path $Module -Repository AcmClusterBuild }
finally { Unregister-PSResourceRepository -Name AcmClusterBuild }
'@
    $saved = $env:XDG_DATA_HOME
    try {
        $env:XDG_DATA_HOME = $private
        Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', $publish, '-Repository', $Out, '-Module', $ModuleOut)
    }
    finally {
        $env:XDG_DATA_HOME = $saved
        Remove-Item $private -Recurse -Force -ErrorAction SilentlyContinue
    }
    if (-not (Test-Path $package)) { throw "Publish-PSResource did not write $package." }
    Write-Host "Packaged $package"
}

# An interactive pwsh with the module and a simulated cluster; its state directory goes when that pwsh exits.
function Invoke-Shell {
    Invoke-Build
    $state = Join-Path ([IO.Path]::GetTempPath()) ("acmcluster-try-" + [guid]::NewGuid().ToString('n').Substring(0, 8))
    $arguments = @{
        ModulePath     = Join-Path $ModuleOut 'AcmCluster.psd1'
        SimulatorPath  = Join-Path (Get-BinPath 'AcmCluster.Simulator') 'AcmCluster.Simulator.dll'
        StateDirectory = $state
    }
    $line = ". '$((Join-Path $Root 'examples/Try-AcmCluster.ps1') -replace "'", "''")'" + (-join $arguments.GetEnumerator().ForEach({ " -$($_.Key) '$($_.Value -replace "'", "''")'" }))
    try {
        & dotnet pwsh -NoExit -NoProfile -Command $line
    }
    finally {
        Remove-Item $state -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-Demo {
    Invoke-Build
    $simulator = Join-Path (Get-BinPath 'AcmCluster.Simulator') 'AcmCluster.Simulator.dll'
    # Private (0700, random name): the demo runs as root, and runs the simulator's shims from here.
    $state = [IO.Directory]::CreateTempSubdirectory('acmcluster-demo-').FullName
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'examples/Demo.ps1') `
            -ModulePath (Join-Path $ModuleOut 'AcmCluster.psd1') -SimulatorPath $simulator -StateDirectory $state
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
    finally {
        Remove-Item $state -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-Clean {
    foreach ($dir in @($Out) + (Get-ChildItem $Root -Recurse -Directory -Include bin, obj | Where-Object FullName -NotMatch '[\\/]\.git[\\/]').FullName) {
        if ($dir -and (Test-Path $dir)) { Remove-Item $dir -Recurse -Force }
    }
    Write-Host 'Cleaned.'
}

function Invoke-Bench {
    Invoke-Build
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Bench.ps1') `
        -ModulePath (Join-Path $ModuleOut 'AcmCluster.psd1') -SimulatorPath (Join-Path (Get-BinPath 'AcmCluster.Simulator') 'AcmCluster.Simulator.dll')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Shell' { Invoke-Shell }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
    default {
        Write-Error -Message "Unknown task '$Task'. Tasks: $($Tasks -join ', ')." -Category InvalidArgument -ErrorId UnknownTask -ErrorAction Continue
        exit 2
    }
}
