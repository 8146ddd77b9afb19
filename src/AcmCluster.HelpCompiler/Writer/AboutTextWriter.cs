using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using AcmCluster.HelpCompiler.Reader;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace AcmCluster.HelpCompiler.Writer;

/// <summary>
/// Converts an about-topic markdown page into the plain-text <c>about_X.help.txt</c> form:
/// front matter and HTML comments dropped, headings become UPPER CASE lines (about_ topic names keep
/// their case), fenced code is indented by 4 spaces, inline markup is stripped, nothing is re-wrapped.
/// </summary>
internal static partial class AboutTextWriter
{
    [GeneratedRegex(@"^about_\S+$", RegexOptions.IgnoreCase)]
    private static partial Regex TopicNameRegex();

    public static string Convert(string markdown)
    {
        var page = HelpMarkdown.Parse(markdown);
        var output = new List<string>();
        var lastLine = -1;
        foreach (var block in page.Document.Where(b => b is not (YamlFrontMatterBlock or HtmlBlock)))
        {
            // Blank lines stay where the page has them, and only there.
            if (lastLine >= 0 && block.Line > lastLine + 1)
            {
                output.Add(string.Empty);
            }

            lastLine = HelpMarkdown.LineOf(page.Source, block.Span.End);
            switch (block)
            {
                case HeadingBlock heading:
                    var text = HelpMarkdown.Inline(page.Source, heading.Inline, plain: true).Trim();
                    if (TopicNameRegex().IsMatch(text))
                    {
                        // The layout of PowerShell's own about files: Get-Help shows the 5th line, the
                        // line after SHORT DESCRIPTION, as the topic's synopsis.
                        output.Add("TOPIC");
                        output.Add("    " + text);
                    }
                    else
                    {
                        output.Add(text.ToUpperInvariant());
                    }

                    break;
                case FencedCodeBlock code:
                    output.AddRange(HelpMarkdown.CodeText(code).Split('\n').Select(l => l.Length == 0 ? l : "    " + l));
                    break;
                default:
                    output.AddRange(HelpMarkdown.SourceLines(page.Source, block, plain: true).Select(l => l.Text.TrimEnd()));
                    break;
            }
        }

        // One blank line at most, none at the ends.
        var builder = new StringBuilder();
        var lastBlank = true;
        foreach (var line in output)
        {
            var blank = line.Length == 0;
            if (blank && lastBlank)
            {
                continue;
            }

            builder.Append(line).Append('\n');
            lastBlank = blank;
        }

        return builder.ToString().TrimEnd('\n') + "\n";
    }
}
