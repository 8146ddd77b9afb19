using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace AcmCluster.HelpCompiler.Reader;

internal enum BlockKind
{
    Heading,
    Paragraph,
    Code,
}

/// <summary>A top-level markdown block. Line is 1-based in the source file.</summary>
internal sealed record MdBlock(BlockKind Kind, string Text, int Line, int Level = 0, string Info = "");

/// <summary>
/// Minimal block tokenizer for the fixed platyPS schema: ATX headings, fenced code
/// (``` or ~~~), HTML comments (dropped) and paragraphs. Inline markup is left alone.
/// </summary>
internal static partial class MarkdownBlocks
{
    [GeneratedRegex(@"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"^( {0,3})(`{3,}|~{3,})[ \t]*([^`]*?)[ \t]*$")]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+")]
    private static partial Regex ListItemRegex();

    public static string[] SplitLines(string text) =>
        text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');

    public static List<MdBlock> Tokenize(IReadOnlyList<string> lines, int firstLine, ICollection<string> warnings)
    {
        var blocks = new List<MdBlock>();
        var para = new List<string>();
        int paraLine = 0;

        void FlushParagraph()
        {
            if (para.Count > 0)
            {
                blocks.Add(new MdBlock(BlockKind.Paragraph, JoinParagraph(para), paraLine));
                para.Clear();
            }
        }

        for (int i = firstLine; i < lines.Count; i++)
        {
            string line = lines[i];
            int lineNo = i + 1;

            var fence = FenceRegex().Match(line);
            if (fence.Success)
            {
                FlushParagraph();
                int indent = fence.Groups[1].Length;
                char fenceChar = fence.Groups[2].Value[0];
                int fenceLen = fence.Groups[2].Length;
                string info = fence.Groups[3].Value.Trim();
                var code = new List<string>();
                bool closed = false;
                for (i++; i < lines.Count; i++)
                {
                    var close = FenceRegex().Match(lines[i]);
                    if (close.Success && close.Groups[2].Value[0] == fenceChar &&
                        close.Groups[2].Length >= fenceLen && close.Groups[3].Length == 0)
                    {
                        closed = true;
                        break;
                    }
                    code.Add(RemoveIndent(lines[i], indent));
                }
                if (!closed)
                {
                    warnings.Add($"line {lineNo}: code fence is never closed");
                }
                blocks.Add(new MdBlock(BlockKind.Code, string.Join("\n", code).TrimEnd(), lineNo, 0, info));
                continue;
            }

            if (line.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
            {
                FlushParagraph();
                while (i < lines.Count && !lines[i].Contains("-->", StringComparison.Ordinal))
                {
                    i++;
                }
                continue;
            }

            var heading = HeadingRegex().Match(line);
            if (heading.Success)
            {
                FlushParagraph();
                blocks.Add(new MdBlock(BlockKind.Heading, heading.Groups[2].Value.Trim(), lineNo, heading.Groups[1].Length));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                FlushParagraph();
                continue;
            }

            if (para.Count == 0)
            {
                paraLine = lineNo;
            }
            para.Add(line);
        }
        FlushParagraph();
        return blocks;
    }

    /// <summary>
    /// Soft line breaks become spaces; list items and hard breaks (two trailing spaces or a
    /// trailing backslash) keep their line break.
    /// </summary>
    private static string JoinParagraph(List<string> lines)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < lines.Count; i++)
        {
            string raw = lines[i];
            bool hardBreak = raw.EndsWith("  ", StringComparison.Ordinal) || raw.TrimEnd().EndsWith('\\') && !raw.TrimEnd().EndsWith("\\\\", StringComparison.Ordinal);
            string text = raw.Trim();
            if (hardBreak && text.EndsWith('\\'))
            {
                text = text[..^1].TrimEnd();
            }
            if (i > 0)
            {
                bool listItem = ListItemRegex().IsMatch(raw);
                bool prevHard = lines[i - 1].EndsWith("  ", StringComparison.Ordinal) || lines[i - 1].TrimEnd().EndsWith('\\');
                sb.Append(listItem || prevHard ? '\n' : ' ');
            }
            sb.Append(ListItemRegex().IsMatch(raw) ? raw.TrimEnd() : text);
        }
        return sb.ToString();
    }

    private static string RemoveIndent(string line, int indent)
    {
        int n = 0;
        while (n < indent && n < line.Length && line[n] == ' ')
        {
            n++;
        }
        return line[n..].TrimEnd();
    }

    /// <summary>Undo platyPS backslash escapes (\*, \_, \[, \&lt; ...) in prose.</summary>
    public static string Unescape(string text) => EscapeRegex().Replace(text, "$1");

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!<>|])")]
    private static partial Regex EscapeRegex();
}
