using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Cluster;
using AcmCluster.Native;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Vcs;

/// <summary>
/// The file systems VCS Mount resources control: 'hares -list Type=Mount' names them (one 'resource system' line per
/// system), and 'hares -value' reads each one's MountPoint, BlockDevice and Group. Nothing is changed.
/// </summary>
internal static class VcsMountResources
{
    public const string Condition = "Type=Mount";

    public static IReadOnlyList<ControlledMount> Read(NativeCommandRunner runner, VcsProvider vcs)
    {
        var result = runner.Run(VcsCommands.ListResources(Condition), "ClusterQueryFailed", allowFailure: true);
        if (!result.Succeeded || VcsStateParser.MessageId(result.AllLines()) is not null)
        {
            // HAD not running (V-16-1-10600) and every other refusal: VCS did not answer.
            throw NativeCommandRunner.Failure("ClusterQueryFailed", result);
        }

        return Names(result.Output)
            .Select(name => new ControlledMount(
                vcs.ResourceValue(name, "BlockDevice"),
                Linux.MountPath.WithoutTrailingSlash(vcs.ResourceValue(name, "MountPoint")),
                vcs.ResourceValue(name, "Group"),
                $"VCS Mount resource {name}",
                name))
            .ToList();
    }

    /// <summary>The resource names of 'hares -list' (the first word of each line, once); comment lines are skipped.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<string> lines)
        => lines.Select(TextTable.Words)
            .Where(w => w.Length > 0 && !w[0].StartsWith('#'))
            .Select(w => w[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
