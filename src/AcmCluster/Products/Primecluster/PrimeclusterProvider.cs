using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Cluster;
using AcmCluster.Native;

namespace AcmCluster.Products.Primecluster;

internal sealed class PrimeclusterProvider : IClusterProvider
{
    private static readonly string[] ExitBlockingDetails = { "Online!!", "Standby!!", "Offline intended" };
    private readonly NativeCommandRunner _runner;

    public PrimeclusterProvider(NativeCommandRunner runner) => _runner = runner;

    public ClusterType Type => ClusterType.PRIMECLUSTER;

    public IReadOnlyList<string> ResourceStates => HvdispParser.States;

    public string ApplicationNoun => "userApplication";

    public string ServiceName => "RMS";

    public string StateQueryHint => "hvdisp -a";

    public ClusterView Query()
    {
        var display = HvdispParser.Parse(_runner.Run(RmsCommands.DisplayAll(), "ClusterQueryFailed").Output);
        var local = display.LocalSystem ?? "(local)";
        LocalNode = display.LocalSystem;
        var applications = display.Rows
            .Where(r => r.Type.Equals("userApp", StringComparison.OrdinalIgnoreCase))
            .Select(r => ToApplication(r, local))
            .ToList();
        var resources = display.Rows
            .Where(r => !r.Type.Equals("userApp", StringComparison.OrdinalIgnoreCase) && !r.Type.Equals("SysNode", StringComparison.OrdinalIgnoreCase))
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

    public NativeCommand EnterMaintenanceCommand(string userApplication) => RmsCommands.Maintenance(userApplication, "on");

    public NativeCommand ExitMaintenanceCommand(string userApplication, bool force) => RmsCommands.Maintenance(userApplication, force ? "forceoff" : "off");

    public bool ForcedExitOverridesCluster => true;

    // hvdisp -a does not show which application owns a resource, so every local resource counts:
    // hvutil -m off would refuse on the same evidence.
    public IReadOnlyList<ClusterResource> MaintenanceExitBlockers(ClusterView view, string userApplication)
        => view.Resources
            .Where(r => r.IsLocal && ExitBlockingDetails.Any(d => r.StateDetails.Contains(d, StringComparison.Ordinal)))
            .ToList();

    // The manual's hvassert for one resource; one hvdisp -a answers for many, where a poll of each would take turns.
    public NativeCommand CheckResourcesCommand(IReadOnlyList<string> resources, string state)
        => resources.Count == 1 ? RmsCommands.AssertState(resources[0], state) : RmsCommands.DisplayAll();

    public string? LocalNode { get; private set; }

    public bool IsActive(ClusterApplication application)
        => application.State == "Online" || (application.InMaintenance && application.StateDetails.StartsWith("Online", StringComparison.Ordinal));

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

        return new[] { on ? EnterMaintenanceCommand(userApplication) : ExitMaintenanceCommand(userApplication, force) };
    }

    public NativeCommandResult SetMaintenance(string userApplication, bool on, bool force, bool persistent)
        => _runner.Run(MaintenanceCommands(userApplication, on, force, persistent)[0], on ? "EnterMaintenanceFailed" : "ExitMaintenanceFailed");

    // hvassert: exit 0 in the state, 1 not (yet); anything else is a failed query.
    public IReadOnlyCollection<string> InState(IReadOnlyList<string> resources, string state)
    {
        var command = CheckResourcesCommand(resources, state);
        if (resources.Count == 1)
        {
            var result = _runner.Run(command, "ResourceStateQueryFailed", allowFailure: true);
            return result.ExitCode switch
            {
                0 => resources,
                1 => Array.Empty<string>(),
                _ => throw NativeCommandRunner.Failure("ResourceStateQueryFailed", result),
            };
        }

        var rows = HvdispParser.Parse(_runner.Run(command, "ResourceStateQueryFailed").Output).Rows;
        return resources.Where(resource =>
        {
            var row = rows.FirstOrDefault(r => r.Resource == resource && r.HostName is null)
                ?? throw new Internal.AcmException("ResourceStateQueryFailed", System.Management.Automation.ErrorCategory.ObjectNotFound, $"hvdisp -a shows no resource '{resource}' on this node.", resource);
            return row.State == state;
        }).ToList();
    }

    public string OfflineState => "Offline";

    public string OnlineState => "Online";

    public bool ControlsMountResources => false;

    public bool MaintenanceAroundCopyOnly => false;

    public string? SynchronousBackupRestriction => null;

    public NativeCommand ResourceOfflineCommand(string resource) => throw new NotSupportedException("PRIMECLUSTER file systems are unmounted by hand under maintenance mode.");

    public NativeCommand ResourceOnlineCommand(string resource) => throw new NotSupportedException("PRIMECLUSTER file systems are mounted by hand under maintenance mode.");

    public NativeCommand? ClearFaultCommand(string resource) => null;

    public IReadOnlyList<ClusterApplication>? ServiceStates(string userApplication, out string? whyNotRunning)
    {
        var result = _runner.Run(RmsCommands.DisplayAll(), "ClusterQueryFailed", allowFailure: true);
        if (!result.Succeeded)
        {
            // hvdisp fails when RMS is not running: then no userApplication runs anywhere.
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
            .Where(r => r.Type.Equals("userApp", StringComparison.OrdinalIgnoreCase) && r.Resource == userApplication)
            .Select(r => ToApplication(r, local))
            .ToList();
    }

    // Offline, or Faulted/Deact/OfflineFault: nothing of the application runs there.
    public bool IsStopped(ClusterApplication application) => application.State is "Offline" or "Faulted" or "Deact" or "OfflineFault" or "Inconsistent";

    // hvdisp -a does not say which file system an Fsystem resource watches.
    public void CheckVolumeResource(string userApplication, AcmVolume volume)
    {
    }

    public NativeCommand StartServiceCommand(string userApplication, string? node) => RmsCommands.Switch(userApplication, node);

    private static ClusterApplication ToApplication(HvdispParser.Row row, string local) => new()
    {
        Name = row.Resource,
        Node = row.HostName ?? local,
        IsLocal = row.HostName is null,
        State = row.State,
        StateDetails = row.StateDetails,
        StateFlags = new[] { row.State },
        InMaintenance = row.State == "Maintenance",
        ClusterType = nameof(ClusterType.PRIMECLUSTER),
    };
}
