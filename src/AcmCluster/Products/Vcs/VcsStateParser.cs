using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Vcs;

/// <summary>
/// Reads 'hagrp -state' and 'hares -state': '#Group|#Resource Attribute System Value'. Group values are
/// written between bars and may combine flags ('|OFFLINE|FAULTED|'); resource values are plain words.
/// Rows are split on blanks (no name or value contains one); unknown attributes are kept and ignored by callers.
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
