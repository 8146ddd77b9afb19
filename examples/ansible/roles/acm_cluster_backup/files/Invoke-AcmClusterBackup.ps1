# Run by the acm_cluster_backup role as: pwsh -NoProfile -NonInteractive -Command <this text>
# (ansible.builtin.command with argv, so no shell quotes anything).
#
# Input:  $env:ACMCLUSTER_ANSIBLE_REQUEST, a JSON document built by tasks/main.yml.
# Output: the LAST line of stdout is one line of JSON: the AcmCluster.ProcedureResult; with -WhatIf
#         {"WhatIf":true,...} after the 'What if:' plan lines; {"State":"NotStarted",...} when nothing
#         could start. Warnings may come before it; the error message goes to stderr.
# Exit codes:
#   0  the procedure succeeded (or -WhatIf showed the plan)
#   1  it did not start (bad input, module missing, a precondition such as NotActiveNode): nothing changed
#   2  it failed and every step was undone (State RolledBack): the cluster is back in service
#   3  it failed and an undo failed too (State Incomplete): run Resume-AcmProcedure -Id <Id> on the node
#
# NOTE for editors: ansible.builtin.command replaces a dollar sign followed by the name of an existing
# environment variable in its argv with that variable's value (always before Ansible 2.16), so the
# automatic variable dollar-underscore must be written $PSItem, and every variable of this script
# starts with 'acm' (no environment variable has such a name); $env:NAME is safe.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$PSStyle.OutputRendering = 'PlainText'

function Write-AcmErrorLine($acmRecord) {
    $acmMessage = if ($acmRecord.ErrorDetails -and $acmRecord.ErrorDetails.Message) { $acmRecord.ErrorDetails.Message } else { $acmRecord.Exception.Message }
    [Console]::Error.WriteLine("Invoke-AcmClusterBackup: $acmMessage")
    if ($acmRecord.ErrorDetails -and $acmRecord.ErrorDetails.RecommendedAction) {
        [Console]::Error.WriteLine("Recommendation: $($acmRecord.ErrorDetails.RecommendedAction)")
    }
}

function Exit-AcmWithResult($acmOutput, [int] $acmExitCode) {
    [Console]::Out.WriteLine(($acmOutput | ConvertTo-Json -Depth 8 -Compress))
    [Console]::Out.Flush()
    exit $acmExitCode
}

$acmRequest = $null
$acmVolumes = @()
try {
    $acmRequest = $env:ACMCLUSTER_ANSIBLE_REQUEST | ConvertFrom-Json -AsHashtable
    if (-not $acmRequest) { throw 'ACMCLUSTER_ANSIBLE_REQUEST is not set; run this script through the acm_cluster_backup role.' }
    foreach ($acmDir in @($acmRequest.PathPrepend | Where-Object { $PSItem })) {
        $env:PATH = $acmDir + [IO.Path]::PathSeparator + $env:PATH
    }
    Import-Module $acmRequest.Module

    $acmVolumes = @(foreach ($acmVolume in @($acmRequest.Volumes)) {
            @{ Device = $acmVolume.device; Resource = $acmVolume.resource; MountPoint = $acmVolume.mount_point }
        })
    $acmParameters = @{
        UserApplication = $acmRequest.UserApplication
        Volume          = $acmVolumes
        Synchronous     = [bool] $acmRequest.Synchronous
        SettleTime      = [double] $acmRequest.SettleTime
        PollInterval    = [double] $acmRequest.PollInterval
        Timeout         = [int] $acmRequest.Timeout
        ThrottleLimit   = [int] $acmRequest.ThrottleLimit
        NoScriptWarning = [bool] $acmRequest.NoScriptWarning
        WhatIf          = [bool] $acmRequest.WhatIf
        Confirm         = $false
        ErrorAction     = 'SilentlyContinue'
        ErrorVariable   = 'acmErrors'
    }
    if ($acmRequest.LogicalNode) { $acmParameters.LogicalNode = $acmRequest.LogicalNode }
    $acmResult = Invoke-AcmClusterBackup @acmParameters
}
catch {
    Write-AcmErrorLine $PSItem
    Exit-AcmWithResult ([ordered]@{
            State = 'NotStarted'; Succeeded = $false; Changed = $false
            UserApplication = if ($acmRequest) { $acmRequest.UserApplication } else { $null }
            Error = $PSItem.Exception.Message; ErrorId = $PSItem.FullyQualifiedErrorId
        }) 1
}

$acmResult = @($acmResult | Where-Object { $PSItem -is [AcmCluster.ProcedureResult] }) | Select-Object -Last 1
if ($acmErrors) { Write-AcmErrorLine $acmErrors[0] }

if (-not $acmResult) {
    if ($acmRequest.WhatIf -and -not $acmErrors) {
        Exit-AcmWithResult ([ordered]@{
                WhatIf = $true; State = 'WhatIf'; Succeeded = $true; Changed = $false
                Procedure = if ($acmRequest.Synchronous) { 'SynchronousBackup' } else { 'SnapshotBackup' }
                UserApplication = $acmRequest.UserApplication; Devices = @($acmVolumes | ForEach-Object { $PSItem.Device })
            }) 0
    }
    $acmFirst = if ($acmErrors) { $acmErrors[0] } else { $null }
    Exit-AcmWithResult ([ordered]@{
            State = 'NotStarted'; Succeeded = $false; Changed = $false; UserApplication = $acmRequest.UserApplication
            Error = if ($acmFirst) { $acmFirst.Exception.Message } else { 'Invoke-AcmClusterBackup returned no result.' }
            ErrorId = if ($acmFirst) { $acmFirst.FullyQualifiedErrorId } else { 'NoResult' }
        }) 1
}

$acmExit = switch ($acmResult.State) { 'Succeeded' { 0 } 'Incomplete' { 3 } default { if ($acmResult.Succeeded) { 0 } else { 2 } } }
Exit-AcmWithResult $acmResult $acmExit
