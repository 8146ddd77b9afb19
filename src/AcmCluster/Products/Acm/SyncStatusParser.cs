using System.Collections.Generic;
using System.Linq;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Acm;

/// <summary>Reads swstsyncstat (layout approximate: columns are found by header name).</summary>
internal static class SyncStatusParser
{
    public static readonly string[] Statuses = { "----", "executing", "equivalent", "suspend", "failed", "nosession", "halt", "?????" };

    private static readonly TextTable Table = new("swstsyncstat", new[] { "Transaction-Disk", "Backup-Disk", "Status" });

    public static IReadOnlyList<SyncStatus> Parse(IEnumerable<string> lines)
    {
        var result = new List<SyncStatus>();
        foreach (var row in Table.Parse(lines))
        {
            var status = row["Status"];
            if (!Statuses.Contains(status))
            {
                throw ParseError.At("swstsyncstat", string.Join(" ", row.Values), $"unknown status '{status}'");
            }

            result.Add(new SyncStatus
            {
                Server = row.GetValueOrDefault("Server") ?? string.Empty,
                Device = row["Transaction-Disk"],
                BackupDevice = AcmWords.Value(row["Backup-Disk"]),
                Status = AcmWords.Status(status),
                RawStatus = status,
                Progress = Percent.Parse("swstsyncstat", row.GetValueOrDefault("Execute")),
            });
        }

        return result;
    }
}
