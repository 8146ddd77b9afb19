using System.Linq;
using AcmCluster.Products.SharedDisk;
using Xunit;

namespace AcmCluster.Tests.Parsers;

/// <summary>The shared-disk names New-AcmSharedDisk completes (fixtures are assumed layouts: see their .source files).</summary>
public class SharedDiskNamesTests
{
    [Fact]
    public void GdsClassesAreTheClassRows()
        => Assert.Equal(new[] { "class0001", "acmdata" }, SharedDiskNames.GdsNames(Fixture.Lines("sdxinfo-C.txt"), "class").ToArray());

    [Fact]
    public void GdsVolumesAreFilteredByClass()
    {
        var lines = Fixture.Lines("sdxinfo-V.txt");
        Assert.Equal(new[] { "vol0001", "vol0002", "acmvol" }, SharedDiskNames.GdsNames(lines, "volume").Distinct().ToArray());
        Assert.Equal(new[] { "acmvol" }, SharedDiskNames.GdsNames(lines, "volume", "acmdata").ToArray());
        Assert.Empty(SharedDiskNames.GdsNames(lines, "class"));
    }

    [Fact]
    public void DiskGroupsIncludeDeportedOnesAndSkipDisksInNoGroup()
        => Assert.Equal(new[] { "dg01", "dg02" }, SharedDiskNames.DiskGroups(Fixture.Lines("vxdisk-o-alldgs-list.txt")).Distinct().ToArray());

    [Fact]
    public void VolumeGroupsAreOneNameALine()
        => Assert.Equal(new[] { "vg01", "vg_acm" }, SharedDiskNames.VolumeGroups(Fixture.Lines("vgs-noheadings-vg_name.txt")).ToArray());

    [Fact]
    public void LinesOfAnotherShapeAreSkipped()
        => Assert.Empty(SharedDiskNames.VolumeGroups(new[] { "", "  WARNING: something odd happened" }));
}
