using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Products.Acm;

namespace AcmCluster.Commands;

/// <summary>
/// Waits until each device's EC session reaches equivalency maintenance, the state swstbackup needs;
/// fails at once when a session can no longer get there.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "AcmSyncEquivalent")]
[OutputType(typeof(SyncStatus))]
public sealed class WaitAcmSyncEquivalentCommand : AcmBackupCmdlet
{
    private static readonly string[] Broken = { "failed", "halt", "nosession" };
    private readonly List<string> _devices = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TransactionDisk")]
    public string[] Device { get; set; } = Array.Empty<string>();

    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(-1, int.MaxValue)]
    public int Timeout { get; set; } = 300;

    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double PollInterval { get; set; } = 2;

    protected override void Process()
    {
        foreach (var d in Device)
        {
            var device = InputValidator.Device(d, nameof(Device));
            if (!_devices.Contains(device))
            {
                _devices.Add(device);
            }
        }
    }

    protected override void End()
    {
        var logicalNode = EffectiveLogicalNode;
        var watch = Stopwatch.StartNew();
        var pending = new List<string>(_devices);
        const string activity = "Waiting for equivalency maintenance";
        while (true)
        {
            foreach (var device in pending.ToList())
            {
                ThrowIfStopping();
                var rows = SyncStatusParser.Parse(Runner.Run(AcmCommands.SyncStatus(device, logicalNode), "GetSyncStatusFailed").Output)
                    .Where(r => r.TransactionDisk == device)
                    .ToList();
                var equivalent = rows.FirstOrDefault(r => r.Status == "equivalent");
                if (equivalent is not null)
                {
                    pending.Remove(device);
                    WriteObject(equivalent);
                    continue;
                }

                if (rows.Any(r => r.Status == "executing"))
                {
                    continue;
                }

                var bad = rows.FirstOrDefault(r => Broken.Contains(r.Status));
                if (bad is not null)
                {
                    throw new AcmException(
                        "SyncFailed",
                        ErrorCategory.InvalidResult,
                        $"The EC session of {device} to {bad.BackupDisk} is '{bad.Status}' and will not become equivalent.",
                        bad)
                    {
                        RecommendedAction = "Cancel it with Stop-AcmSync, check the storage, and start it again with Start-AcmSync.",
                    };
                }

                throw new AcmException(
                    "SyncNotStarted",
                    ErrorCategory.InvalidOperation,
                    $"{device} has no running EC session (status: {string.Join(", ", rows.Select(r => r.Status).DefaultIfEmpty("none"))}).",
                    device)
                {
                    RecommendedAction = "Start one with Start-AcmSync.",
                };
            }

            if (pending.Count == 0)
            {
                WriteProgress(new ProgressRecord(2, activity, "Done") { RecordType = ProgressRecordType.Completed });
                return;
            }

            if (Timeout >= 0 && watch.Elapsed.TotalSeconds >= Timeout)
            {
                throw new AcmException(
                    "SyncEquivalentTimeout",
                    ErrorCategory.OperationTimeout,
                    $"After {watch.Elapsed.TotalSeconds:0.#} s these devices are not yet equivalent: {string.Join(", ", pending)}.",
                    pending.ToArray());
            }

            WriteProgress(new ProgressRecord(2, activity, $"Copying: {string.Join(", ", pending)}")
            {
                CurrentOperation = $"{_devices.Count - pending.Count} of {_devices.Count} devices equivalent",
            });
            var pause = TimeSpan.FromSeconds(PollInterval);
            if (Timeout >= 0)
            {
                pause = TimeSpan.FromSeconds(Math.Max(0, Math.Min(PollInterval, Timeout - watch.Elapsed.TotalSeconds)));
            }

            Sleep(pause);
        }
    }
}
