using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

// Parsed ha* command line: the first option is the operation, "-sys X" and
// "-time N" take values, other dash words are flags.
internal sealed class VcsArgs
{
    public VcsArgs(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "-sys" or "-time" or "-clus")
            {
                if (i + 1 >= args.Length)
                {
                    throw new SimException($"VCS WARNING V-16-1-10602 Option {a} requires a value", 1);
                }
                Values[a] = args[++i];
            }
            else if (a.StartsWith('-') && Op is null)
            {
                Op = a;
            }
            else if (a.StartsWith('-'))
            {
                Flags.Add(a);
            }
            else
            {
                Positional.Add(a);
            }
        }
    }

    public string? Op { get; }
    public List<string> Positional { get; } = new();
    public Dictionary<string, string> Values { get; } = new();
    public HashSet<string> Flags { get; } = new();
    public string? Sys => Values.GetValueOrDefault("-sys");

    public double? Time()
    {
        if (!Values.TryGetValue("-time", out string? v))
        {
            return null;
        }
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= 0
            ? d
            : throw new SimException($"VCS WARNING V-16-1-10602 Invalid -time value '{v}'", 1);
    }
}

internal static class VcsCommon
{
    public static SimException Warn(string id, string text) => new($"VCS WARNING V-16-1-{id} {text}", 1);

    public static void RequireHad(SimState s, ToolContext? ctx = null)
    {
        if (ctx is null ? !s.HadRunning : !ctx.ClusterRunning(s))
        {
            throw new SimException(Vcs.EngineDown, 1);
        }
    }

    public static VcsGroup Group(SimState s, string name) =>
        Vcs.FindGroup(s, name) ?? throw Warn("40131", $"Group {name} does not exist in the local cluster");

    public static ResourceInfo Resource(SimState s, string name) =>
        s.Resources.FirstOrDefault(r => r.Name == name && r.Type == "Mount")
        ?? throw Warn("40132", $"Resource {name} does not exist in the local cluster");

    public static string System(SimState s, string? name)
    {
        if (name is null)
        {
            throw Warn("10602", "This operation requires -sys <system>");
        }
        return s.Nodes.Any(n => n.Name == name) ? name : throw Warn("40130", $"System {name} does not exist in the local cluster");
    }

    public static IEnumerable<string> Systems(SimState s, string? sys) => sys is null ? Vcs.Systems(s) : new[] { System(s, sys) };

    public static string Row(string name, string attribute, string system, string value) =>
        (Pad(name, 15) + Pad(attribute, 22) + Pad(system, 11) + value).TrimEnd() + "\n";

    public static string Pad(string v, int width) => v.PadRight(Math.Max(width, v.Length + 1));

    public static VcsGroup GroupOf(SimState s, ResourceInfo r) => Group(s, r.App);

    public static void RequireNotFrozen(VcsGroup g)
    {
        if (Vcs.IsFrozen(g))
        {
            throw Warn("40200", $"Group {g.Name} is frozen; its resources cannot be brought online or taken offline");
        }
    }

    // Runs one locked step; the engine is advanced first and saved if it moved.
    public static T Step<T>(ToolContext ctx, Func<SimState, double, T> body, bool mutates = false)
    {
        bool advanced = false;
        return ctx.Store.Locked(s =>
        {
            RequireHad(s, ctx);
            double now = Clock.Now();
            advanced = Vcs.Advance(s, now);
            return body(s, now);
        }, _ => mutates || advanced);
    }

    public static int Print(ToolContext ctx, string text)
    {
        ctx.Out.Write(text);
        return 0;
    }

    // hagrp/hares -wait: poll just after each tick, never sleeping under the lock.
    public static int Wait(ToolContext ctx, VcsArgs a, Func<SimState, double, string, string> current,
        Func<string, bool> matches, Func<string, string> describe)
    {
        double? limit = a.Time();
        double deadline = limit is null ? double.MaxValue : Clock.Now() + limit.Value;
        while (true)
        {
            (string value, string system, double sleep) = Step(ctx, (s, now) =>
            {
                string sys = a.Sys is null ? ctx.Node(s) : System(s, a.Sys);
                double next = s.Interval > 0 ? Detector.LastTick(s, now) + s.Interval - now + 0.005 : 0.05;
                return (current(s, now, sys), sys, Math.Clamp(next, 0.01, 0.25));
            });
            if (matches(value))
            {
                return 0;
            }
            double remaining = deadline - Clock.Now();
            if (remaining <= 0)
            {
                return ctx.Fail($"VCS WARNING V-16-1-10805 Timed out after {limit!.Value.ToString(CultureInfo.InvariantCulture)} seconds waiting for {describe(system)} (now {value})", 1);
            }
            Clock.SleepSeconds(Math.Min(sleep, remaining));
        }
    }
}

