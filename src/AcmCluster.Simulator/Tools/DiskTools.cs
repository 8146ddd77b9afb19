using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

// GDS sdxvolume, VxVM vxdg/vxvol and LVM vgchange over the shared-disk model.
// Every failure exits 1 with one stderr line in the product's style; the
// message ids are the simulator's own except where noted in the README.
internal static class DiskTools
{
    private static int Run(ToolContext ctx, Func<SimState, string, string> body)
    {
        string text = ctx.Store.Locked(s => body(s, ctx.Node(s)), save: true);
        ctx.Out.Write(text);
        return 0;
    }

    private static SimException Err(string text) => new(text, 1);

    // ---- PRIMECLUSTER GDS --------------------------------------------------------

    public static int Sdxvolume(ToolContext ctx)
    {
        string[] a = ctx.Args;
        string? mode = null;
        string? cls = null;
        string? vol = null;
        for (int i = 0; i < a.Length; i++)
        {
            switch (a[i])
            {
                case "-N" or "-F" when mode is null: mode = a[i]; break;
                case "-c" when i + 1 < a.Length: cls = a[++i]; break;
                case "-v" when i + 1 < a.Length: vol = a[++i]; break;
                case "-e" when i + 1 < a.Length: i++; break; // -e options are accepted and ignored
                default: mode = "?"; break;
            }
        }
        if (mode is not ("-N" or "-F") || cls is null)
        {
            return ctx.Fail("SDX:sdxvolume: ERROR: syntax error\nusage: sdxvolume -N -c class [-v volume,...] | sdxvolume -F -c class [-v volume,...]", 1);
        }
        return Run(ctx, (s, node) =>
        {
            List<SharedDisk> vols = SharedDisks.OfKind(s, SharedDisks.Gds).Where(d => d.Name.StartsWith(cls + "/", StringComparison.Ordinal)).ToList();
            if (vols.Count == 0)
            {
                throw Err($"SDX:sdxvolume: ERROR: {cls}: no such class");
            }
            if (vol is not null)
            {
                string[] names = vol.Split(',');
                foreach (string v in names.Where(v => !vols.Any(d => d.Name == $"{cls}/{v}")))
                {
                    throw Err($"SDX:sdxvolume: ERROR: {v}: no such volume");
                }
                vols = vols.Where(d => names.Contains(d.Name[(cls.Length + 1)..])).ToList();
            }
            foreach (SharedDisk d in vols)
            {
                string v = d.Name[(cls.Length + 1)..];
                if (mode == "-N" && SharedDisks.OtherNode(d, node) is { } other)
                {
                    throw Err($"SDX:sdxvolume: ERROR: {v}: volume is already started on node {other} (a shared disk must be enabled on one node only)");
                }
                if (mode == "-F" && SharedDisks.MountedHere(s, d, node))
                {
                    throw Err($"SDX:sdxvolume: ERROR: {v}: device busy ({d.Device} is mounted)");
                }
            }
            foreach (SharedDisk d in vols)
            {
                if (mode == "-N")
                {
                    SharedDisks.Enable(d, node);
                }
                else
                {
                    d.EnabledOn.Remove(node);
                }
            }
            return "";
        });
    }

    // ---- Veritas Volume Manager ----------------------------------------------------

    public static int Vxdg(ToolContext ctx)
    {
        string[] a = ctx.Args;
        if (a.Length == 1 && a[0] == "list")
        {
            return Run(ctx, (s, node) =>
            {
                var sb = new StringBuilder("NAME         STATE           ID\n");
                foreach (SharedDisk d in SharedDisks.OfKind(s, SharedDisks.Vxvm).Where(d => d.EnabledOn.Contains(node)))
                {
                    sb.Append(VcsCommon.Pad(d.Name, 13) + VcsCommon.Pad("enabled", 16) + $"1700000000.{s.Disks.IndexOf(d) + 10}.{node}\n");
                }
                return sb.ToString();
            });
        }
        if (a.Length != 2 || a[0] is not ("import" or "deport"))
        {
            return ctx.Fail("VxVM vxdg ERROR V-5-1-2274 Usage: vxdg import diskgroup | vxdg deport diskgroup | vxdg list", 1);
        }
        string dg = a[1];
        return Run(ctx, (s, node) =>
        {
            SharedDisk? d = SharedDisks.Find(s, SharedDisks.Vxvm, dg);
            if (a[0] == "import")
            {
                if (d is null)
                {
                    throw Err($"VxVM vxdg ERROR V-5-1-10978 Disk group {dg}: import failed: No valid disk found containing disk group");
                }
                if (SharedDisks.OtherNode(d, node) is { } other)
                {
                    throw Err($"VxVM vxdg ERROR V-5-1-10978 Disk group {dg}: import failed: Disk is in use by another host (imported on {other})");
                }
                if (d.EnabledOn.Contains(node))
                {
                    throw Err($"VxVM vxdg ERROR V-5-1-10978 Disk group {dg}: import failed: Disk group exists and is imported");
                }
                SharedDisks.Enable(d, node);
                return "";
            }
            if (d is null || !d.EnabledOn.Contains(node))
            {
                throw Err($"VxVM vxdg ERROR V-5-1-2275 Disk group {dg}: No such disk group is imported");
            }
            if (SharedDisks.MountedHere(s, d, node))
            {
                throw Err($"VxVM vxdg ERROR V-5-1-584 Disk group {dg}: Some volumes in the disk group are in use ({d.Device} is mounted)");
            }
            d.StartedOn.Remove(node);
            d.EnabledOn.Remove(node);
            return "";
        });
    }

