using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Products.Generic;

/// <summary>
/// A cluster without product knowledge: the user's script blocks (-GenericCluster) query and change it. Never
/// detected; the definition refines the capabilities (its name in messages, whether its scripts take the file-system
/// resources offline and online).
/// </summary>
internal sealed class GenericProduct : IClusterProduct
{
    public static readonly GenericProduct Instance = new();

    private GenericProduct()
    {
    }

    public ClusterCapabilities Capabilities { get; } = new()
    {
        Type = ClusterType.Generic,
        DisplayName = "Generic cluster",
        ApplicationNoun = "cluster application",
        ServiceName = "the cluster service",
        StateQueryHint = "the GetStateScript",
        ResourceStates = GenericStateReader.States,
        OfflineState = "Offline",
        OnlineState = "Online",
        ControlsMountResources = false,
        ForcedExitOverridesCluster = false,

        // Completing from the live cluster would run the user's scripts.
        LiveCompletion = false,
    };

    public NativeCommand? DetectionCommand => null;

    public IClusterProvider CreateDriver(NativeCommandRunner runner, ClusterOptions options)
        => new GenericProvider(runner, options.Generic ?? throw GenericClusterRequired(), options.Node);

    public static AcmException GenericClusterRequired() => new(
        "GenericClusterRequired",
        ErrorCategory.InvalidArgument,
        "-ClusterType Generic needs -GenericCluster: the script blocks that query and change the cluster.",
        ClusterType.Generic)
    {
        RecommendedAction = "Build one with New-AcmGenericCluster -GetStateScript { ... } -EnterMaintenanceScript { ... } -ExitMaintenanceScript { ... } and pass it as -GenericCluster.",
    };
}
