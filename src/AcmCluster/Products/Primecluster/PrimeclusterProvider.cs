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

    public ClusterView Query()
    {
        var display = HvdispParser.Parse(_runner.Run(RmsCommands.DisplayAll(), "ClusterQueryFailed").Output);
        var local = display.LocalSystem ?? "(local)";
        var applications = display.Rows
            .Where(r => r.Type.Equals("userApp", StringComparison.OrdinalIgnoreCase))
            .Select(r => new ClusterApplication
            {
                Name = r.Resource,
                Node = r.HostName ?? local,
                IsLocal = r.HostName is null,
                State = r.State,
                StateDetails = r.StateDetails,
                InMaintenance = r.State == "Maintenance",
                ClusterType = ClusterType.PRIMECLUSTER,
            })
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

    // hvdisp -a does not show which application owns a resource, so every local resource counts:
    // hvutil -m off would refuse on the same evidence.
    public IReadOnlyList<ClusterResource> MaintenanceExitBlockers(ClusterView view, string userApplication)
        => view.Resources
            .Where(r => r.IsLocal && ExitBlockingDetails.Any(d => r.StateDetails.Contains(d, StringComparison.Ordinal)))
            .ToList();

    public NativeCommand CheckResourceStateCommand(string resource, string state) => RmsCommands.AssertState(resource, state);

}
