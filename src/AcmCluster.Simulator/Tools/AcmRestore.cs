using System.Linq;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

internal static class AcmRestore
{
    private sealed record Plan(string Source, string Target, bool Mounted, double CopyTime);

    public static int Run(ToolContext ctx)
    {
        Acm.Options o = Acm.Parse(ctx, true, "-g", "-v", "-r");
        if (o.Generation is not null && o.VersionNo is not null)
        {
            throw Acm.Error(ctx, "swst0001", "The -g and -v options cannot be specified together.");
        }
        string device = o.Device!;
        Plan plan = ctx.Store.Locked(s =>
        {
            DeviceInfo tv = Acm.RequireTransaction(s, ctx, device);
            var gens = Acm.Generations(s, tv.Name);
            HistoryEntry? h = o.VersionNo is not null
                ? gens.FirstOrDefault(x => x.Version == o.VersionNo)
                : gens.ElementAtOrDefault((o.Generation ?? 1) - 1);
            if (h is null)
            {
                string which = o.VersionNo is not null ? $" Version={o.VersionNo}" : o.Generation is not null ? $" Generation={o.Generation}" : "";
                throw Acm.Error(ctx, "swst0604", $"There is no backup history.{which} Device={tv.Name}");
            }
            string target = tv.DataPath;
            if (o.RestoreDevice is not null)
            {
                DeviceInfo? r = s.Devices.FirstOrDefault(d => d.Name == o.RestoreDevice);
                if (r is null || r.Role == "Backup")
                {
                    throw Acm.Error(ctx, "swst0605", $"The restore destination device cannot be used. Device={o.RestoreDevice}");
                }
                target = r.DataPath;
            }
            bool mounted = Acm.IsMounted(s, tv);
            if (mounted)
            {
                ctx.Store.LogScript(s, "OpcRestore.pre", tv.Name, ctx.SwstgNode);
            }
            string source = s.Devices.First(d => d.Name == h.Backup).DataPath;
            return new Plan(source, target, mounted, s.CopyTime);
        }, save: true);

        Acm.CopyData(plan.Source, plan.Target);
        Clock.SleepSeconds(plan.CopyTime);
        if (plan.Mounted)
        {
            ctx.Store.Locked(s =>
            {
                ctx.Store.LogScript(s, "OpcRestore.post", device, ctx.SwstgNode);
                return 0;
            }, save: true);
        }
        ctx.Out.WriteLine(Acm.Completed(ctx, device));
        return 0;
    }
}
