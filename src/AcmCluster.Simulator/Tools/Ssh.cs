using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

// ssh [-o option]... host command [args]: runs the simulated command as that node of the cluster (ACMSIM_NODE),
// the way a non-interactive ssh does: a minimal PATH, so only an absolute path or a /usr/bin, /bin tool is found.
// A node marked unreachable fails like ssh's own connection failure (exit 255).
internal static class Ssh
{
    public static int Run(ToolContext ctx)
    {
        string[] a = ctx.Args;
        int i = 0;
        var options = new List<string>();
        while (i < a.Length && a[i].StartsWith('-'))
        {
            if (a[i] is "-o" or "-p" or "-l" or "-i")
            {
                if (i + 1 >= a.Length)
                {
                    return ctx.Fail($"ssh: option requires an argument -- {a[i].TrimStart('-')}", 255);
                }
                options.Add(a[i + 1]);
                i += 2;
            }
            else
            {
                i++;
            }
        }
        if (i + 1 >= a.Length)
        {
            return ctx.Fail("usage: ssh [-o option] destination command [argument ...] (only remote commands are simulated)", 255);
        }
        string host = a[i];
        string command = a[i + 1];
        string[] rest = a[(i + 2)..];
        (NodeInfo? node, string local) = ctx.Store.Locked(s => (s.Nodes.FirstOrDefault(n => n.Name == host), s.LocalNode), save: false);
        if (node is null)
        {
            return ctx.Fail($"ssh: Could not resolve hostname {host}: Name or service not known", 255);
        }
        if (node.Unreachable)
        {
            string timeout = options.Select(o => o.Split('=', 2)).FirstOrDefault(o => o.Length == 2 && o[0] == "ConnectTimeout")?[1] ?? "0";
            Clock.SleepSeconds(Math.Min(0.2, double.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture)));
            return ctx.Fail($"ssh: connect to host {host} port 22: Connection timed out", 255);
        }
        string tool = command.Contains('/') ? command[(command.LastIndexOf('/') + 1)..] : command;
        // The minimal PATH (/usr/bin:/bin) has the system tools, not the cluster products'.
        bool found = command.StartsWith('/') || ToolTable.MountTools.Contains(tool);
        if (!found || !ToolTable.Tools.ContainsKey(tool))
        {
            return ctx.Fail($"bash: {command}: command not found", 127);
        }
        Environment.SetEnvironmentVariable("ACMSIM_NODE", host == local ? null : host);
        return ToolRunner.Run(tool, rest);
    }
}
