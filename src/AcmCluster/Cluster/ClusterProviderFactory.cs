using AcmCluster.Native;
using AcmCluster.Products.Primecluster;

namespace AcmCluster.Cluster;

internal static class ClusterProviderFactory
{
    public static IClusterProvider Create(ClusterType type, NativeCommandRunner runner) => type switch
    {
        ClusterType.PRIMECLUSTER => new PrimeclusterProvider(runner),
        _ => throw new Internal.AcmException(
            "ClusterTypeNotSupported",
            System.Management.Automation.ErrorCategory.NotImplemented,
            $"Cluster type {type} is not supported yet.",
            type),
    };
}
