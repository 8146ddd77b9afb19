using System.Linq;
using System.Text;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

// psmisc prints the PIDs on stdout and everything else on stderr; we keep the
// full verbose table (PIDs included) on stderr so it reads like a terminal.
internal static class Fuser
{
    private const int NameField = 20;

    public static int Run(ToolContext ctx)
    {
        string[] targets = ctx.Args.Where(x => !x.StartsWith('-')).ToArray();
        if (targets.Length == 0)
        {
            return ctx.Fail("No process specification given", 1);
        }
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        bool found = ctx.Store.Locked(s =>
        {
            bool any = false;
            foreach (string t in targets)
            {
                MountEntry? m = MountOps.ByTarget(s, t);
                BusyFault? busy = m is null ? null : MountOps.Busy(s, m.MountPoint);
                if (m is null || busy is null || busy.Holders.Count == 0)
                {
                    continue;
                }
                if (!any)
                {
                    stderr.Append(new string(' ', NameField)).Append(" USER        PID ACCESS COMMAND\n");
                }
                any = true;
                stderr.Append((MountOps.Norm(t) + ":").PadRight(NameField)).Append(' ')
                      .Append("root".PadRight(8)).Append(' ').Append("kernel").Append(" mount ").Append(m.MountPoint).Append('\n');
                foreach (Holder h in busy.Holders)
                {
                    stdout.Append(h.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6));
                    stderr.Append(new string(' ', NameField)).Append(' ')
                          .Append(h.User.PadRight(8)).Append(' ')
                          .Append(h.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6)).Append(' ')
                          .Append(h.Access).Append(' ').Append(h.Name).Append('\n');
                }
            }
            return any;
        }, save: false);
        if (!found)
        {
            return 1;
        }
        ctx.Out.Write(stdout.Append('\n').ToString());
        ctx.Err.Write(stderr.ToString());
        return 0;
    }
}
