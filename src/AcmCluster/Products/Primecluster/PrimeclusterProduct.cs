using System;
using AcmCluster.Cluster;
using AcmCluster.Native;

namespace AcmCluster.Products.Primecluster;

/// <summary>PRIMECLUSTER (RMS): userApplications, maintenance mode by hvutil -m, Fsystem resources unmounted by hand inside it.</summary>
internal sealed class PrimeclusterProduct : IClusterProduct
{
    /// <summary>The RMS tools (hvdisp, hvutil, hvswitch, hvassert).</summary>
    public static Product Rms { get; } = new("PRIMECLUSTER RMS", new[] { "/opt/SMAW/SMAWRrms/bin", "/opt/SMAW/bin" });

    // After the command source, which the detection command below takes.
    public static readonly PrimeclusterProduct Instance = new();

    private PrimeclusterProduct()
    {
    }

    public ClusterCapabilities Capabilities { get; } = new()
    {
        Type = ClusterType.PRIMECLUSTER,
        DisplayName = "PRIMECLUSTER",
        ApplicationNoun = "userApplication",
        ServiceName = "RMS",
        StateQueryHint = "hvdisp -a",
        ResourceStates = HvdispParser.States,
        OfflineState = "Offline",
        OnlineState = "Online",
        ControlsMountResources = false,
        ForcedExitOverridesCluster = true,
    };

    public NativeCommand DetectionCommand { get; } = new("hvdisp", Array.Empty<string>(), Rms);

    public IClusterProvider CreateDriver(NativeCommandRunner runner, ClusterOptions options) => new PrimeclusterProvider(runner);
}
