using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace AcmCluster.Tests.Simulator;

public class SimulatorVcsTests
{
    private const string VcsMessage = @"^VCS (WARNING|ERROR) V-16-1-\d+ ";

    private static List<Dictionary<string, string>> Table(ProcResult r, string first)
    {
        Assert.Equal(0, r.ExitCode);
        string[] lines = TableParser.Lines(r.Stdout);
        Assert.StartsWith(first, lines[0]);
        return TableParser.Parse(lines[0], lines.Skip(1), first, "Attribute", "System", "Value");
    }

    private static string Value(SimulatorFixture sim, string tool, params string[] args)
    {
        ProcResult r = sim.Tool(tool, args);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return r.Stdout.TrimEnd('\n');
    }

    [Fact]
    public void StateTables_ValuesAndErrors_ParseAsReference()
    {
        using var sim = new SimulatorFixture("--cluster", "vcs");
        Assert.Equal("vcs", (string?)sim.Summary["Cluster"]);
        Assert.Equal("sg1", (string?)sim.Summary["Group"]);
        Assert.Equal("mnt_tran1", (string?)sim.Summary["Volumes"]![0]!["Resource"]);

        var groups = Table(sim.Tool("hagrp", "-state"), "#Group");
        Assert.Equal(2, groups.Count);
        Assert.Contains(groups, r => r["#Group"] == "sg1" && r["Attribute"] == "State" && r["System"] == "node1" && r["Value"] == "|ONLINE|");
        Assert.Contains(groups, r => r["#Group"] == "sg1" && r["System"] == "node2" && r["Value"] == "|OFFLINE|");
        // Fidelity-evidence item 3: a name and -sys print the bare value.
        Assert.Equal("|OFFLINE|\n", sim.Tool("hagrp", "-state", "sg1", "-sys", "node2").Stdout);
        Assert.Equal("ONLINE\n", sim.Tool("hares", "-state", "mnt_tran1", "-sys", "node1").Stdout);

        var resources = Table(sim.Tool("hares", "-state"), "#Resource");
        Assert.Equal(4, resources.Count);
        Assert.Contains(resources, r => r["#Resource"] == "mnt_tran2" && r["System"] == "node1" && r["Value"] == "ONLINE");
        Assert.Contains(resources, r => r["#Resource"] == "mnt_tran2" && r["System"] == "node2" && r["Value"] == "OFFLINE");

        Assert.Equal("|ONLINE|", Value(sim, "hagrp", "-value", "sg1", "State", "-sys", "node1"));
        Assert.Equal("0", Value(sim, "hagrp", "-value", "sg1", "TFrozen"));
        Assert.Equal("/mnt/tran1", Value(sim, "hares", "-value", "mnt_tran1", "MountPoint"));

        ProcResult unknown = sim.Tool("hagrp", "-state", "nosuch");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Matches(VcsMessage + "Group nosuch does not exist", unknown.Stdout);
        Assert.Equal("", unknown.Stderr);
        ProcResult noRes = sim.Tool("hares", "-state", "nosuch");
        Assert.Equal(1, noRes.ExitCode);
        Assert.Matches(VcsMessage + ".*nosuch", noRes.Stdout);

        // The name VCS uses for this host, where the module reads it (under TestHooks.EtcDirectory).
        Assert.Equal("node1\n", File.ReadAllText(Path.Combine(sim.StateDir, "etc", "VRTSvcs", "conf", "sysname")));

        // Only the VCS commands are installed on a VCS node.
        Assert.Equal(127, sim.Tool("hvdisp", "-a").ExitCode);
        Assert.True(File.Exists(Path.Combine(sim.BinDir, "hagrp")));
        Assert.False(File.Exists(Path.Combine(sim.BinDir, "hvdisp")));
        Assert.Contains("|ONLINE|", sim.Shim("hagrp", "-state").Stdout);
    }

