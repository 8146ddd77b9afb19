using System.Linq;
using AcmCluster.Internal;
using AcmCluster.Products.Primecluster;
using Xunit;

namespace AcmCluster.Tests.Parsers;

public class HvdispParserTests
{
    [Fact]
    public void ReadsLocalSystemAndEveryRow()
    {
        var display = HvdispParser.Parse(Fixture.Lines("hvdisp-a.txt"));
        Assert.Equal("node1RMS", display.LocalSystem);
        Assert.Equal(6, display.Rows.Count);
        var remoteApp = display.Rows.Single(r => r.Resource == "app1" && r.HostName is not null);
        Assert.Equal("node2RMS", remoteApp.HostName);
        Assert.Equal("Standby", remoteApp.State);
        var localFs = display.Rows.Single(r => r.Resource == "Fsystem_tran1" && r.HostName is null);
        Assert.Equal("gRes", localFs.Type);
        Assert.Equal("Online", localFs.State);
        Assert.Equal(string.Empty, localFs.StateDetails);
    }

    [Fact]
    public void KeepsStateDetailsWithBlanks()
    {
        var lines = new[] { "Resource Type HostName State StateDetails", "Fsystem_tran1 gRes Online Offline intended" };
        var row = Assert.Single(HvdispParser.Parse(lines).Rows);
        Assert.Null(row.HostName);
        Assert.Equal("Online", row.State);
        Assert.Equal("Offline intended", row.StateDetails);
    }

    [Fact]
    public void ReadsMaintenanceFromTheApplicationRow()
    {
        var display = HvdispParser.Parse(Fixture.Lines("hvdisp-a-maintenance.txt"));
        var app = display.Rows.Single(r => r.Resource == "app1" && r.HostName is null);
        Assert.Equal("Maintenance", app.State);
        Assert.Equal("Online !!", app.StateDetails);
        Assert.Equal("Online!!", HvdispParser.Compact(app.StateDetails));
        Assert.Equal(string.Empty, display.Rows.Single(r => r.Resource == "Fsystem_tran1" && r.HostName is null).StateDetails);
    }

    [Fact]
    public void KeepsAndOpRowsWithoutStateAndReadsWideNames()
    {
        var display = HvdispParser.Parse(Fixture.Lines("hvdisp-a-andop.txt"));
        Assert.Equal(12, display.Rows.Count);
        var andOp = display.Rows.Single(r => r.Resource == "app1_node2");
        Assert.True(andOp.IsAndOp);
        Assert.False(andOp.HasState);
        Assert.Null(andOp.HostName);
        Assert.Equal("node2RMS", andOp.HostAttribute);
        var wide = display.Rows.Single(r => r.Resource == "Fsystem_transaction_vol01" && r.HostName is null);
        Assert.Equal(("gRes", "Online"), (wide.Type, wide.State));
        Assert.Equal("Offline", display.Rows.Single(r => r.Resource == "Fsystem_transaction_vol01" && r.HostName == "node2RMS").State);
        var app2 = display.Rows.Where(r => r.Resource == "app2").ToList();
        Assert.All(app2, r => Assert.True(r.IsApplication));
        Assert.Equal("Offline", app2.Single(r => r.HostName is null).State);
        Assert.False(app2.Single(r => r.HostName == "node2RMS").HasState);
    }

    [Theory]
    [InlineData("app1 userApp Bogus")]
    [InlineData("app1")]
    [InlineData("app1 userApp node2RMS extra Online")]
    [InlineData("app1                userApp                     オンライン")]
    [InlineData("app1                userApp                     Onl")]
    public void KeepsRowsWithoutAKnownStateAndTheirLine(string line)
    {
        var row = Assert.Single(HvdispParser.Parse(new[] { "Resource Type HostName State StateDetails", line }).Rows);
        Assert.Equal("app1", row.Resource);
        Assert.False(row.HasState);
        Assert.Equal(line, row.Line);
    }

    [Fact]
    public void RejectsOutputWithoutHeader()
    {
        var e = Assert.Throws<AcmException>(() => HvdispParser.Parse(new[] { "RMS-Fehler: nicht gestartet" }));
        Assert.Contains("RMS-Fehler", e.Message);
    }
}
