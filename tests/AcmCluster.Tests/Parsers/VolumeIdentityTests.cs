using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using AcmCluster.Cluster;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Products.Linux;
using AcmCluster.Products.Vcs;
using Xunit;

namespace AcmCluster.Tests.Parsers;

/// <summary>Issue 12: a volume is recognised by its device number in the mount table, never by its name.</summary>
public class VolumeIdentityTests
{
    private static readonly IReadOnlyList<MountTable.Entry> Table = MountTable.Parse(Fixture.Lines("findmnt-J.json"));
    private static readonly IReadOnlyDictionary<string, string> Numbers = DeviceIdentity.Parse(Fixture.Lines("stat-devices.txt"));

    [Fact]
    public void MountTableReadsTargetSourceNumberTypeAndOptions()
    {
        var entry = MountTable.Top(Table, "/mnt/tran1")!;
        Assert.Equal("/dev/sdb1", entry.Source);
        Assert.Equal("8:17", entry.DeviceNumber);
        Assert.Equal("ext4", entry.FileSystemType);
        Assert.Equal("rw,relatime", entry.Options);
        Assert.Equal(5, Table.Count);
    }

    [Fact]
    public void MountTableRefusesWhatIsNotFindmntJson()
    {
        var e = Assert.Throws<AcmException>(() => MountTable.Parse(new[] { "/dev/sdb1 on /mnt/tran1 type ext4 (rw)" }));
        Assert.Equal("NativeOutputUnrecognized", e.ErrorId);
        Assert.Contains("/dev/sdb1 on /mnt/tran1", e.Message);
    }

    [Fact]
    public void MountTableTopIsTheLastMountAtTheTarget()
    {
        var stacked = Table.Append(new MountTable.Entry("/mnt/tran1", "/tmp/evil#x", "0:70", "fuse", "rw")).ToList();
        Assert.Equal("0:70", MountTable.Top(stacked, "/mnt/tran1")!.DeviceNumber);
    }

    [Fact]
    public void StatNumbersAreDecimalAndAliasesAgree()
    {
        Assert.Equal("8:17", Numbers["/dev/sdb1"]);
        Assert.Equal("253:2", Numbers["/dev/dm-2"]);
        Assert.Equal(Numbers["/dev/mapper/vg01-lv02"], Numbers["/dev/disk/by-id/dm-name-vg01-lv02"]);
        Assert.DoesNotContain(Numbers.Keys, k => k.StartsWith('#'));
    }

    [Fact]
    public void StatSkipsWhatIsNotABlockDevice()
        => Assert.Empty(DeviceIdentity.Parse(new[] { "0 0 81a4 /etc/passwd", "stat: cannot statx '/dev/sdz1': No such file or directory" }));

    [Fact]
    public void TheNamedVolumeAtItsMountPointPasses()
        => Assert.Contains("is mounted on /mnt/tran1", VolumeIdentity.Check("/dev/sdb1", "8:17", "/mnt/tran1", Table, null, null));

    [Fact]
    public void ADeviceMapperAliasIsTheSameVolume()
        => VolumeIdentity.Check("/dev/dm-2", Numbers["/dev/dm-2"], "/mnt/tran2", Table, null, null);

    [Fact]
    public void AnUnmountedDirectoryWhileTheDeviceIsMountedElsewhereIsAMismatch()
    {
        var e = Assert.Throws<AcmException>(() => VolumeIdentity.Check("/dev/sdb1", "8:17", "/mnt/tarn1", Table, null, null));
        Assert.Equal("VolumeMismatch", e.ErrorId);
        Assert.Contains("/mnt/tarn1 is not mounted; /dev/sdb1 is mounted on /mnt/tran1", e.Message);
    }

    [Fact]
    public void TheMountPointOfAnotherVolumeIsAMismatch()
    {
        var e = Assert.Throws<AcmException>(() => VolumeIdentity.Check("/dev/sdb1", "8:17", "/mnt/tran2", Table, null, null));
        Assert.Equal("VolumeMismatch", e.ErrorId);
        Assert.Contains("/mnt/tran2 holds /dev/mapper/vg01-lv02", e.Message);
    }

    [Fact]
    public void ADeviceMountedTwiceIsAMismatch()
    {
        var twice = Table.Append(new MountTable.Entry("/srv/copy", "/dev/sdb1", "8:17", "ext4", "rw")).ToList();
        var e = Assert.Throws<AcmException>(() => VolumeIdentity.Check("/dev/sdb1", "8:17", "/mnt/tran1", twice, null, null));
        Assert.Contains("also on /srv/copy", e.Message);
    }

