using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// What the cmdlets and procedures need from a cluster product. Commands are returned rather than
/// run so that -WhatIf and procedure plans can show them; queries run through the runner.
/// </summary>
internal interface IClusterProvider
{
    ClusterType Type { get; }

    /// <summary>This node's name as the product writes it (RMS SysNode, VCS system); null when unknown.</summary>
    string? LocalNode { get; }

    /// <summary>What the product calls a cluster transaction, for messages: 'userApplication', 'service group'.</summary>
    string ApplicationNoun { get; }

    /// <summary>The cluster software whose absence means the service is stopped, for messages: 'RMS'.</summary>
    string ServiceName { get; }

    /// <summary>Where an operator looks at resource states, for messages: 'hvdisp -a'.</summary>
    string StateQueryHint { get; }

    /// <summary>Applications and resources from one query, so decisions about them agree.</summary>
    ClusterView Query();

    /// <summary>True when the application (its row for this node) runs here, the precondition of every ACM procedure.</summary>
    bool IsActive(ClusterApplication application);

    NativeCommand EnterMaintenanceCommand(string userApplication);

    NativeCommand ExitMaintenanceCommand(string userApplication, bool force);

    /// <summary>True when a forced exit overrides the cluster's own safety check (hvutil -m forceoff), so it is confirmed even at the default $ConfirmPreference.</summary>
    bool ForcedExitOverridesCluster { get; }

    /// <summary>Every command of entering or leaving maintenance, for -WhatIf (a persistent VCS freeze is three).</summary>
    IReadOnlyList<NativeCommand> MaintenanceCommands(string userApplication, bool on, bool force, bool persistent);

    /// <summary>Runs <see cref="MaintenanceCommands"/>; anything opened on the way (a writable VCS configuration) is closed again, even on failure.</summary>
    NativeCommandResult SetMaintenance(string userApplication, bool on, bool force, bool persistent);

    /// <summary>Resources that would make leaving maintenance mode fail (not back in their pre-maintenance state).</summary>
    IReadOnlyList<ClusterResource> MaintenanceExitBlockers(ClusterView view, string userApplication);

    /// <summary>The query that reads the resources' current state on this node, as -WhatIf and the journal show it (hvdisp -a, hares -state).</summary>
    NativeCommand CheckResourcesCommand(IReadOnlyList<string> resources, string state);

    /// <summary>
    /// Each resource's state on this node now, with one query, spelled as the product prints it. A resource the
    /// cluster does not have throws ResourceNotFound at once; a row the answer needs and cannot read throws, quoting it.
    /// </summary>
    IReadOnlyDictionary<string, string> CurrentStates(IReadOnlyList<string> resources)
    {
        var local = Query().Resources.Where(r => r.IsLocal).ToList();
        return resources.ToDictionary(
            resource => resource,
            resource => (local.FirstOrDefault(r => r.Name == resource) ?? throw ResourceNotFound(resource, $"{StateQueryHint} shows no resource '{resource}' on this node ({LocalNode}).")).State);
    }

    /// <summary>True when <paramref name="current"/> (possibly combined: 'ONLINE|RESTARTING') is <paramref name="state"/>.</summary>
    bool IsState(string current, string state) => StateFlags(current).Contains(state, System.StringComparer.OrdinalIgnoreCase);

    /// <summary>The resources already in the state (one query); see <see cref="CurrentStates"/> for the failures.</summary>
    IReadOnlyCollection<string> InState(IReadOnlyList<string> resources, string state)
        => CurrentStates(resources).Where(p => IsState(p.Value, state)).Select(p => p.Key).ToList();

    bool IsInState(string resource, string state) => InState(new[] { resource }, state).Count > 0;

    /// <summary>
    /// The product's own wait for one resource (9.1.7 note 1: hvassert -w; VCS: hares -wait), which returns as soon as
    /// the state appears or after <paramref name="seconds"/>; null when the product has none and the waiter polls.
    /// </summary>
    NativeCommand? WaitCommand(string resource, string state, int seconds) => null;

    /// <summary>The product's message in a failed wait that says the wait can never succeed (no such resource, cluster down), or null for "not yet".</summary>
    string? WaitRefusal(NativeCommandResult result) => null;

    /// <summary>The state's flags: 'ONLINE|RESTARTING' and '|OFFLINE|FAULTED|' are combined values.</summary>
    static IReadOnlyList<string> StateFlags(string state) => state.Split('|', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries);

    static AcmException ResourceNotFound(string resource, string message) => new("ResourceNotFound", ErrorCategory.ObjectNotFound, message, resource)
    {
        RecommendedAction = "Check the resource name (Get-AcmClusterApplication lists the applications; hvdisp -a or hares -list the resources).",
    };

