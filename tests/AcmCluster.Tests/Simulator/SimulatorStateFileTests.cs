using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace AcmCluster.Tests.Simulator;

// state.json and calls.log are written and read by System.Text.Json's source-generated code (State/SimJson.cs).
// These tests pin what that code must keep: a load and save loses nothing, a broken file is refused the way the
// simulator refuses everything else (exit 125, the path named), and the log lines keep their names and nulls.
public class SimulatorStateFileTests
{
    [Fact]
    public void StateFile_LoadAndSaveKeepEveryStoredField()
    {
        using var sim = new SimulatorFixture("--cluster", "vcs", "--shared-disks", "--volumes", "2");
        // Populate what setup leaves empty: faults of every kind (a nullable, a null, non-ASCII text), parameters.
        Assert.Equal(0, sim.Sim("fault", "--command", "swstbackup", "--nth", "2", "--exit-code", "7", "--message", "défaut \"quoted\"").ExitCode);
        Assert.Equal(0, sim.Sim("fault", "--command", "hares", "--match", "sdb2", "--hang", "0.25").ExitCode);
        Assert.Equal(0, sim.Sim("fault", "--busy", "/mnt/tran1", "--holder", "4321:bash", "--holder", "999:postgres:postgres").ExitCode);
        Assert.Equal(0, sim.Sim("fault", "--stuck", "mnt_tran2", "--state", "OFFLINE").ExitCode);
        Assert.Equal(0, sim.Sim("set", "--interval", "0.25", "--generations", "3", "--copy-time", "1.5", "--node-status", "node2=unreachable").ExitCode);
        string statePath = Path.Combine(sim.StateDir, "state.json");
        string before = File.ReadAllText(statePath);

        // A verb that loads and saves the state and changes nothing else.
        Assert.Equal(0, sim.Sim("set", "--generations", "3").ExitCode);

        string after = File.ReadAllText(statePath);
        Assert.Equal(before, after);
        JsonObject stored = JsonNode.Parse(after)!.AsObject();
        JsonObject fault = stored["Faults"]!["Commands"]![0]!.AsObject();
        Assert.Equal(7, (int)fault["ExitCode"]!);
        Assert.Equal("défaut \"quoted\"", (string?)fault["Message"]);
        Assert.Null(stored["Faults"]!["Commands"]![1]!["ExitCode"]);
        Assert.Equal(0.25, (double)stored["Interval"]!);
        Assert.Equal(2, stored["Faults"]!["Busy"]![0]!["Holders"]!.AsArray().Count);
        Assert.NotEmpty(stored["Disks"]!.AsArray());
        Assert.True((bool)stored["Nodes"]![1]!["Unreachable"]!);
        Assert.NotEmpty(stored["Groups"]!.AsArray());
        // RemoteView is per call (ssh), never stored.
        Assert.False(stored.ContainsKey("RemoteView"));
    }

    [Fact]
    public void StateFile_UnreadableIsRefusedWithExit125NamingThePath()
    {
        using var sim = new SimulatorFixture();
        string statePath = Path.Combine(sim.StateDir, "state.json");
        File.WriteAllText(statePath, "{\"Version\": 1, \"Nodes\": [");

        ProcResult r = sim.Tool("hvdisp", "-a");

        Assert.Equal(125, r.ExitCode);
        Assert.Contains("simulator state is not readable", r.Stderr);
        Assert.Contains(statePath, r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void CallLog_LinesKeepTheirNamesOrderAndNulls()
    {
        using var sim = new SimulatorFixture();
        Assert.Equal(0, sim.Tool("hvdisp", "-a").ExitCode);
        // Mounted: ACM runs the pre/post-processing scripts, which the log records as "script" lines.
        Assert.Equal(0, sim.Acm("swstbackup", "/dev/sdb1").ExitCode);

        var log = sim.Log();
        Assert.Equal(new[] { "seq", "time", "kind", "command", "args", "swstgnode", "node", "pid" },
            log[0].Select(p => p.Key));
        Assert.Null(log[0]["swstgnode"]);
        Assert.Equal("node1", (string?)log[0]["node"]);
        JsonObject script = log.First(e => (string?)e["kind"] == "script");
        Assert.Equal(new[] { "seq", "time", "kind", "name", "device", "path", "swstgnode", "pid" },
            script.Select(p => p.Key));
        Assert.Equal("/etc/opt/FJSVswsts/nodeA/sh/OpcBackup.pre", (string?)script["path"]);
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => (long)e["seq"]!));
    }
}
