using System.Linq;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

internal static class RmsHvswitch
{
    public static int Run(ToolContext ctx)
    {
        string[] a = ctx.Args.Where(x => x != "-f").ToArray();
        if (a.Length is < 1 or > 2)
        {
            return ctx.Fail("Usage: hvswitch [-f] userApplication [SysNode]", 2);
        }
        string? error = ctx.Store.Locked(s =>
        {
            Rms.RequireRunning(s, "hvswitch");
            AppInfo? app = Rms.FindApp(s, a[0]);
            if (app is null)
            {
                return $"hvswitch: ERROR: userApplication '{a[0]}' does not exist";
            }
            if (app.Maintenance)
            {
                return $"hvswitch: ERROR: userApplication {app.Name} is in maintenance mode";
            }
            NodeInfo? target = a.Length == 2
                ? s.Nodes.FirstOrDefault(n => n.SysNode == a[1] || n.Name == a[1])
                : Rms.Local(s);
            if (target is null)
            {
                return $"hvswitch: ERROR: SysNode '{a[1]}' does not exist";
            }
            double now = Clock.Now();
            string? err = target.Name == s.LocalNode ? MountLocal(s, app, now) : UnmountLocal(s, app, now);
            if (err is not null)
            {
                return err;
            }
            foreach (NodeInfo n in s.Nodes)
            {
                app.States[n.Name] = n.Name == target.Name ? "Online" : "Standby";
            }
            app.StartedAt.Clear();
            if (target.Name == s.LocalNode)
            {
                app.StartedAt[target.Name] = now.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            }
            return null;
        }, save: true);
        return error is null ? 0 : ctx.Fail(error, 1);
    }

    private static string? MountLocal(SimState s, AppInfo app, double now)
    {
        if (s.RealMounts)
        {
            return null;
        }
        foreach (ResourceInfo r in MountOps.AppResources(s, app.Name))
        {
            if (MountOps.ByMountPoint(s, r.MountPoint) is null)
            {
                MountOps.Add(s, r.Device, r.MountPoint, r.FsType, "rw,relatime", now);
            }
        }
        return null;
    }

    public static string? UnmountLocal(SimState s, AppInfo app, double now)
    {
        if (s.RealMounts)
        {
            return null;
        }
        var resources = MountOps.AppResources(s, app.Name);
        foreach (ResourceInfo r in resources)
        {
            if (MountOps.ByMountPoint(s, r.MountPoint) is not null && MountOps.Busy(s, r.MountPoint) is not null)
            {
                return $"RMS: ERROR: resource {r.Name} could not be taken offline: umount: {r.MountPoint}: target is busy.";
            }
        }
        foreach (ResourceInfo r in resources)
        {
            MountEntry? m = MountOps.ByMountPoint(s, r.MountPoint);
            if (m is not null)
            {
                MountOps.Remove(s, m, now);
            }
        }
        return null;
    }
}
