using System;
using System.Collections.Generic;
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
        var loop = new WaitLoop(1, "Waiting for cluster resources", $"Not yet {state}", $"resources {state}", _resources.Count, WaitLoop.LimitFromSeconds(Timeout), TimeSpan.FromSeconds(PollInterval));
        var checks = _resources.ToDictionary(r => r, _ => 0);

        var settle = TimeSpan.FromSeconds(SettleTime);
        if (loop.Limit is { } l && settle > l)
        {
            settle = l;
        }

        if (settle > TimeSpan.Zero)
        {
            WriteVerbose($"Waiting {settle.TotalSeconds:0.###} s (one monitoring interval) before checking {string.Join(", ", _resources)} for {state}.");
            WriteWaitProgress(loop, $"Letting the cluster detector see the change ({settle.TotalSeconds:0.#} s)", 0);
            Sleep(settle);
        }

        WaitForAll(
            loop,
            new List<string>(_resources),
            resource =>
            {
                var result = Runner.Run(Provider.CheckResourceStateCommand(resource, state), "ResourceStateQueryFailed", allowFailure: true);
                checks[resource]++;
                if (result.ExitCode == 1)
                {
                    return false;
                }

                if (result.ExitCode != 0)
                {
                    throw Native.NativeCommandRunner.Failure("ResourceStateQueryFailed", result);
                }

                WriteObject(new ResourceStateResult { Resource = resource, State = state, Elapsed = loop.Watch.Elapsed, Checks = checks[resource] });
                return true;
            },
            pending => new AcmException(
                "ResourceStateTimeout",
                ErrorCategory.OperationTimeout,
                $"After {loop.Watch.Elapsed.TotalSeconds:0.#} s these resources are not yet {state}: {string.Join(", ", pending)}.",
                pending.ToArray())
            {
                RecommendedAction = "Check the resources with hvdisp -a; raise -Timeout if the cluster is only slow.",
            });
    }
}
