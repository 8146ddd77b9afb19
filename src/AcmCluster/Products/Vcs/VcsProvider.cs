using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Products.Vcs;

/// <summary>
/// Veritas Cluster Server: service groups are the cluster transactions, a temporary (or persistent)
/// freeze is the maintenance mode, and a transaction volume is a Mount resource that VCS itself takes
/// offline and online (ACM's VCS note) instead of an unmount by hand, which VCS would see as a fault.
/// </summary>
internal sealed class VcsProvider : IClusterProvider
{
    /// <summary>Where VCS keeps the name it uses for this host, under <see cref="TestHooks.EtcDirectory"/> (/etc).</summary>
    public static string SysnameFile => Path.Combine(TestHooks.EtcDirectory, "VRTSvcs", "conf", "sysname");
    private static readonly string[] States = { "ONLINE", "OFFLINE", "FAULTED", "UNKNOWN" };
    private readonly NativeCommandRunner _runner;
    private readonly HashSet<string> _persistentlyFrozen = new(StringComparer.Ordinal);

    public VcsProvider(NativeCommandRunner runner, string? node)
    {
        _runner = runner;
        LocalNode = node ?? ReadSysname() ?? ClusterProviderFactory.ShortHostName();
    }

    public ClusterType Type => ClusterType.VCS;

    /// <summary>-Node, else /etc/VRTSvcs/conf/sysname, else the host name up to the first dot.</summary>
    public string LocalNode { get; }

    string? IClusterProvider.LocalNode => LocalNode;

    public string ApplicationNoun => "service group";

    public string ServiceName => "HAD (VCS)";

    public string StateQueryHint => "hares -state";

    public IReadOnlyList<string> ResourceStates => States;

    public string OfflineState => "OFFLINE";

    public string OnlineState => "ONLINE";

    public bool ControlsMountResources => true;

    public bool MaintenanceAroundCopyOnly => true;

    public string? SynchronousBackupRestriction => "ACM's VCS note: a synchronous (EC) backup must not be registered in a cluster transaction.";

    public ClusterView Query()
    {
        var groups = VcsStateParser.Parse(_runner.Run(VcsCommands.GroupState(), "ClusterQueryFailed").Output, "hagrp -state")
            .Where(r => r.Attribute == "State")
            .ToList();
        var frozen = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var group in groups.Select(g => g.Name).Distinct())
        {
            var temporary = Value(VcsCommands.GroupValue(group, "TFrozen")) == "1";
            var persistent = Value(VcsCommands.GroupValue(group, "Frozen")) == "1";
            if (persistent)
            {
                _persistentlyFrozen.Add(group);
            }

            frozen[group] = temporary || persistent;
        }

