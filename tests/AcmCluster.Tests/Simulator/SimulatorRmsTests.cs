using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Xunit;

namespace AcmCluster.Tests.Simulator;

public class SimulatorRmsTests
{
    [Fact]
    public void Detector_ReportsUnmountOnlyAfterNextTick()
    {
        // An hour-long interval makes "no tick yet" certain.
        using var sim = new SimulatorFixture("--interval", "3600");
        Assert.Equal(0, sim.Tool("hvutil", "-m", "on", "app1").ExitCode);
        Assert.Equal(0, sim.Tool("umount", "/mnt/tran1").ExitCode);
        ProcResult early = sim.Tool("hvassert", "-s", "Fsystem_tran1", "Offline");
        Assert.Equal(1, early.ExitCode);
        Assert.Equal(0, sim.Tool("hvassert", "-s", "Fsystem_tran1", "Online").ExitCode);
        Assert.Equal(1, sim.Tool("hvassert", "-w", "Fsystem_tran1", "Offline", "0.3").ExitCode);

        Assert.Equal(0, sim.Sim("set", "--interval", "0.2").ExitCode);
        Thread.Sleep(250);
        Assert.Equal(0, sim.Tool("hvassert", "-s", "Fsystem_tran1", "Offline").ExitCode);
    }

    [Fact]
    public void HvassertWait_ReturnsAtFirstTickAfterUnmount()
    {
        using var sim = new SimulatorFixture("--interval", "0.4");
        sim.Tool("hvutil", "-m", "on", "app1");
        Assert.Equal(0, sim.Tool("umount", "/mnt/tran1").ExitCode);
        ProcResult w = sim.Tool("hvassert", "-w", "Fsystem_tran1", "Offline", "5");
        DateTime done = DateTime.UtcNow;
        Assert.Equal(0, w.ExitCode);

        JsonObject s = sim.State();
        double tickBase = (double)s["TickBase"]!;
        double interval = (double)s["Interval"]!;
        double unmountAt = s["MountEvents"]!["/mnt/tran1"]!.AsArray().Last()!["Time"]!.GetValue<double>();
        double firstTick = tickBase + (Math.Floor((unmountAt - tickBase) / interval) + 1) * interval;
        double doneAt = (done - DateTime.UnixEpoch).TotalSeconds;
        Assert.True(doneAt >= firstTick, $"hvassert returned at {doneAt}, before the tick at {firstTick}");
        Assert.True(w.Elapsed < TimeSpan.FromSeconds(4), w.Elapsed.ToString());
    }

    [Fact]
    public void MaintenanceOff_RefusedUntilRemountedAndTicked()
    {
        using var sim = new SimulatorFixture("--interval", "0.2");
        Assert.Equal(0, sim.Tool("hvutil", "-m", "on", "app1").ExitCode);
        sim.Tool("umount", "/mnt/tran1");
        Assert.Equal(0, sim.Tool("hvassert", "-w", "Fsystem_tran1", "Offline", "3").ExitCode);

        string disp = sim.Tool("hvdisp", "-a").Stdout;
        // Fidelity-evidence item 2: the userApplication row says the resources are not back; the resource row only its state.
        Assert.Matches(@"(?m)^app1\s+userApp\s+Maintenance\s+Online!!$", disp);
        Assert.Matches(@"(?m)^Fsystem_tran1\s+gRes\s+Offline$", disp);

        ProcResult off = sim.Tool("hvutil", "-m", "off", "app1");
        Assert.Equal(1, off.ExitCode);
        Assert.Contains("Fsystem_tran1", off.Stderr);
        Assert.DoesNotContain("Fsystem_tran2", off.Stderr);

        Assert.Equal(0, sim.Tool("mount", "/mnt/tran1").ExitCode);
        Assert.Equal(0, sim.Tool("hvassert", "-w", "/dev/sdb1", "Fsystem_tran1", "Online", "3").ExitCode);
        Assert.Equal(0, sim.Tool("hvutil", "-m", "off", "app1").ExitCode);
        Assert.Matches(@"(?m)^app1\s+userApp\s+Online$", sim.Tool("hvdisp", "-T", "userApp").Stdout);
    }

    [Fact]
    public void MaintenanceForceOff_AlwaysSucceeds_UnknownAppFails()
    {
        using var sim = new SimulatorFixture("--interval", "0.2");
        sim.Tool("hvutil", "-m", "on", "app1");
        sim.Tool("umount", "/mnt/tran2");
        sim.Tool("hvassert", "-w", "Fsystem_tran2", "Offline", "3");
        Assert.Equal(0, sim.Tool("hvutil", "-m", "forceoff", "app1").ExitCode);
        ProcResult unknown = sim.Tool("hvutil", "-m", "on", "nosuchapp");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("nosuchapp", unknown.Stderr);
        // Outside maintenance, a lost file system faults the application.
        Assert.Matches(@"(?m)^Fsystem_tran2\s+gRes\s+Faulted", sim.Tool("hvdisp", "-a").Stdout);
    }

    [Fact]
    public void Hvassert_UnknownResourceExit2_RmsDownExit1()
    {
        using var sim = new SimulatorFixture();
        ProcResult r = sim.Tool("hvassert", "-s", "Fsystem_nope", "Online");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Fsystem_nope", r.Stderr);
        Assert.Equal(0, sim.Tool("hvassert", "-s", "app1", "Online").ExitCode);

        sim.Sim("set", "--rms-running", "false");
        ProcResult d = sim.Tool("hvdisp", "-a");
        Assert.Equal(1, d.ExitCode);
        Assert.Contains("RMS is not running", d.Stderr);
    }

