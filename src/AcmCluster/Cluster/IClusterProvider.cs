using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// The driver of one cluster: the operations the cmdlets and procedures need (query, maintenance, resource offline and
/// online, waits, the stopped-cluster states) and nothing else; what is a fact about the product is in
/// <see cref="Capabilities"/>. Commands are returned rather than run so that -WhatIf and procedure plans can show
/// them; queries and changes run through the runner. Every member works on every product: what a product does not
/// have is null, never an exception.
/// </summary>
internal interface IClusterProvider
{
    /// <summary>The product's facts (nouns, state spellings, the behaviour the procedures branch on).</summary>
    ClusterCapabilities Capabilities { get; }

    /// <summary>This node's name as the product writes it (RMS SysNode, VCS system); null when unknown.</summary>
    string? LocalNode { get; }

    /// <summary>Applications and resources from one query, so decisions about them agree.</summary>
    ClusterView Query();

    /// <summary>True when the application (its row for this node) runs here, the precondition of every ACM procedure.</summary>
    bool IsActive(ClusterApplication application);

    /// <summary>Every command of entering or leaving maintenance, for -WhatIf (a persistent VCS freeze is three); refuses options the product has not (-Persistent, -Force).</summary>
    IReadOnlyList<NativeCommand> MaintenanceCommands(string userApplication, bool on, bool force, bool persistent);

    /// <summary>Runs <see cref="MaintenanceCommands"/>; anything opened on the way (a writable VCS configuration) is closed again, even on failure.</summary>
    NativeCommandResult SetMaintenance(string userApplication, bool on, bool force, bool persistent);

    /// <summary>Resources that would make leaving maintenance mode fail (not back in their pre-maintenance state).</summary>
    IReadOnlyList<ClusterResource> MaintenanceExitBlockers(ClusterView view, string userApplication);

    /// <summary>Takes a file-system resource offline on this node; null when the procedure unmounts by hand (<see cref="ClusterCapabilities.ControlsMountResources"/> false).</summary>
    NativeCommand? ResourceOfflineCommand(string resource);

    /// <summary>Brings a file-system resource online on this node; null exactly when <see cref="ResourceOfflineCommand"/> is.</summary>
    NativeCommand? ResourceOnlineCommand(string resource);

    /// <summary>Clears a FAULTED resource on this node, or null when the product needs no such step.</summary>
    NativeCommand? ClearFaultCommand(string resource);

    /// <summary>Refuses a volume whose resource is not the product's file-system resource on that mount point (VCS: a Mount resource of the group).</summary>
    void CheckVolumeResource(string userApplication, AcmVolume volume);

    /// <summary>What the cluster's configuration mounts at the volume's mount point (fstab.pcl, a VCS Mount resource's BlockDevice); null when the product cannot tell.</summary>
    ConfiguredMount? ConfiguredMount(AcmVolume volume);

    /// <summary>
    /// Every file system the cluster's resources mount (PRIMECLUSTER: fstab.pcl's #RMS# lines; VCS: each Mount resource's
    /// BlockDevice, MountPoint and Group), read without changing anything; empty when the product cannot tell.
    /// </summary>
    IReadOnlyList<ControlledMount> ControlledMounts();

    /// <summary>The query that reads the resources' current state on this node, as -WhatIf and the journal show it (hvdisp -a, hares -state).</summary>
    NativeCommand CheckResourcesCommand(IReadOnlyList<string> resources, string state);

    /// <summary>
    /// Each resource's state on this node now, with one query, spelled as the product prints it. A resource the
    /// cluster does not have throws ResourceNotFound at once; a row the answer needs and cannot read throws, quoting it.
    /// </summary>
    IReadOnlyDictionary<string, string> CurrentStates(IReadOnlyList<string> resources);

    /// <summary>
    /// The product's own wait for one resource (9.1.7 note 1: hvassert -w; VCS: hares -wait), which returns as soon as
    /// the state appears or after <paramref name="seconds"/>; null when the product has none and the waiter polls.
    /// </summary>
    NativeCommand? WaitCommand(string resource, string state, int seconds);

    /// <summary>The product's message in a failed wait that says the wait can never succeed (no such resource, cluster down), or null for "not yet".</summary>
    string? WaitRefusal(NativeCommandResult result);

    /// <summary>
    /// The product's own wait for the application on <paramref name="node"/> (this node when null), which returns as soon as
    /// the state appears or after <paramref name="seconds"/>; null when the product has none there and the waiter polls.
    /// </summary>
    NativeCommand? ApplicationWaitCommand(string userApplication, string? node, string state, int seconds);

