using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AcmCluster.Simulator.Tools;

// Left-aligned columns separated by at least one blank; the module parses by
// header position, so every row is padded to the same column starts.
internal static class TextTable
{
    public static string Format(string[] headers, IReadOnlyList<string[]> rows, IReadOnlyDictionary<int, int>? minWidths = null)
    {
        int[] widths = new int[headers.Length];
        for (int c = 0; c < headers.Length; c++)
        {
            int w = headers[c].Length;
            foreach (string[] r in rows)
            {
                w = Math.Max(w, r[c].Length);
            }
            if (minWidths is not null && minWidths.TryGetValue(c, out int min))
            {
                w = Math.Max(w, min);
            }
            widths[c] = w;
        }
        var sb = new StringBuilder();
        foreach (string[] r in new[] { headers }.Concat(rows))
        {
            var line = new StringBuilder();
            for (int c = 0; c < r.Length; c++)
            {
                line.Append(c == r.Length - 1 ? r[c] : r[c].PadRight(widths[c] + 1));
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }
}
