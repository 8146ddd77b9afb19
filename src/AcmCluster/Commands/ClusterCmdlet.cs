using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

/// <summary>Base of the cmdlets that talk to the cluster product; the product is behind <see cref="IClusterProvider"/>.</summary>
public abstract class ClusterCmdlet : AcmCmdlet
{
    private IClusterProvider? _provider;

    /// <summary>The cluster product. PRIMECLUSTER is the only one supported so far.</summary>
    [Parameter]
    public ClusterType ClusterType { get; set; } = ClusterType.PRIMECLUSTER;

    internal IClusterProvider Provider => _provider ??= ClusterProviderFactory.Create(ClusterType, Runner);

    /// <summary>The application as seen on this node (or any node when it is not configured here).</summary>
    internal static ClusterApplication FindApplication(ClusterView view, string name)
    {
        var rows = view.Applications.Where(a => a.Name == name).ToList();
        var local = rows.FirstOrDefault(a => a.IsLocal) ?? rows.FirstOrDefault();
        if (local is null)
        {
            throw new AcmException(
                "ClusterApplicationNotFound",
                ErrorCategory.ObjectNotFound,
                $"The cluster has no userApplication named '{name}'.",
                name)
            {
                RecommendedAction = "Run Get-AcmClusterApplication to list the applications.",
            };
        }

        return local;
    }
}
