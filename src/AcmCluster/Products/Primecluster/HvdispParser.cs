using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Primecluster;

/// <summary>
/// Reads 'hvdisp -a' (fidelity-evidence items 1 and 2). Rows are split on blanks, never on column
/// positions (a name wider than its column shifts the rest). HostName is blank for the local node, so
/// the State column is found by its vocabulary. A row without a known State is kept with an empty
/// State (every userApplication has an andOp child per node that shows no state): only the decision
/// that needs such a row refuses it, quoting <see cref="Row.Line"/>.
/// </summary>
internal static class HvdispParser
{
    public static readonly string[] States = Cluster.ResourceStateNames.All;

    /// <param name="HostName">The node the state belongs to (null: this node); for an andOp row its HostName attribute is in <paramref name="HostAttribute"/> instead.</param>
    public sealed record Row(string Resource, string Type, string? HostName, string State, string StateDetails, string Line, string? HostAttribute = null)
    {
        /// <summary>True for a userApplication row: RMS writes the type 'userApp' or 'userApplication'.</summary>
        public bool IsApplication => IsApplicationType(Type);

        public bool IsSysNode => Type.Equals("SysNode", StringComparison.OrdinalIgnoreCase);

        public bool IsAndOp => Type.Equals("andOp", StringComparison.OrdinalIgnoreCase);

        public bool HasState => State.Length > 0;
    }

    public sealed record Display(string? LocalSystem, IReadOnlyList<Row> Rows);

    public static bool IsApplicationType(string type)
        => type.Equals("userApp", StringComparison.OrdinalIgnoreCase) || type.Equals("userApplication", StringComparison.OrdinalIgnoreCase);

    /// <summary>'Online !!' and 'Online!!' are the same details (RMS guide B.2 writes the blank): compare without blanks.</summary>
    public static string Compact(string details) => string.Concat(details.Where(c => !char.IsWhiteSpace(c)));

    public static Display Parse(IEnumerable<string> lines)
    {
        string? local = null;
        var rows = new List<Row>();
        var sysNodes = new HashSet<string>(StringComparer.Ordinal);
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

            rows.Add(ParseRow(line, sysNodes));
            if (rows[^1].IsSysNode)
            {
                sysNodes.Add(rows[^1].Resource);
            }
        }

        if (!inTable)
        {
            var first = lines.FirstOrDefault(l => !TextTable.IsSkippable(l)) ?? string.Empty;
            throw ParseError.At("hvdisp -a", first, "no 'Resource Type HostName State StateDetails' header");
        }

        return new Display(local, rows);
    }

    /// <summary>The refusal of a row that a decision needs and that has no readable State.</summary>
    public static Exception Unreadable(Row row, string why) => ParseError.At("hvdisp -a", row.Line, why);

    // sysNodes: the SysNode rows seen so far (RMS lists them first), which tell a HostName from a state word it does not know.
    private static Row ParseRow(string line, HashSet<string> sysNodes)
    {
        var words = TextTable.Words(line);
        var type = words.Length > 1 ? words[1] : string.Empty;
        var andOp = type.Equals("andOp", StringComparison.OrdinalIgnoreCase);
        var stateAt = words.Length < 3 ? -1 : Array.FindIndex(words, 2, Math.Min(2, words.Length - 2), w => States.Contains(w, StringComparer.Ordinal));
        string? host;
        string state;
        string details;
        if (stateAt < 0)
        {
            // Kept, not refused: no state here (an andOp child, an application never active on that node) or one we do not know.
            var isHost = words.Length > 2 && (andOp || sysNodes.Count == 0 || sysNodes.Contains(words[2]));
            host = isHost ? words[2] : null;
            state = string.Empty;
            details = string.Join(" ", words.Skip(isHost ? 3 : 2));
        }
        else
        {
            host = stateAt == 3 ? words[2] : null;
            state = words[stateAt];
            details = string.Join(" ", words.Skip(stateAt + 1));
        }

        // An andOp's HostName is an attribute of the object (RMS Wizard Tools 4.6, Appendix C), not where the state belongs.
        return andOp
            ? new Row(words[0], type, null, state, details, line, host)
            : new Row(words[0], type, host, state, details, line);
    }
}
