using System.Collections.Generic;
using System.IO;
using System.Linq;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Cluster;

// The simulated mount table; every change is timestamped for the detector.
internal static class MountOps
{
    public static MountEntry? ByMountPoint(SimState s, string mp) => s.Mounts.FirstOrDefault(m => m.MountPoint == Norm(mp));

    public static MountEntry? ByTarget(SimState s, string target) =>
        s.Mounts.FirstOrDefault(m => m.MountPoint == Norm(target)) ?? s.Mounts.LastOrDefault(m => m.Device == target);

    public static void Add(SimState s, string device, string mp, string fsType, string options, double now)
    {
        s.Mounts.Add(new MountEntry { Device = device, MountPoint = Norm(mp), FsType = fsType, Options = options });
        Detector.RecordEvent(s, Norm(mp), true, now);
    }

    public static void Remove(SimState s, MountEntry m, double now)
    {
        s.Mounts.Remove(m);
        if (!s.Mounts.Any(x => x.MountPoint == m.MountPoint))
        {
            Detector.RecordEvent(s, m.MountPoint, false, now);
        }
    }

    public static BusyFault? Busy(SimState s, string mp) => s.Faults.Busy.FirstOrDefault(b => b.MountPoint == Norm(mp));

    // Fstab lookup: PRIMECLUSTER's fstab.pcl lines carry a "#RMS#" prefix.
    public static (string Device, string MountPoint, string FsType, string Options)? FstabLookup(string etcDir, string target)
    {
        foreach (string file in new[] { "fstab.pcl", "fstab" })
        {
            string path = Path.Combine(etcDir, file);
            if (!File.Exists(path))
            {
                continue;
            }
            foreach (string raw in File.ReadAllLines(path))
            {
                string line = raw.Trim();
                if (line.StartsWith("#RMS#", System.StringComparison.Ordinal))
                {
                    line = line[5..];
                }
                else if (line.StartsWith('#') || line.Length == 0)
                {
                    continue;
                }
                string[] f = line.Split((char[]?)null, System.StringSplitOptions.RemoveEmptyEntries);
                if (f.Length >= 3 && (f[0] == target || Norm(f[1]) == Norm(target)))
                {
                    string opts = f.Length >= 4 ? f[3] : "defaults";
                    return (f[0], Norm(f[1]), f[2], opts);
                }
            }
        }
        return null;
    }

    public static string Norm(string mp) => mp.Length > 1 ? mp.TrimEnd('/') : mp;

    public static List<ResourceInfo> AppResources(SimState s, string app) => s.Resources.Where(r => r.App == app).ToList();
}
