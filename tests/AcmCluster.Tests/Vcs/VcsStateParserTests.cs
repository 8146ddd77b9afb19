using System.Linq;
using AcmCluster.Internal;
using AcmCluster.Products.Vcs;
using Xunit;

namespace AcmCluster.Tests.Vcs;

public class VcsStateParserTests
{
    [Fact]
    public void ReadsOneRowPerGroupAndSystemWithFlags()
    {
        var rows = VcsStateParser.Parse(Fixture.Lines("hagrp-state.txt"), "hagrp -state");
        Assert.Equal(4, rows.Count);
        var online = rows.Single(r => r.Name == "sg1" && r.System == "node1");
        Assert.Equal("State", online.Attribute);
        Assert.Equal(new[] { "ONLINE" }, online.Flags);
        Assert.Equal(new[] { "OFFLINE", "FAULTED" }, rows.Single(r => r.Name == "sg2" && r.System == "node1").Flags);
        Assert.Equal(new[] { "PARTIAL", "STOPPING" }, rows.Single(r => r.Name == "sg2" && r.System == "node2").Flags);
    }

    [Fact]
    public void ReadsPlainResourceStates()
    {
        var rows = VcsStateParser.Parse(Fixture.Lines("hares-state.txt"), "hares -state");
        Assert.Equal(4, rows.Count);
        Assert.Equal("FAULTED", rows.Single(r => r.Name == "mnt_tran2" && r.System == "node1").Value);
        Assert.Equal(new[] { "FAULTED" }, rows.Single(r => r.Name == "mnt_tran2" && r.System == "node1").Flags);
    }

    [Fact]
    public void EmptyOutputHasNoRows() => Assert.Empty(VcsStateParser.Parse(new[] { "", "  " }, "hagrp -state"));

    [Theory]
    [InlineData("sg1 State node1 |ONLINE|")]
    [InlineData("#Group Attribute Value")]
    public void RejectsRowsWithoutTheHeader(string line)
        => Assert.Throws<AcmException>(() => VcsStateParser.Parse(new[] { line }, "hagrp -state"));

    [Fact]
    public void RejectsARowWithExtraFields()
        => Assert.Throws<AcmException>(() => VcsStateParser.Parse(new[] { "#Group Attribute System Value", "sg1 State node1 |ONLINE| extra" }, "hagrp -state"));
}
