using System.Collections.Generic;
using System.Linq;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// A file system that a cluster resource mounts: the device and mount point as the configuration writes them, the
/// application the resource belongs to and the resource's name (null when the configuration does not say: fstab.pcl),
/// and where it is written.
/// </summary>
internal sealed record ControlledMount(string Device, string MountPoint, string? Application, string Source, string? Resource = null);

/// <summary>
/// The cluster-controlled file systems of every cluster product that answers on this node, for the cmdlets that take
/// no -ClusterType (Dismount-AcmVolume, Invoke-AcmBackup, Invoke-AcmRestore). A Generic cluster's scripts are not
/// known to them, so only the products that are detected by a command of their own are asked; a product that is not installed or does not answer controls
/// nothing, and a verbose line says so.
/// </summary>
internal static class ControlledMounts
{
    public static IReadOnlyList<(IClusterProvider Cluster, IReadOnlyList<ControlledMount> Mounts)> Read(NativeCommandRunner runner)
    {
        var answers = new List<(IClusterProvider, IReadOnlyList<ControlledMount>)>();
        foreach (var product in ClusterProducts.All.Where(p => p.DetectionCommand is not null))
        {
            var type = product.Capabilities.Type;
            var cluster = product.CreateDriver(runner, new ClusterOptions());
            try
            {
                answers.Add((cluster, cluster.ControlledMounts()));
            }
            catch (AcmException e) when (e.ErrorId == "NativeCommandNotFound")
            {
                runner.Host.WriteVerbose($"{type} is not installed here, so none of its resources controls a file system ({e.Message}).");
            }
            catch (AcmException e)
            {
                runner.Host.WriteVerbose($"{cluster.Capabilities.ServiceName} does not answer ({e.Message}), so it controls no file system now.");
            }
        }

        return answers;
    }
}
