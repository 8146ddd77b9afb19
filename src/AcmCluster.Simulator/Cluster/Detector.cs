using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Cluster;

// The RMS Fsystem detector only notices a mount/unmount at its next monitoring
// tick; modelling that lag lazily (no daemon) is the point of the simulator,
// because the backup procedure must wait at least one interval before hvassert.
internal static class Detector
{
    public static double LastTick(SimState s, double now)
    {
        if (s.Interval <= 0 || now < s.TickBase)
        {
            return now;
        }
        double k = Math.Floor((now - s.TickBase) / s.Interval);
        return s.TickBase + (k * s.Interval);
    }

    public static bool MountedNow(SimState s, string mountPoint)
    {
        if (s.RealMounts)
        {
            return RealMountTable().Any(m => m.MountPoint == mountPoint);
        }
        return s.Mounts.Any(m => m.MountPoint == mountPoint);
    }

    public static bool MountedAt(SimState s, string mountPoint, double time)
    {
        if (!s.MountEvents.TryGetValue(mountPoint, out List<MountEvent>? events) || events.Count == 0)
        {
            return MountedNow(s, mountPoint);
        }
        bool mounted = false;
        bool any = false;
        foreach (MountEvent e in events)
        {
            if (e.Time <= time)
            {
                mounted = e.Mounted;
                any = true;
            }
        }
        return any ? mounted : events[0].Mounted;
    }

    public static void RecordEvent(SimState s, string mountPoint, bool mounted, double now)
    {
        if (!s.MountEvents.TryGetValue(mountPoint, out List<MountEvent>? events))
        {
            events = new List<MountEvent>();
            s.MountEvents[mountPoint] = events;
        }
        events.Add(new MountEvent { Time = now, Mounted = mounted });
        Prune(s, events, now);
    }

    // Events older than the latest tick are only needed up to the last one.
    private static void Prune(SimState s, List<MountEvent> events, double now)
    {
        double tick = LastTick(s, now);
        if (s.Cluster == "vcs")
        {
            // The VCS engine still has to replay the ticks after VcsAdvanced.
            tick = Math.Min(tick, s.VcsAdvanced);
        }
        int lastBefore = -1;
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i].Time <= tick)
            {
                lastBefore = i;
            }
        }
        if (lastBefore > 0)
        {
            events.RemoveRange(0, lastBefore);
        }
    }

    // With real mounts we cannot see when the kernel table changed, only that it
    // differs from what we last saw; we date the change just after the previous
    // observation, which is the earliest moment a real detector could have seen it.
    public static bool Observe(SimState s, double now)
    {
        if (!s.RealMounts)
        {
            return false;
        }
        var table = RealMountTable().Select(m => m.MountPoint).ToHashSet();
        foreach (ResourceInfo r in s.Resources)
        {
            bool mounted = table.Contains(r.MountPoint);
            s.MountEvents.TryGetValue(r.MountPoint, out List<MountEvent>? events);
            bool? last = events is { Count: > 0 } ? events[^1].Mounted : null;
            if (last != mounted)
            {
                double when = Math.Max(s.LastObservation + 0.001, events is { Count: > 0 } ? events[^1].Time + 0.001 : 0);
                RecordEvent(s, r.MountPoint, mounted, Math.Min(when, now));
            }
        }
        s.LastObservation = now;
        return true;
    }

    public static List<MountEntry> RealMountTable()
    {
        var list = new List<MountEntry>();
        foreach (string line in File.ReadAllLines("/proc/self/mounts"))
        {
            string[] f = line.Split(' ');
            if (f.Length >= 4)
            {
                list.Add(new MountEntry { Device = Unescape(f[0]), MountPoint = Unescape(f[1]), FsType = f[2], Options = f[3] });
            }
        }
        return list;
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\'))
        {
            return s;
        }
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && IsOctal(s, i + 1))
            {
                sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(s[i]);
            }
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int start) =>
        start + 3 <= s.Length && s.Substring(start, 3).All(c => c >= '0' && c <= '7');
}
