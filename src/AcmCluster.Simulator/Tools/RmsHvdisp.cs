using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

internal static class RmsHvdisp
{
    public static int Run(ToolContext ctx)
    {
        string? type = null;
        string[] a = ctx.Args;
        if (a.Length == 2 && a[0] == "-T")
        {
            type = a[1];
        }
        else if (!(a.Length == 0 || (a.Length == 1 && a[0] == "-a")))
        {
            return ctx.Fail("Usage: hvdisp {-a | -T resource_type}", 2);
        }
        (string? error, string text) = ctx.Store.Locked(s =>
        {
            if (!ctx.ClusterRunning(s))
            {
                return ("hvdisp: RMS is not running", "");
            }
            // Over ssh the display is the other node's: its own rows are the local ones (not saved: save is false).
            s.RemoteView = ctx.Node(s) != s.LocalNode;
            s.LocalNode = ctx.Node(s);
            double now = Clock.Now();
            IEnumerable<StateRow> rows = Rms.Rows(s, now);
            if (type is not null)
            {
                rows = rows.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));
            }
            return ((string?)null, Format(Rms.Local(s).SysNode, rows));
        }, save: false);
        if (error is not null)
        {
            return ctx.Fail(error, 1);
        }
        ctx.Out.Write(text);
        return 0;
    }

    public static string Format(string localSysNode, IEnumerable<StateRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append("Local System:  ").Append(localSysNode).Append('\n');
        sb.Append("Configuration: /opt/SMAW/SMAWRrms/build/config.us\n\n");
        sb.Append(Line("Resource", "Type", "HostName", "State", "StateDetails"));
        sb.Append(new string('-', 77)).Append('\n');
        foreach (StateRow r in rows)
        {
            sb.Append(Line(r.Resource, r.Type, r.HostName, r.State, r.Details));
        }
        return sb.ToString();
    }

    private static string Line(string res, string type, string host, string state, string details)
    {
        string line = Pad(res, 20) + Pad(type, 8) + Pad(host, 20) + Pad(state, 13) + details;
        return line.TrimEnd() + "\n";
    }

    // Always keep one blank between columns, even for over-long names.
    private static string Pad(string v, int width) => v.PadRight(Math.Max(width, v.Length + 1));
}
