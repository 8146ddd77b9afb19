using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;
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
            _ => throw new AcmException(
                "ClusterTypeNotSupported",
                ErrorCategory.NotImplemented,
                $"Cluster type {type} is not implemented yet: PRIMECLUSTER and VCS are.",
                type),
        };
    }
}
