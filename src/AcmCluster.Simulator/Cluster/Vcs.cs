using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Cluster;

// The VCS engine, computed lazily like the RMS detector: every call first
// applies the monitoring ticks that have passed since the last call (Advance),
// in time order, from the timestamped mount events and pending requests.
// At a tick: pending hares/hagrp -online/-offline requests are carried out
// (mount/unmount dated at the tick); a Mount resource VCS expects online
// whose mount point is gone becomes FAULTED; a non-frozen group with a
// fault is cleaned on that system and failed over to the other one.
internal static class Vcs
{
    public static readonly string[] ResourceStates = { "ONLINE", "OFFLINE", "FAULTED", "UNKNOWN" };

    public const string EngineDown = "VCS ERROR V-16-1-10600 Cannot connect to VCS engine";

    public static bool IsVcs(SimState s) => s.Cluster == "vcs";

    public static bool IsResourceState(string v) => Array.IndexOf(ResourceStates, v) >= 0;

    public static VcsGroup? FindGroup(SimState s, string name) => s.Groups.FirstOrDefault(g => g.Name == name);

    public static bool IsFrozen(VcsGroup g) => g.Frozen || g.TFrozen;

    public static List<ResourceInfo> Resources(SimState s, string group) => s.Resources.Where(r => r.App == group).ToList();

    public static IEnumerable<string> Systems(SimState s) => s.Nodes.Select(n => n.Name);

    public static VcsResState Rs(SimState s, string resource, string system)
    {
        VcsResState? rs = s.VcsStates.FirstOrDefault(x => x.Resource == resource && x.System == system);
        if (rs is null)
        {
            rs = new VcsResState { Resource = resource, System = system };
            s.VcsStates.Add(rs);
        }
        return rs;
    }

    // ---- states as hares/hagrp report them ------------------------------------

    public static string ResourceState(SimState s, ResourceInfo r, string system, double now)
    {
        if (system == s.LocalNode && s.Faults.Stuck.FirstOrDefault(f => f.Resource == r.Name) is { } stuck)
        {
            return stuck.State;
        }
        VcsResState rs = Rs(s, r.Name, system);
        if (rs.Faulted)
        {
            return "FAULTED";
        }
        if (system == s.LocalNode)
        {
            return Detector.MountedAt(s, r.MountPoint, Detector.LastTick(s, now)) ? "ONLINE" : "OFFLINE";
        }
        return rs.Expected ? "ONLINE" : "OFFLINE";
    }

    public static string GroupState(SimState s, VcsGroup g, string system, double now)
    {
        List<string> states = Resources(s, g.Name).Select(r => ResourceState(s, r, system, now)).ToList();
        int online = states.Count(x => x == "ONLINE");
        var flags = new List<string> { online == 0 ? "OFFLINE" : online == states.Count ? "ONLINE" : "PARTIAL" };
        if (states.Contains("FAULTED"))
        {
            flags.Add("FAULTED");
        }
        var groupOps = s.VcsPending.Where(p => p.GroupOp && p.System == system && Resources(s, g.Name).Any(r => r.Name == p.Resource)).ToList();
        if (groupOps.Any(p => p.Online))
        {
            flags.Add("STARTING");
        }
        if (groupOps.Any(p => !p.Online))
        {
            flags.Add("STOPPING");
        }
        return "|" + string.Join("|", flags) + "|";
    }

    // "OFFLINE" and "|OFFLINE|" match "|OFFLINE|" only (not "|OFFLINE|FAULTED|").
    public static bool SameFlags(string actual, string wanted)
    {
        static string[] Norm(string v) =>
            v.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
             .Select(x => x.ToUpperInvariant()).OrderBy(x => x, StringComparer.Ordinal).ToArray();
        return Norm(actual).SequenceEqual(Norm(wanted));
    }

    // ---- the engine ---------------------------------------------------------------

    public static bool Advance(SimState s, double now)
    {
        if (!IsVcs(s))
        {
            return false;
        }
        double last = Detector.LastTick(s, now);
        if (last <= s.VcsAdvanced)
        {
            return false;
        }
        if (!s.HadRunning)
        {
            // Nothing is monitored while HAD is down; requests cannot be made.
            s.VcsPending.Clear();
            s.VcsAdvanced = last;
            return true;
        }
        var ticks = new SortedSet<double>();
        if (s.Interval <= 0)
        {
            ticks.Add(now);
        }
        else
        {
            foreach (ResourceInfo r in s.Resources)
            {
                if (s.MountEvents.TryGetValue(r.MountPoint, out List<MountEvent>? events))
                {
                    foreach (MountEvent e in events.Where(e => e.Time > s.VcsAdvanced))
                    {
                        AddTick(s, ticks, e.Time, last, atOrAfter: true);
                    }
                }
            }
            foreach (VcsPending p in s.VcsPending)
            {
                AddTick(s, ticks, Math.Max(p.Requested, s.VcsAdvanced), last, atOrAfter: false);
            }
            // Mismatches left from before (e.g. after hares -clear) resolve now.
            ticks.Add(last);
        }
        foreach (double t in ticks)
        {
            Step(s, t);
        }
        s.VcsAdvanced = last;
        return true;
    }