    [Fact]
    public void ANameThatIsNoBlockDeviceIsAMismatch()
        => Assert.Equal("VolumeMismatch", Assert.Throws<AcmException>(() => VolumeIdentity.Check("/dev/sdz1", null, "/mnt/tran1", Table, null, null)).ErrorId);

    [Fact]
    public void TheConfigurationMustMountTheSameDevice()
    {
        var configured = new ConfiguredMount("/dev/sdc1", "/etc/fstab.pcl");
        var e = Assert.Throws<AcmException>(() => VolumeIdentity.Check("/dev/sdb1", "8:17", "/mnt/tran1", Table, configured, Numbers["/dev/sdc1"]));
        Assert.Contains("/etc/fstab.pcl mounts /dev/sdc1", e.Message);
        Assert.Contains("agrees", VolumeIdentity.Check("/dev/sdb1", "8:17", "/mnt/tran1", Table, new ConfiguredMount("/dev/sdb1", "/etc/fstab.pcl"), "8:17"));
    }

    [Fact]
    public void AMountPointNoResourceMountsIsAMismatch()
    {
        var e = Assert.Throws<AcmException>(() => VolumeIdentity.Check("/dev/sdb1", "8:17", "/mnt/tran1", Table, new ConfiguredMount(null, "/etc/fstab.pcl"), null));
        Assert.Contains("no cluster resource mounts /mnt/tran1", e.Message);
    }

    [Fact]
    public void AStillMountedVolumeIsNotCopied()
    {
        Assert.Equal("VolumeStillMounted", Assert.Throws<AcmException>(() => VolumeIdentity.RefuseMounted("/dev/dm-2", "253:2", Table)).ErrorId);
        VolumeIdentity.RefuseMounted("/dev/sdc1", "8:33", Table);
    }

    [Fact]
    public void FstabPclNamesTheFsystemDeviceOfAMountPoint()
    {
        var dir = Path.GetDirectoryName(Fixture.PathOf("fstab.pcl"))!;
        Assert.Equal("/dev/sdb1", FstabReader.RmsMount(dir, "/mnt/tran1")!.Device);
        Assert.Null(FstabReader.RmsMount(dir, "/mnt/nowhere")!.Device);
        Assert.Null(FstabReader.RmsMount(Path.Combine(dir, "no-such-dir"), "/mnt/tran1"));
    }

    [Fact]
    public void VcsMountResourceNamesItsBlockDevice()
    {
        var host = new AnsweringHost(("hares -value mnt_tran1 BlockDevice", "/dev/vx/dsk/dg01/vol01"));
        var provider = new VcsProvider(new NativeCommandRunner(host), "node1");
        var configured = provider.ConfiguredMount(new AcmVolume { Device = "/dev/vx/dsk/dg01/vol01", Resource = "mnt_tran1", MountPoint = "/mnt/tran1" })!;
        Assert.Equal("/dev/vx/dsk/dg01/vol01", configured.Device);
        Assert.Contains("mnt_tran1", configured.Source);
    }

    [Theory]
    [InlineData("/mnt/tran1", null)]
    [InlineData("/tmp/acm/tran1", null)]
    [InlineData("/mnt/link", "MountPointUntrusted")]
    [InlineData("/u01/oradata", "MountPointUntrusted")]
    [InlineData("/tmp/user/tran1", "MountPointUntrusted")]
    [InlineData("/mnt/missing", "MountPointNotFound")]
    [InlineData("/mnt/oracle/data", "MountPointUntrusted")]
    [InlineData("/mnt/file", "MountPointUntrusted")]
    // The mount point itself may belong to the application (a mounted Oracle volume's root is oracle's): only its
    // parents decide whether someone could swap it.
    [InlineData("/mnt/oracle", null)]
    [InlineData("/mnt/open", null)]
    public void MountPathsOnlyRootCanChangePass(string mountPoint, string? errorId)
    {
        var found = new[]
        {
            new MountPath.Component("/", 0x41ed, 0), new MountPath.Component("/mnt", 0x41ed, 0), new MountPath.Component("/mnt/tran1", 0x41ed, 0), new MountPath.Component("/mnt/oracle", 0x41ed, 1001), new MountPath.Component("/mnt/oracle/data", 0x41ed, 0),
            new MountPath.Component("/mnt/open", 0x41ff, 0), new MountPath.Component("/mnt/file", 0x81a4, 0),
            new MountPath.Component("/mnt/link", 0xa1ff, 0), new MountPath.Component("/tmp", 0x43ff, 0), new MountPath.Component("/tmp/acm", 0x41c0, 0),
            new MountPath.Component("/tmp/acm/tran1", 0x41ed, 0), new MountPath.Component("/tmp/user", 0x41ed, 1001), new MountPath.Component("/tmp/user/tran1", 0x41ed, 0),
            new MountPath.Component("/u01", 0x41fd, 0), new MountPath.Component("/u01/oradata", 0x41ed, 0),
        }.ToDictionary(c => c.Path);
        Assert.Equal(errorId, MountPath.Problem(mountPoint, found)?.ErrorId);
    }

