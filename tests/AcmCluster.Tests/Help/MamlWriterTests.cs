using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml;
using AcmCluster.HelpCompiler.Reader;
using AcmCluster.HelpCompiler.Writer;
using Xunit;

namespace AcmCluster.Tests.Help;

public class MamlWriterTests
{
    private static (XmlDocument Doc, XmlNamespaceManager Ns) Compile(params string[] pages)
    {
        var xml = MamlWriter.ToXml(pages.Select(CommandHelpReader.Read));
        var doc = new XmlDocument();
        doc.LoadXml(xml);
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("msh", MamlWriter.MshNs);
        ns.AddNamespace("maml", "http://schemas.microsoft.com/maml/2004/10");
        ns.AddNamespace("command", "http://schemas.microsoft.com/maml/dev/command/2004/10");
        ns.AddNamespace("dev", "http://schemas.microsoft.com/maml/dev/2004/10");
        return (doc, ns);
    }

    private static XmlNode One(XmlNode context, string xpath, XmlNamespaceManager ns) =>
        context.SelectSingleNode(xpath, ns) ?? throw new Xunit.Sdk.XunitException($"no node for {xpath}");

    [Fact]
    public void RootAndCommandUseMamlNamespaces()
    {
        var (doc, ns) = Compile(SamplePages.EnterMaintenance, SamplePages.ExitMaintenanceV2);
        var root = doc.DocumentElement!;
        Assert.Equal("helpItems", root.LocalName);
        Assert.Equal("http://msh", root.NamespaceURI);
        Assert.Equal("maml", root.GetAttribute("schema"));
        var commands = doc.SelectNodes("/msh:helpItems/command:command", ns)!;
        Assert.Equal(2, commands.Count);
        var first = (XmlElement)commands[0]!;
        Assert.Equal("http://schemas.microsoft.com/maml/2004/10", first.GetAttribute("xmlns:maml"));
        Assert.Equal("http://schemas.microsoft.com/maml/dev/command/2004/10", first.GetAttribute("xmlns:command"));
        Assert.Equal("http://schemas.microsoft.com/maml/dev/2004/10", first.GetAttribute("xmlns:dev"));
    }

