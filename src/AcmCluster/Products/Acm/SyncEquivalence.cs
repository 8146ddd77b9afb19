using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Products.Acm;

/// <summary>Whether a device's EC session has reached equivalency maintenance, the state swstbackup needs.</summary>
internal static class SyncEquivalence
{
    private static readonly string[] Broken = { "failed", "halt", "nosession" };

    /// <summary>The equivalent session; null while one is still copying; an error when none will get there.</summary>
    public static SyncStatus? Check(NativeCommandRunner runner, string device, string? logicalNode, string? server = null)
    {
        var rows = SyncStatusParser.Parse(runner.Run(AcmCommands.SyncStatus(device, logicalNode, server), "GetSyncStatusFailed").Output)
            .Where(r => r.Device == device)
            .ToList();
        var equivalent = rows.FirstOrDefault(r => r.RawStatus == "equivalent");
        if (equivalent is not null || rows.Any(r => r.RawStatus == "executing"))
        {
            return equivalent;
        }

        var bad = rows.FirstOrDefault(r => Broken.Contains(r.RawStatus));
        if (bad is not null)
        {
            throw new AcmException(
                "SyncFailed",
                ErrorCategory.InvalidResult,
                $"The EC session of {device} to {bad.BackupDevice} is '{bad.RawStatus}' and will not become equivalent.",
                bad)
            {
                RecommendedAction = "Cancel it with Stop-AcmSync, check the storage, and start it again with Start-AcmSync.",
            };
        }

        throw new AcmException(
            "SyncNotStarted",
            ErrorCategory.InvalidOperation,
            $"{device} has no running EC session (status: {string.Join(", ", rows.Select(r => r.RawStatus).DefaultIfEmpty("none"))}).",
            device)
        {
            RecommendedAction = "Start one with Start-AcmSync.",
        };
    }

    /// <summary>The sessions of a device that are copying or equivalent.</summary>
    public static SyncStatus? Running(NativeCommandRunner runner, string device, string? logicalNode)
        => SyncStatusParser.Parse(runner.Run(AcmCommands.SyncStatus(device, logicalNode), "GetSyncStatusFailed").Output)
            .FirstOrDefault(r => r.Device == device && r.RawStatus is "executing" or "equivalent");
}
