using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AcmCluster.HelpCompiler.Reader;

internal enum BlockKind
{
    Heading,
    Paragraph,
    Code,
}

/// <summary>A top-level markdown block. Line is 1-based in the source file.</summary>
internal sealed record MdBlock(BlockKind Kind, string Text, int Line, int Level = 0, string Info = "");

/// <summary>A help page as Markdig reads it: its front matter and the parsed document.</summary>
internal sealed record HelpPage(string Source, Dictionary<string, string> FrontMatter, MarkdownDocument Document);

/// <summary>
/// Markdig (what platyPS v2 reads the same pages with) parses the pages. Cmdlet pages are read as
/// headings, code blocks and paragraphs; inline markup stays as written (MAML has no markup, and
/// platyPS v1 copies it through too), only backslash escapes are resolved. About pages become plain
/// text line by line: their lines are written as the author wrapped them.
/// </summary>
internal static class HelpMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePreciseSourceLocation()
        .Build();

    public static HelpPage Parse(string text)
    {
        var source = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var document = Markdown.Parse(source, Pipeline);
        var frontMatter = document.OfType<YamlFrontMatterBlock>().FirstOrDefault() is { } yaml
            ? HelpYaml.ReadFrontMatter(yaml.Lines.ToString())
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return new HelpPage(source, frontMatter, document);
    }

    /// <summary>
    /// The page's top-level headings, code blocks and paragraphs. HTML blocks (comments) are dropped; a
    /// list is one paragraph with a line per item.
    /// </summary>
    public static List<MdBlock> Blocks(HelpPage page, ICollection<string> warnings)
    {
        var blocks = new List<MdBlock>();
        foreach (var block in page.Document)
        {
            var line = block.Line + 1;
            switch (block)
            {
                case YamlFrontMatterBlock:
                case HtmlBlock:
                case ThematicBreakBlock:
                case LinkReferenceDefinitionGroup:
                    break;
                case HeadingBlock heading:
                    blocks.Add(new MdBlock(BlockKind.Heading, Inline(page.Source, heading.Inline, plain: false).Trim(), line, heading.Level));
                    break;
                case FencedCodeBlock fenced:
                    if (fenced.ClosingFencedCharCount == 0)
                    {
                        warnings.Add($"line {line}: code fence is never closed");
                    }

                    blocks.Add(new MdBlock(BlockKind.Code, CodeText(fenced), line, 0, fenced.Info ?? string.Empty));
                    break;
                case CodeBlock indented:
                    blocks.Add(new MdBlock(BlockKind.Code, CodeText(indented), line));
                    break;
                default:
                    var text = JoinLines(SourceLines(page.Source, block, plain: false));
                    if (text.Length > 0)
                    {
                        blocks.Add(new MdBlock(BlockKind.Paragraph, text, line));
                    }

                    break;
            }
        }

        return blocks;
    }

    public static string CodeText(LeafBlock code) =>
        string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString().TrimEnd())).TrimEnd();

    /// <summary>
    /// The source lines of a block with the inline markup rewritten: escapes resolved, and for
    /// <paramref name="plain"/> also emphasis, code spans and links reduced to their text.
    /// Indentation, list markers and line breaks stay where the author put them.
    /// </summary>
    public static List<SourceLine> SourceLines(string source, Block block, bool plain)
    {
        var start = LineStart(source, block.Span.Start);
        var end = Math.Min(block.Span.End + 1, source.Length);
        var edits = new List<(int Start, int End, string Text)>();
        var breaks = new HashSet<int>();
        var items = new HashSet<int>();
        foreach (var descendant in block.Descendants().Prepend(block))
        {
            if (descendant is ListItemBlock item)
            {
                items.Add(item.Line);
            }

            if (plain && descendant is FencedCodeBlock fence)
            {
                edits.AddRange(FenceEdits(source, fence));
            }

            if (descendant is LeafBlock { Inline: { } inline })
            {
                foreach (var child in inline)
                {
                    if (child is LineBreakInline lineBreak)
                    {
                        if (lineBreak.IsHard)
                        {
                            breaks.Add(child.Line);
                            edits.Add((child.Span.Start, child.Span.End + 1, "\n"));
                        }

                        continue;
                    }

                    var written = source[child.Span.Start..(child.Span.End + 1)];
                    var text = Render(source, child, plain);
                    if (text != written)
                    {
                        edits.Add((child.Span.Start, child.Span.End + 1, text));
                    }
                }
            }
        }

        var builder = new StringBuilder(source, start, end - start, end - start);
        foreach (var edit in edits.OrderByDescending(e => e.Start))
        {
            builder.Remove(edit.Start - start, edit.End - edit.Start).Insert(edit.Start - start, edit.Text);
        }

        var lines = builder.ToString().TrimEnd('\n').Split('\n');
        var first = LineOf(source, start);
        return lines.Select((text, i) => new SourceLine(text, items.Contains(first + i), breaks.Contains(first + i - 1))).ToList();
    }

    /// <summary>Plain text of a code block inside a list: no fence lines, the code indented 4 more.</summary>
    private static IEnumerable<(int Start, int End, string Text)> FenceEdits(string source, FencedCodeBlock fence)
    {
        var opening = LineStart(source, fence.Span.Start);
        yield return (opening, LineEnd(source, opening), string.Empty);
        foreach (var line in fence.Lines.Lines.Take(fence.Lines.Count).Where(l => !l.Slice.IsEmptyOrWhitespace()))
        {
            var start = LineStart(source, line.Slice.Start);
            yield return (start, start, "    ");
        }

        if (fence.ClosingFencedCharCount > 0)
        {
            var closing = LineStart(source, fence.Span.End);
            yield return (closing, LineEnd(source, closing), string.Empty);
        }
    }

    private static int LineStart(string source, int position) =>
        position == 0 ? 0 : source.LastIndexOf('\n', position - 1) + 1;

    /// <summary>The position after the line's newline (or the end of the text).</summary>
    private static int LineEnd(string source, int position)
    {
        var newline = source.IndexOf('\n', position);
        return newline < 0 ? source.Length : newline + 1;
    }

    /// <summary>The 0-based line of a position.</summary>
    public static int LineOf(string source, int position) => source.AsSpan(0, Math.Min(position, source.Length)).Count('\n');

    /// <summary>
    /// One paragraph's text: soft line breaks become spaces; a list item, and the line after a hard
    /// break, start a new line (a list item keeps its indentation).
    /// </summary>
    public static string JoinLines(IReadOnlyList<SourceLine> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines.Where(l => l.Text.Trim().Length > 0))
        {
            if (builder.Length > 0)
            {
                builder.Append(line.ListItem || line.AfterHardBreak ? '\n' : ' ');
            }

            builder.Append(line.ListItem ? line.Text.TrimEnd() : line.Text.Trim());
        }

        return builder.ToString();
    }

    /// <summary>An inline run as text (see <see cref="SourceLines"/> for what <paramref name="plain"/> removes).</summary>
    public static string Inline(string source, ContainerInline? inline, bool plain) =>
        inline is null ? string.Empty : string.Concat(inline.Select(i => Render(source, i, plain)));

    private static string Render(string source, Inline inline, bool plain) => inline switch
    {
        LiteralInline literal => literal.Content.ToString(),
        LineBreakInline { IsHard: true } => "\n",
        LineBreakInline => plain ? "\n" : " ",
        CodeInline code when plain => CodeSpanText(source, code),
        EmphasisInline emphasis when plain => Inline(source, emphasis, plain),
        EmphasisInline emphasis => Delimiters(emphasis) + Inline(source, emphasis, plain) + Delimiters(emphasis),
        LinkInline link when plain => LinkText(link, Inline(source, link, plain)),
        LinkInline link => (link.IsImage ? "!" : string.Empty) + "[" + Inline(source, link, plain) + "](" + link.Url +
            (string.IsNullOrEmpty(link.Title) ? string.Empty : " \"" + link.Title + "\"") + ")",
        ContainerInline container when plain => Inline(source, container, plain),
        _ => source[inline.Span.Start..(inline.Span.End + 1)],
    };

    /// <summary>A code span's text with its line breaks, which CommonMark would turn into spaces.</summary>
    private static string CodeSpanText(string source, CodeInline code) =>
        source[(code.Span.Start + code.DelimiterCount)..(code.Span.End + 1 - code.DelimiterCount)].Trim(' ');

    private static string Delimiters(EmphasisInline emphasis) => new(emphasis.DelimiterChar, emphasis.DelimiterCount);

    /// <summary>Plain text has no links: the label, and an absolute address after it when it says more.</summary>
    private static string LinkText(LinkInline link, string label)
    {
        var url = link.Url ?? string.Empty;
        var showUrl = !link.IsImage && url.Contains("://", StringComparison.Ordinal) && !url.Equals(label, StringComparison.OrdinalIgnoreCase);
        return showUrl ? $"{label} ({url})" : label;
    }
}

/// <summary>A source line of a block; the flags are what <see cref="HelpMarkdown.JoinLines"/> needs.</summary>
internal sealed record SourceLine(string Text, bool ListItem, bool AfterHardBreak);
