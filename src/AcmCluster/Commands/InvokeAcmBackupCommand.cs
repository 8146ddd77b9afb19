using System;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Products.Acm;

namespace AcmCluster.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "AcmBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = Snapshot)]
[OutputType(typeof(AcmOperationResult))]
public sealed class InvokeAcmBackupCommand : AcmBackupCmdlet
{
    private const string Snapshot = "Snapshot";

    /// <summary>Transaction volumes to back up.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TransactionDisk")]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string[] Device { get; set; } = Array.Empty<string>();

    /// <summary>
    /// The mount point of the device's file system, unmounted for the copy (Dismount-AcmVolume): the device must be
    /// mounted nowhere when the copy starts, else VolumeStillMounted and nothing runs. Without it, a device still
    /// mounted is refused only when it is a cluster transaction volume (fstab.pcl, a VCS Mount resource); ACM's own
    /// pre-processing script decides for any other. Not bound from the pipeline:
    /// a history row's Mount-Point must not turn the check on unasked.
    /// </summary>
    [Parameter]
    public string? MountPoint { get; set; }

    /// <summary>Keep the EC session suspended after the backup (swstbackup -suspend) for a later differential restart.</summary>
    [Parameter(ParameterSetName = "Suspend")]
    public SwitchParameter Suspend { get; set; }

    /// <summary>Differential snapshot (QuickOPC, swstbackup -T).</summary>
    [Parameter(ParameterSetName = "Differential")]
    public SwitchParameter Differential { get; set; }

    protected override void Process()
    {
        var logicalNode = EffectiveLogicalNode;
        var server = EffectiveComputerName;
        var devices = Array.ConvertAll(Device, d => InputValidator.Device(d, nameof(Device)));
        RefuseIfStillMounted(devices, MountPoint is null ? null : InputValidator.MountPoint(MountPoint, nameof(MountPoint)));

        foreach (var device in devices)
        {
            RunOperation(AcmCommands.Backup(device, logicalNode, Suspend, Differential, server), device, "Backup", $"Back up {device}", "BackupFailed", logicalNode);
        }
    }
}
