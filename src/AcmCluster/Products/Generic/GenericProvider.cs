using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Products.Generic;

/// <summary>
/// A cluster without product knowledge (SynfinityCLUSTER, or any other): every query and change is one of
/// the user's script blocks, run through the same runner as a native command, so plans, -WhatIf, journals
/// and errors show it. Without ResourceOfflineScript/ResourceOnlineScript the procedures unmount and mount
/// by hand under maintenance mode (as on PRIMECLUSTER); with them the cluster does it (as on VCS).
/// </summary>
internal sealed class GenericProvider : IClusterProvider
{
    private static readonly string[] ActiveStates = { "Online" };
    private static readonly string[] StoppedStates = { "Offline", "Faulted", "Deact", "OfflineFault" };
    private static readonly string[] SettledStates = { "Online", "Offline" };
    private readonly NativeCommandRunner _runner;
    private readonly GenericCluster _definition;

    public GenericProvider(NativeCommandRunner runner, GenericCluster definition, string? node)
    {
        _runner = runner;
        _definition = Validated(definition);
        LocalNode = node ?? ClusterProviderFactory.ShortHostName();
        Capabilities = GenericProduct.Instance.Capabilities with
        {
            ServiceName = $"the {_definition.Name} cluster service",
            StateQueryHint = $"the GetStateScript of cluster '{_definition.Name}'",
            ControlsMountResources = _definition.ResourceOfflineScript is not null,
        };
    }

    /// <summary>The product's, with this definition's name and whether its scripts take the file systems offline and online.</summary>
    public ClusterCapabilities Capabilities { get; }

    /// <summary>-Node, else the host name up to the first dot.</summary>
    public string LocalNode { get; }

    string? IClusterProvider.LocalNode => LocalNode;

    /// <summary>Refuses a definition that cannot work before anything runs: no state script, or half a resource pair.</summary>
    public static GenericCluster Validated(GenericCluster definition)
    {
        if (definition.GetStateScript is null)
        {
            throw Missing(definition, nameof(GenericCluster.GetStateScript), "every operation");
        }

        if ((definition.ResourceOfflineScript is null) != (definition.ResourceOnlineScript is null))
        {
            throw new AcmException(
                "GenericClusterInvalid",
                ErrorCategory.InvalidArgument,
                $"Cluster '{definition.Name}' has only one of ResourceOfflineScript and ResourceOnlineScript: give both (the cluster takes the file systems offline and online) or neither (the procedure unmounts and mounts them).",
                definition);
        }

        InputValidator.Name(definition.Name, nameof(GenericCluster.Name));
        return definition;
    }

    public ClusterView Query() => Read(_runner.Run(StateQuery(), "ClusterQueryFailed"));

    public bool IsActive(ClusterApplication application) => ActiveStates.Contains(application.State, StringComparer.OrdinalIgnoreCase);

    private NativeCommand EnterMaintenanceCommand(string userApplication)
        => Script(_definition.EnterMaintenanceScript, nameof(GenericCluster.EnterMaintenanceScript), "maintenance mode", userApplication);

    private NativeCommand ExitMaintenanceCommand(string userApplication, bool force)
    {
        if (force)
        {
            throw ParameterNotSupported("-Force is PRIMECLUSTER's hvutil -m forceoff; a Generic cluster's ExitMaintenanceScript has no forced form.", userApplication);
        }

        return Script(_definition.ExitMaintenanceScript, nameof(GenericCluster.ExitMaintenanceScript), "maintenance mode", userApplication);
    }

    public IReadOnlyList<NativeCommand> MaintenanceCommands(string userApplication, bool on, bool force, bool persistent)
    {
        if (persistent)
        {
            throw ParameterNotSupported("-Persistent is a VCS option (hagrp -freeze -persistent); write a persistent form into the Generic cluster's scripts instead.", userApplication);
        }

        return new[] { on ? EnterMaintenanceCommand(userApplication) : ExitMaintenanceCommand(userApplication, force) };
    }

    public NativeCommandResult SetMaintenance(string userApplication, bool on, bool force, bool persistent)
        => _runner.Run(MaintenanceCommands(userApplication, on, force, persistent)[0], on ? "EnterMaintenanceFailed" : "ExitMaintenanceFailed");

