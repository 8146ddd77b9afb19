using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace AcmCluster.Tests.Simulator;

public class SimulatorAcmTests
{
    [Fact]
    public void Backup_CopiesBytesAndRecordsGeneration()
    {
        using var sim = new SimulatorFixture("--interval", "0.2");
        sim.Tool("umount", "/mnt/tran1");
        ProcResult r = sim.Acm("swstbackup", "/dev/sdb1");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("/dev/sdb1 swstbackup completed", r.Stdout.Trim());
        Assert.Equal(File.ReadAllBytes(sim.DataPath("/dev/sdb1")), File.ReadAllBytes(sim.DataPath("/dev/sdc1")));

        string[] lines = TableParser.Lines(sim.Acm("swsthistdisp", "/dev/sdb1").Stdout);
        Assert.Equal("Server=SV1 Device=/dev/sdb1 Mount-Point=/mnt/tran1 (ext4)", lines[0]);
        var rows = TableParser.Parse(lines[1], lines.Skip(2), "Generation", "Version", "Backup-Date", "Backup-Device", "Status", "Execute");
        var row = Assert.Single(rows);
        Assert.Equal("1", row["Generation"]);
        Assert.Equal("1", row["Version"]);
        Assert.Equal("/dev/sdc1", row["Backup-Device"]);
        Assert.Equal("succeeded", row["Status"]);
        Assert.Matches(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}$", row["Backup-Date"]);
        // Unmounted transaction volume: ACM runs no pre/post scripts.
        Assert.DoesNotContain(sim.Log(), e => (string?)e["kind"] == "script");
    }

    [Fact]
    public void Backup_WhileMounted_RunsScripts_AndRotatesGenerations()
    {
        using var sim = new SimulatorFixture();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(0, sim.Acm("swstbackup", "/dev/sdb1").ExitCode);
        }
        var scripts = sim.Log().Where(e => (string?)e["kind"] == "script").Select(e => (string?)e["name"]).ToList();
        Assert.Equal(new[] { "OpcBackup.pre", "OpcBackup.post" }, scripts.Take(2));
        Assert.Equal(6, scripts.Count);

