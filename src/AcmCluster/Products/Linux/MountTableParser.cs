using System.Collections.Generic;
using System.Text.RegularExpressions;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Linux;

/// <summary>Reads the listing of 'mount': '&lt;device&gt; on &lt;mount point&gt; type &lt;fstype&gt; (&lt;options&gt;)'.</summary>
internal static class MountTableParser
{
    private static readonly Regex Line = new(@"^(?<dev>.+?) on (?<mp>/.*?) type (?<fs>\S+) \((?<opts>[^)]*)\)\s*$", RegexOptions.CultureInvariant);

    public sealed record Entry(string Device, string MountPoint, string FileSystemType, string Options);

    public static IReadOnlyList<Entry> Parse(IEnumerable<string> lines)
    {
        var result = new List<Entry>();
        foreach (var line in lines)
        {
            if (TextTable.IsSkippable(line))
            {
                continue;
            }

            var m = Line.Match(line);
            if (!m.Success)
            {
                throw ParseError.At("mount", line, "expected '<device> on <mount point> type <fstype> (<options>)'");
            }

            result.Add(new Entry(m.Groups["dev"].Value, m.Groups["mp"].Value, m.Groups["fs"].Value, m.Groups["opts"].Value));
        }

        return result;
    }
}
