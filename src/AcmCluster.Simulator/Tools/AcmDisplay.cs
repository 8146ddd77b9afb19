using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

internal static class AcmDisplay
{
    public static int HistDisp(ToolContext ctx)
    {
        Acm.Options o = Acm.Parse(ctx, false);
        string text = ctx.Store.Locked(s =>
        {
            double now = Clock.Now();
            List<DeviceInfo> tvs = o.Device is null
                ? Acm.Transactions(s, ctx).ToList()
                : new List<DeviceInfo> { Acm.RequireTransaction(s, ctx, o.Device) };
            var sb = new StringBuilder();
            foreach (DeviceInfo tv in tvs)
            {
                sb.Append($"Server={s.Server} Device={tv.Name} Mount-Point={tv.MountPoint ?? "----"} ({tv.FsType ?? "----"})\n");
                var rows = new List<string[]>();
                int gen = 1;
                foreach (HistoryEntry h in Acm.Generations(s, tv.Name))
                {
                    (string status, string execute) = Acm.HistoryStatus(h, now, s.CopyTime);
                    rows.Add(new[]
                    {
                        (gen++).ToString(CultureInfo.InvariantCulture),
                        h.Version.ToString(CultureInfo.InvariantCulture),
                        Clock.ToLocal(h.Time).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture),
                        h.Backup, status, execute,
                    });
                }
                sb.Append(TextTable.Format(new[] { "Generation", "Version", "Backup-Date", "Backup-Device", "Status", "Execute" }, rows,
                    new Dictionary<int, int> { [2] = 16, [4] = 9 }));
            }
            return sb.ToString();
        }, save: false);
        ctx.Out.Write(text);
        return 0;
    }

    public static int DevDisp(ToolContext ctx)
    {
        Acm.Options o = Acm.Parse(ctx, false);
        string text = ctx.Store.Locked(s =>
        {
            var rows = new List<string[]>();
            foreach (DeviceInfo d in Acm.Repository(s, ctx))
            {
                if (o.Device is not null && d.Name != o.Device)
                {
                    continue;
                }
                bool tv = d.Role == "Transaction";
                string mode = tv ? "Transaction" : Acm.InUse(s, d.Name) ? "Backup (used)" : "Backup (free)";
                string mp = tv ? $"{d.MountPoint ?? "----"} ({d.FsType ?? "----"})" : "---- (----)";
                rows.Add(new[] { s.Server, d.Name, Size(d.SizeKb), mode, mp, "AdvancedCopy" });
            }
            return rows.Count == 0 ? "" : TextTable.Format(
                new[] { "Server", "Device", "Size", "Device-Mode", "Mount-Point (Method)", "Backup-Engine" }, rows);
        }, save: false);
        ctx.Out.Write(text);
        return 0;
    }

    private static string Size(long kb)
    {
        if (kb >= 1024L * 1024)
        {
            return (kb / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " Gbyte";
        }
        if (kb >= 1024)
        {
            return (kb / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " Mbyte";
        }
        return kb.ToString("0.0", CultureInfo.InvariantCulture) + " Kbyte";
    }
}