    // A resource that is neither Online nor Offline (Faulted, Unknown, ...) is not back in a settled state;
    // one the state script says belongs to another application is not this one's business.
    public IReadOnlyList<ClusterResource> MaintenanceExitBlockers(ClusterView view, string userApplication)
        => view.Resources
            .Where(r => r.IsLocal && (r.Application is null || r.Application == userApplication) && !SettledStates.Contains(r.State, StringComparer.OrdinalIgnoreCase))
            .ToList();

    public NativeCommand CheckResourcesCommand(IReadOnlyList<string> resources, string state) => StateQuery();

    public IReadOnlyDictionary<string, string> CurrentStates(IReadOnlyList<string> resources)
        => Query().LocalStates(resources, Capabilities.StateQueryHint, LocalNode);

    // The scripts take no time limit: the waiter polls the state script.
    public NativeCommand? WaitCommand(string resource, string state, int seconds) => null;

    public string? WaitRefusal(NativeCommandResult result) => null;

    public NativeCommand? ApplicationWaitCommand(string userApplication, string? node, string state, int seconds) => null;

    // Both scripts or neither (Validated): without them the procedures unmount and mount by hand.
    public NativeCommand? ResourceOfflineCommand(string resource) => Optional(_definition.ResourceOfflineScript, nameof(GenericCluster.ResourceOfflineScript), resource, LocalNode);

    public NativeCommand? ResourceOnlineCommand(string resource) => Optional(_definition.ResourceOnlineScript, nameof(GenericCluster.ResourceOnlineScript), resource, LocalNode);

    public NativeCommand? ClearFaultCommand(string resource) => Optional(_definition.ClearFaultScript, nameof(GenericCluster.ClearFaultScript), resource, LocalNode);

    public IReadOnlyList<ClusterApplication>? ServiceStates(string userApplication, out string? whyNotRunning)
        => ReadServiceStates(_runner.Run(StateQuery(), "ClusterQueryFailed"), userApplication, out whyNotRunning);

    // The state script runs here only: there is no command to ask another node with.
    public NativeCommand? ServiceStateCommand(string userApplication, bool absolute = false) => null;

    public IReadOnlyList<ClusterApplication>? ReadServiceStates(NativeCommandResult result, string userApplication, out string? whyNotRunning)
    {
        var view = Read(result);
        if (view.Applications.Count == 0)
        {
            whyNotRunning = $"{Capabilities.StateQueryHint} reports no cluster application";
            return null;
        }

        whyNotRunning = null;
        return view.Applications.Where(a => a.Name == userApplication).ToList();
    }

    public bool IsStopped(ClusterApplication application) => StoppedStates.Contains(application.State, StringComparer.OrdinalIgnoreCase);

    public NativeCommand StartServiceCommand(string userApplication, string? node)
        => Script(_definition.StartScript, nameof(GenericCluster.StartScript), "starting the cluster application", node is null ? new[] { userApplication } : new[] { userApplication, node });

    // The state script says nothing about mount points.
    public void CheckVolumeResource(string userApplication, AcmVolume volume)
    {
    }

    public ConfiguredMount? ConfiguredMount(AcmVolume volume) => null;

    // A Generic cluster's scripts do not say which file systems its resources mount.
    public IReadOnlyList<ControlledMount> ControlledMounts() => System.Array.Empty<ControlledMount>();

    private NativeCommand StateQuery() => Script(_definition.GetStateScript, nameof(GenericCluster.GetStateScript), "a state query");

    private ClusterView Read(NativeCommandResult result)
        => result.Succeeded ? GenericStateReader.Read(result.Objects, LocalNode, _definition.Name) : throw NativeCommandRunner.Failure("ClusterQueryFailed", result);

    private static NativeCommand? Optional(ScriptBlock? script, string name, params string[] arguments)
        => script is null ? null : NativeCommand.ForScript(name, script, arguments);

    private NativeCommand Script(ScriptBlock? script, string name, string purpose, params string[] arguments)
        => NativeCommand.ForScript(name, script ?? throw Missing(_definition, name, purpose), arguments);

    private static AcmException Missing(GenericCluster definition, string name, string purpose)
        => new("GenericScriptMissing", ErrorCategory.InvalidArgument, $"Cluster '{definition.Name}' has no {name}, which {purpose} needs.", definition)
        {
            RecommendedAction = $"Give New-AcmGenericCluster -{name} {{ ... }} (or the key {name} in the -GenericCluster hashtable).",
        };

    private static AcmException ParameterNotSupported(string message, string userApplication)
        => new("ParameterNotSupported", ErrorCategory.InvalidArgument, message, userApplication);
}
