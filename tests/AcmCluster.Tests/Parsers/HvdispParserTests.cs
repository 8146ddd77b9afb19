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
    public void ReadsMaintenanceWithIntendedState()
    {
        var display = HvdispParser.Parse(Fixture.Lines("hvdisp-a-maintenance.txt"));
        var app = display.Rows.Single(r => r.Resource == "app1" && r.HostName is null);
        Assert.Equal("Maintenance", app.State);
        Assert.Equal("Online", app.StateDetails);
        Assert.Equal("Online!!", display.Rows.Single(r => r.Resource == "Fsystem_tran1" && r.HostName is null).StateDetails);
    }

    [Theory]
    [InlineData("app1 userApp Bogus")]
    [InlineData("app1")]
    [InlineData("app1 userApp node2RMS extra Online")]
    [InlineData("app1                userApp                     オンライン")]
    [InlineData("app1                userApp                     Onl")]
    public void RejectsRowsItCannotRead(string line)
    {
        var e = Assert.Throws<AcmException>(() => HvdispParser.Parse(new[] { "Resource Type HostName State StateDetails", line }));
        Assert.Equal("NativeOutputUnrecognized", e.ErrorId);
        Assert.Contains(line, e.Message);
    }

    [Fact]
    public void RejectsOutputWithoutHeader()
    {
        var e = Assert.Throws<AcmException>(() => HvdispParser.Parse(new[] { "RMS-Fehler: nicht gestartet" }));
        Assert.Contains("RMS-Fehler", e.Message);
    }
}