    [Fact]
    public void DetailsDescriptionSyntaxAndParametersHaveTheMamlShape()
    {
        var (doc, ns) = Compile(SamplePages.EnterMaintenance);
        var cmd = One(doc, "/msh:helpItems/command:command", ns);

        Assert.Equal("Enter-AcmMaintenance", One(cmd, "command:details/command:name", ns).InnerText);
        Assert.Equal("Enter", One(cmd, "command:details/command:verb", ns).InnerText);
        Assert.Equal("AcmMaintenance", One(cmd, "command:details/command:noun", ns).InnerText);
        Assert.Equal("Puts a user application into maintenance mode.", One(cmd, "command:details/maml:description/maml:para", ns).InnerText);

        var paras = cmd.SelectNodes("maml:description/maml:para", ns)!;
        Assert.Equal(4, paras.Count);
        Assert.Equal("Enter-AcmMaintenance -UserApplication app1\nGet-AcmUserApplication app1", paras[2]!.InnerText);

        var items = cmd.SelectNodes("command:syntax/command:syntaxItem", ns)!;
        Assert.Equal(2, items.Count);
        Assert.Equal("Enter-AcmMaintenance", One(items[0]!, "maml:name", ns).InnerText);
        Assert.Equal(
            new[] { "UserApplication", "Reason", "Mode", "Force", "WhatIf", "Confirm" },
            items[0]!.SelectNodes("command:parameter/maml:name", ns)!.Cast<XmlNode>().Select(n => n.InnerText));

        // Per-set metadata: -Reason is named in ByName but positional in ByObject.
        var reasonByName = (XmlElement)One(items[0]!, "command:parameter[maml:name='Reason']", ns);
        var reasonByObject = (XmlElement)One(items[1]!, "command:parameter[maml:name='Reason']", ns);
        Assert.Equal("named", reasonByName.GetAttribute("position"));
        Assert.Equal("0", reasonByObject.GetAttribute("position"));
        Assert.Equal("String", One(reasonByName, "command:parameterValue", ns).InnerText);

        // Switches have a type but no parameterValue; accepted values become a parameterValueGroup.
        var force = One(items[0]!, "command:parameter[maml:name='Force']", ns);
        Assert.Null(force.SelectSingleNode("command:parameterValue", ns));
        Assert.Equal("SwitchParameter", One(force, "dev:type/maml:name", ns).InnerText);
        var modeValues = items[0]!.SelectNodes("command:parameter[maml:name='Mode']/command:parameterValueGroup/command:parameterValue", ns)!;
        Assert.Equal(new[] { "Soft", "Hard" }, modeValues.Cast<XmlNode>().Select(n => n.InnerText));

        var parameters = cmd.SelectNodes("command:parameters/command:parameter", ns)!;
        Assert.Equal(7, parameters.Count);
        var app = (XmlElement)One(cmd, "command:parameters/command:parameter[maml:name='UserApplication']", ns);
        Assert.Equal("true", app.GetAttribute("required"));
        Assert.Equal("true", app.GetAttribute("globbing"));
        Assert.Equal("True (ByPropertyName)", app.GetAttribute("pipelineInput"));
        Assert.Equal("0", app.GetAttribute("position"));
        Assert.Equal("Name, App", app.GetAttribute("aliases"));
        Assert.Equal("true", app.GetAttribute("variableLength"));
        Assert.Equal("String[]", One(app, "dev:type/maml:name", ns).InnerText);
        Assert.Equal("String[]", One(app, "command:parameterValue", ns).InnerText);
        Assert.Equal("None", One(app, "dev:defaultValue", ns).InnerText);
        Assert.Equal(2, app.SelectNodes("maml:description/maml:para", ns)!.Count);

        var input = (XmlElement)One(cmd, "command:parameters/command:parameter[maml:name='InputObject']", ns);
        Assert.Equal("named", input.GetAttribute("position"));
        Assert.Equal("none", input.GetAttribute("aliases"));
        Assert.Equal("false", input.GetAttribute("globbing"));
        Assert.Equal("True (ByValue)", input.GetAttribute("pipelineInput"));

        var whatIf = (XmlElement)One(cmd, "command:parameters/command:parameter[maml:name='WhatIf']", ns);
        Assert.Equal("false", whatIf.GetAttribute("required"));
        Assert.Equal("wi", whatIf.GetAttribute("aliases"));
    }

    [Fact]
    public void ExamplesTypesNotesAndLinksHaveTheMamlShape()
    {
        var (doc, ns) = Compile(SamplePages.EnterMaintenance);
        var cmd = One(doc, "/msh:helpItems/command:command", ns);

        var examples = cmd.SelectNodes("command:examples/command:example", ns)!;
        Assert.Equal(2, examples.Count);
        Assert.Equal("--------------- Example 1: Put app1 into maintenance mode ---------------", One(examples[0]!, "maml:title", ns).InnerText);
        Assert.Equal("PS> Enter-AcmMaintenance -UserApplication app1", One(examples[0]!, "dev:code", ns).InnerText);
        var remarks = examples[0]!.SelectNodes("dev:remarks/maml:para", ns)!;
        Assert.Equal(3, remarks.Count);
        Assert.Equal(string.Empty, remarks[2]!.InnerText); // the blank line before the next example's title
        Assert.Equal("Applications can come from the pipeline.", One(examples[1]!, "maml:introduction/maml:para", ns).InnerText);

        Assert.Equal(
            new[] { "System.String", "AcmCluster.UserApplication" },
            cmd.SelectNodes("command:inputTypes/command:inputType/dev:type/maml:name", ns)!.Cast<XmlNode>().Select(n => n.InnerText));
        Assert.Equal("You can pipe application names to this cmdlet.",
            One(cmd, "command:inputTypes/command:inputType/maml:description/maml:para", ns).InnerText);
        Assert.Equal("AcmCluster.MaintenanceResult", One(cmd, "command:returnValues/command:returnValue/dev:type/maml:name", ns).InnerText);
        Assert.Equal("One result per application.", One(cmd, "command:returnValues/command:returnValue/maml:description/maml:para", ns).InnerText);

        Assert.Equal(2, cmd.SelectNodes("maml:alertSet/maml:alert/maml:para", ns)!.Count);

        var links = cmd.SelectNodes("command:relatedLinks/maml:navigationLink", ns)!;
        Assert.Equal(4, links.Count);
        Assert.Equal("Online Version:", One(links[0]!, "maml:linkText", ns).InnerText);
        Assert.Equal("https://example.invalid/acm/enter-acmmaintenance", One(links[0]!, "maml:uri", ns).InnerText);
        Assert.Equal("Exit-AcmMaintenance", One(links[1]!, "maml:linkText", ns).InnerText);
        Assert.Equal(string.Empty, One(links[1]!, "maml:uri", ns).InnerText); // relative .md dropped
        Assert.Equal("https://example.invalid/acm", One(links[3]!, "maml:uri", ns).InnerText);
    }

