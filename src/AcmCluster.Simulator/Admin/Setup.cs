using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;
using AcmCluster.Simulator.Tools;

namespace AcmCluster.Simulator.Admin;

internal static class Setup
{
    private static readonly string[] Known =
    {
        "--state", "--interval", "--sync-time", "--copy-time", "--volumes", "--app", "--logical-node", "--local-node",
        "--remote-node", "--size-kb", "--generations", "--server", "--mount-root", "--tran-devices", "--backup-devices",
        "--cluster", "--resources",
    };

    public static int Run(string[] args)
    {
        var a = new AdminArgs(args, "--real-mounts", "--stopped", "--shared-disks");
        a.OnlyKnown(Known);
        var store = new StateStore(a.StateDir());
        double now = Clock.Now();
        string local = a.Get("--local-node") ?? "node1";
        string remote = a.Get("--remote-node") ?? (local == "node2" ? "node1" : "node2");
        string cluster = (a.Get("--cluster") ?? "primecluster").ToLowerInvariant();
        if (cluster is not ("primecluster" or "vcs"))
        {
            throw new SimException($"sim: --cluster expects primecluster|vcs, got '{cluster}'", 2);
        }
        bool vcs = cluster == "vcs";
        bool stopped = a.Flag("--stopped");
        string app = a.Get("--app") ?? (vcs ? "sg1" : "app1");
        string logical = a.Get("--logical-node") ?? "nodeA";
        int volumes = Math.Max(1, a.Int("--volumes", 2));
        int generations = Math.Max(1, a.Int("--generations", 2));
        long sizeKb = Math.Max(1, a.Int("--size-kb", 64));
        string mountRoot = (a.Get("--mount-root") ?? "/mnt").TrimEnd('/');
        string[] tranDevices = Split(a.Get("--tran-devices"));
        string[] backupDevices = Split(a.Get("--backup-devices"));
        // Names wider than hvdisp's 20-character column test readers that split on blanks, not positions.
        string[] resourceNames = Split(a.Get("--resources"));
        var s = new SimState
        {
            SetupTime = now,
            TickBase = now,
            LastObservation = now,
            Interval = a.Double("--interval", 0.5),
            SyncTime = a.Double("--sync-time", 1),
            CopyTime = a.Double("--copy-time", 0),
            RealMounts = a.Flag("--real-mounts"),
            Server = a.Get("--server") ?? "SV1",
            LocalNode = local,
            Generations = generations,
            Cluster = cluster,
            VcsAdvanced = now,
        };
        s.Nodes.Add(new NodeInfo { Name = local, SysNode = local + "RMS" });
        s.Nodes.Add(new NodeInfo { Name = remote, SysNode = remote + "RMS" });
        if (vcs)
        {
            s.Groups.Add(new VcsGroup { Name = app });
        }
        else
        {
            s.Apps.Add(new AppInfo
            {
                Name = app,
                States = new Dictionary<string, string> { [local] = stopped ? "Offline" : "Online", [remote] = stopped ? "Offline" : "Standby" },
            });
        }

        Wipe(store);
        Directory.CreateDirectory(store.DevicesDir);
        Directory.CreateDirectory(store.EtcDir);
        Directory.CreateDirectory(store.BinDir);
        var fstab = new StringBuilder();
        for (int i = 1; i <= volumes; i++)
        {
            string tvName = tranDevices.ElementAtOrDefault(i - 1) ?? $"/dev/sdb{i}";
            string mp = $"{mountRoot}/tran{i}";
            var tv = NewDevice(store, tvName, "Transaction", logical, sizeKb, i <= tranDevices.Length);
            tv.FsType = "ext4";
            tv.MountPoint = mp;
            s.Devices.Add(tv);
            InitData(tv, random: true);
            for (int g = 0; g < generations; g++)
            {
                string bdName = backupDevices.ElementAtOrDefault(((i - 1) * generations) + g) ?? $"/dev/sd{(char)('c' + g)}{i}";
                var bd = NewDevice(store, bdName, "Backup", logical, sizeKb, ((i - 1) * generations) + g < backupDevices.Length);
                bd.Transaction = tvName;
                s.Devices.Add(bd);
                InitData(bd, random: false);
            }
            string resName = resourceNames.ElementAtOrDefault(i - 1) ?? (vcs ? $"mnt_tran{i}" : $"Fsystem_tran{i}");
            s.Resources.Add(new ResourceInfo { Name = resName, Type = vcs ? "Mount" : "gRes", App = app, MountPoint = mp, Device = tvName });
            fstab.Append($"{(vcs ? "" : "#RMS#")}{tvName} {mp} ext4 noauto 0 0\n");
            if (vcs)
            {
                s.VcsStates.Add(new VcsResState { Resource = resName, System = local, Expected = !stopped });
                s.VcsStates.Add(new VcsResState { Resource = resName, System = remote });
            }
            if (!s.RealMounts && !stopped)
            {
                MountOps.Add(s, tvName, mp, "ext4", "rw,relatime", now);
            }
        }
        var plainFstab = new StringBuilder();
        if (a.Flag("--shared-disks"))
        {
            AddSharedDisks(s, stopped, now, plainFstab);
        }
        if (vcs)
        {
            plainFstab.Insert(0, fstab.ToString());
            // The name VCS uses for this host (/etc/VRTSvcs/conf/sysname), under the simulated etc directory.
            string conf = Path.Combine(store.EtcDir, "VRTSvcs", "conf");
            Directory.CreateDirectory(conf);
            File.WriteAllText(Path.Combine(conf, "sysname"), local + "\n");
        }
        else
        {
            File.WriteAllText(Path.Combine(store.EtcDir, "fstab.pcl"), fstab.ToString());
        }
        File.WriteAllText(Path.Combine(store.EtcDir, "fstab"), plainFstab.ToString());
        if (s.RealMounts)
        {
            Detector.Observe(s, now);
        }
        store.Create(s);
        string[] program = ShimProgram();
        WriteShims(store, s.RealMounts, cluster, program);
        File.WriteAllText(store.LogPath, "");
        Console.Out.Write(Summary(store, s, app, logical, program));
        return 0;
    }

    private static string[] Split(string? v) =>
        v is null ? Array.Empty<string>() : v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Only our own artefacts are removed, never anything else a caller keeps there.
    private static void Wipe(StateStore store)
    {
        foreach (string f in new[] { store.StatePath, store.StatePath + ".tmp", store.LogPath, Tools.MountInfo.PathsFile(store) })
        {
            if (File.Exists(f))
            {
                File.Delete(f);
            }
        }
        foreach (string d in new[] { store.BinDir, store.EtcDir, store.DevicesDir })
        {
            if (Directory.Exists(d))
            {
                Directory.Delete(d, recursive: true);
            }
        }
    }

    private static DeviceInfo NewDevice(StateStore store, string name, string role, string logical, long sizeKb, bool explicitName)
    {
        // An explicitly named existing device (e.g. a loop device in root-only
        // tests) carries its own data; everything else gets an image file.
        bool real = explicitName && File.Exists(name);
        string path = real ? name : Path.Combine(store.DevicesDir, Sanitize(name) + ".img");
        return new DeviceInfo { Name = name, Role = role, LogicalNode = logical, DataPath = path, SizeKb = sizeKb };
    }

    public static string Sanitize(string device) =>
        new string(device.TrimStart('/').Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '.' ? c : '_').ToArray());

