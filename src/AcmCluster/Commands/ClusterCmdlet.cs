using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

/// <summary>Base of the cmdlets that talk to the cluster product; the product is behind <see cref="IClusterProvider"/>.</summary>
public abstract class ClusterCmdlet : AcmCmdlet
{
    // Public only because PowerShell needs the cmdlets' base classes public; nothing outside the module derives from it.
    private protected ClusterCmdlet() { }

    private IClusterProvider? _provider;
    private ClusterType? _detected;

    /// <summary>
    /// The cluster product. Without it, the type is Generic when -GenericCluster is given, else the one whose
    /// command line resolves (hvdisp → PRIMECLUSTER, hagrp → VCS); $PSDefaultParameterValues['*-Acm*:ClusterType'] sets it for a session.
    /// </summary>
    [Parameter]
    public ClusterType ClusterType { get; set; }

    /// <summary>A Generic cluster's script blocks (New-AcmGenericCluster, or a hashtable with the same keys).</summary>
    [Parameter]
    public GenericCluster? GenericCluster { get; set; }

    /// <summary>This node's name in the cluster (the VCS system name); VCS defaults to /etc/VRTSvcs/conf/sysname, else the host name.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(Completion.NodeCompleter))]
    public string? Node { get; set; }

    /// <summary>The given -ClusterType, else Generic for -GenericCluster, else the detected one.</summary>
    internal ClusterType EffectiveClusterType => _detected ??= DecideClusterType();

    internal string? ValidatedNode => string.IsNullOrEmpty(Node) ? null : InputValidator.Name(Node, nameof(Node));

    /// <summary>The Generic cluster's scripts when the type is Generic; null otherwise.</summary>
    internal GenericCluster? EffectiveGenericCluster => EffectiveClusterType == ClusterType.Generic ? GenericCluster : null;

    internal IClusterProvider Provider => _provider ??= ClusterProviderFactory.Create(EffectiveClusterType, Runner, new ClusterOptions(ValidatedNode, EffectiveGenericCluster));

    private ClusterType DecideClusterType()
    {
        var given = MyInvocation.BoundParameters.ContainsKey(nameof(ClusterType));
        if (GenericCluster is not null)
        {
            if (given && ClusterType != ClusterType.Generic)
            {
                throw new AcmException(
                    "ClusterTypeConflict",
                    ErrorCategory.InvalidArgument,
                    $"-GenericCluster is for -ClusterType Generic, not {ClusterType}.",
                    ClusterType)
                {
                    RecommendedAction = "Drop -GenericCluster, or give -ClusterType Generic (or no -ClusterType).",
                };
            }

            Products.Generic.GenericProvider.Validated(GenericCluster);
            return ClusterType.Generic;
        }

        if (given)
        {
            return ClusterType == ClusterType.Generic ? throw Products.Generic.GenericProduct.GenericClusterRequired() : ClusterType;
        }

        return ClusterDetector.Detect(Runner.Host);
    }

    /// <summary>What the product calls a cluster transaction, for messages.</summary>
    internal string Noun => Provider.Capabilities.ApplicationNoun;
}
