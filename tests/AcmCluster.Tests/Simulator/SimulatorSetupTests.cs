using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace AcmCluster.Tests.Simulator;

public class SimulatorSetupTests
{
    [Fact]
    public void Setup_WritesSummaryDevicesFstabAndShims()
    {
        using var sim = new SimulatorFixture("--volumes", "2", "--size-kb", "16");
        JsonArray volumes = sim.Summary["Volumes"]!.AsArray();
        Assert.Equal(2, volumes.Count);
        JsonNode v1 = volumes[0]!;
        Assert.Equal("/dev/sdb1", (string?)v1["Device"]);
        Assert.Equal("Fsystem_tran1", (string?)v1["Resource"]);
        Assert.Equal("/mnt/tran1", (string?)v1["MountPoint"]);
        Assert.Equal(new[] { "/dev/sdc1", "/dev/sdd1" }, v1["BackupDevices"]!.AsArray().Select(x => (string)x!).ToArray());
        Assert.Equal("nodeA", (string?)sim.Summary["LogicalNode"]);

        byte[] tran = File.ReadAllBytes((string)v1["DataPath"]!);
        byte[] backup = File.ReadAllBytes(sim.DataPath("/dev/sdc1"));
        Assert.Equal(16 * 1024, tran.Length);
        Assert.Contains(tran, b => b != 0);
        Assert.All(backup, b => Assert.Equal(0, b));

        string fstab = File.ReadAllText(Path.Combine(sim.StateDir, "etc", "fstab.pcl"));
        Assert.Contains("#RMS#/dev/sdb1 /mnt/tran1 ext4 noauto 0 0", fstab);
        Assert.True(File.Exists(Path.Combine(sim.StateDir, "etc", "fstab")));
        foreach (string tool in new[] { "hvdisp", "hvutil", "hvassert", "hvswitch", "swstbackup", "swstrestore", "swststartsync",
                     "swstsyncstat", "swstcancelsync", "swsthistdisp", "swstdevdisp", "mount", "umount", "fuser" })
        {
            Assert.True(File.Exists(Path.Combine(sim.BinDir, tool)), tool);
        }
    }

    [Fact]
    public void Shims_RunWithoutEnvironment()
    {
        using var sim = new SimulatorFixture();
        ProcResult r = sim.Shim("hvdisp", "-a");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Fsystem_tran1", r.Stdout);
        ProcResult m = sim.Shim("mount");
        Assert.Contains("/dev/sdb1 on /mnt/tran1 type ext4 (rw,relatime)", m.Stdout);
        Assert.Equal(0, sim.Shim("acmsim", "datapath", "/dev/sdb1").ExitCode);
        // The shim names the state dir itself, so the call is logged there.
        Assert.Equal("hvdisp", (string?)sim.Log()[0]["command"]);
    }

    [Fact]
    public void TransactionData_IsDeterministicPerDeviceName()
    {
        using var a = new SimulatorFixture("--volumes", "1");
        using var b = new SimulatorFixture("--volumes", "1");
        Assert.Equal(File.ReadAllBytes(a.DataPath("/dev/sdb1")), File.ReadAllBytes(b.DataPath("/dev/sdb1")));
    }

    [Fact]
    public void RealMounts_OmitsMountShims()
    {
        using var sim = new SimulatorFixture("--real-mounts", "--volumes", "1", "--mount-root", "/nonexistent-acmsim");
        Assert.False(File.Exists(Path.Combine(sim.BinDir, "mount")));
        Assert.False(File.Exists(Path.Combine(sim.BinDir, "umount")));
        Assert.True(File.Exists(Path.Combine(sim.BinDir, "hvassert")));
        // The mount point is not in /proc/self/mounts while app1 is Online: Faulted,
        // and Offline once the application is in maintenance mode.
        Assert.Equal(0, sim.Tool("hvassert", "-s", "Fsystem_tran1", "Faulted").ExitCode);
        Assert.Equal(0, sim.Tool("hvutil", "-m", "on", "app1").ExitCode);
        Assert.Equal(0, sim.Tool("hvassert", "-s", "Fsystem_tran1", "Offline").ExitCode);
    }
}