    private static void InitData(DeviceInfo d, bool random)
    {
        if (d.DataPath == d.Name)
        {
            return;
        }
        byte[] data = new byte[d.SizeKb * 1024];
        if (random)
        {
            new Random(Seed(d.Name)).NextBytes(data);
        }
        File.WriteAllBytes(d.DataPath, data);
    }

    // FNV-1a: stable across runs, unlike string.GetHashCode.
    private static int Seed(string s)
    {
        uint h = 2166136261;
        foreach (char c in s)
        {
            h = (h ^ c) * 16777619;
        }
        return (int)(h & 0x7fffffff);
    }

    // GDS class0001/vol0001 holds the ACM shared data (/acmdata); dg01 and vg01
    // stand for the backup operation disks of VxVM and LVM set-ups.
    private static void AddSharedDisks(SimState s, bool stopped, double now, StringBuilder fstab)
    {
        var gds = new SharedDisk
        {
            Kind = SharedDisks.Gds,
            Name = "class0001/vol0001",
            Device = "/dev/sfdsk/class0001/dsk/vol0001",
            MountPoint = "/acmdata",
            AcmData = true,
        };
        var vxvm = new SharedDisk { Kind = SharedDisks.Vxvm, Name = "dg01", Device = "/dev/vx/dsk/dg01/vol01" };
        var lvm = new SharedDisk { Kind = SharedDisks.Lvm, Name = "vg01", Device = "/dev/vg01/lv01" };
        s.Disks.AddRange(new[] { gds, vxvm, lvm });
        fstab.Append($"{gds.Device} {gds.MountPoint} ext4 noauto 0 0\n");
        if (stopped)
        {
            return;
        }
        foreach (SharedDisk d in s.Disks)
        {
            SharedDisks.Enable(d, s.LocalNode);
        }
        SharedDisks.Start(vxvm, s.LocalNode);
        if (!s.RealMounts)
        {
            MountOps.Add(s, gds.Device, gds.MountPoint!, "ext4", "rw,relatime", now);
        }
    }

