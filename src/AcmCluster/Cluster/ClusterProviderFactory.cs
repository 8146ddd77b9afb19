using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>The driver of a cluster type (<see cref="ClusterProducts"/> knows the products).</summary>
internal static class ClusterProviderFactory
{
    public static IClusterProvider Create(ClusterType type, NativeCommandRunner runner, ClusterOptions? options = null)
        => ClusterProducts.For(type).CreateDriver(runner, options ?? new ClusterOptions());

    /// <summary>The host name up to the first dot: how clusters name their nodes by default.</summary>
    public static string ShortHostName()
    {
        var host = System.Environment.MachineName;
        var dot = host.IndexOf('.', System.StringComparison.Ordinal);
        return dot > 0 ? host[..dot] : host;
    }
}
