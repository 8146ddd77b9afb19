using System;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Products.Acm;

namespace AcmCluster.Commands;

[Cmdlet(VerbsLifecycle.Stop, "AcmSync", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Default")]
[OutputType(typeof(AcmOperationResult))]
public sealed class StopAcmSyncCommand : AcmBackupCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TransactionDisk")]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string[] Device { get; set; } = Array.Empty<string>();

    /// <summary>Cancel only the session to this backup volume (swstcancelsync -bd).</summary>
    [Parameter(ParameterSetName = "BackupDevice", Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("BackupDisk")]
    [ArgumentCompleter(typeof(Completion.BackupDeviceCompleter))]
    public string? BackupDevice { get; set; }

    /// <summary>Cancel every session of the transaction volume (swstcancelsync -all).</summary>
    [Parameter(ParameterSetName = "All", Mandatory = true)]
    public SwitchParameter All { get; set; }

    protected override void Process()
    {
        var logicalNode = EffectiveLogicalNode;
        var server = EffectiveComputerName;
        var devices = Array.ConvertAll(Device, d => InputValidator.Device(d, nameof(Device)));
        var backup = BackupDevice is null ? null : InputValidator.Device(BackupDevice, nameof(BackupDevice));
        if (backup is not null && devices.Length != 1)
        {
            throw new AcmException("InvalidDevice", ErrorCategory.InvalidArgument, "-BackupDevice names the session of one transaction volume; give exactly one -Device.", BackupDevice);
        }

        foreach (var device in devices)
        {
            RunOperation(AcmCommands.CancelSync(device, logicalNode, backup, All, server), device, "StopSync", $"Cancel synchronous processing (EC) for {device}", "StopSyncFailed", logicalNode);
        }
    }
}
