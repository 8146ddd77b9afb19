using System;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace AcmCluster.Tests.Simulator;

public class SimulatorFaultAndLogTests
{
    [Fact]
    public void CommandFault_NthCallFailsWithGivenExitCodeAndMessage()
    {
        using var sim = new SimulatorFixture();
        Assert.Equal(0, sim.Sim("fault", "--command", "hvassert", "--nth", "2", "--exit-code", "7", "--message", "boom").ExitCode);
        Assert.Equal(0, sim.Tool("hvassert", "-s", "Fsystem_tran1", "Online").ExitCode);
        ProcResult second = sim.Tool("hvassert", "-s", "Fsystem_tran1", "Online");
        Assert.Equal(7, second.ExitCode);
        Assert.Equal("boom", second.Stderr.Trim());
        Assert.Equal(0, sim.Tool("hvassert", "-s", "Fsystem_tran1", "Online").ExitCode);
    }

    [Fact]
    public void CommandFault_DefaultMessageCarriesSwstId_MatchAndCount()
    {
        using var sim = new SimulatorFixture();
        sim.Sim("fault", "--command", "swstbackup", "--match", "sdb2", "--count", "2");
        Assert.Equal(0, sim.Acm("swstbackup", "/dev/sdb1").ExitCode);
        ProcResult f = sim.Acm("swstbackup", "/dev/sdb2");
        Assert.Equal(1, f.ExitCode);
        Assert.Matches("swstbackup: ERROR: swst[0-9]{4}", f.Stderr);
        Assert.Equal(1, sim.Acm("swstbackup", "/dev/sdb2").ExitCode);
        Assert.Equal(0, sim.Acm("swstbackup", "/dev/sdb2").ExitCode);
    }

    [Fact]
    public void CommandFault_HangDelaysThenBehavesNormally()
    {
        using var sim = new SimulatorFixture();
        sim.Sim("fault", "--command", "hvdisp", "--hang", "0.8");
        ProcResult r = sim.Tool("hvdisp", "-a");
        Assert.Equal(0, r.ExitCode);
        Assert.True(r.Elapsed >= TimeSpan.FromSeconds(0.8), r.Elapsed.ToString());
        Assert.Contains("Fsystem_tran1", r.Stdout);
    }

    [Fact]
    public void BusyFault_UmountFailsAndFuserNamesHolders()
    {
        using var sim = new SimulatorFixture();
        sim.Sim("fault", "--busy", "/mnt/tran1", "--holder", "4321:bash", "--holder", "999:postgres:postgres");
        ProcResult u = sim.Tool("umount", "/mnt/tran1");
        Assert.Equal(32, u.ExitCode);
        Assert.Equal("umount: /mnt/tran1: target is busy.", u.Stderr.Trim());

        ProcResult f = sim.Tool("fuser", "-vm", "/mnt/tran1");
        Assert.Equal(0, f.ExitCode);
        Assert.Equal(new[] { "4321", "999" }, f.Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("USER        PID ACCESS COMMAND", f.Stderr);
        Assert.Matches(@"(?m)^\s+postgres\s+999 F\.\.\.\. postgres$", f.Stderr);
        Assert.Equal(1, sim.Tool("fuser", "-vm", "/mnt/tran2").ExitCode);

        sim.Sim("clear-faults");
        Assert.Equal(0, sim.Tool("umount", "/mnt/tran1").ExitCode);
        ProcResult again = sim.Tool("umount", "/mnt/tran1");
        Assert.Equal(32, again.ExitCode);
        Assert.Contains("not mounted", again.Stderr);
    }

    [Fact]
    public void StuckFault_OverridesDetector()
    {
        using var sim = new SimulatorFixture("--interval", "0.2");
        sim.Sim("fault", "--stuck", "Fsystem_tran1", "--state", "Online");
        sim.Tool("hvutil", "-m", "on", "app1");
        sim.Tool("umount", "/mnt/tran1");
        ProcResult w = sim.Tool("hvassert", "-w", "Fsystem_tran1", "Offline", "0.6");
        Assert.Equal(1, w.ExitCode);
        Assert.Equal(0, sim.Tool("hvassert", "-s", "Fsystem_tran1", "Online").ExitCode);
    }

    [Fact]
    public void CallLog_RecordsEveryCallInOrder()
    {
        using var sim = new SimulatorFixture("--interval", "0.2");
        sim.Tool("hvutil", "-m", "on", "app1");
        sim.Tool("umount", "/mnt/tran1");
        sim.Tool("hvassert", "-w", "Fsystem_tran1", "Offline", "3");
        sim.Acm("swstbackup", "-h", "SV1", "/dev/sdb1");
        sim.Tool("mount", "/mnt/tran1");
        sim.Tool("hvassert", "-w", "Fsystem_tran1", "Online", "3");
        sim.Tool("hvutil", "-m", "off", "app1");

        var log = sim.Log();
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => (long)e["seq"]!));
        Assert.Equal(new[] { "hvutil", "umount", "hvassert", "swstbackup", "mount", "hvassert", "hvutil" },
            log.Select(e => (string?)e["command"]));
        JsonObject backup = log[3];
        Assert.Equal(new[] { "-h", "SV1", "/dev/sdb1" }, backup["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("nodeA", (string?)backup["swstgnode"]);
        Assert.Null(log[0]["swstgnode"]);
        Assert.True(DateTime.TryParse((string?)log[0]["time"], out _));
        Assert.True((int)log[0]["pid"]! > 0);

        ProcResult json = sim.Sim("log", "--json");
        Assert.Equal(log.Count, JsonNode.Parse(json.Stdout)!.AsArray().Count);
    }

    [Fact]
    public void State_ExposesViewOfCurrentStates()
    {
        using var sim = new SimulatorFixture();
        JsonObject s = sim.State();
        Assert.EndsWith("dev_sdb1.img", (string?)s["Devices"]![0]!["DataPath"]);
        JsonArray rows = s["View"]!["Rows"]!.AsArray();
        Assert.Contains(rows, r => (string?)r!["Resource"] == "Fsystem_tran1" && (string?)r["State"] == "Online" && (string?)r["HostName"] == "");
        Assert.Equal(0, sim.Sim("set", "--copy-time", "0.1", "--sync-time", "0.2").ExitCode);
        Assert.Equal(0.1, (double)sim.State()["CopyTime"]!);
    }
}