    [Fact]
    public void StatOfAMountPathIsReadPerComponent()
    {
        Assert.Equal(new[] { "/", "/u01", "/u01/app", "/u01/app/oradata" }, MountPath.Components("/u01/app/oradata"));
        var parsed = MountPath.Parse(new[] { "41ed 0 /", "a1ff 1001 /mnt/with blank", "stat: cannot statx '/x': No such file or directory" });
        Assert.Equal(2, parsed.Count);
        Assert.Equal("/mnt/with blank", parsed[1].Path);
    }

    [Theory]
    [InlineData("/mnt/./tran1", "/mnt/tran1")]
    [InlineData("//mnt//tran1/", "/mnt/tran1")]
    [InlineData("/mnt/tran1/.", "/mnt/tran1")]
    public void MountPointsAreCanonical(string given, string canonical)
        => Assert.Equal(canonical, InputValidator.MountPoint(given, "MountPoint"));

    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("/./")]
    public void TheRootDirectoryIsNoMountPoint(string given)
        => Assert.Equal("InvalidMountPoint", Assert.Throws<AcmException>(() => InputValidator.MountPoint(given, "MountPoint")).ErrorId);

    // Invoke-AcmBackup/-Restore without -MountPoint: a mounted device is a cluster transaction volume when a resource
    // mounts that very device (by number, under another name too) or mounts at a path where it is mounted.
    [Theory]
    [InlineData("/dev/sdb1", "/mnt/tran1", "fstab.pcl")]
    [InlineData("/dev/dm-2", "/mnt/tran2", "fstab.pcl")]
    [InlineData("/dev/sdb1", "/mnt/other", "fstab.pcl")]
    [InlineData("/dev/sdc1", "/mnt/data", null)]
    public void AMountedDeviceIsATransactionVolumeWhenAResourceMountsItOrItsMountPoint(string device, string mountedOn, string? source)
    {
        var controlled = FstabReader.RmsMounts(Path.GetDirectoryName(Fixture.PathOf("fstab.pcl"))!);
        var configured = new Dictionary<string, string> { ["/dev/sdb1"] = "8:17", ["/dev/sdb2"] = "8:18" };
        var mounts = new[] { new MountTable.Entry(mountedOn, device, Numbers[device], "ext4", "rw") };
        var found = VolumeIdentity.Controlling(Numbers[device], mounts, controlled, configured);
        if (source is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.EndsWith(source, found!.Source, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FstabPclGivesEveryFsystemMountWithoutATrailingSlash()
    {
        var mounts = FstabReader.RmsMounts(Path.GetDirectoryName(Fixture.PathOf("fstab.pcl"))!);
        Assert.Equal(new[] { "/mnt/tran1", "/mnt/tran2" }, mounts.Select(m => m.MountPoint));
        Assert.Equal("/dev/sdb2", mounts[1].Device);
        Assert.Null(mounts[0].Application);
        Assert.Empty(FstabReader.RmsMounts(Path.Combine(Path.GetTempPath(), "no-such-etc-" + System.Guid.NewGuid().ToString("n"))));
    }

    [Fact]
    public void HaresListGivesEachResourceOnce()
        => Assert.Equal(new[] { "mnt_tran1", "mnt_tran2" }, VcsMountResources.Names(Fixture.Lines("hares-list-type-mount.txt").Append("#comment x")));

    // Answers 'name args' lines with fixed output, as a PowerShell session command would.
    private sealed class AnsweringHost : INativeCommandHost
    {
        private readonly Dictionary<string, string> _answers;

        public AnsweringHost(params (string Command, string Output)[] answers) => _answers = answers.ToDictionary(a => a.Command, a => a.Output);

        public CancellationToken Cancellation => CancellationToken.None;

        public string? FindSessionCommand(string name) => _answers.Keys.Any(k => k.StartsWith(name + " ", System.StringComparison.Ordinal)) ? name : null;

        public SessionCommandOutput InvokeSessionCommand(NativeCommand command)
            => _answers.TryGetValue($"{command.Name} {string.Join(" ", command.Arguments)}", out var output)
                ? new SessionCommandOutput(new[] { output }, System.Array.Empty<string>(), 0)
                : new SessionCommandOutput(System.Array.Empty<string>(), new[] { "unexpected" }, 1);

        public void WriteVerbose(string text)
        {
        }
    }
}