    /// <summary>The application's state on every node; null when the cluster software itself is not running.</summary>
    IReadOnlyList<ClusterApplication>? ServiceStates(string userApplication, out string? whyNotRunning);

    /// <summary>The state command that <see cref="ServiceStates"/> runs, by the product's absolute path when <paramref name="absolute"/> (a non-interactive ssh has a minimal PATH); null when there is none that could run on another node (a Generic cluster's script).</summary>
    NativeCommand? ServiceStateCommand(string userApplication, bool absolute = false);

    /// <summary>Reads the answer of the state command, here or from another node: null (with why) when the cluster software is not running there.</summary>
    IReadOnlyList<ClusterApplication>? ReadServiceStates(NativeCommandResult result, string userApplication, out string? whyNotRunning);

    /// <summary>True when that state means the cluster service is stopped there (9.1.7.1).</summary>
    bool IsStopped(ClusterApplication application);

    NativeCommand StartServiceCommand(string userApplication, string? node);
}

/// <summary>What every driver's answers mean alike, built on its members.</summary>
internal static class ClusterProviderReadings
{
    /// <summary>True when the resource is in the state on this node now (one query).</summary>
    public static bool IsInState(this IClusterProvider cluster, string resource, string state)
        => ResourceStateNames.Is(cluster.CurrentStates(new[] { resource })[resource], state);

    /// <summary>
    /// The application's state on <paramref name="node"/> (this node when null), from one state query; "" while the
    /// cluster software is not running (not yet started), ClusterApplicationNotFound when it has no row there.
    /// </summary>
    public static string ApplicationState(this IClusterProvider cluster, string userApplication, string? node)
    {
        var rows = cluster.ServiceStates(userApplication, out _);
        if (rows is null)
        {
            return string.Empty;
        }

        var row = rows.FirstOrDefault(a => a.Name == userApplication && (node is null ? a.IsLocal : string.Equals(a.Node, node, System.StringComparison.OrdinalIgnoreCase)))
            ?? throw ClusterView.NotFound(userApplication, cluster.Capabilities.ApplicationNoun);
        return row.State;
    }

    /// <summary>The maintenance commands as one line, for messages.</summary>
    public static string MaintenanceCommandLine(this IClusterProvider cluster, string userApplication, bool on, bool force)
        => string.Join("; ", cluster.MaintenanceCommands(userApplication, on, force, persistent: false).Select(c => c.CommandLine));
}

/// <summary>The device a cluster resource mounts at a mount point (null: no resource mounts it), and where that is written, for messages.</summary>
internal sealed record ConfiguredMount(string? Device, string Source);

internal sealed record ClusterView(IReadOnlyList<ClusterApplication> Applications, IReadOnlyList<ClusterResource> Resources)
{
    /// <summary>The application as seen on this node (or any node when it is not configured here); <paramref name="noun"/> names it in the error.</summary>
    public ClusterApplication Application(string name, string noun)
    {
        var rows = Applications.Where(a => a.Name == name).ToList();
        return rows.FirstOrDefault(a => a.IsLocal) ?? rows.FirstOrDefault() ?? throw NotFound(name, noun);
    }

    /// <summary>Each resource's state on this node in this view; ResourceNotFound (naming <paramref name="hint"/>) for one it does not show.</summary>
    public IReadOnlyDictionary<string, string> LocalStates(IReadOnlyList<string> resources, string hint, string? localNode)
    {
        var local = Resources.Where(r => r.IsLocal).ToList();
        return resources.ToDictionary(
            resource => resource,
            resource => (local.FirstOrDefault(r => r.Name == resource) ?? throw ResourceNotFound(resource, $"{hint} shows no resource '{resource}' on this node ({localNode}).")).State);
    }

    public static AcmException NotFound(string name, string noun) => new(
        "ClusterApplicationNotFound",
        ErrorCategory.ObjectNotFound,
        $"The cluster has no {noun} named '{name}'.",
        name)
    {
        RecommendedAction = "Run Get-AcmClusterApplication to list the applications.",
    };

    public static AcmException ResourceNotFound(string resource, string message) => new("ResourceNotFound", ErrorCategory.ObjectNotFound, message, resource)
    {
        RecommendedAction = "Check the resource name (Get-AcmClusterApplication lists the applications; hvdisp -a or hares -list the resources).",
    };
}

/// <summary>What a driver needs besides the runner: this node's name when the user gives it, and a Generic cluster's scripts.</summary>
internal sealed record ClusterOptions(string? Node = null, GenericCluster? Generic = null);
