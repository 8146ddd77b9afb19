using System.Collections.Generic;
using System.Linq;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

// EC sessions: "executing" turns "equivalent" SyncTime seconds after start,
// computed on read so no background process is needed.
internal static class AcmSync
{
    public static int StartSync(ToolContext ctx)
    {
        Acm.Options o = Acm.Parse(ctx, true);
        string device = o.Device!;
        ctx.Store.Locked(s =>
        {
            double now = Clock.Now();
            DeviceInfo tv = Acm.RequireTransaction(s, ctx, device);
            var sessions = s.Sessions.Where(e => e.Transaction == tv.Name).ToList();
            EcSession? active = sessions.FirstOrDefault(e => !e.Suspended);
            if (active is not null)
            {
                (string status, _) = Acm.SessionStatus(s, active, now);
                throw Acm.Error(ctx, "swst0608", $"Synchronous processing is already in progress. Device={tv.Name} Backup-Device={active.Backup} Status={status}");
            }
            EcSession? suspended = sessions.FirstOrDefault();
            if (suspended is not null)
            {
                // Resuming overwrites the suspended copy, so its history goes.
                s.History.RemoveAll(h => h.Backup == suspended.Backup);
                suspended.Suspended = false;
                suspended.Start = now;
                return 0;
            }
            DeviceInfo backup = Acm.ClaimBackupVolume(s, tv)
                ?? throw Acm.Error(ctx, "swst0603", $"There is no backup volume that can be used. Device={tv.Name}");
            s.Sessions.Add(new EcSession { Transaction = tv.Name, Backup = backup.Name, Start = now });
            return 0;
        }, save: true);
        ctx.Out.WriteLine(Acm.Completed(ctx, device));
        return 0;
    }

    public static int SyncStat(ToolContext ctx)
    {
        Acm.Options o = Acm.Parse(ctx, false);
        string text = ctx.Store.Locked(s =>
        {
            double now = Clock.Now();
            List<DeviceInfo> tvs = o.Device is null
                ? Acm.Transactions(s, ctx).ToList()
                : new List<DeviceInfo> { Acm.RequireTransaction(s, ctx, o.Device) };
            if (tvs.Count == 0)
            {
                return "";
            }
            var rows = new List<string[]>();
            foreach (DeviceInfo tv in tvs)
            {
                var sessions = s.Sessions.Where(e => e.Transaction == tv.Name).ToList();
                if (sessions.Count == 0)
                {
                    rows.Add(new[] { s.Server, tv.Name, "----", "----", "----" });
                }
                foreach (EcSession e in sessions)
                {
                    (string status, string execute) = Acm.SessionStatus(s, e, now);
                    rows.Add(new[] { s.Server, tv.Name, e.Backup, status, execute });
                }
            }
            return TextTable.Format(new[] { "Server", "Transaction-Disk", "Backup-Disk", "Status", "Execute" }, rows,
                new Dictionary<int, int> { [3] = 10 });
        }, save: false);
        ctx.Out.Write(text);
        return 0;
    }

    public static int CancelSync(ToolContext ctx)
    {
        Acm.Options o = Acm.Parse(ctx, true, "-bd", "-all");
        string device = o.Device!;
        ctx.Store.Locked(s =>
        {
            DeviceInfo tv = Acm.RequireTransaction(s, ctx, device);
            var sessions = s.Sessions.Where(e => e.Transaction == tv.Name).ToList();
            List<EcSession> victims = o.All ? sessions
                : o.BackupDevice is not null ? sessions.Where(e => e.Backup == o.BackupDevice).ToList()
                : sessions.Where(e => !e.Suspended).ToList();
            if (victims.Count == 0 && !o.All && o.BackupDevice is null && sessions.Count == 1)
            {
                victims = sessions;
            }
            if (victims.Count == 0)
            {
                string bd = o.BackupDevice is null ? "" : $" Backup-Device={o.BackupDevice}";
                throw Acm.Error(ctx, "swst0609", $"There is no synchronous processing to cancel. Device={tv.Name}{bd}");
            }
            foreach (EcSession e in victims)
            {
                s.Sessions.Remove(e);
            }
            return 0;
        }, save: true);
        ctx.Out.WriteLine(Acm.Completed(ctx, device));
        return 0;
    }
}
