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

    // A file system that a cluster resource controls (PRIMECLUSTER: an Fsystem resource, its mount point in fstab.pcl;
    // VCS: a Mount resource, its MountPoint attribute) makes the cluster fault the application when it is unmounted
    // behind the cluster's back: refused while an application it may belong to (VCS names the group; fstab.pcl names
    // none, so every userApplication) is active here and not in maintenance mode (VCS: not frozen). Cluster software
    // that is not installed or not running monitors nothing.
    private void RefuseOutsideMaintenance(string mountPoint)
    {
        foreach (var (cluster, mounts) in ControlledMounts.Read(Runner))
        {
            if (mounts.FirstOrDefault(m => m.MountPoint == mountPoint) is not { } controlled)
            {
                continue;
            }

            ClusterView view;
            try
            {
                view = cluster.Query();
            }
            catch (AcmException e) when (e.ErrorId == "NativeCommandNotFound")
            {
                WriteVerbose($"{mountPoint} is controlled by {controlled.Source}, but {cluster.Capabilities.ServiceName} is not installed here ({e.Message}).");
                continue;
            }
            catch (AcmException e)
            {
                WriteVerbose($"{mountPoint} is controlled by {controlled.Source}; {cluster.Capabilities.ServiceName} does not answer ({e.Message}), so it monitors nothing.");
                continue;
            }

            var monitored = view.Applications
                .Where(a => a.IsLocal && cluster.IsActive(a) && !a.InMaintenance && (controlled.Application is null || a.Name == controlled.Application))
                .ToList();
            if (monitored.Count > 0)
            {
                throw new AcmException(
                    "NotInMaintenance",
                    ErrorCategory.InvalidOperation,
                    $"{mountPoint} is mounted by a cluster resource ({controlled.Source}) and {cluster.Capabilities.ApplicationNoun} {string.Join(", ", monitored.Select(a => $"'{a.Name}' ({a.State})"))} is not in {cluster.Capabilities.MaintenanceNoun}: unmounting it now makes {cluster.Capabilities.ServiceName} fault the {cluster.Capabilities.ApplicationNoun}.",
                    mountPoint)
                {
                    RecommendedAction = $"Enter-AcmMaintenance -UserApplication {monitored[0].Name} first (or use Invoke-AcmClusterBackup), or give -Force if the fault is intended.",
                };
            }

            WriteVerbose($"{mountPoint} is controlled by {controlled.Source}; no {cluster.Capabilities.ApplicationNoun} that may own it is active here outside maintenance mode.");
        }
    }
}
