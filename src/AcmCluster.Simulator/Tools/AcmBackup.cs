using System.Linq;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

internal static class AcmBackup
{
    private sealed record Plan(string Source, string Target, bool Mounted, double CopyTime, string? LogicalNode);

    public static int Run(ToolContext ctx)
    {
        Acm.Options o = Acm.Parse(ctx, true, "-suspend", "-T");
        string device = o.Device!;
        // Decide and record under the lock, copy and wait outside it, so that
        // backups of different volumes really overlap in time.
        Plan plan = ctx.Store.Locked(s =>
        {
            double now = Clock.Now();
            DeviceInfo tv = Acm.RequireTransaction(s, ctx, device);
            var sessions = s.Sessions.Where(e => e.Transaction == tv.Name).ToList();
            EcSession? equivalent = sessions.FirstOrDefault(e => Acm.SessionStatus(s, e, now).Status == "equivalent");
            EcSession? executing = sessions.FirstOrDefault(e => Acm.SessionStatus(s, e, now).Status == "executing");
            if (equivalent is null && executing is not null)
            {
                throw Acm.Error(ctx, "swst0607", $"The synchronous processing is not in equivalency-maintenance state. Device={tv.Name} Backup-Device={executing.Backup} Execute={Acm.SessionStatus(s, executing, now).Execute}");
            }
            bool mounted = Acm.IsMounted(s, tv);
            if (mounted)
            {
                ctx.Store.LogScript(s, "OpcBackup.pre", tv.Name, ctx.SwstgNode);
            }
            DeviceInfo backup;
            double copyTime;
            if (equivalent is not null)
            {
                backup = s.Devices.First(d => d.Name == equivalent.Backup);
                // History on the EC volume is replaced by this backup.
                s.History.RemoveAll(h => h.Backup == backup.Name);
                if (o.Suspend)
                {
                    equivalent.Suspended = true;
                }
                else
                {
                    s.Sessions.Remove(equivalent);
                }
                copyTime = 0;
                Acm.Record(s, tv, backup, "EC", now, copyTime);
            }
            else
            {
                backup = Acm.ClaimBackupVolume(s, tv)
                    ?? throw Acm.Error(ctx, "swst0603", $"There is no backup volume that can be used. Device={tv.Name}");
                copyTime = s.CopyTime;
                Acm.Record(s, tv, backup, o.Differential ? "QuickOPC" : "OPC", now, copyTime);
            }
            return new Plan(tv.DataPath, backup.DataPath, mounted, copyTime, ctx.SwstgNode);
        }, save: true);

        Acm.CopyData(plan.Source, plan.Target);
        Clock.SleepSeconds(plan.CopyTime);
        if (plan.Mounted)
        {
            ctx.Store.Locked(s =>
            {
                ctx.Store.LogScript(s, "OpcBackup.post", device, plan.LogicalNode);
                return 0;
            }, save: true);
        }
        ctx.Out.WriteLine(Acm.Completed(ctx, device));
        return 0;
    }
}
