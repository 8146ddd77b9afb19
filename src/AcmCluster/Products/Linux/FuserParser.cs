using System.Collections.Generic;
using System.Globalization;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Linux;

/// <summary>Reads 'fuser -vm': its USER PID ACCESS COMMAND table (psmisc prints it on stderr).</summary>
internal static class FuserParser
{
    public sealed record Holder(int ProcessId, string User, string Command);

    public static IReadOnlyList<Holder> Parse(IEnumerable<string> lines)
    {
        var result = new List<Holder>();
        foreach (var line in lines)
        {
            var words = new List<string>(TextTable.Words(line));
            if (words.Count > 0 && words[0].EndsWith(':'))
            {
                words.RemoveAt(0);
            }

            // Rows are USER PID ACCESS COMMAND; the kernel's own 'mount' row has no PID.
            if (words.Count >= 4 && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                result.Add(new Holder(pid, words[0], string.Join(" ", words.GetRange(3, words.Count - 3))));
            }
        }

        return result;
    }
}
