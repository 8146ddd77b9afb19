using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// Without -ClusterType, the product is the one whose command-line interface resolves here (a session
/// function or alias, PATH, or its default directory): each product names its command (hvdisp for
/// PRIMECLUSTER, hagrp for VCS); exactly one must resolve.
/// </summary>
internal static class ClusterDetector
{
    public static ClusterType Detect(INativeCommandHost host)
    {
        var detectable = ClusterProducts.All.Where(p => p.DetectionCommand is not null).ToList();
        var found = detectable.Where(p => Resolves(host, p.DetectionCommand!)).ToList();
        if (found.Count == 1)
        {
            var others = detectable.Where(p => p != found[0]).Select(Command);
            host.WriteVerbose($"Cluster type {found[0].Capabilities.Type} detected ({Command(found[0])} resolves, {string.Join(", ", others)} does not).");
            return found[0].Capabilities.Type;
        }

        var why = found.Count > 1
            ? $"both {string.Join(" and ", found.Select(p => $"{p.Capabilities.DisplayName} ({Command(p)})"))} commands are installed"
            : $"neither {string.Join(" nor ", detectable.Select(p => $"{p.Capabilities.DisplayName}'s {Command(p)}"))} was found";
        throw new AcmException(
            "ClusterTypeNotDetected",
            ErrorCategory.InvalidArgument,
            $"The cluster type cannot be detected: {why}. Give -ClusterType {Alternatives(ClusterProducts.All.Select(p => p.Capabilities.Type.ToString()).ToList())}.",
            null)
        {
            RecommendedAction = "Add -ClusterType, or set it once for the session: $PSDefaultParameterValues['*-Acm*:ClusterType'] = 'VCS'",
        };
    }

    private static string Command(IClusterProduct product) => product.DetectionCommand!.Name;

    // 'A, B or C'.
    private static string Alternatives(List<string> names)
        => names.Count < 2 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];

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