    // 'vxdisk -s list': one block per disk of a simulated disk group; hostid is the node that has the group imported
    // (empty when deported) and the flag 'imported' shows on that node only. Layout assumed (tests/fixtures/vxdisk-s-list.txt).
    public static int Vxdisk(ToolContext ctx)
    {
        if (ctx.Args is not ["-s", "list"])
        {
            return ctx.Fail("VxVM vxdisk ERROR V-5-1-2274 Usage: vxdisk -s list (simulated subset)", 1);
        }
        return Run(ctx, (s, node) =>
        {
            var sb = new StringBuilder();
            foreach (SharedDisk d in SharedDisks.OfKind(s, SharedDisks.Vxvm))
            {
                int i = s.Disks.IndexOf(d);
                string host = d.EnabledOn.FirstOrDefault() ?? "";
                sb.Append($"Disk:   vxdisk{i}\ntype:   auto\nflags:  online ready private autoconfig{(d.EnabledOn.Contains(node) ? " autoimport imported" : "")}\n");
                sb.Append($"diskid: 1700000000.{i}.node\ndgname: {d.Name}\ndgid:   1700000000.{i + 10}.node\nhostid: {host}\ninfo:   format=cdsdisk,privoffset=256,pubslice=3,privslice=3\n\n");
            }
            return sb.ToString();
        });
    }

    public static int Vxvol(ToolContext ctx)
    {
        string[] a = ctx.Args;
        if (a.Length != 3 || a[0] != "-g" || a[2] is not ("startall" or "stopall"))
        {
            return ctx.Fail("VxVM vxvol ERROR V-5-1-2274 Usage: vxvol -g diskgroup startall | vxvol -g diskgroup stopall", 1);
        }
        string dg = a[1];
        return Run(ctx, (s, node) =>
        {
            SharedDisk? d = SharedDisks.Find(s, SharedDisks.Vxvm, dg);
            if (d is null || !d.EnabledOn.Contains(node))
            {
                throw Err($"VxVM vxvol ERROR V-5-1-607 Diskgroup {dg} not found (not imported on {node})");
            }
            if (a[2] == "startall")
            {
                SharedDisks.Start(d, node);
                return "";
            }
            if (SharedDisks.MountedHere(s, d, node))
            {
                throw Err($"VxVM vxvol ERROR V-5-1-1242 Volume {d.Device[(d.Device.LastIndexOf('/') + 1)..]} in disk group {dg} is open ({d.Device} is mounted)");
            }
            d.StartedOn.Remove(node);
            return "";
        });
    }

    // ---- LVM -----------------------------------------------------------------------

    public static int Vgchange(ToolContext ctx)
    {
        string[] a = ctx.Args;
        string? act = null;
        var vgs = new List<string>();
        for (int i = 0; i < a.Length; i++)
        {
            if ((a[i] is "-a" or "--activate") && i + 1 < a.Length)
            {
                act = a[++i];
            }
            else if (a[i] is "-ay" or "-an")
            {
                act = a[i][2..];
            }
            else if (!a[i].StartsWith('-'))
            {
                vgs.Add(a[i]);
            }
        }
        if (act is not ("y" or "n" or "ey") || vgs.Count == 0)
        {
            return ctx.Fail("  vgchange: -a y|n VolumeGroupName is required (simulated subset)", 1);
        }
        return Run(ctx, (s, node) =>
        {
            var sb = new StringBuilder();
            foreach (string vg in vgs)
            {
                SharedDisk d = SharedDisks.Find(s, SharedDisks.Lvm, vg)
                    ?? throw Err($"  Volume group \"{vg}\" not found\n  Cannot process volume group {vg}");
                if (act != "n")
                {
                    if (SharedDisks.OtherNode(d, node) is { } other)
                    {
                        throw Err($"  Volume group \"{vg}\" is active on node {other}; refusing to activate it here too (a shared disk must be enabled on one node only)");
                    }
                    SharedDisks.Enable(d, node);
                    sb.Append($"  1 logical volume(s) in volume group \"{vg}\" now active\n");
                }
                else
                {
                    if (SharedDisks.MountedHere(s, d, node))
                    {
                        throw Err($"  Logical volume {d.Device[5..]} in use.\n  Can't deactivate volume group \"{vg}\" with 1 open logical volume(s)");
                    }
                    d.EnabledOn.Remove(node);
                    sb.Append($"  0 logical volume(s) in volume group \"{vg}\" now active\n");
                }
            }
            return sb.ToString();
        });
    }
}