    /// <summary>The states a resource can be waited for, spelled as the product spells them.</summary>
    IReadOnlyList<string> ResourceStates { get; }

    /// <summary>The resource states that mean a transaction volume's file system is down or up.</summary>
    string OfflineState { get; }

    string OnlineState { get; }

    /// <summary>
    /// True when the product takes a file-system resource offline and online itself (VCS Mount resources:
    /// ACM's VCS note); false when the procedure unmounts and mounts by hand (PRIMECLUSTER Fsystem under maintenance mode).
    /// </summary>
    bool ControlsMountResources { get; }

    /// <summary>Why a synchronous (EC) backup of a volume in a cluster transaction is refused on this product (ACM's VCS note), or null.</summary>
    string? SynchronousBackupRestriction { get; }

    /// <summary>Maintenance mode is entered after the volumes are offline and left before they come back (VCS: a frozen group refuses hares -offline/-online).</summary>
    bool MaintenanceAroundCopyOnly { get; }

    NativeCommand ResourceOfflineCommand(string resource);

    NativeCommand ResourceOnlineCommand(string resource);

    /// <summary>Clears a FAULTED resource on this node, or null when the product needs no such step.</summary>
    NativeCommand? ClearFaultCommand(string resource);

    /// <summary>The application's state on every node; null when the cluster software itself is not running.</summary>
    IReadOnlyList<ClusterApplication>? ServiceStates(string userApplication, out string? whyNotRunning);

    /// <summary>The state command that <see cref="ServiceStates"/> runs, by the product's absolute path when <paramref name="absolute"/> (a non-interactive ssh has a minimal PATH); null when there is none (a Generic cluster's script).</summary>
    NativeCommand? ServiceStateCommand(string userApplication, bool absolute = false) => null;

    /// <summary>Reads the answer of <see cref="ServiceStateCommand"/>, here or from another node: null (with why) when the cluster software is not running there.</summary>
    IReadOnlyList<ClusterApplication>? ReadServiceStates(NativeCommandResult result, string userApplication, out string? whyNotRunning)
        => throw new System.NotSupportedException($"{Type} has no state command to read.");

    /// <summary>True when that state means the cluster service is stopped there (9.1.7.1).</summary>
    bool IsStopped(ClusterApplication application);

    NativeCommand StartServiceCommand(string userApplication, string? node);

    /// <summary>
    /// The application's state on <paramref name="node"/> (this node when null), from one state query; "" while the
    /// cluster software is not running (not yet started), ClusterApplicationNotFound when it has no row there.
    /// </summary>
    string ApplicationState(string userApplication, string? node)
    {
        var rows = ServiceStates(userApplication, out _);
        if (rows is null)
        {
            return string.Empty;
        }

        var row = rows.FirstOrDefault(a => a.Name == userApplication && (node is null ? a.IsLocal : string.Equals(a.Node, node, System.StringComparison.OrdinalIgnoreCase)))
            ?? throw ClusterView.NotFound(userApplication, ApplicationNoun);
        return row.State;
    }

    /// <summary>
    /// The product's own wait for the application on <paramref name="node"/> (this node when null), which returns as soon as
    /// the state appears or after <paramref name="seconds"/>; null when the product has none there and the waiter polls.
    /// </summary>
    NativeCommand? ApplicationWaitCommand(string userApplication, string? node, string state, int seconds) => null;

    /// <summary>Refuses a volume whose resource is not the product's file-system resource on that mount point (VCS: a Mount resource of the group).</summary>
    void CheckVolumeResource(string userApplication, AcmVolume volume);

    /// <summary>What the cluster's configuration mounts at the volume's mount point (fstab.pcl, a VCS Mount resource's BlockDevice); null when the product cannot tell.</summary>
    ConfiguredMount? ConfiguredMount(AcmVolume volume) => null;

    /// <summary>
    /// Every file system the cluster's resources mount (PRIMECLUSTER: fstab.pcl's #RMS# lines; VCS: each Mount resource's
    /// BlockDevice, MountPoint and Group), read without changing anything; empty when the product has no such resources.
    /// </summary>
    IReadOnlyList<ControlledMount> ControlledMounts() => System.Array.Empty<ControlledMount>();
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

    public static AcmException NotFound(string name, string noun) => new(
        "ClusterApplicationNotFound",
        ErrorCategory.ObjectNotFound,
        $"The cluster has no {noun} named '{name}'.",
        name)
    {
        RecommendedAction = "Run Get-AcmClusterApplication to list the applications.",
    };
}

/// <summary>What a provider needs besides the runner: this node's name when the user gives it, and a Generic cluster's scripts.</summary>
internal sealed record ClusterOptions(string? Node = null, GenericCluster? Generic = null);