    [Fact]
    public void Freeze_TemporaryAndPersistent_PersistentNeedsWritableConfig()
    {
        using var sim = new SimulatorFixture("--cluster", "vcs");
        Assert.Equal(0, sim.Tool("hagrp", "-freeze", "sg1").ExitCode);
        Assert.Equal("1", Value(sim, "hagrp", "-value", "sg1", "TFrozen"));
        Assert.Equal("0", Value(sim, "hagrp", "-value", "sg1", "Frozen"));

        // A frozen group's resources cannot be taken offline or brought online.
        ProcResult refused = sim.Tool("hares", "-offline", "mnt_tran1", "-sys", "node1");
        Assert.Equal(1, refused.ExitCode);
        Assert.Matches(VcsMessage + ".*frozen", refused.Stdout);

        ProcResult ro = sim.Tool("hagrp", "-freeze", "sg1", "-persistent");
        Assert.Equal(1, ro.ExitCode);
        Assert.Matches(VcsMessage + ".*read-only", ro.Stdout);
        Assert.Equal(0, sim.Tool("haconf", "-makerw").ExitCode);
        ProcResult twice = sim.Tool("haconf", "-makerw");
        Assert.Equal(1, twice.ExitCode);
        Assert.Matches(VcsMessage + "Cluster already writable", twice.Stdout);
        Assert.Equal(0, sim.Tool("hagrp", "-freeze", "sg1", "-persistent").ExitCode);
        Assert.Equal(0, sim.Tool("haconf", "-dump", "-makero").ExitCode);
        Assert.Equal("1", Value(sim, "hagrp", "-value", "sg1", "Frozen"));

        Assert.Equal(1, sim.Tool("hagrp", "-unfreeze", "sg1", "-persistent").ExitCode);
        Assert.Equal(0, sim.Tool("haconf", "-makerw").ExitCode);
        Assert.Equal(0, sim.Tool("hagrp", "-unfreeze", "sg1", "-persistent").ExitCode);
        Assert.Equal(0, sim.Tool("haconf", "-dump", "-makero").ExitCode);
        Assert.Equal(1, sim.Tool("haconf", "-dump", "-makero").ExitCode);
        Assert.Equal(0, sim.Tool("hagrp", "-unfreeze", "sg1").ExitCode);
        JsonNode vcs = sim.State()["View"]!["Vcs"]!;
        Assert.False((bool)vcs["Groups"]![0]!["TFrozen"]!);
        Assert.False((bool)vcs["Groups"]![0]!["Frozen"]!);
        Assert.False((bool)vcs["ConfigWritable"]!);
    }

