using System;
using System.IO;
using System.Linq;
using System.Xml;
using AcmCluster.HelpCompiler;
using AcmCluster.HelpCompiler.Reader;
using AcmCluster.HelpCompiler.Validation;
using AcmCluster.HelpCompiler.Writer;
using Xunit;

namespace AcmCluster.Tests.Help;

public sealed class HelpCompilerCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "acm-helpcli-" + Guid.NewGuid().ToString("N"));

    public HelpCompilerCliTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "pages"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Pages => Path.Combine(_dir, "pages");

    private void Page(string name, string text) => File.WriteAllText(Path.Combine(Pages, name), text);

    private static (int Rc, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var rc = Cli.Run(args, stdout, stderr);
        return (rc, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void CompilesCommandPagesAndSkipsAboutAndReadme()
    {
        Page("Enter-AcmMaintenance.md", SamplePages.EnterMaintenance);
        Page("Exit-AcmMaintenance.md", SamplePages.ExitMaintenanceV2);
        Page("about_AcmCluster.md", SamplePages.AboutTopic);
        Page("README.md", "# AcmCluster help\n\nHow to build the help.\n");
        Page("notes.md", "Just some notes.\n");
        var output = Path.Combine(_dir, "out", "en-US", "AcmCluster.dll-Help.xml");

        var (rc, _, err) = Run("--input", Pages, "--output", output, "--check");

        Assert.True(rc == 0, err);
        var doc = new XmlDocument();
        doc.Load(output);
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("command", MamlWriter.CommandNs);
        var names = doc.SelectNodes("//command:command/command:details/command:name", ns)!.Cast<XmlNode>().Select(n => n.InnerText);
        Assert.Equal(new[] { "Enter-AcmMaintenance", "Exit-AcmMaintenance" }, names);
        Assert.Equal(new[] { "Enter-AcmMaintenance.md", "Exit-AcmMaintenance.md" }, Cli.FindCommandPages(Pages).Select(Path.GetFileName));
    }

    [Fact]
    public void CheckListsProblemsPerFileAndWritesNothing()
    {
        Page("Enter-AcmMaintenance.md", SamplePages.EnterMaintenance);
        Page("Get-AcmStatus.md", SamplePages.GetStatusIncomplete);
        var output = Path.Combine(_dir, "help.xml");

        var (rc, _, err) = Run("--input", Pages, "--output", output, "--check");

        Assert.Equal(1, rc);
        Assert.False(File.Exists(output));
        Assert.Contains("Get-AcmStatus.md:", err);
        Assert.DoesNotContain("Enter-AcmMaintenance.md:", err);
        Assert.Contains("missing DESCRIPTION", err);
        Assert.Contains("at least 2 required", err);
        Assert.Contains("parameter -Node has no description", err);
        Assert.Contains("missing OUTPUTS", err);
        Assert.Contains("{{ Fill in the Synopsis }}", err);
        Assert.Contains("{{ Add example code here }}", err);
    }

    [Fact]
    public void WithoutCheckIncompletePagesStillCompile()
    {
        Page("Get-AcmStatus.md", SamplePages.GetStatusIncomplete);
        var output = Path.Combine(_dir, "help.xml");
        var (rc, _, err) = Run("--input", Pages, "--output", output);
        Assert.True(rc == 0, err);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void CheckerFlagsEachRule()
    {
        var good = HelpChecker.Check(CommandHelpReader.Read(SamplePages.EnterMaintenance), SamplePages.EnterMaintenance);
        Assert.Empty(good);

        var noSynopsis = SamplePages.EnterMaintenance.Replace("Puts a user application into maintenance mode.\n", string.Empty);
        Assert.Contains("missing SYNOPSIS", HelpChecker.Check(CommandHelpReader.Read(noSynopsis), noSynopsis));

        var oneExample = SamplePages.EnterMaintenance.Replace("### Example 2: Use the pipeline", "#### Still example 1");
        Assert.Contains(HelpChecker.Check(CommandHelpReader.Read(oneExample), oneExample), p => p.StartsWith("has 1 example(s)", StringComparison.Ordinal));

        var undocumented = SamplePages.EnterMaintenance.Replace("[-Force] [-WhatIf]\n", "[-Force] [-Extra] [-WhatIf]\n");
        Assert.Contains("parameter -Extra appears in SYNTAX but not in PARAMETERS", HelpChecker.Check(CommandHelpReader.Read(undocumented), undocumented));
    }

    [Fact]
    public void NoPagesIsAProblem()
    {
        var (rc, _, err) = Run("--input", Pages, "--output", Path.Combine(_dir, "x.xml"));
        Assert.Equal(1, rc);
        Assert.Contains("no cmdlet help pages", err);
    }

    [Theory]
    [InlineData()]
    [InlineData("--input")]
    [InlineData("--input", "x")]
    [InlineData("--output", "x.xml")]
    [InlineData("--about", "about_X.md")]
    [InlineData("--bogus")]
    [InlineData("--input", "/nonexistent/dir/for/sure", "--output", "x.xml")]
    public void UsageErrorsExitWith2(params string[] args)
    {
        var (rc, _, err) = Run(args);
        Assert.Equal(2, rc);
        Assert.Contains("Usage:", err);
    }

    [Fact]
    public void ConvertsAboutTopicToPlainText()
    {
        var md = Path.Combine(Pages, "about_AcmCluster.md");
        File.WriteAllText(md, SamplePages.AboutTopic);
        var txt = Path.Combine(_dir, "out", "about_AcmCluster.help.txt");

        var (rc, _, err) = Run("--about", md, "--about-output", txt, "--check");

        Assert.True(rc == 0, err);
        Assert.Equal(
            "TOPIC\n" +
            "    about_AcmCluster\n" +
            "\n" +
            "SHORT DESCRIPTION\n" +
            "Manages ACM clusters from PowerShell.\n" +
            "\n" +
            "LONG DESCRIPTION\n" +
            "The AcmCluster module wraps the cluster tools.\n" +
            "See Enter-AcmMaintenance and the docs (https://example.invalid/acm).\n" +
            "\n" +
            "MAINTENANCE MODE\n" +
            "\n" +
            "    Enter-AcmMaintenance app1\n" +
            "\n" +
            "SEE ALSO\n" +
            "- about_Modules\n",
            File.ReadAllText(txt));
    }

    [Fact]
    public void AboutShortDescriptionIsTheFifthLineGetHelpShowsAsSynopsis()
    {
        var lines = AboutTextWriter.Convert(SamplePages.AboutTopic).Split('\n');
        Assert.Equal("SHORT DESCRIPTION", lines[3]);
        Assert.Equal("Manages ACM clusters from PowerShell.", lines[4]);
        Assert.Empty(HelpChecker.CheckAboutText(AboutTextWriter.Convert(SamplePages.AboutTopic)));
    }

    [Theory]
    [InlineData("# about_X\n\n## SHORT DESCRIPTION\nFirst half,\nsecond half.\n\n## LONG DESCRIPTION\nText.\n", "SHORT DESCRIPTION must be one line")]
    [InlineData("# about_X\n\n## SHORT DESCRIPTION\n{{ Short Description Placeholder }}\n", "Short Description Placeholder")]
    public void AboutCheckRejects(string page, string problem)
    {
        var md = Path.Combine(Pages, "about_X.md");
        File.WriteAllText(md, page);
        var (rc, _, err) = Run("--about", md, "--about-output", Path.Combine(_dir, "about_X.help.txt"), "--check");
        Assert.Equal(1, rc);
        Assert.Contains(problem, err);
    }
}