internal static class VcsHagrp
{
    private const string Usage =
        "VCS WARNING V-16-1-10602 Usage: hagrp -state [group] [-sys system] | -value group attribute [-sys system] | " +
        "-freeze|-unfreeze group [-persistent] | -online|-offline group -sys system | -clear group [-sys system] | " +
        "-wait group State value [-sys system] [-time seconds] | -resources group | -list";

    private static readonly string[] GroupFlags = { "ONLINE", "OFFLINE", "PARTIAL", "FAULTED", "STARTING", "STOPPING" };

    public static int Run(ToolContext ctx)
    {
        var a = new VcsArgs(ctx.Args);
        string? g = a.Positional.FirstOrDefault();
        switch (a.Op)
        {
            case "-state" when a.Positional.Count <= 1:
                return VcsCommon.Print(ctx, VcsCommon.Step(ctx, (s, now) =>
                {
                    IEnumerable<VcsGroup> groups = g is null ? s.Groups : new[] { VcsCommon.Group(s, g) };
                    List<string> systems = VcsCommon.Systems(s, a.Sys).ToList();
                    if (g is not null && a.Sys is not null)
                    {
                        // Fidelity-evidence item 3: a group and -sys print the bare value.
                        return Vcs.GroupState(s, groups.First(), systems[0], now) + "\n";
                    }
                    var sb = new StringBuilder(VcsCommon.Row("#Group", "Attribute", "System", "Value"));
                    foreach (VcsGroup grp in groups)
                    {
                        foreach (string sys in systems)
                        {
                            sb.Append(VcsCommon.Row(grp.Name, "State", sys, Vcs.GroupState(s, grp, sys, now)));
                        }
                    }
                    return sb.ToString();
                }));
            case "-value" when a.Positional.Count == 2:
                return VcsCommon.Print(ctx, VcsCommon.Step(ctx, (s, now) => Value(s, ctx, VcsCommon.Group(s, g!), a.Positional[1], a.Sys, now)) + "\n");
            case "-freeze" or "-unfreeze" when a.Positional.Count == 1:
                VcsCommon.Step(ctx, (s, _) =>
                {
                    VcsGroup grp = VcsCommon.Group(s, g!);
                    bool freeze = a.Op == "-freeze";
                    if (a.Flags.Contains("-persistent"))
                    {
                        if (!s.ConfigWritable)
                        {
                            throw VcsCommon.Warn("10133", $"Cannot {a.Op[1..]} group {grp.Name} persistently: the configuration is read-only (run haconf -makerw first)");
                        }
                        grp.Frozen = freeze;
                    }
                    else
                    {
                        grp.TFrozen = freeze;
                    }
                    return 0;
                }, mutates: true);
                return 0;
            case "-online" or "-offline" when a.Positional.Count == 1:
                VcsCommon.Step(ctx, (s, now) =>
                {
                    VcsGroup grp = VcsCommon.Group(s, g!);
                    string sys = VcsCommon.System(s, a.Sys);
                    VcsCommon.RequireNotFrozen(grp);
                    bool online = a.Op == "-online";
                    List<ResourceInfo> resources = Vcs.Resources(s, grp.Name);
                    if (online)
                    {
                        if (resources.Any(r => Vcs.Rs(s, r.Name, sys).Faulted))
                        {
                            throw VcsCommon.Warn("10165", $"Group {grp.Name} has a faulted resource on system {sys}; clear it first (hagrp -clear)");
                        }
                        if (Vcs.ActiveElsewhere(s, grp, sys, now) is { } other)
                        {
                            throw VcsCommon.Warn("10164", $"Group {grp.Name} is online or partial on system {other}; a failover group can be online on one system only");
                        }
                    }
                    foreach (ResourceInfo r in resources)
                    {
                        bool isOnline = Vcs.ResourceState(s, r, sys, now) == "ONLINE";
                        if (isOnline != online)
                        {
                            s.VcsPending.RemoveAll(p => p.Resource == r.Name && p.System == sys);
                            // A group coming online stays STARTING for at least one full monitoring interval (online entry
                            // point, then a monitor cycle; sim set --start-time), so a caller must wait for it (hagrp -wait ... State ONLINE).
                            double requested = online ? now + s.StartDelay : now;
                            s.VcsPending.Add(new VcsPending { Resource = r.Name, System = sys, Online = online, Requested = requested, GroupOp = true });
                        }
                    }
                    return 0;
                }, mutates: true);
                return 0;
            case "-clear" when a.Positional.Count == 1:
                VcsCommon.Step(ctx, (s, _) =>
                {
                    VcsGroup grp = VcsCommon.Group(s, g!);
                    foreach (string sys in VcsCommon.Systems(s, a.Sys))
                    {
                        foreach (ResourceInfo r in Vcs.Resources(s, grp.Name))
                        {
                            VcsHares.Clear(s, r, sys);
                        }
                    }
                    return 0;
                }, mutates: true);
                return 0;
            case "-wait" when a.Positional.Count == 3:
                if (a.Positional[1] != "State")
                {
                    return ctx.Fail("VCS WARNING V-16-1-10606 hagrp -wait: only the State attribute is simulated", 1);
                }
                string wanted = a.Positional[2];
                if (wanted.Split('|', StringSplitOptions.RemoveEmptyEntries).Any(f => Array.IndexOf(GroupFlags, f.ToUpperInvariant()) < 0))
                {
                    return ctx.Fail($"VCS WARNING V-16-1-10602 Invalid group state '{wanted}' (flags: {string.Join(", ", GroupFlags)})", 1);
                }
                return VcsCommon.Wait(ctx, a,
                    (s, now, sys) => Vcs.GroupState(s, VcsCommon.Group(s, g!), sys, now),
                    v => Vcs.SameFlags(v, wanted),
                    sys => $"group {g} State {wanted} on system {sys}");
            case "-resources" when a.Positional.Count == 1:
                return VcsCommon.Print(ctx, VcsCommon.Step(ctx, (s, _) =>
                    string.Concat(Vcs.Resources(s, VcsCommon.Group(s, g!).Name).Select(r => r.Name + "\n"))));
            case "-list" when a.Positional.Count == 0:
                return VcsCommon.Print(ctx, VcsCommon.Step(ctx, (s, _) =>
                    string.Concat(s.Groups.SelectMany(x => Vcs.Systems(s).Select(n => VcsCommon.Pad(x.Name, 15) + n + "\n")))));
            default:
                return ctx.Fail(Usage, 1);
        }
    }

