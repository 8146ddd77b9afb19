using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Cluster;
using AcmCluster.Native;

namespace AcmCluster.Products.Primecluster;

internal sealed class PrimeclusterProvider : IClusterProvider
{
    // Compared without blanks: RMS also writes 'Online !!'.
    private static readonly string[] ExitBlockingDetails = { "Online!!", "Standby!!", "Offlineintended" };
    private readonly NativeCommandRunner _runner;

    public PrimeclusterProvider(NativeCommandRunner runner) => _runner = runner;

    public ClusterCapabilities Capabilities => PrimeclusterProduct.Instance.Capabilities;

    public ClusterView Query()
    {
        var display = HvdispParser.Parse(_runner.Run(RmsCommands.DisplayAll(), "ClusterQueryFailed").Output);
        LocalNode = display.LocalSystem;
        return View(display);
    }

    private static ClusterView View(HvdispParser.Display display)
    {
        var local = display.LocalSystem ?? "(local)";
        var applications = display.Rows.Where(r => r.IsApplication).Select(r => ToApplication(r, local)).ToList();
        var resources = display.Rows
            .Where(r => !r.IsApplication && !r.IsSysNode)
            .Select(r => new ClusterResource
            {
                Name = r.Resource,
                Type = r.Type,
                Node = r.HostName ?? local,
                IsLocal = r.HostName is null,
                State = r.State,
                StateDetails = r.StateDetails,
            })
            .ToList();
        return new ClusterView(applications, resources);
    }

    // RMS guide 4.6, 7.4.4: the userApplication's StateDetails say whether hvutil -m off will refuse ('Online!!',
    // 'Standby!!', 'Offline intended'); the resource rows say which resources are not back. hvdisp -a does not show
    // which application owns a resource, so every resource of this node not in the pre-maintenance state is named.
    public IReadOnlyList<ClusterResource> MaintenanceExitBlockers(ClusterView view, string userApplication)
    {
        var app = view.Applications.FirstOrDefault(a => a.Name == userApplication && a.IsLocal);
        if (app is null || !app.InMaintenance)
        {
            return Array.Empty<ClusterResource>();
        }

        var details = HvdispParser.Compact(app.StateDetails);
        if (!ExitBlockingDetails.Any(d => details.Contains(d, StringComparison.Ordinal)))
        {
            return Array.Empty<ClusterResource>();
        }

        var wasOnline = details.StartsWith("Online", StringComparison.Ordinal);
        var notBack = view.Resources
            .Where(r => r.IsLocal && r.State.Length > 0)
            .Where(r => wasOnline ? r.State != "Online" : r.State is not ("Offline" or "Standby"))
            .ToList();

        // The application says it is not back, even if no resource row shows why: name the application's own row.
        return notBack.Count > 0
            ? notBack
            : new[] { new ClusterResource { Name = app.Name, Type = "userApplication", Node = app.Node, IsLocal = true, State = app.State, StateDetails = app.StateDetails } };
    }

    // Every resource is read from one hvdisp -a; the waits themselves are hvassert -w (9.1.7 note 1).
    public NativeCommand CheckResourcesCommand(IReadOnlyList<string> resources, string state) => RmsCommands.DisplayAll();

    public IReadOnlyDictionary<string, string> CurrentStates(IReadOnlyList<string> resources)
    {
        var result = _runner.Run(RmsCommands.DisplayAll(), "ResourceStateQueryFailed");
        var rows = HvdispParser.Parse(result.Output).Rows;
        return resources.ToDictionary(resource => resource, resource =>
        {
            var row = rows.FirstOrDefault(r => r.Resource == resource && r.HostName is null && !r.IsApplication && !r.IsSysNode)
                ?? throw ClusterView.ResourceNotFound(resource, $"hvdisp -a shows no resource '{resource}' on this node.");
            return row.HasState ? row.State : throw HvdispParser.Unreadable(row, $"the state of '{resource}' on this node is needed and this row has none that RMS is known to print");
        });
    }

    public NativeCommand? WaitCommand(string resource, string state, int seconds) => RmsCommands.WaitState(resource, state, seconds);

    // Exit 1 alone is not "not yet" (fidelity evidence: hvassert exit codes unconfirmed): a message that the resource or RMS
    // is not there ends the wait at once; anything else is followed by a fresh hvdisp -a, which fails on its own if it must.
    public string? WaitRefusal(NativeCommandResult result)
    {
        var message = result.Message;
        return message.Contains("not running", StringComparison.OrdinalIgnoreCase)
            || message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            || message.Contains("unknown resource", StringComparison.OrdinalIgnoreCase)
            || message.Contains("not found", StringComparison.OrdinalIgnoreCase)
            ? message
            : null;
    }

    public string? LocalNode { get; private set; }