        string[] lines = TableParser.Lines(sim.Acm("swsthistdisp", "/dev/sdb1").Stdout);
        var rows = TableParser.Parse(lines[1], lines.Skip(2), "Generation", "Version", "Backup-Date", "Backup-Device", "Status", "Execute");
        Assert.Equal(new[] { "3", "2" }, rows.Select(r => r["Version"]));
        Assert.Equal(new[] { "1", "2" }, rows.Select(r => r["Generation"]));
        // The oldest generation's volume (sdc1) was reused for version 3.
        Assert.Equal("/dev/sdc1", rows[0]["Backup-Device"]);
    }

    [Fact]
    public void Restore_CopiesChosenGenerationBack()
    {
        using var sim = new SimulatorFixture();
        string tran = sim.DataPath("/dev/sdb1");
        byte[] original = File.ReadAllBytes(tran);
        sim.Acm("swstbackup", "/dev/sdb1");
        byte[] changed = original.ToArray();
        changed[0] ^= 0xff;
        File.WriteAllBytes(tran, changed);
        sim.Acm("swstbackup", "/dev/sdb1");
        File.WriteAllBytes(tran, new byte[original.Length]);

        ProcResult r = sim.Acm("swstrestore", "-g", "2", "/dev/sdb1");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("/dev/sdb1 swstrestore completed", r.Stdout.Trim());
        Assert.Equal(original, File.ReadAllBytes(tran));

        Assert.Equal(0, sim.Acm("swstrestore", "/dev/sdb1").ExitCode);
        Assert.Equal(changed, File.ReadAllBytes(tran));

        Assert.Equal(0, sim.Acm("swstrestore", "-v", "1", "-r", "/dev/sdb2", "/dev/sdb1").ExitCode);
        Assert.Equal(original, File.ReadAllBytes(sim.DataPath("/dev/sdb2")));

        ProcResult missing = sim.Acm("swstrestore", "-v", "99", "/dev/sdb1");
        Assert.Equal(1, missing.ExitCode);
        Assert.Matches("swst[0-9]{4}", missing.Stderr);
        Assert.Contains(sim.Log(), e => (string?)e["name"] == "OpcRestore.pre");
    }

    [Fact]
    public void Ec_ExecutingRefusesBackup_EquivalentBacksUp()
    {
        using var sim = new SimulatorFixture("--sync-time", "2");
        ProcResult start = sim.Acm("swststartsync", "/dev/sdb1");
        Assert.Equal("/dev/sdb1 swststartsync completed", start.Stdout.Trim());
        var stat = SyncStat(sim, "/dev/sdb1");
        Assert.Equal("executing", stat["Status"]);
        Assert.Equal("/dev/sdc1", stat["Backup-Disk"]);
        Assert.EndsWith("%", stat["Execute"]);

        ProcResult refused = sim.Acm("swstbackup", "/dev/sdb1");
        Assert.Equal(1, refused.ExitCode);
        Assert.Matches("swst[0-9]{4}", refused.Stderr);
        Assert.Contains("equivalency-maintenance", refused.Stderr);
        Assert.Equal(1, sim.Acm("swststartsync", "/dev/sdb1").ExitCode);

        DateTime deadline = DateTime.UtcNow.AddSeconds(6);
        while ((stat = SyncStat(sim, "/dev/sdb1"))["Status"] == "executing" && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }
        Assert.Equal("equivalent", stat["Status"]);
        Assert.Equal("100%", stat["Execute"]);

        Assert.Equal(0, sim.Acm("swstbackup", "-suspend", "/dev/sdb1").ExitCode);
        Assert.Equal("suspend", SyncStat(sim, "/dev/sdb1")["Status"]);
        Assert.Equal(File.ReadAllBytes(sim.DataPath("/dev/sdb1")), File.ReadAllBytes(sim.DataPath("/dev/sdc1")));

        Assert.Equal(0, sim.Acm("swststartsync", "/dev/sdb1").ExitCode);
        Assert.Equal("executing", SyncStat(sim, "/dev/sdb1")["Status"]);
        Assert.Equal(0, sim.Acm("swstcancelsync", "/dev/sdb1").ExitCode);
        var none = SyncStat(sim, "/dev/sdb1");
        Assert.Equal("----", none["Status"]);
        Assert.Equal("----", none["Backup-Disk"]);
    }

    [Fact]
    public void Swstgnode_SelectsRepository()
    {
        using var sim = new SimulatorFixture();
        ProcResult unset = sim.Tool("swstbackup", "/dev/sdb1");
        Assert.Equal(1, unset.ExitCode);
        Assert.Matches("swstbackup: ERROR: swst[0-9]{4} ", unset.Stderr);
        ProcResult wrong = sim.ToolAs("nodeB", "swstbackup", "/dev/sdb1");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal("", sim.Tool("swstdevdisp").Stdout);
        Assert.Equal(0, sim.Acm("swstbackup", "/dev/sdb1").ExitCode);
        Assert.Equal(new[] { null, "nodeB", "nodeA" }, sim.Log().Where(e => (string?)e["command"] == "swstbackup").Select(e => (string?)e["swstgnode"]));
    }

    [Fact]
    public void Devdisp_ShowsModes()
    {
        using var sim = new SimulatorFixture("--volumes", "1");
        sim.Acm("swstbackup", "/dev/sdb1");
        string[] lines = TableParser.Lines(sim.Acm("swstdevdisp").Stdout);
        var rows = TableParser.Parse(lines[0], lines.Skip(1), "Server", "Device", "Size", "Device-Mode", "Mount-Point (Method)", "Backup-Engine");
        Assert.Equal(3, rows.Count);
        Assert.Equal(("Transaction", "/mnt/tran1 (ext4)"), (rows[0]["Device-Mode"], rows[0]["Mount-Point (Method)"]));
        Assert.Equal("Backup (used)", rows[1]["Device-Mode"]);
        Assert.Equal("Backup (free)", rows[2]["Device-Mode"]);
        Assert.Equal("64.0 Kbyte", rows[0]["Size"]);
        Assert.Equal("AdvancedCopy", rows[2]["Backup-Engine"]);
    }

    [Fact]
    public async Task ConcurrentBackups_OverlapInTime()
    {
        using var sim = new SimulatorFixture("--copy-time", "2");
        var t1 = Task.Run(() => sim.Acm("swstbackup", "/dev/sdb1"));
        var t2 = Task.Run(() => sim.Acm("swstbackup", "/dev/sdb2"));
        ProcResult[] results = await Task.WhenAll(t1, t2);
        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        // Judged on the simulator's own timestamps, not on wall time, so a
        // loaded machine that starts processes slowly does not fail the test.
        var history = sim.State()["History"]!.AsArray().Select(h => (Start: (double)h!["Time"]!, End: (double)h["CopyEnd"]!)).OrderBy(h => h.Start).ToList();
        Assert.Equal(2, history.Count);
        Assert.True(history[1].Start < history[0].End, $"second backup started at {history[1].Start}, after the first ended at {history[0].End}");
    }

    private static System.Collections.Generic.Dictionary<string, string> SyncStat(SimulatorFixture sim, string device)
    {
        string[] lines = TableParser.Lines(sim.Acm("swstsyncstat", device).Stdout);
        return Assert.Single(TableParser.Parse(lines[0], lines.Skip(1), "Server", "Transaction-Disk", "Backup-Disk", "Status", "Execute"));
    }
}