    private static void AddTick(SimState s, SortedSet<double> ticks, double t, double last, bool atOrAfter)
    {
        double k = (t - s.TickBase) / s.Interval;
        double idx = atOrAfter ? Math.Ceiling(k) : Math.Floor(k) + 1;
        double tick = s.TickBase + (idx * s.Interval);
        if (tick <= last && tick > s.VcsAdvanced)
        {
            ticks.Add(tick);
        }
    }

    private static void Step(SimState s, double t)
    {
        var faulted = new List<(VcsGroup Group, string System)>();
        foreach (VcsGroup g in s.Groups)
        {
            foreach (string sys in Systems(s).ToList())
            {
                foreach (ResourceInfo r in Resources(s, g.Name))
                {
                    VcsResState rs = Rs(s, r.Name, sys);
                    VcsPending? p = s.VcsPending.FirstOrDefault(x => x.Resource == r.Name && x.System == sys && x.Requested < t);
                    if (p is not null)
                    {
                        s.VcsPending.Remove(p);
                        Carry(s, r, rs, p.Online, t);
                        continue;
                    }
                    if (sys != s.LocalNode || s.Faults.Stuck.Any(f => f.Resource == r.Name))
                    {
                        continue;
                    }
                    bool mounted = Detector.MountedAt(s, r.MountPoint, t);
                    if (mounted && rs.Faulted)
                    {
                        // Brought back outside VCS: the monitor sees it online again.
                        rs.Faulted = false;
                        rs.Expected = true;
                    }
                    else if (!mounted && rs.Expected && !rs.Faulted)
                    {
                        rs.Faulted = true;
                        rs.Expected = false;
                        if (!faulted.Contains((g, sys)))
                        {
                            faulted.Add((g, sys));
                        }
                    }
                }
            }
        }
        foreach ((VcsGroup g, string sys) in faulted.Where(f => !IsFrozen(f.Group)))
        {
            Failover(s, g, sys, t);
        }
    }

    // The agent's online/offline entry point, run at a tick.
    private static void Carry(SimState s, ResourceInfo r, VcsResState rs, bool online, double t)
    {
        bool local = rs.System == s.LocalNode && !s.RealMounts;
        if (online)
        {
            if (local && MountOps.ByMountPoint(s, r.MountPoint) is null)
            {
                MountOps.Add(s, r.Device, r.MountPoint, r.FsType, "rw,relatime", t);
            }
            rs.Expected = true;
            rs.Faulted = false;
            return;
        }
        if (local && MountOps.ByMountPoint(s, r.MountPoint) is { } m)
        {
            if (MountOps.Busy(s, m.MountPoint) is not null)
            {
                // The offline entry point failed: the resource stays ONLINE.
                return;
            }
            MountOps.Remove(s, m, t);
        }
        rs.Expected = false;
    }

    // Clean the faulted group on that system and bring it up on another one.
    private static void Failover(SimState s, VcsGroup g, string from, double t)
    {
        List<ResourceInfo> resources = Resources(s, g.Name);
        s.VcsPending.RemoveAll(p => resources.Any(r => r.Name == p.Resource));
        foreach (ResourceInfo r in resources)
        {
            VcsResState rs = Rs(s, r.Name, from);
            if (!rs.Faulted)
            {
                Carry(s, r, rs, online: false, t);
            }
        }
        string? target = Systems(s).FirstOrDefault(n => n != from && !resources.Any(r => Rs(s, r.Name, n).Faulted));
        if (target is null)
        {
            return;
        }
        foreach (ResourceInfo r in resources)
        {
            Carry(s, r, Rs(s, r.Name, target), online: true, t);
        }
    }

    // HAD started again: temporary freezes are gone and resources are re-probed.
    public static void Restarted(SimState s, double now)
    {
        foreach (VcsGroup g in s.Groups)
        {
            g.TFrozen = false;
        }
        s.VcsPending.Clear();
        foreach (ResourceInfo r in s.Resources)
        {
            VcsResState rs = Rs(s, r.Name, s.LocalNode);
            rs.Faulted = false;
            rs.Expected = Detector.MountedNow(s, r.MountPoint);
        }
        s.VcsAdvanced = Math.Max(s.VcsAdvanced, Detector.LastTick(s, now));
    }

    // A failover group may be ONLINE/PARTIAL on one system only.
    public static string? ActiveElsewhere(SimState s, VcsGroup g, string system, double now) =>
        Systems(s).FirstOrDefault(n => n != system && GroupState(s, g, n, now) is var st
            && (st.Contains("|ONLINE|", StringComparison.Ordinal) || st.Contains("|PARTIAL|", StringComparison.Ordinal)
                || st.Contains("STARTING", StringComparison.Ordinal)));
}
