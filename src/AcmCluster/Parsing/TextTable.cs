using System;
using System.Collections.Generic;
using System.Linq;

namespace AcmCluster.Parsing;

/// <summary>
/// Reads the blank-separated tables the native tools print. Columns are matched by header name,
/// unknown columns are ignored, blank and dash-separator lines skipped. A column whose values
/// contain blanks (a date and time) is declared with the number of words it takes.
/// </summary>
internal sealed class TextTable
{
    private readonly string _command;
    private readonly string[] _required;
    private readonly IReadOnlyDictionary<string, int> _wordsPerColumn;

    public TextTable(string command, string[] requiredColumns, IReadOnlyDictionary<string, int>? wordsPerColumn = null)
    {
        _command = command;
        _required = requiredColumns;
        _wordsPerColumn = wordsPerColumn ?? new Dictionary<string, int>();
    }

    public static string[] Words(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public bool IsHeader(string line)
    {
        var words = Words(line);
        return _required.All(r => words.Contains(r, StringComparer.OrdinalIgnoreCase));
    }

    public static bool IsSkippable(string line)
    {
        var t = line.Trim();
        return t.Length == 0 || t.All(c => c == '-' || c == '=' || c == ' ');
    }

    public List<Dictionary<string, string>> ParseRows(string headerLine, IEnumerable<string> rows)
    {
        var columns = Words(headerLine);
        var result = new List<Dictionary<string, string>>();
        foreach (var line in rows)
        {
            if (IsSkippable(line))
            {
                continue;
            }

            result.Add(ParseRow(columns, line));
        }

        return result;
    }

    public List<Dictionary<string, string>> Parse(IEnumerable<string> lines)
    {
        var all = lines.ToList();
        var headerIndex = all.FindIndex(IsHeader);
        if (headerIndex < 0)
        {
            var nonBlank = all.FirstOrDefault(l => !IsSkippable(l));
            if (nonBlank is null)
            {
                return new List<Dictionary<string, string>>();
            }

            throw ParseError.At(_command, nonBlank, $"no header with the columns {string.Join(", ", _required)}");
        }

        return ParseRows(all[headerIndex], all.Skip(headerIndex + 1));
    }

    public Dictionary<string, string> ParseRow(string[] columns, string line)
    {
        var words = Words(line);
        var needed = columns.Sum(c => _wordsPerColumn.TryGetValue(c, out var n) ? n : 1);
        if (words.Length != needed)
        {
            throw ParseError.At(_command, line, $"expected {needed} fields under the header '{string.Join(" ", columns)}' but found {words.Length}");
        }

        var row = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var at = 0;
        foreach (var column in columns)
        {
            var count = _wordsPerColumn.TryGetValue(column, out var n) ? n : 1;
            row[column] = string.Join(" ", words, at, count);
            at += count;
        }

        return row;
    }
}
