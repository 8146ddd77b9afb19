using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Products.Generic;
using AcmCluster.Products.Primecluster;
using AcmCluster.Products.Vcs;

namespace AcmCluster.Cluster;

internal static class ClusterProviderFactory
{
    public static IClusterProvider Create(ClusterType type, NativeCommandRunner runner, ClusterOptions? options = null)
    {
        options ??= new ClusterOptions();
        return type switch
        {
            ClusterType.PRIMECLUSTER => new PrimeclusterProvider(runner),
            ClusterType.VCS => new VcsProvider(runner, options.Node),
            ClusterType.Generic => new GenericProvider(runner, options.Generic ?? throw GenericClusterRequired(), options.Node),
            _ => throw new AcmException("ClusterTypeNotSupported", ErrorCategory.NotImplemented, $"Cluster type {type} is not known.", type),
        };
    }

    public static AcmException GenericClusterRequired() => new(
        "GenericClusterRequired",
        ErrorCategory.InvalidArgument,
        "-ClusterType Generic needs -GenericCluster: the script blocks that query and change the cluster.",
        ClusterType.Generic)
    {
        RecommendedAction = "Build one with New-AcmGenericCluster -GetStateScript { ... } -EnterMaintenanceScript { ... } -ExitMaintenanceScript { ... } and pass it as -GenericCluster.",
    };

    /// <summary>The host name up to the first dot: how clusters name their nodes by default.</summary>
    public static string ShortHostName()
    {
        var host = System.Environment.MachineName;
        var dot = host.IndexOf('.', System.StringComparison.Ordinal);
        return dot > 0 ? host[..dot] : host;
    }
}
