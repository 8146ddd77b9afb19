using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using AcmCluster.HelpCompiler.Reader;

namespace AcmCluster.HelpCompiler.Writer;

/// <summary>
/// Converts an about-topic markdown page into the plain-text <c>about_X.help.txt</c> form:
/// front matter dropped, headings become UPPER CASE lines (about_ topic names keep their case),
/// fenced code is indented by 4 spaces, inline markup is stripped, nothing is re-wrapped.
/// </summary>
internal static partial class AboutTextWriter
{
    [GeneratedRegex(@"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})")]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex StrongRegex();

    [GeneratedRegex(@"(?<![\w\\*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")]
    private static partial Regex EmphasisRegex();

    [GeneratedRegex(@"(`+)(.+?)\1")]
    private static partial Regex CodeSpanRegex();

    [GeneratedRegex(@"^about_\S+$", RegexOptions.IgnoreCase)]
    private static partial Regex TopicNameRegex();

    public static string Convert(string markdown)
    {
        var lines = MarkdownBlocks.SplitLines(markdown);
        var (_, start) = CommandHelpReader.ReadFrontMatter(lines);
        var output = new List<string>();
        string? fence = null;
        bool inComment = false;

        for (int i = start; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd();
            if (fence is not null)
            {
                if (line.TrimStart().StartsWith(fence, StringComparison.Ordinal) && line.Trim().Trim(fence[0]).Length == 0)
                {
                    fence = null;
                }
                else
                {
                    output.Add(line.Length == 0 ? string.Empty : "    " + line);
                }
                continue;
            }
            if (inComment)
            {
                inComment = !line.Contains("-->", StringComparison.Ordinal);
                continue;
            }
            if (line.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
            {
                inComment = !line.Contains("-->", StringComparison.Ordinal);
                continue;
            }
            var f = FenceRegex().Match(line);
            if (f.Success)
            {
                fence = f.Groups[1].Value;
                continue;
            }
            var h = HeadingRegex().Match(line);
            if (h.Success)
            {
                string text = Inline(h.Groups[2].Value);
                output.Add(TopicNameRegex().IsMatch(text) ? text : text.ToUpperInvariant());
                continue;
            }
            output.Add(Inline(line));
        }

        // Collapse runs of blank lines and trim leading/trailing ones.
        var sb = new StringBuilder();
        bool lastBlank = true;
        foreach (var line in output)
        {
            bool blank = line.Length == 0;
            if (blank && lastBlank)
            {
                continue;
            }
            sb.Append(line).Append('\n');
            lastBlank = blank;
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static string Inline(string text)
    {
        // Protect code spans from the other rules.
        var spans = new List<string>();
        text = CodeSpanRegex().Replace(text, m =>
        {
            spans.Add(m.Groups[2].Value.Trim());
            return "\u0001" + (spans.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u0002";
        });
        text = LinkRegex().Replace(text, m =>
        {
            string label = m.Groups[1].Value;
            string url = m.Groups[2].Value;
            bool showUrl = url.Contains("://", StringComparison.Ordinal) && !url.Equals(label, StringComparison.OrdinalIgnoreCase);
            return showUrl ? $"{label} ({url})" : label;
        });
        text = StrongRegex().Replace(text, "$2");
        text = EmphasisRegex().Replace(text, "$2");
        text = MarkdownBlocks.Unescape(text);
        return Regex.Replace(text, "\u0001(\\d+)\u0002", m => spans[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }
}
