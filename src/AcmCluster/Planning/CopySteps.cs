using System.Collections.Generic;
using AcmCluster.Native;
using AcmCluster.Procedures;
using AcmCluster.Products.Acm;
using AcmCluster.Products.Linux;

namespace AcmCluster.Planning;

/// <summary>
/// The ACM copy step every procedure shares: swstbackup or swstrestore of one device, keyed copy:&lt;device&gt;,
/// run once (Resume never repeats a copy), concurrently with the other devices' copies.
/// </summary>
internal static class CopySteps
{
    public const string Kind = "copy";

    /// <summary>
    /// swstbackup of <paramref name="device"/>. With <paramref name="refuseMounted"/> (the cluster procedures, which
    /// unmounted it first) a volume still mounted anywhere is not copied: VolumeStillMounted, and the procedure rolls back.
    /// </summary>
    public static ProcedureStep Backup(string device, string? logicalNode, bool refuseMounted)
        => Copy("Back up", device, AcmCommands.Backup(device, logicalNode, suspend: false, differential: false), "BackupFailed", refuseMounted ? device : null);

    /// <summary>swstrestore of <paramref name="device"/> (to <paramref name="restoreDevice"/> when given), refused like a backup when the target is mounted.</summary>
    public static ProcedureStep Restore(string device, string? logicalNode, int? generation, int? version, string? restoreDevice, bool refuseMounted)
        => Copy("Restore", device, AcmCommands.Restore(device, logicalNode, generation, version, restoreDevice), "RestoreFailed", refuseMounted ? restoreDevice ?? device : null);

    private static ProcedureStep Copy(string name, string device, NativeCommand command, string errorId, string? mustBeUnmounted) => new()
    {
        Key = StepKey.For(Kind, device),
        Name = name,
        Device = device,
        Commands = new[] { command },
        Execute = ctx =>
        {
            if (mustBeUnmounted is not null)
            {
                // Right before the copy: what the unmount step did may have been undone by someone else meanwhile.
                var number = DeviceIdentity.Read(ctx.Runner, new[] { mustBeUnmounted }).GetValueOrDefault(mustBeUnmounted);
                VolumeIdentity.RefuseMounted(mustBeUnmounted, number, MountTable.Read(ctx.Runner));
            }

            return StepOutcome.From(ctx.Runner.Run(command, errorId));
        },
        ParallelGroup = "copy",
        RunsOnce = true,
    };
}
