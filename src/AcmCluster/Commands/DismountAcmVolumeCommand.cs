using System;
using System.Linq;
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

        var result = Runner.Run(command, "DismountFailed", allowFailure: true);
        if (!result.Succeeded)
        {
            if (result.Message.Contains("busy", StringComparison.OrdinalIgnoreCase))
            {
                throw Busy(mountPoint, result.Message);
            }

            throw Native.NativeCommandRunner.Failure("DismountFailed", result);
        }

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

    // Name who holds the file system so the operator can act; killing processes is never ours to decide.
    private AcmException Busy(string mountPoint, string message)
    {
        string holders;
        try
        {
            var fuser = Runner.Run(MountCommands.FindHolders(mountPoint), "FindHoldersFailed", allowFailure: true);
            var list = FuserParser.Parse(fuser.AllLines());
            holders = list.Count == 0
                ? "no process could be named"
                : string.Join(", ", list.Select(h => $"PID {h.ProcessId} ({h.Command}, user {h.User})"));
        }
        catch (AcmException e) when (e.ErrorId == "NativeCommandNotFound")
        {
            holders = "fuser is not installed, so the processes could not be named";
        }

        return new AcmException(
            "VolumeBusy",
            ErrorCategory.ResourceBusy,
            $"{mountPoint} is busy and was not unmounted ({message.Trim()}); held by: {holders}.",
            mountPoint)
        {
            RecommendedAction = "Stop the processes that use the file system, then retry. AcmCluster never kills them.",
        };
    }
}
