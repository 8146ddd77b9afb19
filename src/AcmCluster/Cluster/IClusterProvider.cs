using System.Collections.Generic;
using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// What the cmdlets and procedures need from a cluster product. Commands are returned rather than
/// run so that -WhatIf and procedure plans can show them; queries run through the runner.
/// </summary>
internal interface IClusterProvider
{
    ClusterType Type { get; }

    /// <summary>Applications and resources from one query, so decisions about them agree.</summary>
    ClusterView Query();

    NativeCommand EnterMaintenanceCommand(string userApplication);

    NativeCommand ExitMaintenanceCommand(string userApplication, bool force);

    /// <summary>Resources that would make leaving maintenance mode fail (not back in their pre-maintenance state).</summary>
    IReadOnlyList<ClusterResource> MaintenanceExitBlockers(ClusterView view, string userApplication);

    /// <summary>A command whose exit code 0 means the resource is in the state now; 1 means not yet.</summary>
    NativeCommand CheckResourceStateCommand(string resource, string state);

    /// <summary>The states a resource can be waited for, spelled as the product spells them.</summary>
    IReadOnlyList<string> ResourceStates { get; }
}

internal sealed record ClusterView(IReadOnlyList<ClusterApplication> Applications, IReadOnlyList<ClusterResource> Resources);
