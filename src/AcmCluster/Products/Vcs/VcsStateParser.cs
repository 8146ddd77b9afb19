using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Vcs;

/// <summary>
/// Reads 'hagrp -state' and 'hares -state': '#Group|#Resource Attribute System Value'. Group values are
/// written between bars and may combine flags ('|OFFLINE|FAULTED|'); resource values are plain words.
/// Rows are split on blanks (no name or value contains one); unknown attributes are kept and ignored by callers.
/// With -sys and a name, both print only the bare value (fidelity-evidence item 3); messages come on stdout
/// with a V-16 id (item 4), so both streams are searched for it.
/// </summary>
internal static class VcsStateParser
{
    public sealed record Row(string Name, string Attribute, string System, string Value)
    {
        /// <summary>The value's flags in upper case: '|OFFLINE|FAULTED|' → OFFLINE, FAULTED.</summary>
        public IReadOnlyList<string> Flags => ParseFlags(Value);
    }

    public static IReadOnlyList<string> ParseFlags(string value)
        => value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToUpperInvariant()).ToArray();

    private static readonly System.Text.RegularExpressions.Regex MessageIdPattern = new(@"\bV-16-[0-9]+-[0-9]+\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The first VCS message id (V-16-1-40131, ...) in the lines, or null: VCS prints its messages on stdout too.</summary>
    public static string? MessageId(IEnumerable<string> lines)
        => lines.Select(l => MessageIdPattern.Match(l)).FirstOrDefault(m => m.Success)?.Value;

    /// <summary>
    /// The answer of a '-state &lt;name&gt; -sys &lt;system&gt;' query: one bare value ('ONLINE', 'ONLINE|RESTARTING', '|OFFLINE|FAULTED|').
    /// The '#... Attribute System Value' table is read too, for the row of that name and system.
    /// </summary>
    public static string SysValue(IReadOnlyList<string> lines, string command, string name, string system)
    {
        var content = lines.Where(l => !TextTable.IsSkippable(l)).ToList();
        if (content.Count > 0 && content[0].TrimStart().StartsWith('#'))
        {
            return Parse(content, command).FirstOrDefault(r => r.Name == name && r.System == system && r.Attribute == "State")?.Value
                ?? throw ParseError.At(command, content[0], $"no State row for {name} on system {system}");
        }

        if (content.Count != 1 || TextTable.Words(content[0]).Length != 1)
        {
            throw ParseError.At(command, content.FirstOrDefault() ?? string.Empty, "expected one bare state value (e.g. ONLINE)");
        }

        return content[0].Trim();
    }

    public static IReadOnlyList<Row> Parse(IEnumerable<string> lines, string command)
    {
        var rows = new List<Row>();
        var header = false;
        foreach (var line in lines)
        {
            if (TextTable.IsSkippable(line))
            {
                continue;
            }

            var words = TextTable.Words(line);
            if (words[0].StartsWith('#'))
            {
                if (words.Length < 4 || !words.Contains("Attribute") || !words.Contains("System") || !words.Contains("Value"))
                {
                    throw ParseError.At(command, line, "no '#Group|#Resource Attribute System Value' header");
                }

                header = true;
                continue;
            }

            if (!header)
            {
                throw ParseError.At(command, line, "a row before the '#... Attribute System Value' header");
            }

            if (words.Length != 4)
            {
                throw ParseError.At(command, line, $"expected 4 fields (name, attribute, system, value) but found {words.Length}");
            }

            rows.Add(new Row(words[0], words[1], words[2], words[3]));
        }

        return rows;
    }
}