    // What the shims exec: the program that runs this setup (the native build itself), or, when that is the dll
    // through the dotnet muxer, the native build beside it if it is one of the same sources (NativeBuild), else
    // the dll through the muxer again.
    private static string[] ShimProgram()
    {
        string host = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(host) != "dotnet")
        {
            return new[] { host };
        }
        string dll = Path.Combine(AppContext.BaseDirectory, typeof(Setup).Assembly.GetName().Name + ".dll");
        return NativeBuild.Find(dll) is { } native ? new[] { native } : new[] { host, dll };
    }

    private static void WriteShims(StateStore store, bool realMounts, string cluster, string[] program)
    {
        string target = string.Join(" ", program.Select(Quote));
        var tools = ToolTable.Names
            .Where(t => !realMounts || Array.IndexOf(ToolTable.MountTools, t) < 0)
            .Where(t => ToolTable.Installed(t, cluster))
            .ToList();
        foreach (string tool in tools.Append("acmsim"))
        {
            string verb = tool == "acmsim" ? "sim" : tool;
            string path = Path.Combine(store.BinDir, tool);
            File.WriteAllText(path,
                "#!/bin/sh\n" +
                $"ACMSIM_STATE={Quote(store.Dir)}\n" +
                "export ACMSIM_STATE\n" +
                $"exec {target} {verb} \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    private static string Summary(StateStore store, SimState s, string app, string logical, string[] program)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("StateDir", store.Dir);
            w.WriteString("BinDir", store.BinDir);
            w.WriteString("EtcDir", store.EtcDir);
            w.WriteString("CallLog", store.LogPath);
            w.WriteStartArray("Program");
            foreach (string word in program)
            {
                w.WriteStringValue(word);
            }
            w.WriteEndArray();
            w.WriteString("Cluster", s.Cluster);
            w.WriteString("App", app);
            if (s.Cluster == "vcs")
            {
                w.WriteString("Group", app);
            }
            w.WriteBoolean("Stopped", s.Cluster == "vcs" ? !s.VcsStates.Any(x => x.Expected) : s.Apps.All(x => x.States.Values.All(v => v == "Offline")));
            w.WriteString("LocalNode", s.LocalNode);
            w.WriteStartArray("Nodes");
            foreach (NodeInfo n in s.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("Name", n.Name);
                w.WriteString("SysNode", n.SysNode);
                w.WriteBoolean("Local", n.Name == s.LocalNode);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("LogicalNode", logical);
            w.WriteString("Server", s.Server);
            w.WriteNumber("Interval", s.Interval);
            w.WriteNumber("SyncTime", s.SyncTime);
            w.WriteNumber("CopyTime", s.CopyTime);
            w.WriteNumber("Generations", s.Generations);
            w.WriteBoolean("RealMounts", s.RealMounts);
            w.WriteStartArray("Volumes");
            foreach (ResourceInfo r in s.Resources)
            {
                DeviceInfo tv = s.Devices.First(d => d.Name == r.Device);
                w.WriteStartObject();
                w.WriteString("Device", tv.Name);
                w.WriteString("Resource", r.Name);
                w.WriteString("MountPoint", r.MountPoint);
                w.WriteString("FsType", r.FsType);
                w.WriteString("DataPath", tv.DataPath);
                w.WriteStartArray("BackupDevices");
                foreach (DeviceInfo b in Acm.BackupsOf(s, tv))
                {
                    w.WriteStringValue(b.Name);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("SharedDisks");
            foreach (SharedDisk d in s.Disks)
            {
                w.WriteStartObject();
                w.WriteString("Kind", d.Kind);
                w.WriteString("Name", d.Name);
                w.WriteString("Device", d.Device);
                w.WriteString("MountPoint", d.MountPoint);
                w.WriteBoolean("AcmData", d.AcmData);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