    [Fact]
    public void HvutilOffline_And_Hvswitch_MoveMountsAndStates()
    {
        using var sim = new SimulatorFixture("--interval", "0.2");
        Assert.Equal(0, sim.Tool("hvutil", "-f", "app1").ExitCode);
        Assert.Equal("", sim.Tool("mount").Stdout);
        Assert.Equal(0, sim.Tool("hvassert", "-w", "Fsystem_tran1", "Offline", "3").ExitCode);
        Assert.Equal(0, sim.Tool("hvswitch", "app1", "node1RMS").ExitCode);
        Assert.Contains("/mnt/tran1", sim.Tool("mount").Stdout);
        Assert.Equal(0, sim.Tool("hvassert", "-w", "Fsystem_tran1", "Online", "3").ExitCode);

        // Like RMS, hvswitch returns before the application is Online; hvassert -w waits for it.
        Assert.Equal(0, sim.Tool("hvassert", "-w", "app1", "Online", "3").ExitCode);
        Assert.Equal(0, sim.Tool("hvassert", "-s", "app1", "Online").ExitCode);
    }

    [Fact]
    public void Hvswitch_ReturnsBeforeTheApplicationIsOnlineHere()
    {
        using var sim = new SimulatorFixture("--interval", "5");
        Assert.Equal(0, sim.Tool("hvutil", "-f", "app1").ExitCode);
        Assert.Equal(0, sim.Tool("hvswitch", "app1").ExitCode);
        Assert.Equal(1, sim.Tool("hvassert", "-s", "app1", "Online").ExitCode);
        var timedOut = sim.Tool("hvassert", "-w", "app1", "Online", "1");
        Assert.Equal(1, timedOut.ExitCode);
        Assert.Contains("timeout", timedOut.Stderr);
    }

    [Fact]
    public void HvdispTable_ParsesByHeaderPositions()
    {
        using var sim = new SimulatorFixture();
        string[] lines = TableParser.Lines(sim.Tool("hvdisp", "-a").Stdout);
        Assert.Equal("Local System:  node1RMS", lines[0]);
        int header = Array.FindIndex(lines, l => l.StartsWith("Resource", StringComparison.Ordinal));
        var rows = TableParser.Parse(lines[header], lines.Skip(header + 1), "Resource", "Type", "HostName", "State", "StateDetails");
        // Fidelity-evidence item 1: every userApplication has an andOp child per node, shown without State.
        Assert.Equal(10, rows.Count);
        Assert.Contains(rows, r => r["Resource"] == "app1_node2" && r["Type"] == "andOp" && r["HostName"] == "node2RMS" && r["State"] == "");
        Assert.Contains(rows, r => r["Resource"] == "app1" && r["HostName"] == "node2RMS" && r["State"] == "Standby");
        Assert.Contains(rows, r => r["Resource"] == "Fsystem_tran1" && r["Type"] == "gRes" && r["HostName"] == "" && r["State"] == "Online");
        Assert.Contains(rows, r => r["Resource"] == "Fsystem_tran1" && r["HostName"] == "node2RMS" && r["State"] == "Offline");
        Assert.Equal(2, rows.Count(r => r["Type"] == "SysNode"));
    }

    [Fact]
    public void Ssh_AnswersAsTheOtherNode_RefusesWhenUnreachable()
    {
        using var sim = new SimulatorFixture("--stopped");
        Assert.Equal(0, sim.Sim("set", "--rms-running", "false").ExitCode);

        // The other node's RMS runs: its display is its own (Local System node2RMS), with the application's state there.
        Assert.Equal(0, sim.Sim("set", "--app-state", "node2=Online").ExitCode);
        ProcResult peer = sim.Tool("ssh", "-o", "BatchMode=yes", "node2", "/opt/SMAW/SMAWRrms/bin/hvdisp", "-a");
        Assert.Equal(0, peer.ExitCode);
        Assert.Contains("Local System:  node2RMS", peer.Stdout);
        Assert.Matches(@"(?m)^app1\s+userApp\s+Online$", peer.Stdout);
        Assert.Contains(sim.Log(), e => (string?)e["command"] == "hvdisp" && (string?)e["node"] == "node2");

        // A non-interactive ssh has a minimal PATH: the product's command only by its absolute path.
        Assert.Equal(127, sim.Tool("ssh", "node2", "hvdisp", "-a").ExitCode);

        Assert.Equal(0, sim.Sim("set", "--node-status", "node2=down").ExitCode);
        ProcResult down = sim.Tool("ssh", "node2", "/opt/SMAW/SMAWRrms/bin/hvdisp", "-a");
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("RMS is not running", down.Stderr);

        Assert.Equal(0, sim.Sim("set", "--node-status", "node2=unreachable").ExitCode);
        ProcResult unreachable = sim.Tool("ssh", "-o", "ConnectTimeout=1", "node2", "/opt/SMAW/SMAWRrms/bin/hvdisp", "-a");
        Assert.Equal(255, unreachable.ExitCode);
        Assert.Contains("node2", unreachable.Stderr);
    }
}