    private static string Value(SimState s, ToolContext ctx, VcsGroup g, string attr, string? sysArg, double now)
    {
        string sys = sysArg is null ? ctx.Node(s) : VcsCommon.System(s, sysArg);
        return attr switch
        {
            "State" => Vcs.GroupState(s, g, sys, now),
            "TFrozen" => g.TFrozen ? "1" : "0",
            "Frozen" => g.Frozen ? "1" : "0",
            "SystemList" => string.Join(" ", s.Nodes.Select((n, i) => $"{n.Name} {i}")),
            "AutoStartList" => string.Join(" ", s.Nodes.Select(n => n.Name)),
            "Parallel" => "0",
            "Enabled" => "1",
            "Probed" => "1",
            _ => throw VcsCommon.Warn("10554", $"No attribute named {attr} for group {g.Name}"),
        };
    }
}

internal static class VcsHares
{
    private const string Usage =
        "VCS WARNING V-16-1-10602 Usage: hares -state [resource] [-sys system] | -value resource attribute [-sys system] | " +
        "-online|-offline resource -sys system [-ignoreparent] | -clear resource [-sys system] | " +
        "-wait resource State value [-sys system] [-time seconds] | -list";

    public static int Run(ToolContext ctx)
    {
        var a = new VcsArgs(ctx.Args);
        string? name = a.Positional.FirstOrDefault();
        switch (a.Op)
        {
            case "-state" when a.Positional.Count <= 1:
                return VcsCommon.Print(ctx, VcsCommon.Step(ctx, (s, now) =>
                {
                    IEnumerable<ResourceInfo> list = name is null ? s.Resources : new[] { VcsCommon.Resource(s, name) };
                    List<string> systems = VcsCommon.Systems(s, a.Sys).ToList();
                    if (name is not null && a.Sys is not null)
                    {
                        return Vcs.ResourceState(s, list.First(), systems[0], now) + "\n";
                    }
                    var sb = new StringBuilder(VcsCommon.Row("#Resource", "Attribute", "System", "Value"));
                    foreach (ResourceInfo r in list)
                    {
                        foreach (string sys in systems)
                        {
                            sb.Append(VcsCommon.Row(r.Name, "State", sys, Vcs.ResourceState(s, r, sys, now)));
                        }
                    }
                    return sb.ToString();
                }));
            case "-value" when a.Positional.Count == 2:
                return VcsCommon.Print(ctx, VcsCommon.Step(ctx, (s, now) =>
                {
                    ResourceInfo r = VcsCommon.Resource(s, name!);
                    string sys = a.Sys is null ? ctx.Node(s) : VcsCommon.System(s, a.Sys);
                    return a.Positional[1] switch
                    {
                        "State" => Vcs.ResourceState(s, r, sys, now),
                        "MountPoint" => r.MountPoint,
                        "BlockDevice" => r.Device,
                        "FSType" => r.FsType,
                        "Group" => r.App,
                        "Type" => r.Type,
                        "Critical" or "Enabled" => "1",
                        _ => throw VcsCommon.Warn("10554", $"No attribute named {a.Positional[1]} for resource {r.Name}"),
                    };
                }) + "\n");
            case "-online" or "-offline" when a.Positional.Count == 1:
                VcsCommon.Step(ctx, (s, now) =>
                {
                    ResourceInfo r = VcsCommon.Resource(s, name!);
                    string sys = VcsCommon.System(s, a.Sys);
                    VcsGroup g = VcsCommon.GroupOf(s, r);
                    VcsCommon.RequireNotFrozen(g);
                    bool online = a.Op == "-online";
                    if (online && Vcs.Rs(s, r.Name, sys).Faulted)
                    {
                        throw VcsCommon.Warn("10165", $"Resource {r.Name} is faulted on system {sys}; clear the fault first (hares -clear)");
                    }
                    if (online && Vcs.ActiveElsewhere(s, g, sys, now) is { } other)
                    {
                        throw VcsCommon.Warn("10164", $"Group {g.Name} is online or partial on system {other}; a failover group can be online on one system only");
                    }
                    // The agent acts at its next tick; the command returns at once.
                    s.VcsPending.RemoveAll(p => p.Resource == r.Name && p.System == sys);
                    s.VcsPending.Add(new VcsPending { Resource = r.Name, System = sys, Online = online, Requested = now });
                    return 0;
                }, mutates: true);
                return 0;
            case "-clear" when a.Positional.Count == 1:
                VcsCommon.Step(ctx, (s, _) =>
                {
                    ResourceInfo r = VcsCommon.Resource(s, name!);
                    foreach (string sys in VcsCommon.Systems(s, a.Sys))
                    {
                        Clear(s, r, sys);
                    }
                    return 0;
                }, mutates: true);
                return 0;
            case "-wait" when a.Positional.Count == 3:
                if (a.Positional[1] != "State")
                {
                    return ctx.Fail("VCS WARNING V-16-1-10606 hares -wait: only the State attribute is simulated", 1);
                }
                string wanted = a.Positional[2];
                if (!Vcs.IsResourceState(wanted))
                {
                    return ctx.Fail($"VCS WARNING V-16-1-10602 Invalid resource state '{wanted}' (one of {string.Join(", ", Vcs.ResourceStates)})", 1);
                }
                return VcsCommon.Wait(ctx, a,
                    (s, now, sys) => Vcs.ResourceState(s, VcsCommon.Resource(s, name!), sys, now),
                    v => v == wanted,
                    sys => $"resource {name} State {wanted} on system {sys}");
            case "-list" when a.Positional.All(p => p.Contains('=')):
                // Conditions Attribute=Value (only Type and Group are simulated) narrow the list, as 'hares -list Type=Mount'.
                return VcsCommon.Print(ctx, VcsCommon.Step(ctx, (s, _) =>
                    string.Concat(s.Resources.Where(r => a.Positional.All(p => Matches(r, p))).SelectMany(r => Vcs.Systems(s).Select(n => VcsCommon.Pad(r.Name, 15) + n + "\n")))));
            default:
                return ctx.Fail(Usage, 1);
        }
    }

