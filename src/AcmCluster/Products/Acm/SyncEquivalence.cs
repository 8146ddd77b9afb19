using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Products.Acm;

/// <summary>Whether a device's EC session has reached equivalency maintenance, the state swstbackup needs.</summary>
internal static class SyncEquivalence
{
    /// <summary>The activity of Wait-AcmSyncEquivalent's progress bar (in a procedure, the step's name is).</summary>
    public const string Activity = "Waiting for equivalency maintenance";

    private static readonly string[] Broken = { "failed", "halt", "nosession" };

    public static WaitLoop NewLoop(int count, TimeSpan? limit, TimeSpan poll) => new("Copying", "devices equivalent", count, limit, poll);

    /// <summary>
    /// Waits until the EC session of every device is equivalent, handing each to <paramref name="reached"/> as it gets
    /// there (Wait-AcmSyncEquivalent and the synchronous backup's wait step). The bar's percentage is the copy
    /// percentage swstsyncstat reports (the lowest of the devices still copying), each device's in the current operation.
    /// </summary>
    public static void Wait(NativeCommandRunner runner, WaitLoop loop, IReadOnlyList<string> devices, string? logicalNode, string? server, Action<TimeSpan> sleep, ProgressBar progress, Action<SyncStatus> reached)
    {
        var copied = new Dictionary<string, int?>();
        loop.Run(
            devices.ToList(),
            device =>
            {
                var (equivalent, copying) = Check(runner, device, logicalNode, server);
                copied[device] = copying?.Progress;
                if (equivalent is not null)
                {
                    reached(equivalent);
                }

                return equivalent is not null;
            },
            pending => new AcmException(
                "SyncEquivalentTimeout",
                ErrorCategory.OperationTimeout,
                $"After {loop.Elapsed.TotalSeconds:0.#} s these devices are not yet equivalent: {string.Join(", ", pending)}.",
                pending.ToArray()),
            sleep,
            pending =>
            {
                var known = pending.Select(d => copied.GetValueOrDefault(d)).OfType<int>().ToList();
                loop.Report(progress, pending, known.Count > 0 ? known.Min() : -1, string.Join(", ", pending.Select(d => $"{d} {copied.GetValueOrDefault(d)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} %")));
            });
    }

    /// <summary>The sessions of a device that are copying or equivalent.</summary>
    public static SyncStatus? Running(NativeCommandRunner runner, string device, string? logicalNode)
        => SyncStatusParser.Parse(runner.Run(AcmCommands.SyncStatus(device, logicalNode), "GetSyncStatusFailed").Output)
            .FirstOrDefault(r => r.Device == device && r.RawStatus is "executing" or "equivalent");

    // The equivalent session, or (Equivalent null) the one still copying; an error when none will get there.
    private static (SyncStatus? Equivalent, SyncStatus? Copying) Check(NativeCommandRunner runner, string device, string? logicalNode, string? server)
    {
        var rows = SyncStatusParser.Parse(runner.Run(AcmCommands.SyncStatus(device, logicalNode, server), "GetSyncStatusFailed").Output)
            .Where(r => r.Device == device)
            .ToList();
        var equivalent = rows.FirstOrDefault(r => r.RawStatus == "equivalent");
        var copying = rows.FirstOrDefault(r => r.RawStatus == "executing");
        if (equivalent is not null || copying is not null)
        {
            return (equivalent, copying);
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
}
