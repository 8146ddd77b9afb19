using System;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
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

    /// <summary>Unmount a file system that a cluster resource controls although its userApplication is not in maintenance mode (RMS then faults the application).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        var mountPoint = InputValidator.MountPoint(MountPoint, nameof(MountPoint));
        MountPath.Check(Runner, mountPoint);
        var entry = MountTable.Top(ReadMountTable(), mountPoint);
        if (entry is null)
        {
            // Idempotent: nothing to unmount. The device and type are what fstab.pcl/fstab say belongs there, if anything.
            WriteVerbose($"{mountPoint} exists but nothing is mounted on it; nothing to do.");
            var known = FstabReader.Find(TestHooks.EtcDirectory, mountPoint);
            WriteObject(new VolumeMount
            {
                MountPoint = mountPoint,
                Device = known?.Device ?? string.Empty,
                FileSystemType = known?.FileSystemType ?? string.Empty,
                Options = string.Empty,
                Mounted = false,
                Changed = false,
                Time = DateTime.Now,
            });
            return;
        }

        if (!Force)
        {
            RefuseOutsideMaintenance(mountPoint);
        }

        var command = MountCommands.Unmount(mountPoint);
        if (!ShouldRun(command, $"Unmount {entry.Source} from {mountPoint}"))
        {
            return;
        }

        var result = MountOperations.Unmount(Runner, mountPoint);
        WriteObject(new VolumeMount
        {
            MountPoint = mountPoint,
            Device = entry.Source,
            FileSystemType = entry.FileSystemType,
            Options = entry.Options,
            Mounted = false,
            Changed = true,
            Time = DateTime.Now,
            NativeCommand = result,
        });
    }

    // A PRIMECLUSTER Fsystem resource (its mount point in fstab.pcl) unmounted while RMS monitors it faults the
    // userApplication: refused unless every userApplication online here is in maintenance mode. RMS not running
    // (a stopped cluster) monitors nothing.
    private void RefuseOutsideMaintenance(string mountPoint)
    {
        if (FstabReader.RmsMount(TestHooks.EtcDirectory, mountPoint) is not { Device: not null } controlled)
        {
            return;
        }

        var cluster = ClusterProviderFactory.Create(ClusterType.PRIMECLUSTER, Runner, new ClusterOptions());
        ClusterView view;
        try
        {
            view = cluster.Query();
        }
        catch (AcmException e) when (e.ErrorId == "NativeCommandNotFound")
        {
            WriteVerbose($"{mountPoint} is an Fsystem mount ({controlled.Source}), but RMS is not installed here ({e.Message}).");
            return;
        }
        catch (AcmException e)
        {
            WriteVerbose($"{mountPoint} is an Fsystem mount ({controlled.Source}); RMS does not answer ({e.Message}), so it monitors nothing.");
            return;
        }

        var monitored = view.Applications.Where(a => a.IsLocal && cluster.IsActive(a) && !a.InMaintenance).ToList();
        if (monitored.Count > 0)
        {
            throw new AcmException(
                "NotInMaintenance",
                ErrorCategory.InvalidOperation,
                $"{mountPoint} is mounted by a cluster resource ({controlled.Source}) and {string.Join(", ", monitored.Select(a => $"'{a.Name}' ({a.State})"))} is not in maintenance mode: unmounting it now makes RMS fault the application.",
                mountPoint)
            {
                RecommendedAction = $"Enter-AcmMaintenance -UserApplication {monitored[0].Name} first (or use Invoke-AcmClusterBackup), or give -Force if the fault is intended.",
            };
        }
    }
}