    [Fact]
    public void HaresOffline_ReturnsAtOnce_UnmountAndStateAtNextTick()
    {
        // An hour-long interval makes "no tick yet" certain.
        using var sim = new SimulatorFixture("--cluster", "vcs", "--interval", "3600");
        ProcResult off = sim.Tool("hares", "-offline", "mnt_tran1", "-sys", "node1");
        Assert.Equal(0, off.ExitCode);
        Assert.Equal("", off.Stdout + off.Stderr);
        Assert.Equal("ONLINE", Value(sim, "hares", "-value", "mnt_tran1", "State", "-sys", "node1"));
        Assert.Contains("/mnt/tran1", sim.Tool("mount").Stdout);
        Assert.Equal("offline", (string?)sim.State()["View"]!["Vcs"]!["Resources"]![0]!["Pending"]);

        Assert.Equal(0, sim.Sim("set", "--interval", "0.3").ExitCode);
        Assert.Equal(0, sim.Tool("hares", "-wait", "mnt_tran1", "State", "OFFLINE", "-sys", "node1", "-time", "3").ExitCode);
        Assert.DoesNotContain("/mnt/tran1", sim.Tool("mount").Stdout);
        Assert.Equal("|PARTIAL|", Value(sim, "hagrp", "-value", "sg1", "State", "-sys", "node1"));

        // The unmount is dated at a tick after the request.
        JsonObject s = sim.State();
        double tickBase = (double)s["TickBase"]!;
        double interval = (double)s["Interval"]!;
        double unmountAt = s["MountEvents"]!["/mnt/tran1"]!.AsArray().Last()!["Time"]!.GetValue<double>();
        double k = (unmountAt - tickBase) / interval;
        Assert.True(Math.Abs(k - Math.Round(k)) < 1e-6, $"unmount at {unmountAt} is not on a tick");
        DateTime requested = DateTime.Parse((string)sim.Log().First(e => (string?)e["command"] == "hares")["time"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.True(unmountAt > (requested - DateTime.UnixEpoch).TotalSeconds);

        Assert.Equal(0, sim.Tool("hares", "-online", "mnt_tran1", "-sys", "node1", "-ignoreparent").ExitCode);
        Assert.Equal(0, sim.Tool("hagrp", "-wait", "sg1", "State", "ONLINE", "-sys", "node1", "-time", "3").ExitCode);
        Assert.Contains("/dev/sdb1 on /mnt/tran1 type ext4", sim.Tool("mount").Stdout);
    }

    [Fact]
    public void ManualUmount_FaultsEvenWhenFrozen_NoFailover_ClearResets()
    {
        using var sim = new SimulatorFixture("--cluster", "vcs", "--interval", "0.2");
        Assert.Equal(0, sim.Tool("hagrp", "-freeze", "sg1").ExitCode);
        Assert.Equal(0, sim.Tool("umount", "/mnt/tran1").ExitCode);
        Assert.Equal(0, sim.Tool("hares", "-wait", "mnt_tran1", "State", "FAULTED", "-sys", "node1", "-time", "3").ExitCode);
        var groups = Table(sim.Tool("hagrp", "-state", "sg1"), "#Group");
        Assert.Equal("|PARTIAL|FAULTED|", groups.Single(r => r["System"] == "node1")["Value"]);
        Assert.Equal("|OFFLINE|", groups.Single(r => r["System"] == "node2")["Value"]);
        Assert.Contains("/mnt/tran2", sim.Tool("mount").Stdout);

        Assert.Equal(0, sim.Tool("hares", "-clear", "mnt_tran1", "-sys", "node1").ExitCode);
        Assert.Equal("OFFLINE", Value(sim, "hares", "-value", "mnt_tran1", "State", "-sys", "node1"));
        Assert.Equal("|PARTIAL|", Value(sim, "hagrp", "-value", "sg1", "State", "-sys", "node1"));
    }

    [Fact]
    public void ManualUmount_UnfrozenGroup_FaultsAndFailsOver()
    {
        using var sim = new SimulatorFixture("--cluster", "vcs", "--interval", "0.2");
        Assert.Equal(0, sim.Tool("umount", "/mnt/tran2").ExitCode);
        Assert.Equal(0, sim.Tool("hagrp", "-wait", "sg1", "State", "OFFLINE|FAULTED", "-sys", "node1", "-time", "3").ExitCode);
        Assert.Equal("|ONLINE|", Value(sim, "hagrp", "-value", "sg1", "State", "-sys", "node2"));
        Assert.DoesNotContain("/mnt/tran", sim.Tool("mount").Stdout);
        ProcResult status = sim.Tool("hastatus", "-sum");
        Assert.Matches(@"(?m)^B  sg1\s+node1\s+Y\s+N\s+OFFLINE\|FAULTED$", status.Stdout);
        Assert.Matches(@"(?m)^D  sg1\s+Mount\s+mnt_tran2\s+node1$", status.Stdout);
        ProcResult online = sim.Tool("hagrp", "-online", "sg1", "-sys", "node1");
        Assert.Equal(1, online.ExitCode);
        Assert.Matches(VcsMessage, online.Stdout);
    }

    [Fact]
    public void Wait_TimesOutWithExit1()
    {
        using var sim = new SimulatorFixture("--cluster", "vcs", "--interval", "3600");
        Assert.Equal(0, sim.Tool("hares", "-offline", "mnt_tran1", "-sys", "node1").ExitCode);
        ProcResult r = sim.Tool("hares", "-wait", "mnt_tran1", "State", "OFFLINE", "-sys", "node1", "-time", "0.5");
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(VcsMessage + ".*mnt_tran1", r.Stdout);
        Assert.True(r.Elapsed >= TimeSpan.FromSeconds(0.5) && r.Elapsed < TimeSpan.FromSeconds(3), r.Elapsed.ToString());
        Assert.Equal(1, sim.Tool("hagrp", "-wait", "sg1", "State", "OFFLINE", "-sys", "node1", "-time", "0.2").ExitCode);
        Assert.Equal(0, sim.Tool("hagrp", "-wait", "sg1", "State", "|ONLINE|", "-time", "0").ExitCode);
    }

    [Fact]
    public void HadNotRunning_EveryHaCommandFails_RestartDropsTemporaryFreeze()
    {
        using var sim = new SimulatorFixture("--cluster", "vcs");
        sim.Tool("hagrp", "-freeze", "sg1");
        Assert.Equal(0, sim.Sim("set", "--had-running", "false").ExitCode);
        foreach (string[] call in new[] { new[] { "hagrp", "-state" }, new[] { "hares", "-state" }, new[] { "haconf", "-makerw" }, new[] { "hastatus", "-sum" } })
        {
            ProcResult r = sim.Tool(call[0], call[1..]);
            Assert.Equal(1, r.ExitCode);
            Assert.Equal("VCS ERROR V-16-1-10600 Cannot connect to VCS engine", r.Stdout.Trim());
        }
        Assert.Equal(0, sim.Sim("set", "--had-running", "true").ExitCode);
        Assert.Equal("0", Value(sim, "hagrp", "-value", "sg1", "TFrozen"));
    }

    [Fact]
    public void Faults_WorkForVcsCommands()
    {
        using var sim = new SimulatorFixture("--cluster", "vcs");
        Assert.Equal(0, sim.Sim("fault", "--command", "hares", "--exit-code", "3").ExitCode);
        Assert.Equal(0, sim.Sim("fault", "--command", "hagrp").ExitCode);
        Assert.Equal(3, sim.Tool("hares", "-state").ExitCode);
        ProcResult g = sim.Tool("hagrp", "-state");
        Assert.Equal(1, g.ExitCode);
        Assert.Matches(@"^VCS ERROR V-16-1-\d+ hagrp: simulated failure", g.Stdout);
        Assert.Equal(0, sim.Sim("fault", "--stuck", "mnt_tran1", "--state", "FAULTED").ExitCode);
        Assert.Equal("FAULTED", Value(sim, "hares", "-value", "mnt_tran1", "State"));
    }
}
