using System;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Products.Acm;

namespace AcmCluster.Commands;

[Cmdlet(VerbsLifecycle.Start, "AcmSync", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AcmOperationResult))]
public sealed class StartAcmSyncCommand : AcmBackupCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TransactionDisk")]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string[] Device { get; set; } = Array.Empty<string>();

    protected override void Process()
    {
        var logicalNode = EffectiveLogicalNode;
        var server = EffectiveComputerName;
        var devices = Array.ConvertAll(Device, d => InputValidator.Device(d, nameof(Device)));
        foreach (var device in devices)
        {
            RunOperation(AcmCommands.StartSync(device, logicalNode, server), device, "StartSync", $"Start synchronous processing (EC) for {device}", "StartSyncFailed", logicalNode);
        }
    }
}
