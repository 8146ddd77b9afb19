using System;
using AcmCluster.Internal;
using AcmCluster.Products.Acm;
using Xunit;

namespace AcmCluster.Tests.Parsers;

public class AcmParserTests
{
    [Fact]
    public void SyncStatusReadsEveryRow()
    {
        var rows = SyncStatusParser.Parse(Fixture.Lines("swstsyncstat.txt"));
        Assert.Equal(3, rows.Count);
        Assert.Equal(new[] { "Suspend", "Executing", "Equivalent" }, new[] { rows[0].Status, rows[1].Status, rows[2].Status });
        Assert.Equal(new[] { "suspend", "executing", "equivalent" }, new[] { rows[0].RawStatus, rows[1].RawStatus, rows[2].RawStatus });
        Assert.Null(rows[0].Progress);
        Assert.Equal(75, rows[1].Progress);
        Assert.Equal("/dev/sdb6", rows[2].Device);
        Assert.Equal("/dev/sdf6", rows[2].BackupDevice);
    }

    [Fact]
    public void SyncStatusPlaceholdersAreNull()
    {
        var rows = SyncStatusParser.Parse(new[] { "Server Transaction-Disk Backup-Disk Status Execute", "SV1 /dev/sdb1 ---- ---- ----", "SV1 /dev/sdb2 /dev/sdd2 ????? ----" });
        Assert.Equal(("/dev/sdb1", null, null, "----", null), (rows[0].Device, rows[0].BackupDevice, rows[0].Status, rows[0].RawStatus, rows[0].Progress));
        Assert.Equal(("/dev/sdd2", null, "?????"), (rows[1].BackupDevice, rows[1].Status, rows[1].RawStatus));
    }

    [Fact]
    public void SyncStatusMatchesColumnsByName()
    {
        var rows = SyncStatusParser.Parse(new[] { "Execute Status Backup-Disk Transaction-Disk Server", "50% executing /dev/sdd1 /dev/sdb1 SV1" });
        Assert.Equal("/dev/sdb1", rows[0].Device);
        Assert.Equal(50, rows[0].Progress);
    }

    [Theory]
    [InlineData("SV1 /dev/sdb6 /dev/sdd6 gleichwertig 100%")]
    [InlineData("SV1 /dev/sdb6 /dev/sdd6 executing lots")]
    [InlineData("SV1 /dev/sdb6 /dev/sdd6")]
    public void SyncStatusRejectsWhatItCannotRead(string line)
    {
        var e = Assert.Throws<AcmException>(() => SyncStatusParser.Parse(new[] { "Server Transaction-Disk Backup-Disk Status Execute", line }));
        Assert.Equal("NativeOutputUnrecognized", e.ErrorId);
    }

    [Fact]
    public void HistoryReadsBlocksPerDevice()
    {
        var lines = new[]
        {
            "Server=SV1 Device=/dev/sdb1 Mount-Point=/mnt/tran1 (ext4)",
            "Generation Version Backup-Date      Backup-Device Status    Execute",
            "1          3       2026/11/12 22:00 /dev/sdc1     succeeded ----",
            string.Empty,
            "Server=SV1 Device=/dev/sdb2 Mount-Point=/mnt/tran2 (ext4)",
            "Generation Version Backup-Date      Backup-Device Status    Execute",
        };
        var rows = HistoryParser.Parse(lines);
        var row = Assert.Single(rows);
        Assert.Equal("/dev/sdb1", row.Device);
        Assert.Equal("/mnt/tran1", row.MountPoint);
        Assert.Equal(new DateTime(2026, 11, 12, 22, 0, 0), row.BackupDate);
    }

    [Fact]
    public void HistoryReadsTheReferenceSample()
    {
        var rows = HistoryParser.Parse(Fixture.Lines("swsthistdisp.txt"));
        Assert.Equal(2, rows.Count);
        Assert.Equal(9, rows[1].Version);
        Assert.Equal("Executing", rows[1].Status);
        Assert.Equal("executing", rows[1].RawStatus);
        Assert.Equal(75, rows[1].Progress);
    }

    [Theory]
    [InlineData("1          3       2026/11/12")]
    [InlineData("1          3       2026/11/12 22:00 /dev/sdc1     succeeded")]
    [InlineData("一         3       2026/11/12 22:00 /dev/sdc1     succeeded ----")]
    [InlineData("1          3       12.11.2026 22:00 /dev/sdc1     succeeded ----")]
    public void HistoryRejectsTruncatedOrLocalizedRowsQuotingThem(string row)
    {
        var lines = new[] { "Server=SV1 Device=/dev/sdb1 Mount-Point=/mnt/tran1 (ext4)", "Generation Version Backup-Date      Backup-Device Status    Execute", row };
        var e = Assert.Throws<AcmException>(() => HistoryParser.Parse(lines));
        Assert.Equal("NativeOutputUnrecognized", e.ErrorId);
        Assert.Contains(row.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)[0], e.Message);
    }

    [Fact]
    public void HistoryRejectsRowsBeforeADeviceLine()
    {
        var e = Assert.Throws<AcmException>(() => HistoryParser.Parse(new[] { "1 3 2026/11/12 22:00 /dev/sdc1 succeeded ----" }));
        Assert.Contains("Server=", e.Message);
    }

    [Fact]
    public void CommandsPutTheLogicalNodeInTheChildEnvironmentOnly()
    {
        var c = AcmCommands.Backup("/dev/sdb1", "nodeA", suspend: true, differential: false);
        Assert.Equal(new[] { "-suspend", "/dev/sdb1" }, c.Arguments);
        Assert.Equal("nodeA", c.Environment["SWSTGNODE"]);
        Assert.Equal("SWSTGNODE=nodeA swstbackup -suspend /dev/sdb1", c.CommandLine);
        Assert.Empty(AcmCommands.Backup("/dev/sdb1", null, false, false).Environment);
    }
}
