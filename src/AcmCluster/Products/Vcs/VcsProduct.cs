using System;
using AcmCluster.Cluster;
using AcmCluster.Native;

namespace AcmCluster.Products.Vcs;

/// <summary>Veritas Cluster Server: service groups, a freeze as maintenance mode, Mount resources that VCS takes offline and online itself.</summary>
internal sealed class VcsProduct : IClusterProduct
{
    /// <summary>The VCS tools (hagrp, hares, haconf).</summary>
    public static Product Tools { get; } = new("Veritas Cluster Server", new[] { "/opt/VRTSvcs/bin" });

    // After the command source, which the detection command below takes.
    public static readonly VcsProduct Instance = new();

    private VcsProduct()
    {
    }

    public ClusterCapabilities Capabilities { get; } = new()
    {
        Type = ClusterType.VCS,
        DisplayName = "Veritas Cluster Server",
        ApplicationNoun = "service group",
        ServiceName = "HAD (VCS)",
        StateQueryHint = "hares -state",
        MaintenanceNoun = "maintenance mode (frozen)",
        ResourceStates = new[] { "ONLINE", "OFFLINE", "FAULTED", "UNKNOWN" },
        OfflineState = "OFFLINE",
        OnlineState = "ONLINE",
        ControlsMountResources = true,
        SynchronousBackupRestriction = "ACM's VCS note: a synchronous (EC) backup must not be registered in a cluster transaction.",
        ForcedExitOverridesCluster = false,
    };

    public NativeCommand DetectionCommand { get; } = new("hagrp", Array.Empty<string>(), Tools);

    public IClusterProvider CreateDriver(NativeCommandRunner runner, ClusterOptions options) => new VcsProvider(runner, options.Node);
}
