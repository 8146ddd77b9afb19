using System.Linq;
using AcmCluster.HelpCompiler.Model;
using AcmCluster.HelpCompiler.Reader;
using Xunit;

namespace AcmCluster.Tests.Help;

public class CommandHelpReaderTests
{
    private static CommandHelp Sample() => CommandHelpReader.Read(SamplePages.EnterMaintenance);

    [Fact]
    public void ReadsNameFrontMatterAndSynopsis()
    {
        var help = Sample();
        Assert.Equal("Enter-AcmMaintenance", help.Name);
        Assert.Equal("Enter", help.Verb);
        Assert.Equal("AcmMaintenance", help.Noun);
        Assert.Equal("AcmCluster", help.ModuleName);
        Assert.Equal("AcmCluster.dll-Help.xml", help.ExternalHelpFile);
        Assert.Equal("https://example.invalid/acm/enter-acmmaintenance", help.OnlineVersion);
        Assert.Equal("Puts a user application into maintenance mode.", help.Synopsis);
        Assert.Empty(help.Warnings);
    }

    [Fact]
    public void DescriptionSplitsParagraphsAndKeepsCodeLineBreaks()
    {
        var help = Sample();
        Assert.Equal(4, help.Description.Count);
        Assert.Equal(
            "The **Enter-AcmMaintenance** cmdlet puts one or more user applications into maintenance mode so that the cluster stops monitoring them.",
            help.Description[0]);
        Assert.Equal("Run it like this:", help.Description[1]);
        Assert.Equal("Enter-AcmMaintenance -UserApplication app1\nGet-AcmUserApplication app1", help.Description[2]);
        Assert.Equal("Use *Exit-AcmMaintenance* to leave maintenance mode.", help.Description[3]);
    }

    [Fact]
    public void SyntaxHasOneItemPerParameterSet()
    {
        var help = Sample();
        Assert.Equal(2, help.Syntax.Count);

        var byName = help.Syntax[0];
        Assert.Equal("ByName", byName.ParameterSetName);
        Assert.True(byName.IsDefault);
        Assert.True(byName.HasCommonParameters);
        Assert.Equal(new[] { "UserApplication", "Reason", "Mode", "Force", "WhatIf", "Confirm" }, byName.Parameters.Select(p => p.Name));

        var app = byName.Parameters[0];
        Assert.True(app.IsPositional);
        Assert.True(app.IsRequired);
        Assert.Equal(0, app.Position);
        Assert.Equal("String[]", app.TypeName);

        var reason = byName.Parameters[1];
        Assert.False(reason.IsRequired);
        Assert.False(reason.IsPositional);
        Assert.Equal("String", reason.TypeName);

        var force = byName.Parameters[3];
        Assert.True(force.IsSwitch);
        Assert.False(force.IsRequired);

        var byObject = help.Syntax[1];
        Assert.Equal("ByObject", byObject.ParameterSetName);
        Assert.False(byObject.IsDefault);
        Assert.Equal(new[] { "InputObject", "Reason", "Force", "WhatIf", "Confirm" }, byObject.Parameters.Select(p => p.Name));
        Assert.True(byObject.Parameters[0].IsRequired);
        Assert.False(byObject.Parameters[0].IsPositional);
        Assert.Equal("UserApplication", byObject.Parameters[0].TypeName);
        Assert.True(byObject.Parameters[1].IsPositional);
        Assert.False(byObject.Parameters[1].IsRequired);
        Assert.Equal(0, byObject.Parameters[1].Position);
    }

