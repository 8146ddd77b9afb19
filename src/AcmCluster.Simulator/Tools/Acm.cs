using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

// Shared ACM rules. Message ids are the simulator's choice (the real catalogue
// was not available); each text is stable so tests and docs can rely on it.
internal static class Acm
{
    public sealed class Options
    {
        public string? Server;
        public string? Device;
        public bool Suspend;
        public bool Differential;
        public int? Generation;
        public int? VersionNo;
        public string? RestoreDevice;
        public string? BackupDevice;
        public bool All;
    }

    public static Options Parse(ToolContext ctx, bool deviceRequired, params string[] allowed)
    {
        var o = new Options();
        string[] a = ctx.Args;
        for (int i = 0; i < a.Length; i++)
        {
            string x = a[i];
            bool takesValue = x is "-h" or "-g" or "-v" or "-r" or "-bd" or "-Xdevmap";
            if (x.StartsWith('-') && Array.IndexOf(allowed, x) < 0 && x != "-h" && x != "-Xdevmap")
            {
                throw Error(ctx, "swst0001", $"Invalid option. Option={x}");
            }
            if (takesValue && i + 1 >= a.Length)
            {
                throw Error(ctx, "swst0001", $"Option requires a value. Option={x}");
            }
            switch (x)
            {
                case "-h": o.Server = a[++i]; break;
                case "-Xdevmap": i++; break;
                case "-suspend": o.Suspend = true; break;
                case "-T": o.Differential = true; break;
                case "-all": o.All = true; break;
                case "-g": o.Generation = ParseInt(ctx, a[++i]); break;
                case "-v": o.VersionNo = ParseInt(ctx, a[++i]); break;
                case "-r": o.RestoreDevice = a[++i]; break;
                case "-bd": o.BackupDevice = a[++i]; break;
                default:
                    if (o.Device is not null)
                    {
                        throw Error(ctx, "swst0001", $"Too many operands. Operand={x}");
                    }
                    o.Device = x;
                    break;
            }
        }
        if (deviceRequired && o.Device is null)
        {
            throw Error(ctx, "swst0001", "Device-Name is not specified.");
        }
        return o;
    }

    private static int ParseInt(ToolContext ctx, string v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw Error(ctx, "swst0001", $"Invalid number. Value={v}");

    public static SimException Error(ToolContext ctx, string id, string text) => new($"{ctx.Tool}: ERROR: {id} {text}", 1);

    // A call only sees the repository of the logical node named by SWSTGNODE.
    // With --shared-disks the repository lives on the ACM shared-data disk, so
    // a logical node's repository is unreadable where that disk is not mounted.
    public static IEnumerable<DeviceInfo> Repository(SimState s, ToolContext ctx)
    {
        if (ctx.SwstgNode is not null && s.Devices.Any(d => d.LogicalNode == ctx.SwstgNode)
            && SharedDisks.AcmDataProblem(s, ctx.Node(s)) is { } problem)
        {
            throw Error(ctx, "swst0610", problem);
        }
        return s.Devices.Where(d => ctx.SwstgNode is not null && d.LogicalNode == ctx.SwstgNode);
    }

    public static IEnumerable<DeviceInfo> Transactions(SimState s, ToolContext ctx) =>
        Repository(s, ctx).Where(d => d.Role == "Transaction");

    public static DeviceInfo RequireTransaction(SimState s, ToolContext ctx, string device)
    {
        DeviceInfo? d = Transactions(s, ctx).FirstOrDefault(x => x.Name == device);
        if (d is null)
        {
            string where = ctx.SwstgNode is null ? "SWSTGNODE is not set" : $"SWSTGNODE={ctx.SwstgNode}";
            throw Error(ctx, "swst0602", $"The specified device is not registered as a transaction volume. Device={device} ({where})");
        }
        return d;
    }

    public static (string Status, string Execute) SessionStatus(SimState s, EcSession e, double now)
    {
        if (e.Suspended)
        {
            return ("suspend", "----");
        }
        double elapsed = now - e.Start;
        if (s.SyncTime <= 0 || elapsed >= s.SyncTime)
        {
            return ("equivalent", "100%");
        }
        int pct = Math.Clamp((int)(elapsed / s.SyncTime * 100), 0, 99);
        return ("executing", pct.ToString(CultureInfo.InvariantCulture) + "%");
    }

    public static (string Status, string Execute) HistoryStatus(HistoryEntry h, double now, double copyTime)
    {
        if (now >= h.CopyEnd || copyTime <= 0)
        {
            return ("succeeded", "----");
        }
        int pct = Math.Clamp((int)((now - h.Time) / copyTime * 100), 0, 99);
        return ("executing", pct.ToString(CultureInfo.InvariantCulture) + "%");
    }

    // Newest first: index 0 is generation 1.
    public static List<HistoryEntry> Generations(SimState s, string tv) =>
        s.History.Where(h => h.Transaction == tv).OrderByDescending(h => h.Version).ToList();

    public static List<DeviceInfo> BackupsOf(SimState s, DeviceInfo tv) =>
        s.Devices.Where(d => d.Role == "Backup" && d.Transaction == tv.Name && d.LogicalNode == tv.LogicalNode).ToList();

    public static bool InUse(SimState s, string backup) =>
        s.History.Any(h => h.Backup == backup) || s.Sessions.Any(e => e.Backup == backup);

    // A free backup volume, else the one holding the oldest generation (whose
    // history is deleted, as ACM does when the generation count is reached).
    public static DeviceInfo? ClaimBackupVolume(SimState s, DeviceInfo tv)
    {
        List<DeviceInfo> pool = BackupsOf(s, tv);
        DeviceInfo? free = pool.FirstOrDefault(d => !InUse(s, d.Name));
        if (free is not null)
        {
            return free;
        }
        HistoryEntry? oldest = Generations(s, tv.Name).LastOrDefault(h => !s.Sessions.Any(e => e.Backup == h.Backup));
        if (oldest is null)
        {
            return null;
        }
        s.History.Remove(oldest);
        return pool.FirstOrDefault(d => d.Name == oldest.Backup);
    }

    public static HistoryEntry Record(SimState s, DeviceInfo tv, DeviceInfo backup, string method, double now, double copyTime)
    {
        int version = s.NextVersion.GetValueOrDefault(tv.Name, 1);
        s.NextVersion[tv.Name] = version + 1;
        var h = new HistoryEntry { Transaction = tv.Name, Backup = backup.Name, Version = version, Time = now, CopyEnd = now + copyTime, Method = method };
        s.History.Add(h);
        List<HistoryEntry> gens = Generations(s, tv.Name);
        for (int i = s.Generations; i < gens.Count; i++)
        {
            s.History.Remove(gens[i]);
        }
        return h;
    }

    public static bool IsMounted(SimState s, DeviceInfo d)
    {
        if (s.RealMounts)
        {
            return Detector.RealMountTable().Any(m => m.Device == d.Name || (d.MountPoint is not null && m.MountPoint == d.MountPoint));
        }
        return s.Mounts.Any(m => m.Device == d.Name || (d.MountPoint is not null && m.MountPoint == d.MountPoint));
    }

    // Copies in place so that block devices (real-mount mode) are not truncated.
    public static void CopyData(string source, string target)
    {
        using var src = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var dst = new FileStream(target, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        src.CopyTo(dst);
        if (!target.StartsWith("/dev/", StringComparison.Ordinal))
        {
            dst.SetLength(src.Length);
        }
    }

    public static string Completed(ToolContext ctx, string device) => $"{device} {ctx.Tool} completed";
}
