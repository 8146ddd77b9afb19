using System.Linq;
using AcmCluster.Products.SharedDisk;
using Xunit;

namespace AcmCluster.Tests.Parsers;

/// <summary>Issue 12, preflight of the stopped cluster: where VxVM says a disk group is imported.</summary>
public class SharedDiskActivityTests
{
    [Fact]
    public void VxDiskSummaryGivesEachDisksGroupHostAndWhetherImportedHere()
    {
        var disks = SharedDiskActivity.ParseVxDisks(Fixture.Lines("vxdisk-s-list.txt"));
        Assert.Equal(new[] { "sdb", "sdc", "sdd" }, disks.Select(d => d.Name));
        Assert.Equal(new SharedDiskActivity.VxDisk("sdb", "dg01", "node1", true), disks[0]);
        Assert.Equal(new SharedDiskActivity.VxDisk("sdc", "dg02", "node2", false), disks[1]);
        Assert.Equal(new SharedDiskActivity.VxDisk("sdd", "dg03", string.Empty, false), disks[2]);
    }

    [Fact]
    public void VxDiskSummarySkipsWhatItDoesNotKnow()
    {
        var disks = SharedDiskActivity.ParseVxDisks(new[] { "VxVM vxdisk WARNING something", "hostid: before any disk", "Disk: sde", "newfield: x y", "dgname: dg09" });
        Assert.Equal(new SharedDiskActivity.VxDisk("sde", "dg09", string.Empty, false), Assert.Single(disks));
    }
}
