using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace AcmCluster.Tests.Simulator;

public class SimulatorStoppedClusterTests
{
    private static ProcResult As(SimulatorFixture sim, string node, string tool, params string[] args) =>
        sim.ToolOn(node, tool, args);

    private static bool Enabled(SimulatorFixture sim, string disk, string node) =>
        (bool)sim.State()["View"]!["Disks"]!.AsArray().Single(d => (string?)d!["Name"] == disk)!["Nodes"]![node]!["Enabled"]!;

    [Fact]
    public void Stopped_Primecluster_AppOfflineEverywhere_NothingMounted_RmsDown()
    {
        using var sim = new SimulatorFixture("--stopped");
        Assert.True((bool)sim.Summary["Stopped"]!);
        string disp = sim.Tool("hvdisp", "-T", "userApp").Stdout;
        Assert.Matches(@"(?m)^app1\s+userApp\s+Offline$", disp);
        Assert.Matches(@"(?m)^app1\s+userApp\s+node2RMS\s+Offline$", disp);
        Assert.Equal("", sim.Tool("mount").Stdout);
        Assert.Equal(0, sim.Tool("hvassert", "-s", "Fsystem_tran1", "Offline").ExitCode);

        sim.Sim("set", "--rms-running", "false");
        ProcResult d = sim.Tool("hvdisp", "-a");
        Assert.Equal(1, d.ExitCode);
        Assert.Contains("RMS is not running", d.Stderr);
    }

    [Fact]
    public void Stopped_Vcs_GroupOfflineOnBothSystems()
    {
        using var sim = new SimulatorFixture("--cluster", "vcs", "--stopped", "--interval", "0.2");
        string[] lines = TableParser.Lines(sim.Tool("hagrp", "-state", "sg1").Stdout);
        var rows = TableParser.Parse(lines[0], lines.Skip(1), "#Group", "Attribute", "System", "Value");
        Assert.Equal(new[] { "|OFFLINE|", "|OFFLINE|" }, rows.Select(r => r["Value"]).ToArray());
        Assert.Equal("", sim.Tool("mount").Stdout);
        // A manual mount and umount while the group is stopped is no fault.
        Assert.Equal(0, sim.Tool("mount", "/mnt/tran1").ExitCode);
        Assert.Equal(0, sim.Tool("hares", "-wait", "mnt_tran1", "State", "ONLINE", "-sys", "node1", "-time", "3").ExitCode);
        Assert.Equal(0, sim.Tool("umount", "/mnt/tran1").ExitCode);
        Assert.Equal(0, sim.Tool("hares", "-wait", "mnt_tran1", "State", "OFFLINE", "-sys", "node1", "-time", "3").ExitCode);
    }

    [Fact]
    public void SharedDisks_OneNodeAtATime_NodeInCallLog()
    {
        using var sim = new SimulatorFixture("--stopped", "--shared-disks");
        Assert.False(Enabled(sim, "class0001/vol0001", "node1"));

        // node2 enables everything.
        Assert.Equal(0, As(sim, "node2", "sdxvolume", "-N", "-c", "class0001", "-v", "vol0001").ExitCode);
        ProcResult early = As(sim, "node2", "vxvol", "-g", "dg01", "startall");
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("dg01", early.Stderr);
        Assert.Equal(0, As(sim, "node2", "vxdg", "import", "dg01").ExitCode);
        Assert.Equal(0, As(sim, "node2", "vxvol", "-g", "dg01", "startall").ExitCode);
        Assert.Equal(0, As(sim, "node2", "vgchange", "-a", "y", "vg01").ExitCode);
        Assert.True(Enabled(sim, "class0001/vol0001", "node2"));

        // node1 is refused, each message naming node2.
        foreach (string[] call in new[]
                 {
                     new[] { "sdxvolume", "-N", "-c", "class0001" }, new[] { "vxdg", "import", "dg01" }, new[] { "vgchange", "-a", "y", "vg01" },
                 })
        {
            ProcResult r = sim.Tool(call[0], call[1..]);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("node2", r.Stderr);
        }
        Assert.Equal(32, sim.Tool("mount", "/acmdata").ExitCode);

        // node2 releases, node1 enables, mounts the ACM shared data and backs up.
        Assert.Equal(0, As(sim, "node2", "sdxvolume", "-F", "-c", "class0001").ExitCode);
        Assert.Equal(0, As(sim, "node2", "vxvol", "-g", "dg01", "stopall").ExitCode);
        Assert.Equal(0, As(sim, "node2", "vxdg", "deport", "dg01").ExitCode);
        Assert.Equal(0, As(sim, "node2", "vgchange", "-a", "n", "vg01").ExitCode);
        Assert.Equal(1, sim.Acm("swstbackup", "/dev/sdb1").ExitCode);
        Assert.Equal(0, sim.Tool("sdxvolume", "-N", "-c", "class0001", "-v", "vol0001").ExitCode);
        Assert.Equal(0, sim.Tool("vxdg", "import", "dg01").ExitCode);
        Assert.Equal(0, sim.Tool("vxvol", "-g", "dg01", "startall").ExitCode);
        Assert.Equal(0, sim.Tool("vgchange", "-a", "y", "vg01").ExitCode);
        Assert.Equal(0, sim.Tool("mount", "/acmdata").ExitCode);
        Assert.Equal(0, sim.Acm("swstbackup", "/dev/sdb1").ExitCode);
        ProcResult busy = sim.Tool("sdxvolume", "-F", "-c", "class0001");
        Assert.Equal(1, busy.ExitCode);

        JsonNode vx = sim.State()["View"]!["Disks"]!.AsArray().Single(d => (string?)d!["Name"] == "dg01")!;
        Assert.True((bool)vx["Nodes"]!["node1"]!["Enabled"]!);
        Assert.False((bool)vx["Nodes"]!["node2"]!["Imported"]!);

        List<JsonObject> log = sim.Log();
        Assert.All(log.Where(e => (string?)e["kind"] == "call"), e => Assert.NotNull((string?)e["node"]));
        Assert.Equal("node2", (string?)log.First(e => (string?)e["command"] == "sdxvolume")["node"]);
        Assert.Equal("node1", (string?)log.Last(e => (string?)e["command"] == "sdxvolume")["node"]);
    }
}