    [Fact]
    public void ParametersCarryAllMetadata()
    {
        var help = Sample();
        Assert.Equal(new[] { "UserApplication", "InputObject", "Reason", "Mode", "Force", "WhatIf", "Confirm" }, help.Parameters.Select(p => p.Name));
        Assert.True(help.HasCommonParameters);

        var app = help.FindParameter("UserApplication")!;
        Assert.Equal(new[] { "Names of the user applications.", "Wildcards are allowed." }, app.Description);
        Assert.Equal("String[]", app.Type);
        Assert.Equal(new[] { "ByName" }, app.ParameterSetNames);
        Assert.Equal(new[] { "Name", "App" }, app.Aliases);
        Assert.True(app.Required);
        Assert.Equal("0", app.Position);
        Assert.Equal("None", app.DefaultValue);
        Assert.Equal("True (ByPropertyName)", app.PipelineInput);
        Assert.True(app.SupportsWildcards);
        Assert.False(app.IsSwitch);

        var input = help.FindParameter("InputObject")!;
        Assert.Equal("UserApplication", input.Type);
        Assert.Empty(input.Aliases);
        Assert.Equal("Named", input.Position);
        Assert.Equal("True (ByValue)", input.PipelineInput);
        Assert.False(input.SupportsWildcards);

        var reason = help.FindParameter("Reason")!;
        Assert.Equal(new[] { "ByName", "ByObject" }, reason.ParameterSetNames);
        Assert.Equal("Named", reason.ForSet("ByName")!.Position);
        Assert.Equal("0", reason.ForSet("ByObject")!.Position);

        var mode = help.FindParameter("Mode")!;
        Assert.Equal(new[] { "Soft", "Hard" }, mode.AcceptedValues);
        Assert.Equal("Soft", mode.DefaultValue);

        var force = help.FindParameter("Force")!;
        Assert.True(force.IsSwitch);
        Assert.False(force.Required);
        Assert.Equal(new[] { "(All)" }, force.ParameterSetNames);
        Assert.NotNull(force.ForSet("ByObject"));

        var whatIf = help.FindParameter("WhatIf")!;
        Assert.True(whatIf.IsSwitch);
        Assert.Equal(new[] { "wi" }, whatIf.Aliases);
        Assert.Equal("Shows what would happen if the cmdlet runs. The cmdlet is not run.", Assert.Single(whatIf.Description));
        Assert.Equal(new[] { "cf" }, help.FindParameter("Confirm")!.Aliases);
    }

    [Fact]
    public void ExamplesHaveTitleCodeAndRemarks()
    {
        var help = Sample();
        Assert.Equal(2, help.Examples.Count);

        var first = help.Examples[0];
        Assert.Equal("Example 1: Put app1 into maintenance mode", first.Title);
        Assert.Equal("PS> Enter-AcmMaintenance -UserApplication app1", first.Code);
        Assert.Empty(first.Introduction);
        Assert.Equal(new[] { "This command puts app1 into maintenance mode.", "The cluster keeps the application online." }, first.Remarks);

        var second = help.Examples[1];
        Assert.Equal("Example 2: Use the pipeline", second.Title);
        Assert.Equal(new[] { "Applications can come from the pipeline." }, second.Introduction);
        Assert.Equal("PS> Get-AcmUserApplication app* |\n>>     Enter-AcmMaintenance -Reason 'patching'", second.Code);
        Assert.Single(second.Remarks);
    }

    [Fact]
    public void ReadsInputsOutputsNotesAndLinks()
    {
        var help = Sample();
        Assert.Equal(new[] { "System.String", "AcmCluster.UserApplication" }, help.Inputs.Select(i => i.TypeName));
        Assert.Equal("You can pipe application names to this cmdlet.", Assert.Single(help.Inputs[0].Description));
        var output = Assert.Single(help.Outputs);
        Assert.Equal("AcmCluster.MaintenanceResult", output.TypeName);
        Assert.Equal("One result per application.", Assert.Single(output.Description));
        Assert.Equal(new[] { "Maintenance mode survives a node reboot.", "Requires the ACM administrator role." }, help.Notes);
        Assert.Equal(new[] { "Exit-AcmMaintenance", "about_AcmCluster", "Online docs" }, help.RelatedLinks.Select(l => l.Text));
        Assert.Equal(new[] { "Exit-AcmMaintenance.md", "about_AcmCluster.md", "https://example.invalid/acm" }, help.RelatedLinks.Select(l => l.Uri));
    }

    [Fact]
    public void SyntaxWithoutSubsectionsIsOneUnnamedSet()
    {
        var help = CommandHelpReader.Read(SamplePages.GetStatusIncomplete);
        var item = Assert.Single(help.Syntax);
        Assert.Null(item.ParameterSetName);
        var node = Assert.Single(item.Parameters);
        Assert.Equal("Node", node.Name);
        Assert.True(node.IsPositional);
        Assert.False(node.IsRequired);
        Assert.Equal(0, node.Position);
        Assert.Empty(help.Description);
        Assert.Empty(help.Outputs);
        Assert.Equal("None", Assert.Single(help.Inputs).TypeName);
    }

