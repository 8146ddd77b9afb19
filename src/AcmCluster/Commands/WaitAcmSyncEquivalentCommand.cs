using System;
using System.Collections.Generic;
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
    private readonly List<string> _devices = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TransactionDisk")]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string[] Device { get; set; } = Array.Empty<string>();

    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(-1.0, (double)int.MaxValue)]
    public double Timeout { get; set; } = 300;

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
        var loop = SyncEquivalence.NewLoop(_devices.Count, WaitLoop.LimitFromSeconds(Timeout), TimeSpan.FromSeconds(PollInterval));
        var progress = NewProgressBar(2, SyncEquivalence.Activity);
        try
        {
            SyncEquivalence.Wait(Runner, loop, _devices, EffectiveLogicalNode, EffectiveComputerName, Sleep, progress, WriteObject);
        }
        finally
        {
            progress.Complete();
        }
    }
}
