using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Formatting;
using AcmCluster.Tests.Simulator;
using Xunit;

namespace AcmCluster.Tests.Formatting;

/// <summary>
/// The module reads its own table views; anything outside the part of the schema it knows must be refused
/// (so PowerShell's loader takes the file) rather than read wrongly. Pester compares the views it builds
/// with PowerShell's reading of the shipped file.
/// </summary>
public sealed class FormatFileReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("acmfmt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string View = """
        <View><Name>T.Item</Name><ViewSelectedBy><TypeName>T.Item</TypeName></ViewSelectedBy>
          <TableControl>
            <TableHeaders>
              <TableColumnHeader><Label>Name</Label><Width>12</Width></TableColumnHeader>
              <TableColumnHeader><Label>Size</Label></TableColumnHeader>
            </TableHeaders>
            <TableRowEntries><TableRowEntry><TableColumnItems>
              <TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem>
              <TableColumnItem><ScriptBlock>$_.Size / 1KB</ScriptBlock></TableColumnItem>
            </TableColumnItems></TableRowEntry></TableRowEntries>
          </TableControl>
        </View>
        """;

    private string Write(string views)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("n") + ".format.ps1xml");
        File.WriteAllText(path, $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c -->\n<Configuration><ViewDefinitions>{views}</ViewDefinitions></Configuration>");
        return path;
    }

    [Fact]
    public void ReadsLabelsWidthsPropertiesAndScriptBlocks()
    {
        var definition = Assert.Single(FormatFileReader.Read(Write(View)));
        Assert.Equal("T.Item", definition.TypeName);
        var view = Assert.Single(definition.FormatViewDefinition);
        Assert.Equal("T.Item", view.Name);
        var table = Assert.IsType<TableControl>(view.Control);
        Assert.Equal(new[] { "Name/12", "Size/0" }, table.Headers.Select(h => $"{h.Label}/{h.Width}"));
        var columns = Assert.Single(table.Rows).Columns.Select(c => c.DisplayEntry).ToList();
        Assert.Equal((DisplayEntryValueType.Property, "Name"), (columns[0].ValueType, columns[0].Value));
        Assert.Equal((DisplayEntryValueType.ScriptBlock, "$_.Size / 1KB"), (columns[1].ValueType, columns[1].Value));
    }

    [Theory]
    [InlineData("<GroupBy><PropertyName>Node</PropertyName></GroupBy>", "<ViewSelectedBy>")]
    [InlineData("<TableColumnItem><PropertyName>Name</PropertyName><FormatString>{0:N1}</FormatString></TableColumnItem>", "<TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem>")]
    [InlineData("<TableColumnHeader><Label>Name</Label><Width>12</Width><Alignment>Right</Alignment></TableColumnHeader>", "<TableColumnHeader><Label>Name</Label><Width>12</Width></TableColumnHeader>")]
    [InlineData("<TableControl><AutoSize/>", "<TableControl>")]
    [InlineData("<TableRowEntry><Wrap/>", "<TableRowEntry>")]
    [InlineData("<TableRowEntries><TableRowEntry><EntrySelectedBy><TypeName>X</TypeName></EntrySelectedBy>", "<TableRowEntries><TableRowEntry>")]
    [InlineData("<ViewSelectedBy><TypeName>T.Item</TypeName><TypeName>T.Other</TypeName></ViewSelectedBy>", "<ViewSelectedBy><TypeName>T.Item</TypeName></ViewSelectedBy>")]
    [InlineData("<TableColumnItem><PropertyName>Name</PropertyName><ScriptBlock>1</ScriptBlock></TableColumnItem>", "<TableColumnItem><PropertyName>Name</PropertyName></TableColumnItem>")]
    [InlineData("<Width>wide</Width>", "<Width>12</Width>")]
    [InlineData("<View Id=\"x\">", "<View>")]
    public void RefusesWhatItDoesNotKnow(string replacement, string original)
    {
        var text = original == "<ViewSelectedBy>" ? View.Replace(original, replacement + original) : View.Replace(original, replacement);
        Assert.NotEqual(View, text);
        var path = Write(text);
        Assert.Throws<NotSupportedException>(() => FormatFileReader.Read(path));
    }

    [Fact]
    public void RefusesListViews()
    {
        var path = Write("<View><Name>T.Item</Name><ViewSelectedBy><TypeName>T.Item</TypeName></ViewSelectedBy><ListControl><ListEntries/></ListControl></View>");
        Assert.Throws<NotSupportedException>(() => FormatFileReader.Read(path));
    }

    [Fact]
    public void ReadsEveryViewOfTheShippedFile()
    {
        var shipped = Path.Combine(SimulatorFixture.RepoRoot, "src", "AcmCluster", ModuleFormats.FileName);
        var definitions = FormatFileReader.Read(shipped);
        Assert.Equal(System.Xml.Linq.XDocument.Load(shipped).Descendants("View").Count(), definitions.Count);
        Assert.All(definitions, d => Assert.StartsWith("AcmCluster.", d.TypeName));
    }
}
