using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Products.Generic;
using AcmCluster.Products.Primecluster;
using AcmCluster.Products.Vcs;

namespace AcmCluster.Cluster;

/// <summary>
/// The cluster products the module drives: the one list that the factory, the detector and the completers read.
/// A new product is one folder under Products/ with its <see cref="IClusterProduct"/>, one line here, and its
/// value in the public <see cref="ClusterType"/> enum (what users type after -ClusterType).
/// </summary>
internal static class ClusterProducts
{
    public static IReadOnlyList<IClusterProduct> All { get; } = new IClusterProduct[]
    {
        PrimeclusterProduct.Instance,
        VcsProduct.Instance,
        GenericProduct.Instance,
    };

    public static IClusterProduct For(ClusterType type)
        => All.FirstOrDefault(p => p.Capabilities.Type == type)
            ?? throw new AcmException("ClusterTypeNotSupported", ErrorCategory.NotImplemented, $"Cluster type {type} is not known.", type);
}