    [Fact]
    public void PowerShellGetHelpReadsTheGeneratedMaml()
    {
        var dir = Path.Combine(Path.GetTempPath(), "acm-help-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var xmlPath = Path.Combine(dir, "AcmCluster.dll-Help.xml");
            MamlWriter.WriteFile(new[] { CommandHelpReader.Read(SamplePages.EnterMaintenance) }, xmlPath);

            // A function whose help is the MAML file: Get-Help then parses it exactly as for a cmdlet.
            var script = $$"""
                function Enter-AcmMaintenance {
                    # .EXTERNALHELP {{xmlPath}}
                    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'ByName')]
                    param([Parameter(ParameterSetName = 'ByName', Mandatory, Position = 0)][string[]] $UserApplication)
                }
                $h = Get-Help Enter-AcmMaintenance -Full
                [pscustomobject]@{
                    Synopsis    = $h.Synopsis
                    Syntax      = @($h.syntax.syntaxItem).Count
                    Parameters  = (@($h.parameters.parameter) | ForEach-Object name) -join ','
                    Examples    = (@($h.examples.example) | ForEach-Object title) -join '|'
                    Code        = @($h.examples.example)[0].code
                    Output      = @($h.returnValues.returnValue)[0].type.name
                    Input       = (@($h.inputTypes.inputType) | ForEach-Object { $_.type.name }) -join ','
                    Aliases     = (Get-Help Enter-AcmMaintenance -Parameter UserApplication).aliases
                    Position    = (Get-Help Enter-AcmMaintenance -Parameter UserApplication).position
                    Text        = Get-Help Enter-AcmMaintenance -Full | Out-String -Width 200
                }
                """;
            using var ps = PowerShell.Create();
            ps.AddScript(script);
            var result = ps.Invoke();
            Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
            var o = Assert.Single(result);

            string Prop(string name) => o.Properties[name].Value?.ToString() ?? string.Empty;
            Assert.Equal("Puts a user application into maintenance mode.", Prop("Synopsis"));
            Assert.Equal("2", Prop("Syntax"));
            Assert.Equal("UserApplication,InputObject,Reason,Mode,Force,WhatIf,Confirm", Prop("Parameters"));
            Assert.Equal(MamlWriter.ExampleTitle("Example 1: Put app1 into maintenance mode") + "|" + MamlWriter.ExampleTitle("Example 2: Use the pipeline"), Prop("Examples"));
            Assert.Equal("PS> Enter-AcmMaintenance -UserApplication app1", Prop("Code"));
            Assert.Equal("AcmCluster.MaintenanceResult", Prop("Output"));
            Assert.Equal("System.String,AcmCluster.UserApplication", Prop("Input"));
            Assert.Equal("Name, App", Prop("Aliases"));
            Assert.Equal("0", Prop("Position"));
            var text = Prop("Text");
            Assert.Contains("Enter-AcmMaintenance [-UserApplication] <String[]> [-Reason <String>] [-Mode {Soft | Hard}] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]", text);
            Assert.Contains("Enter-AcmMaintenance -InputObject <UserApplication> [[-Reason] <String>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]", text);
            Assert.Contains("Maintenance mode survives a node reboot.", text);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
