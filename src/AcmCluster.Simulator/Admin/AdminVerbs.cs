using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Admin;

internal static class AdminVerbs
{
    private const string Usage =
        "usage: sim setup --state DIR [options] | sim state | sim log [--json] | sim fault ... | sim clear-faults | sim set ... | sim datapath DEVICE | sim path --path P [--mode OCTAL] [--owner UID] [--symlink-to T] | sim mount-extra --device D --target MP [--fstype T] [--options O]";

    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            throw new SimException(Usage, 2);
        }
        string[] rest = args[1..];
        return args[0] switch
        {
            "setup" => Setup.Run(rest),
            "state" => ShowState(rest),
            "log" => ShowLog(rest),
            "fault" => FaultVerbs.Add(rest),
            "clear-faults" => FaultVerbs.Clear(rest),
            "set" => Set(rest),
            "datapath" => DataPath(rest),
            "path" => DeclarePath(rest),
            "mount-extra" => MountExtra(rest),
            _ => throw new SimException($"sim: unknown verb '{args[0]}'\n{Usage}", 2),
        };
    }

    private static int ShowState(string[] args)
    {
        var a = new AdminArgs(args);
        a.OnlyKnown("--state");
        var store = new StateStore(a.StateDir());
        string json = store.Locked(s =>
        {
            double now = Clock.Now();
            Detector.Observe(s, now);
            Vcs.Advance(s, now);
            return StateView.Render(store, s, now);
        }, saveIf: s => s.RealMounts || Vcs.IsVcs(s));
        Console.Out.Write(json);
        return 0;
    }

    private static int ShowLog(string[] args)
    {
        var a = new AdminArgs(args, "--json");
        a.OnlyKnown("--state");
        var store = new StateStore(a.StateDir());
        string text = store.ReadLogText();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (a.Flag("--json"))
        {
            Console.Out.Write("[\n" + string.Join(",\n", lines) + (lines.Length > 0 ? "\n" : "") + "]\n");
            return 0;
        }
        var sb = new StringBuilder();
        foreach (string line in lines)
        {
            JsonNode? n = JsonNode.Parse(line);
            if (n is null)
            {
                continue;
            }
            string seq = n["seq"]?.ToString() ?? "?";
            string time = n["time"]?.ToString() ?? "";
            string node = n["swstgnode"]?.ToString() is { } g ? $" SWSTGNODE={g}" : "";
            if (n["node"]?.ToString() is { } callNode)
            {
                node += $" [{callNode}]";
            }
            if (n["kind"]?.ToString() == "script")
            {
                sb.Append($"{seq,5} {time} script {n["name"]} {n["device"]}{node}\n");
            }
            else
            {
                string argv = string.Join(" ", (n["args"] as JsonArray ?? new JsonArray()).Select(x => x?.ToString() ?? ""));
                sb.Append($"{seq,5} {time} {n["command"]} {argv}".TrimEnd()).Append(node).Append('\n');
            }
        }
        Console.Out.Write(sb.ToString());
        return 0;
    }

    private static int Set(string[] args)
    {
        var a = new AdminArgs(args);
        a.OnlyKnown("--state", "--interval", "--sync-time", "--copy-time", "--start-time", "--rms-running", "--had-running", "--generations", "--node-status", "--app-state");
        var store = new StateStore(a.StateDir());
        string json = store.Locked(s =>
        {
            double now = Clock.Now();
            if (a.Get("--interval") is not null)
            {
                // Keep the current tick phase so already-seen states do not jump.
                Vcs.Advance(s, now);
                s.TickBase = Detector.LastTick(s, now);
                s.Interval = a.Double("--interval", s.Interval);
            }
            s.SyncTime = a.Double("--sync-time", s.SyncTime);
            s.CopyTime = a.Double("--copy-time", s.CopyTime);
            s.StartTime = a.Double("--start-time", s.StartTime);
            s.Generations = Math.Max(1, a.Int("--generations", s.Generations));
            if (a.Get("--rms-running") is { } r)
            {
                s.RmsRunning = Bool("--rms-running", r);
            }
            if (a.Get("--had-running") is { } h)
            {
                // Ticks up to now happen with the old setting.
                Vcs.Advance(s, now);
                bool running = Bool("--had-running", h);
                if (running && !s.HadRunning)
                {
                    Vcs.Restarted(s, now);
                }
                s.HadRunning = running;
            }
            // --node-status node2=up|down|unreachable: what ssh to another node finds there.
            if (a.Get("--node-status") is { } ns)
            {
                (string name, string status) = Pair("--node-status", ns);
                NodeInfo node = s.Nodes.FirstOrDefault(n => n.Name == name && n.Name != s.LocalNode)
                    ?? throw new SimException($"sim: --node-status: '{name}' is not another node of the cluster", 2);
                node.Unreachable = status == "unreachable";
                node.ClusterDown = status is "down" or "unreachable";
                if (status is not ("up" or "down" or "unreachable"))
                {
                    throw new SimException($"sim: --node-status expects NODE=up|down|unreachable, got '{ns}'", 2);
                }
            }
            // --app-state node2=Online: the first userApplication's state on that node.
            if (a.Get("--app-state") is { } aps)
            {
                (string name, string state) = Pair("--app-state", aps);
                AppInfo app = s.Apps.FirstOrDefault() ?? throw new SimException("sim: --app-state needs a PRIMECLUSTER userApplication", 2);
                app.States[name] = Rms.IsKnownState(state) ? state : throw new SimException($"sim: --app-state: unknown state '{state}'", 2);
                app.StartedAt.Remove(name);
            }
            return string.Create(CultureInfo.InvariantCulture,
                $"{{\"Interval\": {s.Interval}, \"SyncTime\": {s.SyncTime}, \"CopyTime\": {s.CopyTime}, \"Generations\": {s.Generations}, \"RmsRunning\": {(s.RmsRunning ? "true" : "false")}, \"HadRunning\": {(s.HadRunning ? "true" : "false")}}}\n");
        }, save: true);
        Console.Out.Write(json);
        return 0;
    }

    private static (string, string) Pair(string option, string v)
    {
        string[] p = v.Split('=', 2);
        return p.Length == 2 && p[0].Length > 0 ? (p[0], p[1]) : throw new SimException($"sim: {option} expects NODE=VALUE, got '{v}'", 2);
    }

    private static bool Bool(string option, string v) => v.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new SimException($"sim: {option} expects true|false, got '{v}'", 2),
    };

    // Declares what 'stat' reports for a path (a directory with an owner and mode, or a symbolic link), as a
    // local user could have arranged it; later declarations win.
    private static int DeclarePath(string[] args)
    {
        var a = new AdminArgs(args);
        a.OnlyKnown("--state", "--path", "--mode", "--owner", "--symlink-to");
        string path = a.Get("--path") ?? throw new SimException("usage: sim path --path P [--mode OCTAL] [--owner UID] [--symlink-to T]", 2);
        string? target = a.Get("--symlink-to");
        int mode = target is null ? 0x4000 | Convert.ToInt32(a.Get("--mode") ?? "755", 8) : 0xA1FF;
        var store = new StateStore(a.StateDir());
        store.Locked(s =>
        {
            File.AppendAllText(Tools.MountInfo.PathsFile(store), $"{path}\t{mode:x}\t{a.Get("--owner") ?? "0"}" + (target is null ? "" : $"\t{target}") + "\n");
            return 0;
        }, save: false);
        return 0;
    }

    // Adds a line to the simulated mount table as another process would (a stacked FUSE mount, a second
    // mount or a bind mount of a device); not logged, no fault applies.
    private static int MountExtra(string[] args)
    {
        var a = new AdminArgs(args);
        a.OnlyKnown("--state", "--device", "--target", "--fstype", "--options");
        string device = a.Get("--device") ?? throw new SimException("usage: sim mount-extra --device D --target MP", 2);
        string target = a.Get("--target") ?? throw new SimException("usage: sim mount-extra --device D --target MP", 2);
        var store = new StateStore(a.StateDir());
        store.Locked(s =>
        {
            MountOps.Add(s, device, target, a.Get("--fstype") ?? "ext4", a.Get("--options") ?? "rw,relatime", Clock.Now());
            return 0;
        }, save: true);
        return 0;
    }

    private static int DataPath(string[] args)
    {
        var a = new AdminArgs(args);
        a.OnlyKnown("--state");
        if (a.Positional.Count != 1)
        {
            throw new SimException("usage: sim datapath DEVICE", 2);
        }
        var store = new StateStore(a.StateDir());
        string? path = store.Locked(s => s.Devices.FirstOrDefault(d => d.Name == a.Positional[0])?.DataPath, save: false);
        if (path is null)
        {
            throw new SimException($"sim: unknown device '{a.Positional[0]}'", 1);
        }
        Console.Out.WriteLine(path);
        return 0;
    }
}