    public bool IsActive(ClusterApplication application)
    {
        // Another node's row without a state (never active there) is not active; this node's is the decision itself.
        if (application.State.Length == 0 && !application.IsLocal)
        {
            return false;
        }

        if (application.State.Length == 0)
        {
            throw Parsing.ParseError.At("hvdisp -a", application.Line ?? application.Name, $"the state of userApplication '{application.Name}' on {application.Node} is needed and hvdisp -a shows none that RMS is known to print");
        }

        return application.State == "Online" || (application.InMaintenance && application.StateDetails.StartsWith("Online", StringComparison.Ordinal));
    }

    public IReadOnlyList<NativeCommand> MaintenanceCommands(string userApplication, bool on, bool force, bool persistent)
    {
        if (persistent)
        {
            throw new Internal.AcmException(
                "ParameterNotSupported",
                System.Management.Automation.ErrorCategory.InvalidArgument,
                "-Persistent is a VCS option (hagrp -freeze -persistent); PRIMECLUSTER's maintenance mode has no persistent form.",
                userApplication);
        }

        return new[] { RmsCommands.Maintenance(userApplication, on ? "on" : force ? "forceoff" : "off") };
    }

    public NativeCommandResult SetMaintenance(string userApplication, bool on, bool force, bool persistent)
        => _runner.Run(MaintenanceCommands(userApplication, on, force, persistent)[0], on ? "EnterMaintenanceFailed" : "ExitMaintenanceFailed");

    // Fsystem file systems are unmounted and mounted by hand inside maintenance mode (9.1.7).
    public NativeCommand? ResourceOfflineCommand(string resource) => null;

    public NativeCommand? ResourceOnlineCommand(string resource) => null;

    public NativeCommand? ClearFaultCommand(string resource) => null;

    public IReadOnlyList<ClusterApplication>? ServiceStates(string userApplication, out string? whyNotRunning)
    {
        var rows = ReadServiceStates(_runner.Run(ServiceStateCommand(userApplication), "ClusterQueryFailed", allowFailure: true), userApplication, out whyNotRunning);

        // This node's display names this node (Local System): the application wait needs it to know where hvassert answers.
        LocalNode = rows?.FirstOrDefault(a => a.IsLocal)?.Node ?? LocalNode;
        return rows;
    }

    // hvassert answers for this node's RMS only: an application started on another SysNode is polled with hvdisp -a.
    public NativeCommand? ApplicationWaitCommand(string userApplication, string? node, string state, int seconds)
        => node is null || node == LocalNode ? RmsCommands.WaitState(userApplication, state, seconds) : null;

    public NativeCommand ServiceStateCommand(string userApplication, bool absolute = false) => RmsCommands.DisplayAll(absolute);

    public IReadOnlyList<ClusterApplication>? ReadServiceStates(NativeCommandResult result, string userApplication, out string? whyNotRunning)
    {
        if (!result.Succeeded)
        {
            // hvdisp fails when RMS is not running: then no userApplication runs on that node.
            if (result.Message.Contains("not running", StringComparison.OrdinalIgnoreCase))
            {
                whyNotRunning = result.Message.Trim();
                return null;
            }

            throw NativeCommandRunner.Failure("ClusterQueryFailed", result);
        }

        whyNotRunning = null;
        var display = HvdispParser.Parse(result.Output);
        var local = display.LocalSystem ?? "(local)";
        return display.Rows
            .Where(r => r.IsApplication && r.Resource == userApplication)
            .Select(r => ToApplication(r, local))
            .ToList();
    }

    // Offline, or Faulted/Deact/OfflineFault: nothing of the application runs there.
    // A row with no state (never active there) does not prove it stopped; the caller refuses it.
    public bool IsStopped(ClusterApplication application) => application.State is "Offline" or "Faulted" or "Deact" or "OfflineFault" or "Inconsistent";

    // hvdisp -a does not say which file system an Fsystem resource watches.
    public void CheckVolumeResource(string userApplication, AcmVolume volume)
    {
    }

    // Fsystem resources take their mounts from /etc/fstab.pcl.
    public ConfiguredMount? ConfiguredMount(AcmVolume volume) => Products.Linux.FstabReader.RmsMount(Internal.TestHooks.EtcDirectory, volume.MountPoint);

    public IReadOnlyList<ControlledMount> ControlledMounts() => Products.Linux.FstabReader.RmsMounts(Internal.TestHooks.EtcDirectory);

    public NativeCommand StartServiceCommand(string userApplication, string? node) => RmsCommands.Switch(userApplication, node);

    private static ClusterApplication ToApplication(HvdispParser.Row row, string local) => new()
    {
        Name = row.Resource,
        Node = row.HostName ?? local,
        IsLocal = row.HostName is null,
        State = row.State,
        StateDetails = row.StateDetails,
        StateFlags = row.HasState ? new[] { row.State } : Array.Empty<string>(),
        InMaintenance = row.State == "Maintenance",
        Line = row.Line,
        ClusterType = nameof(ClusterType.PRIMECLUSTER),
    };
}
