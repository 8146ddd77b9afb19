<#
.SYNOPSIS
    A Generic cluster for AcmCluster: the script blocks that let the module drive a cluster it has no
    product knowledge of (SynfinityCLUSTER, or any other). Dot-source it or call it; it returns the
    object to pass as -GenericCluster.
.DESCRIPTION
    This definition speaks to a cluster through RMS-style commands (hvdisp -a, hvutil -m, hvswitch), which
    is what the bundled simulator offers, so it runs end to end there (README, tests/Pester/Generic.Tests.ps1).
    For SynfinityCLUSTER, or any other product, keep the shape and replace the command inside each script
    block with the one your cluster documents for the same job:

      GetStateScript          list cluster applications (services) and resources with their state
      EnterMaintenanceScript  stop the cluster monitoring one application (its maintenance mode)
      ExitMaintenanceScript   resume that monitoring
      StartScript             start the application, optionally on a named node (-StartClusterService)

    Contract (about_AcmCluster_GenericCluster has it in full):
    - GetStateScript writes objects: Name, State (Online, Offline, Faulted, ...), and optionally Type
      ('Application' marks a cluster application; anything else is a resource), Node, IsLocal,
      InMaintenance, StateDetails. Writing no application means the cluster service is not running.
    - The other scripts get the application's name as their first argument ($args[0] or param()).
    - A script fails by throwing or by leaving a non-zero $LASTEXITCODE; the module then undoes what
      the procedure changed, as it does for any failed native command.
#>
[CmdletBinding()]
param(
    [string] $Name = 'SynfinityCLUSTER'
)

New-AcmGenericCluster -Name $Name -GetStateScript {
    $lines = @(hvdisp -a 2>&1)
    if ($LASTEXITCODE -ne 0) {
        # The cluster software is down: no application runs anywhere, which the module reads from an empty answer.
        if ("$lines" -match 'not running') { $global:LASTEXITCODE = 0; return }
        throw "hvdisp -a failed: $lines"
    }

    $header = $lines | Where-Object { "$_" -match '^Resource\s+Type\s+HostName\s+State' } | Select-Object -First 1
    $hostAt = "$header".IndexOf('HostName')
    $stateAt = "$header".IndexOf('State')
    $detailsAt = "$header".IndexOf('StateDetails')
    foreach ($line in $lines | ForEach-Object { "$_" } | Where-Object { $_.Length -gt $stateAt -and $_ -notmatch '^(Resource\s|-{5}|Local System|Configuration)' }) {
        $resourceName, $type = -split $line.Substring(0, $hostAt)
        $node = $line.Substring($hostAt, $stateAt - $hostAt).Trim()
        $state = ($line.Substring($stateAt, [Math]::Min($detailsAt, $line.Length) - $stateAt)).Trim()
        $details = if ($line.Length -gt $detailsAt) { $line.Substring($detailsAt).Trim() } else { '' }
        if ($type -eq 'SysNode') { continue }
        $inMaintenance = $type -eq 'userApp' -and $state -eq 'Maintenance'
        [pscustomobject]@{
            Type          = if ($type -eq 'userApp') { 'Application' } else { $type }
            Name          = $resourceName
            Node          = if ($node) { $node } else { $null }
            IsLocal       = -not $node
            # In maintenance mode the state underneath is in the details column.
            State         = if ($inMaintenance) { $details } else { $state }
            InMaintenance = $inMaintenance
            StateDetails  = $details
        }
    }
} -EnterMaintenanceScript {
    param($Application)
    hvutil -m on $Application
} -ExitMaintenanceScript {
    param($Application)
    hvutil -m off $Application
} -StartScript {
    param($Application, $Node)
    if ($Node) { hvswitch $Application $Node } else { hvswitch $Application }
}
