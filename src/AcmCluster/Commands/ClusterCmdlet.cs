using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

/// <summary>Base of the cmdlets that talk to the cluster product; the product is behind <see cref="IClusterProvider"/>.</summary>
public abstract class ClusterCmdlet : AcmCmdlet
{
    private IClusterProvider? _provider;
    private ClusterType? _detected;

    /// <summary>
    /// The cluster product. Without it, the type is the one whose command line resolves (hvdisp → PRIMECLUSTER,
    /// hagrp → VCS); $PSDefaultParameterValues['*-Acm*:ClusterType'] sets it for a session.
    /// </summary>
    [Parameter]
    public ClusterType ClusterType { get; set; }

    /// <summary>This node's name in the cluster (the VCS system name); VCS defaults to /etc/VRTSvcs/conf/sysname, else the host name.</summary>
    [Parameter]
    public string? Node { get; set; }

    /// <summary>The given -ClusterType, else the detected one.</summary>
    internal ClusterType EffectiveClusterType
        => MyInvocation.BoundParameters.ContainsKey(nameof(ClusterType)) ? ClusterType : _detected ??= ClusterDetector.Detect(Runner.Host);

    internal string? ValidatedNode => string.IsNullOrEmpty(Node) ? null : InputValidator.Name(Node, nameof(Node));

    internal IClusterProvider Provider => _provider ??= ClusterProviderFactory.Create(EffectiveClusterType, Runner, new ClusterOptions(ValidatedNode));

    /// <summary>What the product calls a cluster transaction, for messages.</summary>
    internal string Noun => Provider.Type == ClusterType.VCS ? "service group" : "userApplication";

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
                $"The cluster has no userApplication (service group) named '{name}'.",
                name)
            {
                RecommendedAction = "Run Get-AcmClusterApplication to list the applications.",
            };
        }

        return local;
    }
}
