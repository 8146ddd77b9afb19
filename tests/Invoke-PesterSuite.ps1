<#
    Runs one Pester test file in its own pwsh (build.ps1 starts one per file, because a loaded module
    DLL cannot be unloaded and mocks of native commands must not outlive their file) and writes the
    counts as JSON. Inputs come from the environment that build.ps1 sets: the module, the simulator, Pester.
#>
param(
    [Parameter(Mandatory)][string] $Path,
    [Parameter(Mandatory)][string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Import-Module $env:ACMCLUSTER_TEST_PESTER -Force
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
if ($env:ACMCLUSTER_TEST_FILTER) { $config.Filter.FullName = $env:ACMCLUSTER_TEST_FILTER }
$result = Invoke-Pester -Configuration $config
$counts = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
}
$counts | ConvertTo-Json | Set-Content -Path $ResultPath -Encoding utf8
exit ([int]($counts.Failed -gt 0))
