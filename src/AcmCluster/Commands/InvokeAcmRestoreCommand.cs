using System;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Products.Acm;

namespace AcmCluster.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "AcmRestore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Latest")]
[OutputType(typeof(AcmOperationResult))]
public sealed class InvokeAcmRestoreCommand : AcmBackupCmdlet
{
    private int _devices;

    /// <summary>The transaction volumes whose backups are restored.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TransactionDisk")]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string[] Device { get; set; } = Array.Empty<string>();

    /// <summary>Relative generation to restore (1 = newest); swstrestore -g.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Generation", ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 32)]
    [ArgumentCompleter(typeof(Completion.GenerationCompleter))]
    public int Generation { get; set; }

    /// <summary>Absolute history version to restore; swstrestore -v.</summary>
    [Parameter(Mandatory = true, ParameterSetName = "Version")]
    [ValidateRange(1, int.MaxValue)]
    [ArgumentCompleter(typeof(Completion.VersionCompleter))]
    public int Version { get; set; }

    /// <summary>
    /// The mount point of the device's file system, unmounted for the copy (Dismount-AcmVolume): the device must be
    /// mounted nowhere when the restore starts, else VolumeStillMounted and nothing runs. Without it, a device still
    /// mounted is refused only when it is a cluster transaction volume (fstab.pcl, a VCS Mount resource); ACM's own
    /// pre-processing script decides for any other. Not bound from the pipeline:
    /// a history row's Mount-Point must not turn the check on unasked.
    /// </summary>
    [Parameter]
    public string? MountPoint { get; set; }

    /// <summary>Restore to this device instead of the transaction volume; swstrestore -r.</summary>
    [Parameter]
    public string? RestoreDevice { get; set; }

    protected override void Process()
    {
        var logicalNode = EffectiveLogicalNode;
        var server = EffectiveComputerName;
        var devices = Array.ConvertAll(Device, d => InputValidator.Device(d, nameof(Device)));
        var target = RestoreDevice is null ? null : InputValidator.Device(RestoreDevice, nameof(RestoreDevice));

        // Counted over the whole pipeline: a second volume restored to the same -RestoreDevice would overwrite the first.
        _devices += devices.Length;
        if (target is not null && _devices > 1)
        {
            throw new AcmException("InvalidDevice", ErrorCategory.InvalidArgument, "-RestoreDevice restores one volume; give exactly one -Device.", RestoreDevice);
        }

        int? generation = ParameterSetName == "Generation" ? Generation : null;
        int? version = ParameterSetName == "Version" ? Version : null;
        RefuseIfStillMounted(target is null ? devices : new[] { target }, MountPoint is null ? null : InputValidator.MountPoint(MountPoint, nameof(MountPoint)));

        foreach (var device in devices)
        {
            RunOperation(AcmCommands.Restore(device, logicalNode, generation, version, target, server), device, "Restore", $"Restore {target ?? device} from the backup of {device}", "RestoreFailed", logicalNode);
        }
    }
}
