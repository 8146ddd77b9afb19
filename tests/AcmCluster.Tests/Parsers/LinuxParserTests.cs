using System.IO;
using System.Linq;
using AcmCluster.Internal;
using AcmCluster.Products.Linux;
using Xunit;

namespace AcmCluster.Tests.Parsers;

public class LinuxParserTests
{
    [Fact]
    public void FuserPairsPsmiscStdoutPidsWithTheStderrTable()
    {
        // Captured from psmisc 23.6: PIDs on stdout only, the table on stderr with warnings mixed in.
        var holders = FuserParser.Parse(Fixture.Lines("fuser-vm-psmisc.stdout"), Fixture.Lines("fuser-vm-psmisc.stderr"));
        Assert.Equal(new[] { 12085, 12086 }, holders.Select(h => h.ProcessId));
        Assert.Equal("bash", holders[0].Command);
        Assert.Equal("ora_dbw0", holders[1].Command);
        Assert.Equal("oracle", holders[1].User);
    }

    [Fact]
    public void FuserPairsRowsWhenStdoutHasNoKernelToken()
    {
        var holders = FuserParser.Parse(new[] { " 19112" }, new[] { "                     USER        PID ACCESS COMMAND", "/mnt/tran2:          root      mount /mnt/tran2", "                     root      ..c.. sleep" });
        var holder = Assert.Single(holders);
        Assert.Equal(19112, holder.ProcessId);
        Assert.Equal("sleep", holder.Command);
    }

    [Fact]
    public void FuserWithoutHoldersNamesNobody()
        => Assert.Empty(FuserParser.Parse(new[] { "kernel" }, new[] { "                     USER        PID ACCESS COMMAND", "/mnt/tran1:          root     kernel mount /mnt/tran1" }));

    [Fact]
    public void FuserNamesProcessesButNotTheKernel()
    {
        var holders = FuserParser.Parse(new[] { "  4242  5150" }, Fixture.Lines("fuser-vm.txt"));
        Assert.Equal(new[] { 4242, 5150 }, holders.Select(h => h.ProcessId));
        Assert.Equal("ora_dbw0", holders[1].Command);
        Assert.Equal("oracle", holders[1].User);
    }

    [Fact]
    public void FstabPclComesBeforeFstab()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            File.Copy(Fixture.PathOf("fstab.pcl"), Path.Combine(dir, "fstab.pcl"));
            File.WriteAllLines(Path.Combine(dir, "fstab"), new[] { "/dev/other /mnt/tran1 ext3 defaults 0 0", "/dev/sdk1 /mnt/with\\040blank xfs defaults 0 0" });
            Assert.Equal("/dev/sdb1", FstabReader.Find(dir, "/mnt/tran1")!.Device);
            Assert.Equal("/dev/sdk1", FstabReader.Find(dir, "/mnt/with blank")!.Device);
            Assert.Null(FstabReader.Find(dir, "/mnt/none"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
