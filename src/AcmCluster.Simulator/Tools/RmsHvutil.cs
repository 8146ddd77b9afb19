using System.Collections.Generic;
using System.Linq;
using System.Text;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

internal static class RmsHvutil
{
    private const string Usage = "Usage: hvutil -m {on|off|forceoff} userApplication | hvutil -M {on|off|forceoff} | hvutil -f userApplication";

    public static int Run(ToolContext ctx)
    {
        string[] a = ctx.Args;
        if (a.Length == 3 && a[0] == "-m")
        {
            return Maintenance(ctx, a[1], new[] { a[2] });
        }
        if (a.Length == 2 && a[0] == "-M")
        {
            string[] all = ctx.Store.Locked(s => s.Apps.Select(x => x.Name).ToArray(), save: false);
            return Maintenance(ctx, a[1], all);
        }
        if (a.Length == 2 && a[0] == "-f")
        {
            return Offline(ctx, a[1]);
        }
        return ctx.Fail(Usage, 2);
    }

    private static int Maintenance(ToolContext ctx, string mode, string[] apps)
    {
        if (mode is not ("on" or "off" or "forceoff"))
        {
            return ctx.Fail(Usage, 2);
        }
        (int code, string text) = ctx.Store.Locked(s =>
        {
            Rms.RequireRunning(s, "hvutil");
            double now = Clock.Now();
            var errors = new StringBuilder();
            foreach (string name in apps)
            {
                AppInfo? app = Rms.FindApp(s, name);
                if (app is null)
                {
                    errors.Append($"hvutil: ERROR: userApplication '{name}' does not exist\n");
                    continue;
                }
                switch (mode)
                {
                    case "on":
                        if (app.Maintenance)
                        {
                            break;
                        }
                        app.PreMaintenance = MountOps.AppResources(s, app.Name).ToDictionary(r => r.Name, r => Rms.ResourceState(s, r, now));
                        app.IntendedStates = new Dictionary<string, string>(app.States);
                        app.Maintenance = true;
                        break;
                    case "off":
                        if (!app.Maintenance)
                        {
                            errors.Append($"hvutil: ERROR: userApplication {app.Name} is not in maintenance mode\n");
                            break;
                        }
                        var bad = new List<string>();
                        foreach (ResourceInfo r in MountOps.AppResources(s, app.Name))
                        {
                            string cur = Rms.ResourceState(s, r, now);
                            string pre = app.PreMaintenance.GetValueOrDefault(r.Name, cur);
                            if (cur != pre)
                            {
                                bad.Add($"hvutil: ERROR: cannot leave maintenance mode for {app.Name}: resource {r.Name} is {cur}, but was {pre} before maintenance mode");
                            }
                        }
                        if (bad.Count > 0)
                        {
                            foreach (string line in bad)
                            {
                                errors.Append(line).Append('\n');
                            }
                            break;
                        }
                        Leave(app);
                        break;
                    default:
                        Leave(app);
                        break;
                }
            }
            return errors.Length == 0 ? (0, "") : (1, errors.ToString());
        }, save: true);
        if (code != 0)
        {
            ctx.Err.Write(text);
        }
        return code;
    }

    private static void Leave(AppInfo app)
    {
        app.Maintenance = false;
        app.PreMaintenance.Clear();
        app.IntendedStates.Clear();
    }

    private static int Offline(ToolContext ctx, string name)
    {
        string? error = ctx.Store.Locked(s =>
        {
            Rms.RequireRunning(s, "hvutil");
            AppInfo? app = Rms.FindApp(s, name);
            if (app is null)
            {
                return $"hvutil: ERROR: userApplication '{name}' does not exist";
            }
            if (app.Maintenance)
            {
                return $"hvutil: ERROR: userApplication {name} is in maintenance mode";
            }
            string? err = RmsHvswitch.UnmountLocal(s, app, Clock.Now());
            if (err is not null)
            {
                return err;
            }
            foreach (string node in app.States.Keys.ToList())
            {
                app.States[node] = "Offline";
            }
            return null;
        }, save: true);
        return error is null ? 0 : ctx.Fail(error, 1);
    }
}
