using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;

namespace AcmCluster.Products.Linux;

/// <summary>
/// Is the volume the user named the one at the mount point the user named? Decided by device number (the
/// mount table's MAJ:MIN against the named device's), never by comparing names: /dev/mapper/x, /dev/dm-3 and
/// a /dev/disk/by-* link are one device, and a mount listing's source string can say anything.
/// </summary>
internal static class VolumeIdentity
{
    /// <summary>
    /// Refuses (VolumeMismatch) unless the device is a block device, is mounted at the mount point (on top) or
    /// not mounted at all, is mounted nowhere else, and — when the cluster's configuration can tell — is the
    /// device the configuration mounts there. Returns what was found, for the preflight report.
    /// </summary>
    public static string Check(string device, string? number, string mountPoint, IReadOnlyList<MountTable.Entry> table, ConfiguredMount? configured, string? configuredNumber)
    {
        if (number is null)
        {
            throw Mismatch(device, mountPoint, $"{device} is not a block device on this node");
        }

        var top = MountTable.Top(table, mountPoint);
        var mine = MountTable.MountsOf(table, number);
        var elsewhere = mine.Where(m => m.Target != mountPoint).Select(m => m.Target).Distinct().ToList();
        var where = elsewhere.Count == 0 ? string.Empty : $"; {device} is mounted on {string.Join(", ", elsewhere)}";
        if (top is not null && top.DeviceNumber != number)
        {
            throw Mismatch(device, mountPoint, $"{mountPoint} holds {top.Source} (device {top.DeviceNumber}), not {device} (device {number}){where}");
        }

        if (top is null && elsewhere.Count > 0)
        {
            throw Mismatch(device, mountPoint, $"{mountPoint} is not mounted{where}");
        }

        if (elsewhere.Count > 0)
        {
            throw Mismatch(device, mountPoint, $"{device} is mounted on {mountPoint} and also on {string.Join(", ", elsewhere)} (a second mount or a bind mount)");
        }

        var state = top is null ? $"{device} is not mounted" : $"{device} (device {number}) is mounted on {mountPoint}";
        if (configured is null)
        {
            return state;
        }

        if (configured.Device is null)
        {
            throw Mismatch(device, mountPoint, $"{state}, but no cluster resource mounts {mountPoint} ({configured.Source})");
        }

        if (configuredNumber != number)
        {
            throw Mismatch(device, mountPoint, $"{state}, but {configured.Source} mounts {configured.Device}" + (configuredNumber is null ? " (not a block device on this node)" : $" (device {configuredNumber})") + $" on {mountPoint}");
        }

        return $"{state}; {configured.Source} agrees";
    }

    /// <summary>Right before a copy: the device must be mounted nowhere (VolumeStillMounted), or ACM would copy a live file system.</summary>
    public static void RefuseMounted(string device, string? number, IReadOnlyList<MountTable.Entry> table)
    {
        var mounts = number is null ? new List<MountTable.Entry>() : MountTable.MountsOf(table, number).ToList();
        if (number is not null && mounts.Count == 0)
        {
            return;
        }

        throw new AcmException(
            "VolumeStillMounted",
            ErrorCategory.InvalidOperation,
            number is null
                ? $"{device} could not be identified as a block device right before the copy, so it is not copied."
                : $"{device} is still mounted on {string.Join(", ", mounts.Select(m => m.Target).Distinct())}; a copy of a mounted file system is not consistent, so it is not copied.",
            device)
        {
            RecommendedAction = "Find out who mounted it (findmnt " + device + "), unmount it, and run the command again; a cluster transaction volume is copied by Invoke-AcmClusterBackup / Invoke-AcmClusterRestore, which take it offline first.",
        };
    }

    /// <summary>
    /// What makes a mounted device a cluster transaction volume: a cluster resource mounts that very device (by number,
    /// whatever name the configuration gives it) or mounts its file system at a path where the device is mounted now.
    /// Null when no resource controls it. <paramref name="controlledNumbers"/> holds the configured devices' numbers.
    /// </summary>
    public static ControlledMount? Controlling(string number, IReadOnlyList<MountTable.Entry> mounts, IReadOnlyList<ControlledMount> controlled, IReadOnlyDictionary<string, string> controlledNumbers)
        => controlled.FirstOrDefault(c => controlledNumbers.GetValueOrDefault(c.Device) == number)
           ?? controlled.FirstOrDefault(c => mounts.Any(m => m.Target == c.MountPoint));

    private static AcmException Mismatch(string device, string mountPoint, string why) => new(
        "VolumeMismatch",
        ErrorCategory.InvalidArgument,
        $"{device} and {mountPoint} are not the same volume: {why}.",
        device)
    {
        RecommendedAction = "Check -Device and -MountPoint against findmnt and the cluster's configuration (/etc/fstab.pcl, hares -value <res> MountPoint/BlockDevice). Nothing was changed.",
    };
}
