using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Cluster;

internal sealed record StateRow(string Resource, string Type, string HostName, string State, string Details);

// Computes what RMS would report right now from the stored facts.
internal static class Rms
{
    public static readonly string[] KnownStates =
    {
        "Online", "Offline", "Faulted", "Standby", "Maintenance", "Deact", "Inconsistent",
        "OfflineFault", "Unknown", "Wait", "Warning",
    };

    public static NodeInfo Local(SimState s) => s.Nodes.First(n => n.Name == s.LocalNode);

    public static AppInfo? FindApp(SimState s, string name) => s.Apps.FirstOrDefault(a => a.Name == name);

    public static ResourceInfo? FindResource(SimState s, string name) => s.Resources.FirstOrDefault(r => r.Name == name);

    // The state of the local copy of a Fsystem resource as the detector saw it.
    public static string ResourceState(SimState s, ResourceInfo r, double now)
    {
        if (s.RemoteView)
        {
            return RemoteResourceState(s, r, s.LocalNode);
        }
        StuckFault? stuck = s.Faults.Stuck.FirstOrDefault(f => f.Resource == r.Name);
        if (stuck is not null)
        {
            return stuck.State;
        }
        bool mounted = Detector.MountedAt(s, r.MountPoint, Detector.LastTick(s, now));
        AppInfo? app = FindApp(s, r.App);
        // Outside maintenance a file system that vanishes under an Online
        // application is a fault; that is what maintenance mode prevents.
        if (!mounted && app is { Maintenance: false } && app.States.GetValueOrDefault(s.LocalNode) == "Online")
        {
            return "Faulted";
        }
        return mounted ? "Online" : "Offline";
    }

    public static string RemoteResourceState(SimState s, ResourceInfo r, string node)
    {
        AppInfo? app = FindApp(s, r.App);
        return app is { Maintenance: false } && app.States.GetValueOrDefault(node) == "Online" ? "Online" : "Offline";
    }

    public static string AppState(SimState s, AppInfo app, string node, double now)
    {
        if (app.Maintenance)
        {
            return "Maintenance";
        }
        string st = app.States.GetValueOrDefault(node, "Offline");
        if (st == "Online" && Starting(s, app, node, now))
        {
            return "Offline";
        }
        if (node == s.LocalNode && st == "Online"
            && s.Resources.Where(r => r.App == app.Name).Any(r => ResourceState(s, r, now) == "Faulted"))
        {
            return "Faulted";
        }
        return st;
    }

    // hvswitch returns before the application is Online: on this node RMS reports it Online once the detector has
    // seen its resources come up, one full monitoring interval (or sim set --start-time) later (so callers must wait: hvassert -w).
    public static bool Starting(SimState s, AppInfo app, string node, double now)
        => app.StartedAt.TryGetValue(node, out string? at)
           && double.TryParse(at, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double started)
           && Detector.LastTick(s, now) < started + s.StartDelay;

    // RMS guide 4.6, 7.4.4 (fidelity-evidence item 2): in maintenance mode the userApplication's StateDetails show
    // the pre-maintenance state, with '!!' ('Offline intended' for Offline) while a resource is not back in it.
    public static string AppDetails(SimState s, AppInfo app, string node, double now)
    {
        if (app.Maintenance)
        {
            string pre = app.IntendedStates.GetValueOrDefault(node, "");
            if (node != s.LocalNode || !NotBack(s, app, now))
            {
                return pre;
            }
            return pre == "Offline" ? "Offline intended" : pre + "!!";
        }
        return AppState(s, app, node, now) == "Faulted" ? "Faulted" : "";
    }

    private static bool NotBack(SimState s, AppInfo app, double now) =>
        s.Resources.Where(r => r.App == app.Name)
            .Any(r => app.PreMaintenance.TryGetValue(r.Name, out string? pre) && pre != ResourceState(s, r, now));

    // Resource rows carry no maintenance details; the userApplication row does.
    public static string ResourceDetails(SimState s, ResourceInfo r, string state) => state == "Faulted" ? "Faulted" : "";

    // Resolves any hvassert operand: SysNode, userApp or resource.
    public static string? StateOf(SimState s, string name, double now)
    {
        if (s.Nodes.Any(n => n.SysNode == name || n.Name == name))
        {
            return "Online";
        }
        AppInfo? app = FindApp(s, name);
        if (app is not null)
        {
            return AppState(s, app, s.LocalNode, now);
        }
        ResourceInfo? r = FindResource(s, name);
        return r is null ? null : ResourceState(s, r, now);
    }

    public static List<StateRow> Rows(SimState s, double now)
    {
        var rows = new List<StateRow>();
        foreach (NodeInfo n in s.Nodes)
        {
            rows.Add(new StateRow(n.SysNode, "SysNode", "", "Online", ""));
        }
        foreach (AppInfo app in s.Apps)
        {
            foreach (NodeInfo n in LocalFirst(s))
            {
                rows.Add(new StateRow(app.Name, "userApp", HostName(s, n), AppState(s, app, n.Name, now), AppDetails(s, app, n.Name, now)));
            }
            // RMS Wizard Tools 4.6, Appendix C (fidelity-evidence item 1): an andOp child per node, its HostName an
            // attribute; hvdisp shows it with no State.
            foreach (NodeInfo n in s.Nodes)
            {
                rows.Add(new StateRow($"{app.Name}_{n.Name}", "andOp", n.SysNode, "", ""));
            }
        }
        foreach (ResourceInfo r in s.Resources)
        {
            foreach (NodeInfo n in LocalFirst(s))
            {
                if (n.Name == s.LocalNode)
                {
                    string st = ResourceState(s, r, now);
                    rows.Add(new StateRow(r.Name, r.Type, "", st, ResourceDetails(s, r, st)));
                }
                else
                {
                    rows.Add(new StateRow(r.Name, r.Type, n.SysNode, RemoteResourceState(s, r, n.Name), ""));
                }
            }
        }
        return rows;
    }

    private static IEnumerable<NodeInfo> LocalFirst(SimState s) =>
        s.Nodes.Where(n => n.Name == s.LocalNode).Concat(s.Nodes.Where(n => n.Name != s.LocalNode));

    private static string HostName(SimState s, NodeInfo n) => n.Name == s.LocalNode ? "" : n.SysNode;

    public static void RequireRunning(SimState s, string tool)
    {
        if (!s.RmsRunning)
        {
            throw new SimException($"{tool}: RMS is not running", 1);
        }
    }

    public static bool IsKnownState(string state) => Array.IndexOf(KnownStates, state) >= 0;
}