    [Fact]
    public void ReadsPlatyPSv2ParameterMetadata()
    {
        var help = CommandHelpReader.Read(SamplePages.ExitMaintenanceV2);
        Assert.Empty(help.Metadata);
        var app = help.FindParameter("UserApplication")!;
        Assert.Equal("System.String", app.Type);
        Assert.Equal(new[] { "Name" }, app.Aliases);
        Assert.True(app.Required);
        Assert.Equal("0", app.Position);
        Assert.Equal("True (ByValue, ByPropertyName)", app.PipelineInput);
        Assert.Equal(string.Empty, app.DefaultValue);
        var passThru = help.FindParameter("PassThru")!;
        Assert.True(passThru.IsSwitch);
        Assert.Empty(passThru.Aliases);
        Assert.Equal("Named", passThru.Position);
        Assert.Equal("Enter-AcmMaintenance", Assert.Single(help.RelatedLinks).Text);
    }

    [Theory]
    [InlineData("Get-X [-Path] <String> [<CommonParameters>]", "Path", true, true, "String")]
    [InlineData("Get-X [[-Path] <String[]>]", "Path", false, true, "String[]")]
    [InlineData("Get-X -Path <String>", "Path", true, false, "String")]
    [InlineData("Get-X [-Path <Dictionary`2[String,Object]>]", "Path", false, false, "Dictionary`2[String,Object]")]
    [InlineData("Get-X [-Kind {A | B}]", "Kind", false, false, "{A | B}")]
    [InlineData("Get-X -Force", "Force", true, false, null)]
    [InlineData("Get-X [-Force]", "Force", false, false, null)]
    public void ParsesSyntaxLineForms(string line, string name, bool required, bool positional, string? type)
    {
        var item = new SyntaxItem(null, false, line);
        var warnings = new System.Collections.Generic.List<string>();
        SyntaxLineParser.Parse(item, "Get-X", warnings);
        Assert.Empty(warnings);
        var p = Assert.Single(item.Parameters);
        Assert.Equal(name, p.Name);
        Assert.Equal(required, p.IsRequired);
        Assert.Equal(positional, p.IsPositional);
        Assert.Equal(type, p.TypeName);
    }

    [Fact]
    public void RecognisesCommandPages()
    {
        Assert.True(CommandHelpReader.LooksLikeCommandPage(SamplePages.EnterMaintenance));
        Assert.True(CommandHelpReader.LooksLikeCommandPage(SamplePages.ExitMaintenanceV2));
        Assert.False(CommandHelpReader.LooksLikeCommandPage(SamplePages.AboutTopic));
        Assert.False(CommandHelpReader.LooksLikeCommandPage("# AcmCluster\n\nSome readme.\n"));
    }

    [Fact]
    public void MissingTitleIsAnError()
    {
        Assert.Throws<HelpFormatException>(() => CommandHelpReader.Read("## SYNOPSIS\nx\n"));
    }

    [Fact]
    public void MetadataThatIsNotYamlIsAWarningAndCountsAsMissing()
    {
        var page = SamplePages.EnterMaintenance.Replace("Type: String[]\nParameter Sets: ByName\n", "Type: String[]\nParameter Sets: [ByName\n");
        Assert.NotEqual(SamplePages.EnterMaintenance, page);

        var help = CommandHelpReader.Read(page);

        Assert.Contains(help.Warnings, w => w.Contains("parameter -UserApplication: metadata block is not valid YAML"));
        Assert.False(help.FindParameter("UserApplication")!.HasMetadata);
    }

    [Fact]
    public void EscapesAreResolvedInProseButNotInCodeSpans()
    {
        var help = CommandHelpReader.Read(SamplePages.EnterMaintenance.Replace(
            "Use \\*Exit-AcmMaintenance\\* to leave maintenance mode.",
            "Use \\*Exit\\* and `C:\\*` to leave maintenance mode."));

        Assert.Equal("Use *Exit* and `C:\\*` to leave maintenance mode.", help.Description[3]);
    }
}
