using System;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Products.Linux;

namespace AcmCluster.Commands;

[Cmdlet(VerbsData.Dismount, "AcmVolume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VolumeMount))]
public sealed class DismountAcmVolumeCommand : VolumeCmdlet
{
    /// <summary>The mount point of the transaction volume's file system.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.MountedPointCompleter))]
    public string MountPoint { get; set; } = string.Empty;

    protected override void Process()
    {
        var mountPoint = InputValidator.MountPoint(MountPoint, nameof(MountPoint));
        var entry = FindMounted(mountPoint);
        if (entry is null)
        {
            // No object: piping it to Mount-AcmVolume must not mount a volume that was never mounted.
            WriteWarning($"{mountPoint} is not mounted; nothing to do.");
            return;
        }

        var command = MountCommands.Unmount(mountPoint);
        if (!ShouldRun(command, $"Unmount {entry.Device} from {mountPoint}"))
        {
            return;
        }

        var result = MountOperations.Unmount(Runner, mountPoint);
        WriteObject(new VolumeMount
        {
            MountPoint = mountPoint,
            Device = entry.Device,
            FileSystemType = entry.FileSystemType,
            Options = entry.Options,
            Mounted = false,
            Changed = true,
            Time = DateTime.Now,
            NativeCommand = result,
        });
    }
}
