using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Linux;

/// <summary>
/// Reads 'fuser -vm'. psmisc prints the PIDs on stdout ('kernel 12085 12086') and the verbose table
/// on stderr without them ('root ..c.. bash'): on a terminal the two interleave into one table, but
/// captured apart the rows must be paired with the PIDs in order. Some builds (and the simulator) print
/// the PID inside the table instead; both forms are read.
/// </summary>
internal static class FuserParser
{
    public sealed record Holder(int ProcessId, string User, string Command);

    public static IReadOnlyList<Holder> Parse(IEnumerable<string> stdout, IEnumerable<string> stderr)
    {
        // The table is on stderr; a wrapper or mock that merged the streams has it on stdout.
        var rows = TableRows(stderr) ?? TableRows(stdout) ?? new List<List<string>>();
        var withPid = rows.Where(r => r.Count >= 4 && IsPid(r[1])).ToList();
        if (withPid.Count > 0)
        {
            return withPid.Select(r => new Holder(int.Parse(r[1], CultureInfo.InvariantCulture), r[0], string.Join(" ", r.Skip(3)))).ToList();
        }

        // The process rows (an ACCESS column like '..c..'; the kernel's own row says 'mount') pair in order
        // with the PIDs on stdout ('kernel' there stands for the mount, when it is printed at all).
        var processRows = rows.Where(r => r.Count >= 3 && IsAccess(r[1])).ToList();
        var pids = stdout.SelectMany(TextTable.Words)
            .Select(t => new string(t.TakeWhile(char.IsAsciiDigit).ToArray()))
            .Where(IsPid)
            .ToList();
        var result = new List<Holder>();
        for (var i = 0; i < pids.Count; i++)
        {
            var row = i < processRows.Count ? processRows[i] : null;
            result.Add(new Holder(
                int.Parse(pids[i], CultureInfo.InvariantCulture),
                row?[0] ?? "?",
                row is null ? "?" : string.Join(" ", row.Skip(2))));
        }

        return result;
    }

    // The rows after the 'USER PID ACCESS COMMAND' header, without the leading '<mount point>:' and without
    // the warnings fuser mixes in ('Cannot stat file /proc/1/fd/0: Permission denied').
    private static List<List<string>>? TableRows(IEnumerable<string> lines)
    {
        var rows = new List<List<string>>();
        var inTable = false;
        foreach (var line in lines)
        {
            var words = new List<string>(TextTable.Words(line));
            if (!inTable)
            {
                inTable = words.Contains("USER") && words.Contains("COMMAND");
                continue;
            }

            if (words.Count == 0 || line.StartsWith("Cannot ", StringComparison.Ordinal))
            {
                continue;
            }

            if (words[0].EndsWith(':') && !char.IsWhiteSpace(line[0]))
            {
                words.RemoveAt(0);
            }

            rows.Add(words);
        }

        return inTable ? rows : null;
    }

    private static bool IsPid(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static bool IsAccess(string s) => s.Length == 5 && s.All(c => ".cefFrm".Contains(c));
}
