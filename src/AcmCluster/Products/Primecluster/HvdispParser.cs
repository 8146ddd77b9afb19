using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Primecluster;

/// <summary>
/// Reads 'hvdisp -a'. HostName is blank for the local node, so rows cannot be split by position
/// alone; the State column is found by its vocabulary instead, which also rejects rows we do not
/// understand rather than misreading them.
/// </summary>
internal static class HvdispParser
{
    public static readonly string[] States = Cluster.ResourceStateNames.All;

    public sealed record Row(string Resource, string Type, string? HostName, string State, string StateDetails);

    public sealed record Display(string? LocalSystem, IReadOnlyList<Row> Rows);

    public static Display Parse(IEnumerable<string> lines)
    {
        string? local = null;
        var rows = new List<Row>();
        var inTable = false;
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (!inTable)
            {
                if (trimmed.StartsWith("Local System:", StringComparison.Ordinal))
                {
                    local = trimmed["Local System:".Length..].Trim();
                }
                else if (TextTable.Words(trimmed) is { Length: >= 4 } h && h[0] == "Resource" && h[1] == "Type" && h.Contains("State"))
                {
                    inTable = true;
                }

                continue;
            }

            if (TextTable.IsSkippable(line))
            {
                continue;
            }

            rows.Add(ParseRow(line));
        }

        if (!inTable)
        {
            var first = lines.FirstOrDefault(l => !TextTable.IsSkippable(l)) ?? string.Empty;
            throw ParseError.At("hvdisp -a", first, "no 'Resource Type HostName State StateDetails' header");
        }

        return new Display(local, rows);
    }

    private static Row ParseRow(string line)
    {
        var words = TextTable.Words(line);
        var stateAt = words.Length < 3 ? -1 : Array.FindIndex(words, 2, w => States.Contains(w, StringComparer.Ordinal));
        if (stateAt < 0 || stateAt > 3)
        {
            throw ParseError.At("hvdisp -a", line, $"no known state ({string.Join(", ", States)}) in the State column");
        }

        var host = stateAt == 3 ? words[2] : null;
        var details = string.Join(" ", words.Skip(stateAt + 1));
        return new Row(words[0], words[1], host, words[stateAt], details);
    }
}