    private static bool Matches(ResourceInfo r, string condition)
    {
        string[] kv = condition.Split('=', 2);
        return kv[0] switch
        {
            "Type" => r.Type == kv[1],
            "Group" => r.App == kv[1],
            _ => throw VcsCommon.Warn("10554", $"No attribute named {kv[0]} (only Type and Group conditions are simulated)"),
        };
    }

    // After a clear the resource is re-probed: a mounted file system is online again.
    public static void Clear(SimState s, ResourceInfo r, string sys)
    {
        VcsResState rs = Vcs.Rs(s, r.Name, sys);
        if (!rs.Faulted)
        {
            return;
        }
        rs.Faulted = false;
        rs.Expected = sys == s.LocalNode && Detector.MountedNow(s, r.MountPoint);
    }
}

internal static class VcsHaconf
{
    public static int Run(ToolContext ctx)
    {
        string[] a = ctx.Args;
        bool makerw = a.Length == 1 && a[0] == "-makerw";
        bool dump = a.Length >= 1 && a[0] == "-dump" && a.Skip(1).All(x => x == "-makero");
        if (!makerw && !dump)
        {
            return ctx.Fail("VCS WARNING V-16-1-10602 Usage: haconf -makerw | haconf -dump [-makero]", 1);
        }
        VcsCommon.Step(ctx, (s, _) =>
        {
            if (makerw)
            {
                if (s.ConfigWritable)
                {
                    throw VcsCommon.Warn("10364", "Cluster already writable.");
                }
                s.ConfigWritable = true;
            }
            else if (a.Contains("-makero"))
            {
                if (!s.ConfigWritable)
                {
                    throw VcsCommon.Warn("10369", "Cluster not writable.");
                }
                s.ConfigWritable = false;
            }
            return 0;
        }, mutates: true);
        return 0;
    }
}

