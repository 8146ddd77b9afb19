using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

/// <summary>
/// Waits the way the manual asks: first one monitoring interval (the detector only reflects a mount
/// or unmount at its next cycle), then polls until every resource is in the state.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "AcmResourceState")]
[OutputType(typeof(ResourceStateResult))]
public sealed class WaitAcmResourceStateCommand : ClusterCmdlet
{
    private readonly List<string> _resources = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    public string[] Resource { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateSet("Online", "Offline", "Faulted", "Standby", "Maintenance", "Deact", "Inconsistent", "OfflineFault", "Unknown", "Wait", "Warning")]
    public string State { get; set; } = string.Empty;

    /// <summary>Seconds to wait in all, settle time included; -1 waits without limit.</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(-1, int.MaxValue)]
    public int Timeout { get; set; } = 300;

    /// <summary>Seconds to wait before the first check: the cluster's resource monitoring interval.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double SettleTime { get; set; } = 10;

    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double PollInterval { get; set; } = 1;

    protected override void Process()
    {
        foreach (var r in Resource)
        {
            var name = InputValidator.Name(r, nameof(Resource));
            if (!_resources.Contains(name))
            {
                _resources.Add(name);
            }
        }
    }

    protected override void End()
    {
        var state = Provider.ResourceStates.FirstOrDefault(s => s.Equals(State, StringComparison.OrdinalIgnoreCase)) ?? State;
        var watch = Stopwatch.StartNew();
        var limit = Timeout < 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(Timeout);
        var pending = new List<string>(_resources);
        var checks = pending.ToDictionary(r => r, _ => 0);
        const string activity = "Waiting for cluster resources";

        var settle = TimeSpan.FromSeconds(SettleTime);
        if (limit is { } l && settle > l)
        {
            settle = l;
        }

        if (settle > TimeSpan.Zero)
        {
            WriteVerbose($"Waiting {settle.TotalSeconds:0.###} s (one monitoring interval) before checking {string.Join(", ", pending)} for {state}.");
            Progress(activity, $"Letting the cluster detector see the change ({settle.TotalSeconds:0.#} s)", pending, state, watch, limit);
            Sleep(settle);
        }

        while (true)
        {
            foreach (var resource in pending.ToList())
            {
                ThrowIfStopping();
                var result = Runner.Run(Provider.CheckResourceStateCommand(resource, state), "ResourceStateQueryFailed", allowFailure: true);
                checks[resource]++;
                if (result.ExitCode == 0)
                {
                    pending.Remove(resource);
                    WriteObject(new ResourceStateResult { Resource = resource, State = state, Elapsed = watch.Elapsed, Checks = checks[resource] });
                }
                else if (result.ExitCode != 1)
                {
                    throw Native.NativeCommandRunner.Failure("ResourceStateQueryFailed", result);
                }
            }

            if (pending.Count == 0)
            {
                WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
                return;
            }

            if (limit is { } max && watch.Elapsed >= max)
            {
                WriteProgress(new ProgressRecord(1, activity, "Timed out") { RecordType = ProgressRecordType.Completed });
                throw new AcmException(
                    "ResourceStateTimeout",
                    ErrorCategory.OperationTimeout,
                    $"After {watch.Elapsed.TotalSeconds:0.#} s these resources are not yet {state}: {string.Join(", ", pending)}.",
                    pending.ToArray())
                {
                    RecommendedAction = "Check the resources with hvdisp -a; raise -Timeout if the cluster is only slow.",
                };
            }

            Progress(activity, $"Not yet {state}: {string.Join(", ", pending)}", pending, state, watch, limit);
            var pause = TimeSpan.FromSeconds(PollInterval);
            if (limit is { } cap && watch.Elapsed + pause > cap)
            {
                pause = cap - watch.Elapsed;
            }

            Sleep(pause);
        }
    }

    private void Progress(string activity, string status, List<string> pending, string state, Stopwatch watch, TimeSpan? limit)
    {
        var record = new ProgressRecord(1, activity, status)
        {
            CurrentOperation = $"{_resources.Count - pending.Count} of {_resources.Count} resources {state}",
        };
        if (limit is { } l && l > TimeSpan.Zero)
        {
            record.PercentComplete = (int)Math.Min(99, watch.Elapsed.TotalMilliseconds * 100 / l.TotalMilliseconds);
            record.SecondsRemaining = (int)Math.Max(0, (l - watch.Elapsed).TotalSeconds);
        }

        WriteProgress(record);
    }
}
