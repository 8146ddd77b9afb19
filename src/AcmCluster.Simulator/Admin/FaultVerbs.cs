using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;
using AcmCluster.Simulator.Tools;

namespace AcmCluster.Simulator.Admin;

internal static class FaultVerbs
{
    public static int Add(string[] args)
    {
        var a = new AdminArgs(args);
        a.OnlyKnown("--state", "--command", "--nth", "--exit-code", "--message", "--hang", "--count", "--match",
            "--busy", "--holder", "--stuck");
        var store = new StateStore(a.StateDir());
        string? command = a.Get("--command");
        string? busy = a.Get("--busy");
        string? stuck = a.Get("--stuck");
        if (new[] { command, busy, stuck }.Count(x => x is not null) != 1)
        {
            throw new SimException("sim fault: give exactly one of --command TOOL, --busy MOUNTPOINT, --stuck RESOURCE", 2);
        }
        string json = store.Locked(s =>
        {
            if (command is not null)
            {
                if (!ToolTable.Tools.ContainsKey(command))
                {
                    throw new SimException($"sim fault: unknown tool '{command}'", 2);
                }
                s.Faults.Commands.Add(new CommandFault
                {
                    Command = command,
                    Nth = Math.Max(1, a.Int("--nth", 1)),
                    ExitCode = a.Get("--exit-code") is null ? null : a.Int("--exit-code", 1),
                    Message = a.Get("--message"),
                    Hang = a.Double("--hang", 0),
                    Count = Math.Max(1, a.Int("--count", 1)),
                    Match = a.Get("--match"),
                });
            }
            else if (busy is not null)
            {
                var fault = new BusyFault { MountPoint = MountOps.Norm(busy), Remaining = a.Int("--count", 0) };
                foreach (string h in a.All("--holder"))
                {
                    fault.Holders.Add(ParseHolder(h));
                }
                s.Faults.Busy.RemoveAll(b => b.MountPoint == fault.MountPoint);
                s.Faults.Busy.Add(fault);
            }
            else
            {
                string state = StateArg(args)
                    ?? throw new SimException("sim fault --stuck RESOURCE needs --state STATE", 2);
                bool known = Vcs.IsVcs(s) ? Vcs.IsResourceState(state) : Rms.IsKnownState(state);
                if (!known)
                {
                    throw new SimException($"sim fault: unknown {(Vcs.IsVcs(s) ? "VCS resource" : "RMS")} state '{state}'", 2);
                }
                if (Rms.FindResource(s, stuck!) is null)
                {
                    throw new SimException($"sim fault: unknown resource '{stuck}'", 2);
                }
                s.Faults.Stuck.RemoveAll(f => f.Resource == stuck);
                s.Faults.Stuck.Add(new StuckFault { Resource = stuck!, State = state });
            }
            return Render(s.Faults);
        }, save: true);
        Console.Out.Write(json);
        return 0;
    }

    // "--state" is overloaded: the state directory for other verbs, the stuck
    // state here. A value that is an RMS state name is taken as the latter.
    private static string? StateArg(string[] args)
    {
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--state" && (Rms.IsKnownState(args[i + 1]) || Vcs.IsResourceState(args[i + 1])))
            {
                return args[i + 1];
            }
        }
        return null;
    }

    private static Holder ParseHolder(string spec)
    {
        string[] p = spec.Split(':');
        if (p.Length < 2 || !int.TryParse(p[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid))
        {
            throw new SimException($"sim fault: --holder expects PID:NAME[:USER[:ACCESS]], got '{spec}'", 2);
        }
        return new Holder
        {
            Pid = pid,
            Name = p[1],
            User = p.Length > 2 && p[2].Length > 0 ? p[2] : "root",
            Access = p.Length > 3 && p[3].Length > 0 ? p[3] : "F....",
        };
    }

    public static int Clear(string[] args)
    {
        var a = new AdminArgs(args);
        a.OnlyKnown("--state");
        var store = new StateStore(a.StateDir());
        string json = store.Locked(s =>
        {
            s.Faults = new FaultSet();
            return Render(s.Faults);
        }, save: true);
        Console.Out.Write(json);
        return 0;
    }

    private static string Render(FaultSet f) => JsonSerializer.Serialize(f, SimJsonContext.Default.FaultSet) + "\n";
}