internal static class VcsHastatus
{
    public static int Run(ToolContext ctx)
    {
        if (!(ctx.Args.Length == 1 && ctx.Args[0] is "-sum" or "-summary"))
        {
            return ctx.Fail("VCS WARNING V-16-1-10602 Usage: hastatus -sum (only the summary is simulated)", 1);
        }
        return VcsCommon.Print(ctx, VcsCommon.Step(ctx, (s, now) =>
        {
            var sb = new StringBuilder("\n-- SYSTEM STATE\n");
            sb.Append(Line("--", "System", 21, "State", 21, "Frozen"));
            sb.Append('\n');
            foreach (NodeInfo n in s.Nodes)
            {
                sb.Append(Line("A ", n.Name, 21, "RUNNING", 21, "0"));
            }
            sb.Append("\n-- GROUP STATE\n");
            sb.Append(Line("--", "Group", 16, "System", 21, "Probed     AutoDisabled    State"));
            sb.Append('\n');
            foreach (VcsGroup g in s.Groups)
            {
                foreach (NodeInfo n in s.Nodes)
                {
                    string st = Vcs.GroupState(s, g, n.Name, now).Trim('|');
                    sb.Append(Line("B ", g.Name, 16, n.Name, 21, "Y          N               " + st));
                }
            }
            var failed = s.Resources.SelectMany(r => s.Nodes.Where(n => Vcs.ResourceState(s, r, n.Name, now) == "FAULTED").Select(n => (r, n))).ToList();
            if (failed.Count > 0)
            {
                sb.Append("\n-- RESOURCES FAILED\n");
                sb.Append(Line("--", "Group", 16, "Type", 21, "Resource             System"));
                sb.Append('\n');
                foreach ((ResourceInfo r, NodeInfo n) in failed)
                {
                    sb.Append(Line("D ", r.App, 16, r.Type, 21, VcsCommon.Pad(r.Name, 21) + n.Name));
                }
            }
            return sb.ToString();
        }));
    }

    private static string Line(string tag, string a, int wa, string b, int wb, string rest) =>
        (tag + " " + VcsCommon.Pad(a, wa) + VcsCommon.Pad(b, wb) + rest).TrimEnd() + "\n";
}
