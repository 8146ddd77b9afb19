using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// Without -ClusterType, the product is the one whose command-line interface resolves here (a session
/// function or alias, PATH, or its default directory): hvdisp for PRIMECLUSTER, hagrp for VCS.
/// </summary>
internal static class ClusterDetector
{
    public static ClusterType Detect(INativeCommandHost host)
    {
        var rms = Resolves(host, new NativeCommand("hvdisp", System.Array.Empty<string>(), Product.PrimeclusterRms));
        var vcs = Resolves(host, new NativeCommand("hagrp", System.Array.Empty<string>(), Product.Vcs));
        if (rms && !vcs)
        {
            host.WriteVerbose("Cluster type PRIMECLUSTER detected (hvdisp resolves, hagrp does not).");
            return ClusterType.PRIMECLUSTER;
        }

        if (vcs && !rms)
        {
            host.WriteVerbose("Cluster type VCS detected (hagrp resolves, hvdisp does not).");
            return ClusterType.VCS;
        }

        var why = rms ? "both PRIMECLUSTER (hvdisp) and Veritas Cluster Server (hagrp) commands are installed" : "neither PRIMECLUSTER's hvdisp nor Veritas Cluster Server's hagrp was found";
        throw new AcmException(
            "ClusterTypeNotDetected",
            ErrorCategory.InvalidArgument,
            $"The cluster type cannot be detected: {why}. Give -ClusterType PRIMECLUSTER, VCS or Generic.",
            null)
        {
            RecommendedAction = "Add -ClusterType, or set it once for the session: $PSDefaultParameterValues['*-Acm*:ClusterType'] = 'VCS'",
        };
    }

    private static bool Resolves(INativeCommandHost host, NativeCommand command)
    {
        try
        {
            CommandResolver.Resolve(host, command);
            return true;
        }
        catch (AcmException e) when (e.ErrorId == "NativeCommandNotFound")
        {
            return false;
        }
    }
}
