using System;
using System.Linq;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

// Every impersonated call is logged before anything else happens so that tests
// can assert the order in which the module issued commands, even failed ones.
internal static class ToolRunner
{
    public static int Run(string tool, string[] args)
    {
        if (!ToolTable.Tools.TryGetValue(tool, out Func<ToolContext, int>? impl))
        {
            throw new SimException($"AcmCluster.Simulator: unknown tool '{tool}'", 2);
        }
        string? dir = Environment.GetEnvironmentVariable("ACMSIM_STATE");
        if (string.IsNullOrEmpty(dir))
        {
            throw new SimException($"{tool}: ACMSIM_STATE is not set (simulator state directory)", 125);
        }
        var ctx = new ToolContext(tool, args, new StateStore(dir));
        FaultAction action = ctx.Store.Locked(s =>
        {
            string node = ctx.Node(s);
            ctx.Store.LogCall(s, tool, args, ctx.SwstgNode, node);
            if (!s.Nodes.Any(n => n.Name == node))
            {
                return new FaultAction(true, 125, $"{tool}: ACMSIM_NODE={node} is not a node of the simulated cluster ({string.Join(", ", s.Nodes.Select(n => n.Name))})", 0);
            }
            if (!ToolTable.Installed(tool, s.Cluster))
            {
                return new FaultAction(true, 127, $"{tool}: command not found (the simulated cluster is {(s.Cluster == "vcs" ? "Veritas Cluster Server" : "PRIMECLUSTER")})", 0);
            }
            double now = Clock.Now();
            Detector.Observe(s, now);
            Vcs.Advance(s, now);
            return Faults.Take(s, tool, args);
        }, save: true);

        if (action.Hang > 0)
        {
            Clock.SleepSeconds(action.Hang);
        }
        if (action.Fail)
        {
            return ctx.Fail(action.Message ?? DefaultMessage(tool), action.ExitCode);
        }
        return impl(ctx);
    }

    private static string DefaultMessage(string tool) =>
        tool.StartsWith("swst", StringComparison.Ordinal)
            ? $"{tool}: ERROR: swst9999 Simulated failure (fault injection)."
            : Array.IndexOf(ToolTable.VcsTools, tool) >= 0
                ? $"VCS ERROR V-16-1-99999 {tool}: simulated failure (fault injection)"
                : $"{tool}: ERROR: simulated failure (fault injection)";
}

internal readonly record struct FaultAction(bool Fail, int ExitCode, string? Message, double Hang);

internal static class Faults
{
    public static FaultAction Take(SimState s, string tool, string[] args)
    {
        string joined = string.Join(" ", args);
        FaultAction result = default;
        bool fired = false;
        foreach (CommandFault f in s.Faults.Commands.Where(f => f.Command == tool).ToList())
        {
            if (f.Match is not null && !joined.Contains(f.Match, StringComparison.Ordinal))
            {
                continue;
            }
            f.Seen++;
            bool inWindow = f.Seen >= f.Nth && f.Seen < f.Nth + f.Count;
            if (inWindow && !fired)
            {
                fired = true;
                // A hang alone only delays; an explicit exit code or message makes it fail too.
                bool fail = f.Hang <= 0 || f.ExitCode is not null || f.Message is not null;
                result = new FaultAction(fail, f.ExitCode ?? 1, f.Message, f.Hang);
            }
            if (f.Seen >= f.Nth + f.Count - 1)
            {
                s.Faults.Commands.Remove(f);
            }
        }
        return result;
    }
}
