using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

// util-linux look-alikes over the simulated mount table (exit 32 = mount failure).
internal static class Mount
{
    public static int RunMount(ToolContext ctx)
    {
        string? fsType = null;
        string? options = null;
        var pos = new List<string>();
        string[] a = ctx.Args;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] == "-t" && i + 1 < a.Length)
            {
                fsType = a[++i];
            }
            else if (a[i] == "-o" && i + 1 < a.Length)
            {
                options = a[++i];
            }
            else if (a[i].StartsWith('-'))
            {
                continue;
            }
            else
            {
                pos.Add(a[i]);
            }
        }
        if (pos.Count > 2)
        {
            return ctx.Fail("mount: bad usage\nTry 'mount --help' for more information.", 1);
        }
        (int code, string text) = ctx.Store.Locked(s =>
        {
            if (Mount.OtherNode(ctx, s) is { } foreign)
            {
                return (125, foreign);
            }
            if (pos.Count == 0)
            {
                var sb = new StringBuilder();
                foreach (MountEntry m in s.Mounts)
                {
                    sb.Append($"{m.Device} on {m.MountPoint} type {m.FsType} ({m.Options})\n");
                }
                return (0, sb.ToString());
            }
            string device;
            string mp;
            if (pos.Count == 1)
            {
                var entry = MountOps.FstabLookup(ctx.Store.EtcDir, pos[0]);
                if (entry is null)
                {
                    return (1, $"mount: {pos[0]}: can't find in /etc/fstab.");
                }
                device = entry.Value.Device;
                mp = entry.Value.MountPoint;
                fsType ??= entry.Value.FsType;
                string[] kept = entry.Value.Options.Split(',').Where(t => t is not ("noauto" or "auto" or "defaults" or "")).ToArray();
                if (options is null && kept.Length > 0)
                {
                    options = string.Join(",", kept);
                }
            }
            else
            {
                device = pos[0];
                mp = MountOps.Norm(pos[1]);
            }
            DeviceInfo? dev = s.Devices.FirstOrDefault(d => d.Name == device);
            SharedDisk? shared = SharedDisks.ByDevice(s, device);
            if (shared is not null && !SharedDisks.Enabled(shared, s.LocalNode))
            {
                // A shared volume's device node exists only where the disk is enabled.
                return (32, $"mount: {mp}: special device {device} does not exist.");
            }
            if (dev is null && shared is null && !File.Exists(device))
            {
                return (32, $"mount: {mp}: special device {device} does not exist.");
            }
            MountEntry? existing = MountOps.ByMountPoint(s, mp) ?? s.Mounts.FirstOrDefault(m => m.Device == device);
            if (existing is not null)
            {
                return (32, $"mount: {mp}: {existing.Device} already mounted on {existing.MountPoint}.");
            }
            string opts = options is null ? "rw,relatime" : (options.StartsWith("ro") || options.StartsWith("rw") ? options : "rw," + options);
            MountOps.Add(s, device, mp, fsType ?? dev?.FsType ?? "ext4", opts, Clock.Now());
            return (0, "");
        }, save: true);
        if (code != 0)
        {
            return ctx.Fail(text, code);
        }
        ctx.Out.Write(text);
        return 0;
    }

    public static int RunUmount(ToolContext ctx)
    {
        bool lazy = ctx.Args.Any(x => x.StartsWith('-') && !x.StartsWith("--") && x.Contains('l'));
        string[] pos = ctx.Args.Where(x => !x.StartsWith('-')).ToArray();
        if (pos.Length != 1)
        {
            return ctx.Fail("umount: bad usage\nTry 'umount --help' for more information.", 1);
        }
        string target = pos[0];
        (int code, string? error) = ctx.Store.Locked(s =>
        {
            if (OtherNode(ctx, s) is { } foreign)
            {
                return (125, foreign);
            }
            return (32, Unmount(s, target, lazy));
        }, save: true);
        return error is null ? 0 : ctx.Fail(error, code);
    }

    // Only the local node's mount table is simulated.
    public static string? OtherNode(ToolContext ctx, SimState s) =>
        ctx.NodeOverride is { } n && n != s.LocalNode
            ? $"{ctx.Tool}: the simulator keeps only {s.LocalNode}'s mount table (ACMSIM_NODE={n})"
            : null;

    private static string? Unmount(SimState s, string target, bool lazy)
    {
        {
            MountEntry? m = MountOps.ByTarget(s, target);
            if (m is null)
            {
                return $"umount: {MountOps.Norm(target)}: not mounted.";
            }
            BusyFault? busy = MountOps.Busy(s, m.MountPoint);
            if (busy is not null && !lazy)
            {
                if (busy.Remaining > 0 && --busy.Remaining == 0)
                {
                    s.Faults.Busy.Remove(busy);
                }
                return $"umount: {MountOps.Norm(target)}: target is busy.";
            }
            MountOps.Remove(s, m, Clock.Now());
            return null;
        }
    }
}
