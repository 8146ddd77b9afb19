using AcmCluster.Internal;
using Xunit;

namespace AcmCluster.Tests.Parsers;

public class InputValidatorTests
{
    [Theory]
    [InlineData("app1")]
    [InlineData("Fsystem_tran1")]
    [InlineData("node-A.1")]
    public void AcceptsPlainNames(string name) => Assert.Equal(name, InputValidator.Name(name, "Name"));

    [Theory]
    [InlineData("-M")]
    [InlineData("--help")]
    [InlineData("a;rm -rf /")]
    [InlineData("$(id)")]
    [InlineData("`id`")]
    [InlineData("аpp1")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" app1")]
    [InlineData("app\u00001")]
    public void RejectsNames(string name)
    {
        var e = Assert.Throws<AcmException>(() => InputValidator.Name(name, "Name"));
        Assert.Equal("InvalidName", e.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, e.Category);
    }

    [Fact]
    public void RejectsVeryLongNames() => Assert.Throws<AcmException>(() => InputValidator.Name(new string('a', 10000), "Name"));

    [Theory]
    [InlineData("/dev/sdb1")]
    [InlineData("/dev/sfdsk/class0001/dsk/volume0001")]
    [InlineData("/dev/disk/by-path/pci-0000:00:1f.2-ata-1")]
    public void AcceptsDevices(string device) => Assert.Equal(device, InputValidator.Device(device, "Device"));

    [Theory]
    [InlineData("sdb1")]
    [InlineData("-h")]
    [InlineData("/dev/../etc/passwd")]
    [InlineData("/dev/sdb1;id")]
    [InlineData("/dev/sdb 1")]
    [InlineData("/dev/ѕdb1")]
    public void RejectsDevices(string device)
        => Assert.Equal("InvalidDevice", Assert.Throws<AcmException>(() => InputValidator.Device(device, "Device")).ErrorId);

    [Fact]
    public void MountPointsMayHaveBlanksButNotDotDot()
    {
        Assert.Equal("/mnt/with blank", InputValidator.MountPoint("/mnt/with blank/", "MountPoint"));
        Assert.Equal("InvalidMountPoint", Assert.Throws<AcmException>(() => InputValidator.MountPoint("/mnt/../x", "MountPoint")).ErrorId);
    }
}