        var applications = groups.Select(r => ToApplication(r, frozen.GetValueOrDefault(r.Name))).ToList();
        var resources = VcsStateParser.Parse(_runner.Run(VcsCommands.ResourceState(), "ClusterQueryFailed").Output, "hares -state")
            .Where(r => r.Attribute == "State")
            .Select(r => new ClusterResource
            {
                Name = r.Name,
                Type = "VCS",
                Node = r.System,
                IsLocal = r.System == LocalNode,
                State = string.Join("|", r.Flags),
                StateDetails = r.Value,
            })
            .ToList();
        return new ClusterView(applications, resources);
    }

    public bool IsActive(ClusterApplication application) => application.StateFlags.Contains("ONLINE");

    public NativeCommand EnterMaintenanceCommand(string userApplication) => VcsCommands.Freeze(userApplication, persistent: false);

    public NativeCommand ExitMaintenanceCommand(string userApplication, bool force)
        => VcsCommands.Unfreeze(userApplication, _persistentlyFrozen.Contains(userApplication));

    public bool ForcedExitOverridesCluster => false;

    public IReadOnlyList<NativeCommand> MaintenanceCommands(string userApplication, bool on, bool force, bool persistent)
    {
        // A persistent freeze is undone only by a persistent unfreeze, whatever the caller asked.
        persistent |= !on && _persistentlyFrozen.Contains(userApplication);
        var change = on ? VcsCommands.Freeze(userApplication, persistent) : VcsCommands.Unfreeze(userApplication, persistent);
        return persistent ? new[] { VcsCommands.MakeWritable(), change, VcsCommands.DumpReadOnly() } : new[] { change };
    }

    public NativeCommandResult SetMaintenance(string userApplication, bool on, bool force, bool persistent)
    {
        var commands = MaintenanceCommands(userApplication, on, force, persistent);
        var errorId = on ? "EnterMaintenanceFailed" : "ExitMaintenanceFailed";
        if (commands.Count == 1)
        {
            return _runner.Run(commands[0], errorId);
        }

        // 'haconf -dump -makero' only when this call made the configuration writable: closing someone else's open edit would lose it.
        var open = _runner.Run(commands[0], "ClusterConfigurationFailed", allowFailure: true);
        var opened = open.Succeeded;
        if (!opened && VcsStateParser.MessageId(open.AllLines()) != AlreadyWritable)
        {
            throw NativeCommandRunner.Failure("ClusterConfigurationFailed", open);
        }

        if (!opened)
        {
            _runner.Host.WriteVerbose($"The VCS configuration was already writable ({Message(open)}); it is left writable.");
            return _runner.Run(commands[1], errorId);
        }

        NativeCommandResult changed;
        try
        {
            changed = _runner.Run(commands[1], errorId);
        }
        catch
        {
            // The configuration goes back to read-only whether or not the freeze worked; the freeze's own failure is reported.
            _runner.Run(commands[2], "ClusterConfigurationFailed", allowFailure: true);
            throw;
        }

        var close = _runner.Run(commands[2], "ClusterConfigurationFailed", allowFailure: true);
        if (!close.Succeeded)
        {
            throw NativeCommandRunner.Failure("ClusterConfigurationFailed", close);
        }

        return changed;
    }

    // Unfreezing a group with a FAULTED resource lets VCS fail it over: that resource must be dealt with first.
    // Another group's fault is not this group's business; the membership is asked only when something is faulted.
    public IReadOnlyList<ClusterResource> MaintenanceExitBlockers(ClusterView view, string userApplication)
    {
        var faulted = view.Resources.Where(r => r.IsLocal && r.State.Split('|').Contains("FAULTED")).ToList();
        if (faulted.Count == 0)
        {
            return faulted;
        }

        var members = _runner.Run(VcsCommands.GroupResources(userApplication), "ClusterQueryFailed").Output.Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        return faulted.Where(r => members.Contains(r.Name)).ToList();
    }

    // One resource on this system (a bare value), or the whole table when several are read together.
    public NativeCommand CheckResourcesCommand(IReadOnlyList<string> resources, string state)
        => resources.Count == 1 ? VcsCommands.ResourceState(resources[0], LocalNode) : VcsCommands.ResourceState();

    public IReadOnlyDictionary<string, string> CurrentStates(IReadOnlyList<string> resources)
    {
        var result = _runner.Run(CheckResourcesCommand(resources, OnlineState), "ResourceStateQueryFailed", allowFailure: true);
        var id = VcsStateParser.MessageId(result.AllLines());
        if (id == NoSuchResource)
        {
            throw IClusterProvider.ResourceNotFound(resources.Count == 1 ? resources[0] : string.Join(", ", resources), $"VCS has no such resource: {Message(result)}");
        }

        if (!result.Succeeded || id is not null)
        {
            throw NativeCommandRunner.Failure("ResourceStateQueryFailed", result);
        }

        if (resources.Count == 1)
        {
            return new Dictionary<string, string> { [resources[0]] = VcsStateParser.SysValue(result.Output, result.CommandLine, resources[0], LocalNode) };
        }

        var rows = VcsStateParser.Parse(result.Output, "hares -state");
        return resources.ToDictionary(resource => resource, resource =>
            (rows.FirstOrDefault(r => r.Name == resource && r.System == LocalNode && r.Attribute == "State")
                ?? throw IClusterProvider.ResourceNotFound(resource, $"'{result.CommandLine}' shows no resource '{resource}' on system {LocalNode}.")).Value);
    }

    public NativeCommand? WaitCommand(string resource, string state, int seconds) => VcsCommands.ResourceWait(resource, state.ToUpperInvariant(), LocalNode, seconds);

    // A wait that can never end: no such resource, group or system, or no VCS engine to ask.
    public string? WaitRefusal(NativeCommandResult result)
        => VcsStateParser.MessageId(result.AllLines()) is NoSuchResource or NoSuchGroup or NoSuchSystem or EngineDown ? Message(result) : null;

    public NativeCommand ResourceOfflineCommand(string resource) => VcsCommands.ResourceOffline(resource, LocalNode);

    public NativeCommand ResourceOnlineCommand(string resource) => VcsCommands.ResourceOnline(resource, LocalNode);

    public NativeCommand? ClearFaultCommand(string resource) => VcsCommands.ResourceClear(resource, LocalNode);

    /// <summary>The resource's value of one attribute (hares -value), e.g. Type, MountPoint, Group.</summary>
    public string ResourceValue(string resource, string attribute) => Value(VcsCommands.ResourceValue(resource, attribute));

    public IReadOnlyList<ClusterApplication>? ServiceStates(string userApplication, out string? whyNotRunning)
        => ReadServiceStates(_runner.Run(ServiceStateCommand(userApplication), "ClusterQueryFailed", allowFailure: true), userApplication, out whyNotRunning);

    // Without -sys: the table of every system, which is what "stopped on both nodes" needs.
    public NativeCommand ServiceStateCommand(string userApplication, bool absolute = false) => VcsCommands.GroupState(userApplication, absolute);

    public IReadOnlyList<ClusterApplication>? ReadServiceStates(NativeCommandResult result, string userApplication, out string? whyNotRunning)
    {
        var id = VcsStateParser.MessageId(result.AllLines());
        if (id == EngineDown)
        {
            whyNotRunning = Message(result);
            return null;
        }

        if (id == NoSuchGroup)
        {
            throw new AcmException("ClusterApplicationNotFound", ErrorCategory.ObjectNotFound, $"The cluster has no service group named '{userApplication}' ({Message(result)}).", userApplication);
        }

        if (!result.Succeeded || id is not null)
        {
            throw NativeCommandRunner.Failure("ClusterQueryFailed", result);
        }

        whyNotRunning = null;
        return VcsStateParser.Parse(result.Output, "hagrp -state")
            .Where(r => r.Attribute == "State" && r.Name == userApplication)
            .Select(r => ToApplication(r, frozen: false))
            .ToList();
    }

    public bool IsStopped(ClusterApplication application)
        => !application.StateFlags.Any(f => f is "ONLINE" or "PARTIAL" or "STARTING" or "STOPPING");

    public NativeCommand StartServiceCommand(string userApplication, string? node) => VcsCommands.GroupOnline(userApplication, node ?? LocalNode);

    public NativeCommand? ApplicationWaitCommand(string userApplication, string? node, string state, int seconds)
        => VcsCommands.GroupWait(userApplication, state.ToUpperInvariant(), node ?? LocalNode, seconds);

    // ACM's VCS note applies to a transaction volume whose mount point is a Mount resource of the service group.
    public void CheckVolumeResource(string userApplication, AcmVolume volume)
    {
        var type = ResourceValue(volume.Resource, "Type");
        var mountPoint = ResourceValue(volume.Resource, "MountPoint").TrimEnd('/');
        var group = ResourceValue(volume.Resource, "Group");
        if (type != "Mount" || mountPoint != volume.MountPoint || group != userApplication)
        {
            throw new AcmException(
                "VolumeResourceMismatch",
                ErrorCategory.InvalidArgument,
                $"VCS resource '{volume.Resource}' is a {type} resource of group '{group}' on '{mountPoint}', not a Mount resource of service group '{userApplication}' on {volume.MountPoint}.",
                volume.Resource)
            {
                RecommendedAction = "Give the Mount resource that VCS uses for the transaction volume's mount point (hares -value <res> MountPoint).",
            };
        }
    }

    // A Mount resource mounts its BlockDevice on its MountPoint (CheckVolumeResource has compared the mount point).
    public ConfiguredMount? ConfiguredMount(AcmVolume volume)
    {
        if (volume.Resource.Length == 0)
        {
            // The stopped-cluster procedure names no resource: nothing to ask.
            return null;
        }

        var device = ResourceValue(volume.Resource, "BlockDevice");
        return new ConfiguredMount(device.Length == 0 ? null : device, $"VCS resource {volume.Resource} (BlockDevice)");
    }

    private ClusterApplication ToApplication(VcsStateParser.Row row, bool frozen) => new()
    {
        Name = row.Name,
        Node = row.System,
        IsLocal = row.System == LocalNode,
        State = string.Join("|", row.Flags),
        StateDetails = row.Value,
        StateFlags = row.Flags.ToArray(),
        InMaintenance = frozen,
        ClusterType = nameof(ClusterType.VCS),
    };

    // Fidelity-evidence item 4: VCS ids of the messages the module acts on.
    private const string NoSuchGroup = "V-16-1-40131";
    private const string NoSuchResource = "V-16-1-40132";
    private const string NoSuchSystem = "V-16-1-40130";
    private const string EngineDown = "V-16-1-10600";
    private const string AlreadyWritable = "V-16-1-10364";

    /// <summary>The message of a VCS command, from whichever stream it came on (VCS writes its messages on stdout).</summary>
    private static string Message(NativeCommandResult result) => string.Join(" ", result.AllLines().Select(l => l.Trim()).Where(l => l.Length > 0));

    private string Value(NativeCommand command)
    {
        var output = _runner.Run(command, "ClusterQueryFailed").Output;
        return output.Length == 0 ? string.Empty : output[0].Trim();
    }

    // The name VCS uses for this host. Read as root, so only a file that no other user can write counts.
    private static string? ReadSysname()
    {
        try
        {
            var path = SysnameFile;
            if (!File.Exists(path))
            {
                return null;
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                return null;
            }

            var name = File.ReadAllLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
            return string.IsNullOrEmpty(name) ? null : name;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
