using System.Collections.Generic;
using System.Linq;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Cluster;

// Shared disks with a per-node enabled state. Enabling one that is enabled on
// another node is refused: the manual's "Do not enable the shared disk from
// both nodes" made visible.
internal static class SharedDisks
{
    public const string Gds = "gds";
    public const string Vxvm = "vxvm";
    public const string Lvm = "lvm";

    public static SharedDisk? Find(SimState s, string kind, string name) => s.Disks.FirstOrDefault(d => d.Kind == kind && d.Name == name);

    public static IEnumerable<SharedDisk> OfKind(SimState s, string kind) => s.Disks.Where(d => d.Kind == kind);

    // Usable for I/O on that node: started (GDS), imported and started (VxVM), active (LVM).
    public static bool Enabled(SharedDisk d, string node) =>
        d.EnabledOn.Contains(node) && (d.Kind != Vxvm || d.StartedOn.Contains(node));

    public static string? OtherNode(SharedDisk d, string node) => d.EnabledOn.FirstOrDefault(n => n != node);

    public static SharedDisk? ByDevice(SimState s, string device) => s.Disks.FirstOrDefault(d => d.Device == device);

    // Only the local node's mount table is simulated.
    public static bool MountedHere(SimState s, SharedDisk d, string node) =>
        node == s.LocalNode && s.Mounts.Any(m => m.Device == d.Device);

    public static void Enable(SharedDisk d, string node)
    {
        if (!d.EnabledOn.Contains(node))
        {
            d.EnabledOn.Add(node);
        }
    }

    public static void Start(SharedDisk d, string node)
    {
        if (!d.StartedOn.Contains(node))
        {
            d.StartedOn.Add(node);
        }
    }

    // The ACM shared-data disk: ACM commands for a logical node need it mounted
    // (on the local node) or at least enabled (on another node, whose mount
    // table is not simulated). Null when there is no such disk or it is fine.
    public static string? AcmDataProblem(SimState s, string node)
    {
        SharedDisk? d = s.Disks.FirstOrDefault(x => x.AcmData);
        if (d is null)
        {
            return null;
        }
        if (!Enabled(d, node))
        {
            return $"The shared disk for AdvancedCopy Manager shared data ({d.Device}) is not enabled on node {node}.";
        }
        if (node == s.LocalNode && !s.RealMounts && d.MountPoint is not null && MountOps.ByMountPoint(s, d.MountPoint) is null)
        {
            return $"The shared disk for AdvancedCopy Manager shared data is not mounted on {d.MountPoint}.";
        }
        return null;
    }
}
