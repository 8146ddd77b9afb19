using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AcmCluster.HelpCompiler.Model;

namespace AcmCluster.HelpCompiler.Reader;

/// <summary>Thrown when a page cannot be turned into a model at all (no H1, not a cmdlet page...).</summary>
internal sealed class HelpFormatException : Exception
{
    public HelpFormatException(string message) : base(message)
    {
    }
}

/// <summary>Reads one platyPS-schema cmdlet page into a <see cref="CommandHelp"/>.</summary>
internal static partial class CommandHelpReader
{
    private sealed record Section(MdBlock Heading, List<MdBlock> Body);

    private sealed record SubSection(MdBlock? Heading, List<MdBlock> Body);

    [GeneratedRegex(@"^[A-Za-z]+-[A-Za-z0-9_]+$")]
    private static partial Regex VerbNounRegex();

    [GeneratedRegex(@"\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"^<?(https?://\S+?)>?$")]
    private static partial Regex BareUrlRegex();

    public static CommandHelp ReadFile(string path) => Read(File.ReadAllText(path));

    /// <summary>
    /// True for a cmdlet help page: front matter with <c>external help file</c> or <c>Module Name</c>,
    /// or a first heading <c># Verb-Noun</c> followed by <c>## SYNOPSIS</c>.
    /// </summary>
    public static bool LooksLikeCommandPage(string text)
    {
        var page = HelpMarkdown.Parse(text);
        var headings = HelpMarkdown.Blocks(page, new List<string>()).Where(b => b.Kind == BlockKind.Heading).ToList();
        if (headings.Count > 0 && headings[0].Level == 1 && headings[0].Text.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (page.FrontMatter.ContainsKey("external help file") || page.FrontMatter.ContainsKey("Module Name"))
        {
            return true;
        }

        return headings.Count >= 2 &&
               headings[0].Level == 1 && VerbNounRegex().IsMatch(headings[0].Text) &&
               headings[1].Level == 2 && headings[1].Text.Equals("SYNOPSIS", StringComparison.OrdinalIgnoreCase);
    }

    public static CommandHelp Read(string text)
    {
        HelpPage page;
        try
        {
            page = HelpMarkdown.Parse(text);
        }
        catch (HelpYamlException ex)
        {
            throw new HelpFormatException($"front matter is {ex.Message}");
        }

        var warnings = new List<string>();
        var blocks = HelpMarkdown.Blocks(page, warnings);

        var h1 = blocks.FindIndex(b => b.Kind == BlockKind.Heading && b.Level == 1);
        if (h1 < 0 || blocks[h1].Text.Length == 0)
        {
            throw new HelpFormatException("no '# Command-Name' heading found");
        }

        var help = new CommandHelp(blocks[h1].Text.Trim());
        foreach (var kv in page.FrontMatter)
        {
            help.Metadata[kv.Key] = kv.Value;
        }

        help.Warnings.AddRange(warnings);

        foreach (var section in SplitSections(blocks, h1 + 1, help))
        {
            var name = section.Heading.Text.Trim().ToUpperInvariant();
            switch (name)
            {
                case "SYNOPSIS":
                    var synopsis = Paragraphs(section.Body);
                    help.Synopsis = synopsis.Count == 0 ? null : string.Join(" ", synopsis);
                    break;
                case "SYNTAX":
                    ReadSyntax(help, section);
                    break;
                case "ALIASES":
                    help.Aliases.AddRange(Paragraphs(section.Body));
                    break;
                case "DESCRIPTION":
                    help.Description.AddRange(Paragraphs(section.Body));
                    break;
                case "EXAMPLES":
                    ReadExamples(help, section);
                    break;
                case "PARAMETERS":
                    ReadParameters(help, section);
                    break;
                case "INPUTS":
                    ReadTypes(help, section, help.Inputs);
                    break;
                case "OUTPUTS":
                    ReadTypes(help, section, help.Outputs);
                    break;
                case "NOTES":
                    help.Notes.AddRange(Paragraphs(section.Body));
                    break;
                case "RELATED LINKS":
                    ReadLinks(help, section);
                    break;
                default:
                    help.Warnings.Add($"line {section.Heading.Line}: unknown section '## {section.Heading.Text}' ignored");
                    break;
            }
        }

        return help;
    }

    private static List<Section> SplitSections(List<MdBlock> blocks, int start, CommandHelp help)
    {
        var sections = new List<Section>();
        Section? current = null;
        for (var i = start; i < blocks.Count; i++)
        {
            var b = blocks[i];
            if (b.Kind == BlockKind.Heading && b.Level <= 2)
            {
                if (b.Level == 1)
                {
                    help.Warnings.Add($"line {b.Line}: second '# ' heading '{b.Text}' ignored");
                    current = null;
                    continue;
                }

                current = new Section(b, new List<MdBlock>());
                sections.Add(current);
            }
            else if (current is not null)
            {
                current.Body.Add(b);
            }
            else if (b.Kind != BlockKind.Heading)
            {
                help.Warnings.Add($"line {b.Line}: text outside any '## ' section ignored");
            }
        }

        return sections;
    }

    private static List<SubSection> SplitSubSections(List<MdBlock> body)
    {
        var result = new List<SubSection> { new(null, new List<MdBlock>()) };
        foreach (var b in body)
        {
            if (b.Kind == BlockKind.Heading && b.Level == 3)
            {
                result.Add(new SubSection(b, new List<MdBlock>()));
            }
            else
            {
                result[^1].Body.Add(b);
            }
        }

        if (result[0].Body.Count == 0)
        {
            result.RemoveAt(0);
        }

        return result;
    }

    /// <summary>Prose paragraphs and code blocks (verbatim); deeper headings become paragraphs.</summary>
    private static List<string> Paragraphs(IEnumerable<MdBlock> blocks)
    {
        var list = new List<string>();
        foreach (var b in blocks)
        {
            if (b.Kind == BlockKind.Code)
            {
                if (b.Text.Length > 0)
                {
                    list.Add(b.Text);
                }
            }
            else if (b.Text.Length > 0)
            {
                list.Add(b.Text);
            }
        }

        return list;
    }

    private static void ReadSyntax(CommandHelp help, Section section)
    {
        foreach (var sub in SplitSubSections(section.Body))
        {
            string? setName = null;
            var isDefault = false;
            if (sub.Heading is not null)
            {
                setName = sub.Heading.Text.Trim();
                const string marker = "(Default)";
                if (setName.EndsWith(marker, StringComparison.OrdinalIgnoreCase))
                {
                    isDefault = true;
                    setName = setName[..^marker.Length].Trim();
                }
            }

            var codes = sub.Body.Where(b => b.Kind == BlockKind.Code).ToList();
            if (codes.Count == 0)
            {
                if (sub.Heading is not null)
                {
                    help.Warnings.Add($"line {sub.Heading.Line}: syntax set '{setName}' has no code block");
                }

                continue;
            }

            foreach (var code in codes)
            {
                foreach (var line in SplitSyntaxLines(code.Text, help.Name))
                {
                    var item = new SyntaxItem(setName, isDefault, line);
                    SyntaxLineParser.Parse(item, help.Name, help.Warnings);
                    help.Syntax.Add(item);
                }
            }
        }
    }

    /// <summary>A line starting with the command name starts a syntax item; other lines continue it.</summary>
    private static List<string> SplitSyntaxLines(string code, string commandName)
    {
        var result = new List<string>();
        foreach (var raw in code.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (result.Count == 0 || line.StartsWith(commandName + " ", StringComparison.OrdinalIgnoreCase) ||
                line.Equals(commandName, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(line);
            }
            else
            {
                result[^1] += " " + line;
            }
        }

        return result;
    }

    private static void ReadExamples(CommandHelp help, Section section)
    {
        foreach (var sub in SplitSubSections(section.Body))
        {
            if (sub.Heading is null)
            {
                help.Warnings.Add($"line {sub.Body[0].Line}: text in EXAMPLES before the first '### ' example ignored");
                continue;
            }

            var example = new Example(sub.Heading.Text.Trim());
            var code = new List<string>();
            foreach (var b in sub.Body)
            {
                if (b.Kind == BlockKind.Code)
                {
                    code.Add(b.Text);
                }
                else
                {
                    (code.Count == 0 ? example.Introduction : example.Remarks).AddRange(Paragraphs(new[] { b }));
                }
            }

            example.Code = string.Join("\n\n", code);
            help.Examples.Add(example);
        }
    }

    private static void ReadParameters(CommandHelp help, Section section)
    {
        foreach (var sub in SplitSubSections(section.Body))
        {
            if (sub.Heading is null)
            {
                continue; // free text before the first parameter is not part of the schema
            }

            var title = sub.Heading.Text.Trim();
            if (title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase) ||
                title.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
            {
                help.HasCommonParameters = true;
                continue;
            }

            var parameter = new Parameter(title.TrimStart('-').Trim());
            var description = new List<MdBlock>();
            foreach (var b in sub.Body)
            {
                if (b.Kind == BlockKind.Code && b.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase))
                {
                    try
                    {
                        ApplyMetadata(parameter, b.Text);
                    }
                    catch (HelpYamlException ex)
                    {
                        help.Warnings.Add($"line {b.Line}: parameter -{parameter.Name}: metadata block is {ex.Message}");
                    }
                }
                else
                {
                    description.Add(b);
                }
            }

            parameter.Description.AddRange(Paragraphs(description));
            if (!parameter.HasMetadata)
            {
                help.Warnings.Add($"line {sub.Heading.Line}: parameter -{parameter.Name} has no yaml metadata block");
            }

            if (help.FindParameter(parameter.Name) is not null)
            {
                help.Warnings.Add($"line {sub.Heading.Line}: parameter -{parameter.Name} is documented twice");
                continue;
            }

            help.Parameters.Add(parameter);
        }
    }

    /// <summary>Applies one yaml block. v1: flat keys, one block per group of sets. v2: ParameterSets list of maps.</summary>
    private static void ApplyMetadata(Parameter p, string yaml)
    {
        var values = HelpYaml.Read(yaml);
        var first = !p.HasMetadata;
        p.HasMetadata = true;

        string? setNames = null;
        var required = false;
        var position = "Named";
        var pipeline = "False";
        List<Dictionary<string, string>>? v2Sets = null;

        foreach (var (rawKey, value) in values)
        {
            var key = rawKey.Replace(" ", string.Empty).ToUpperInvariant();
            var scalar = value as string ?? string.Empty;
            var list = value as List<string> ?? (scalar.Length > 0 ? SplitList(scalar) : new List<string>());
            switch (key)
            {
                case "TYPE":
                    if (first)
                    {
                        p.Type = scalar.Length > 0 ? scalar : p.Type;
                    }

                    break;
                case "PARAMETERSETS":
                    if (value is List<Dictionary<string, string>> maps)
                    {
                        v2Sets = maps;
                    }
                    else
                    {
                        setNames = value is List<string> l ? string.Join(",", l) : scalar;
                    }

                    break;
                case "ALIASES":
                    if (first)
                    {
                        p.Aliases.AddRange(list.Where(a => !a.Equals("None", StringComparison.OrdinalIgnoreCase)));
                    }

                    break;
                case "ACCEPTEDVALUES":
                    if (first)
                    {
                        p.AcceptedValues.AddRange(list.Where(a => !a.Equals("None", StringComparison.OrdinalIgnoreCase)));
                    }

                    break;
                case "REQUIRED":
                    required = IsTrue(scalar);
                    break;
                case "POSITION":
                    position = NormalizePosition(scalar);
                    break;
                case "DEFAULTVALUE":
                    if (first)
                    {
                        p.DefaultValue = scalar;
                    }

                    break;
                case "ACCEPTPIPELINEINPUT":
                    pipeline = scalar.Length > 0 ? scalar : "False";
                    break;
                case "ACCEPTWILDCARDCHARACTERS":
                case "SUPPORTSWILDCARDS":
                    if (first)
                    {
                        p.SupportsWildcards = IsTrue(scalar);
                    }

                    break;
                case "DONTSHOW":
                    p.DontShow = IsTrue(scalar);
                    break;
            }
        }

        if (v2Sets is not null)
        {
            foreach (var s in v2Sets)
            {
                var meta = new ParameterSetMetadata(s.TryGetValue("Name", out var n) && n.Length > 0 ? n : Parameter.AllParameterSets)
                {
                    Required = s.TryGetValue("IsRequired", out var r) && IsTrue(r),
                    Position = NormalizePosition(s.TryGetValue("Position", out var pos) ? pos : "Named"),
                    PipelineInput = PipelineText(
                        s.TryGetValue("ValueFromPipeline", out var vp) && IsTrue(vp),
                        s.TryGetValue("ValueFromPipelineByPropertyName", out var vn) && IsTrue(vn)),
                };
                p.Sets.Add(meta);
            }

            return;
        }

        var names = SplitList(setNames ?? Parameter.AllParameterSets);
        if (names.Count == 0)
        {
            names.Add(Parameter.AllParameterSets);
        }

        foreach (var name in names)
        {
            p.Sets.Add(new ParameterSetMetadata(name) { Required = required, Position = position, PipelineInput = pipeline });
        }
    }

    private static string PipelineText(bool byValue, bool byPropertyName) => (byValue, byPropertyName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    private static List<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool IsTrue(string value) => value.Trim().StartsWith("true", StringComparison.OrdinalIgnoreCase);

    private static string NormalizePosition(string value)
    {
        value = value.Trim();
        return int.TryParse(value, out var n) && n >= 0 ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "Named";
    }

    private static void ReadTypes(CommandHelp help, Section section, List<InputOutput> target)
    {
        foreach (var sub in SplitSubSections(section.Body))
        {
            if (sub.Heading is null)
            {
                help.Warnings.Add($"line {section.Heading.Line}: text in {section.Heading.Text} outside a '### TypeName' entry ignored");
                continue;
            }

            var entry = new InputOutput(sub.Heading.Text.Trim());
            entry.Description.AddRange(Paragraphs(sub.Body));
            target.Add(entry);
        }
    }

    private static void ReadLinks(CommandHelp help, Section section)
    {
        foreach (var b in section.Body)
        {
            if (b.Kind != BlockKind.Paragraph)
            {
                continue;
            }

            var matches = LinkRegex().Matches(b.Text);
            if (matches.Count > 0)
            {
                foreach (Match m in matches)
                {
                    help.RelatedLinks.Add(new Link(m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim()));
                }

                continue;
            }

            foreach (var raw in b.Text.Split('\n'))
            {
                var line = raw.Trim().TrimStart('-', '*', '+').Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                var url = BareUrlRegex().Match(line);
                help.RelatedLinks.Add(url.Success ? new Link(string.Empty, url.Groups[1].Value) : new Link(line, string.Empty));
            }
        }
    }
}
