using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
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
    [ArgumentCompleter(typeof(Completion.ResourceCompleter))]
    public string[] Resource { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateSet("Online", "Offline", "Faulted", "Standby", "Maintenance", "Deact", "Inconsistent", "OfflineFault", "Unknown", "Wait", "Warning")]
    public string State { get; set; } = string.Empty;

    /// <summary>Seconds to wait in all, settle time included; -1 waits without limit.</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(-1.0, (double)int.MaxValue)]
    public double Timeout { get; set; } = 300;

    /// <summary>Seconds to wait before the first check: the cluster's resource monitoring interval.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double SettleTime { get; set; } = 10;

    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double PollInterval { get; set; } = 1;

    protected override void Begin() => InputValidator.TimeoutCoversSettleTime(Timeout, SettleTime);

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
        var loop = ResourceWaiter.NewLoop(State, _resources.Count, WaitLoop.LimitFromSeconds(Timeout), TimeSpan.FromSeconds(PollInterval));
        var progress = NewProgressBar(1, ResourceWaiter.Activity);
        try
        {
            ResourceWaiter.Wait(Provider, Runner, loop, _resources, State, TimeSpan.FromSeconds(SettleTime), Sleep, progress, WriteObject);
        }
        finally
        {
            progress.Complete();
        }
    }
}
