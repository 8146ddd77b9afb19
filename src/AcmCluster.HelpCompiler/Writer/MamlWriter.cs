using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using AcmCluster.HelpCompiler.Model;

namespace AcmCluster.HelpCompiler.Writer;

/// <summary>Writes <see cref="CommandHelp"/> pages as one MAML file (the format of <c>*.dll-Help.xml</c>).</summary>
internal static class MamlWriter
{
    public const string MshNs = "http://msh";
    public const string MamlNs = "http://schemas.microsoft.com/maml/2004/10";
    public const string CommandNs = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public const string DevNs = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static void WriteFile(IEnumerable<CommandHelp> commands, string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(path, ToXml(commands), new UTF8Encoding(false));
    }

    public static string ToXml(IEnumerable<CommandHelp> commands)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            Encoding = new UTF8Encoding(false),
        };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("helpItems", MshNs);
            w.WriteAttributeString("schema", "maml");
            foreach (var command in commands)
            {
                WriteCommand(w, command);
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteCommand(XmlWriter w, CommandHelp help)
    {
        w.WriteStartElement("command", "command", CommandNs);
        w.WriteAttributeString("xmlns", "maml", null, MamlNs);
        w.WriteAttributeString("xmlns", "command", null, CommandNs);
        w.WriteAttributeString("xmlns", "dev", null, DevNs);

        w.WriteStartElement("command", "details", CommandNs);
        w.WriteElementString("command", "name", CommandNs, help.Name);
        w.WriteElementString("command", "verb", CommandNs, help.Verb);
        w.WriteElementString("command", "noun", CommandNs, help.Noun);
        WriteDescription(w, help.Synopsis is null ? Array.Empty<string>() : new[] { help.Synopsis });
        w.WriteEndElement();

        WriteDescription(w, help.Description);

        w.WriteStartElement("command", "syntax", CommandNs);
        foreach (var item in help.Syntax)
        {
            w.WriteStartElement("command", "syntaxItem", CommandNs);
            w.WriteElementString("maml", "name", MamlNs, help.Name);
            foreach (var sp in item.Parameters)
            {
                WriteParameter(w, Resolve(help, item, sp), inSyntax: true);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "parameters", CommandNs);
        foreach (var p in help.Parameters)
        {
            WriteParameter(w, Resolve(help, null, p), inSyntax: false);
        }
        // Parameters that only appear in syntax lines still get an entry, so Get-Help -Parameter finds them.
        foreach (var sp in help.Syntax.SelectMany(s => s.Parameters).GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (help.FindParameter(sp.Key) is null)
            {
                WriteParameter(w, Resolve(help, null, sp.First()), inSyntax: false);
            }
        }

        w.WriteEndElement();

        WriteTypes(w, "inputTypes", "inputType", help.Inputs);
        WriteTypes(w, "returnValues", "returnValue", help.Outputs);

        w.WriteStartElement("maml", "alertSet", MamlNs);
        w.WriteStartElement("maml", "alert", MamlNs);
        foreach (var para in help.Notes)
        {
            w.WriteElementString("maml", "para", MamlNs, Clean(para));
        }

        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("command", "examples", CommandNs);
        foreach (var ex in help.Examples)
        {
            w.WriteStartElement("command", "example", CommandNs);
            w.WriteElementString("maml", "title", MamlNs, ExampleTitle(Clean(ex.Title)));
            w.WriteStartElement("maml", "introduction", MamlNs);
            foreach (var para in ex.Introduction)
            {
                w.WriteElementString("maml", "para", MamlNs, Clean(para));
            }

            w.WriteEndElement();
            w.WriteElementString("dev", "code", DevNs, Clean(ex.Code));
            w.WriteStartElement("dev", "remarks", DevNs);
            foreach (var para in ex.Remarks)
            {
                w.WriteElementString("maml", "para", MamlNs, Clean(para));
            }

            // Get-Help prints the next example's title right after the remarks; an empty paragraph is the blank line between.
            w.WriteElementString("maml", "para", MamlNs, string.Empty);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("command", "relatedLinks", CommandNs);
        if (help.OnlineVersion is not null)
        {
            WriteLink(w, "Online Version:", help.OnlineVersion);
        }

        foreach (var link in help.RelatedLinks)
        {
            // A relative .md target means nothing once compiled; keep the text, drop the uri.
            var local = !link.Uri.Contains("://", StringComparison.Ordinal);
            WriteLink(w, link.Text, local ? string.Empty : link.Uri);
        }

        w.WriteEndElement();

        w.WriteEndElement();
    }

    /// <summary>
    /// Titles set off with dashes, as in PowerShell's own help, to 74 columns: Get-Help indents them by 4
    /// and an 80-column console wraps at its last column.
    /// </summary>
    internal static string ExampleTitle(string title)
    {
        var dashes = Math.Max(2, (74 - title.Length - 2) / 2);
        return $"{new string('-', dashes)} {title} {new string('-', dashes)}";
    }

    private static void WriteLink(XmlWriter w, string text, string uri)
    {
        w.WriteStartElement("maml", "navigationLink", MamlNs);
        w.WriteElementString("maml", "linkText", MamlNs, Clean(text));
        w.WriteElementString("maml", "uri", MamlNs, Clean(uri));
        w.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter w, string listName, string itemName, List<InputOutput> entries)
    {
        w.WriteStartElement("command", listName, CommandNs);
        foreach (var entry in entries)
        {
            w.WriteStartElement("command", itemName, CommandNs);
            w.WriteStartElement("dev", "type", DevNs);
            w.WriteElementString("maml", "name", MamlNs, Clean(entry.TypeName));
            w.WriteEndElement();
            WriteDescription(w, entry.Description);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteDescription(XmlWriter w, IEnumerable<string> paragraphs)
    {
        w.WriteStartElement("maml", "description", MamlNs);
        foreach (var para in paragraphs)
        {
            w.WriteElementString("maml", "para", MamlNs, Clean(para));
        }

        w.WriteEndElement();
    }

    /// <summary>Everything MAML needs about one parameter, in the context of one syntax item (or none).</summary>
    internal sealed record ResolvedParameter(
        string Name,
        IReadOnlyList<string> Description,
        string Type,
        bool IsSwitch,
        bool Required,
        string Position,
        string PipelineInput,
        bool Globbing,
        IReadOnlyList<string> Aliases,
        IReadOnlyList<string> AcceptedValues,
        string? DefaultValue);

    /// <summary>Combines syntax-line facts with PARAMETERS metadata; the metadata wins where both exist.</summary>
    internal static ResolvedParameter Resolve(CommandHelp help, SyntaxItem? item, SyntaxParameter sp)
    {
        var doc = help.FindParameter(sp.Name);
        if (doc is null)
        {
            var type = sp.TypeName is null ? "SwitchParameter" : sp.TypeName.StartsWith('{') ? "String" : sp.TypeName;
            var accepted = sp.TypeName is not null && sp.TypeName.StartsWith('{')
                ? sp.TypeName.Trim('{', '}').Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : Array.Empty<string>();
            return new ResolvedParameter(sp.Name, Array.Empty<string>(), type, sp.IsSwitch, sp.IsRequired,
                sp.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "Named",
                "False", false, Array.Empty<string>(), accepted, null);
        }

        var meta = item is null ? null : doc.ForSet(item.ParameterSetName) ?? (doc.Sets.Count == 1 ? doc.Sets[0] : null);
        var position = meta?.Position
            ?? sp.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ?? "Named";
        return new ResolvedParameter(
            doc.Name,
            doc.Description,
            doc.HasMetadata ? doc.Type : sp.TypeName ?? "SwitchParameter",
            doc.HasMetadata ? doc.IsSwitch : sp.IsSwitch,
            meta?.Required ?? sp.IsRequired,
            position,
            meta?.PipelineInput ?? doc.PipelineInput,
            doc.SupportsWildcards,
            doc.Aliases,
            doc.AcceptedValues,
            doc.DefaultValue);
    }

    private static ResolvedParameter Resolve(CommandHelp help, SyntaxItem? item, Parameter p) =>
        Resolve(help, item, new SyntaxParameter(p.Name) { TypeName = p.IsSwitch ? null : p.Type, IsRequired = p.Required }) with
        {
            Required = p.Required,
            Position = p.Position,
            PipelineInput = p.PipelineInput,
        };

    private static void WriteParameter(XmlWriter w, ResolvedParameter p, bool inSyntax)
    {
        w.WriteStartElement("command", "parameter", CommandNs);
        w.WriteAttributeString("required", Bool(p.Required));
        w.WriteAttributeString("variableLength", Bool(p.Type.EndsWith("[]", StringComparison.Ordinal)));
        w.WriteAttributeString("globbing", Bool(p.Globbing));
        w.WriteAttributeString("pipelineInput", p.PipelineInput);
        w.WriteAttributeString("position", p.Position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : p.Position);
        w.WriteAttributeString("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases));
        w.WriteElementString("maml", "name", MamlNs, p.Name);
        WriteDescription(w, p.Description);

        if (inSyntax && p.AcceptedValues.Count > 0)
        {
            w.WriteStartElement("command", "parameterValueGroup", CommandNs);
            foreach (var v in p.AcceptedValues)
            {
                w.WriteStartElement("command", "parameterValue", CommandNs);
                w.WriteAttributeString("required", "false");
                w.WriteAttributeString("command", "variableLength", CommandNs, "false");
                w.WriteString(Clean(v));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        if (!p.IsSwitch)
        {
            w.WriteStartElement("command", "parameterValue", CommandNs);
            w.WriteAttributeString("required", "true");
            w.WriteAttributeString("variableLength", Bool(p.Type.EndsWith("[]", StringComparison.Ordinal)));
            w.WriteString(Clean(p.Type));
            w.WriteEndElement();
        }

        w.WriteStartElement("dev", "type", DevNs);
        w.WriteElementString("maml", "name", MamlNs, Clean(p.Type));
        w.WriteElementString("maml", "uri", MamlNs, string.Empty);
        w.WriteEndElement();

        w.WriteElementString("dev", "defaultValue", DevNs, Clean(p.DefaultValue ?? (p.IsSwitch ? "False" : "None")));
        w.WriteEndElement();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Drops characters XML 1.0 cannot carry.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c != 0xFFFE && c != 0xFFFF)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
