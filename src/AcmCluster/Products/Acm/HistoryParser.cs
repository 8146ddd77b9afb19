using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Acm;

/// <summary>
/// Reads swsthistdisp: per transaction volume a 'Server=... Device=... Mount-Point=...' line,
/// then a generation table (layout approximate; columns found by header name).
/// </summary>
internal static class HistoryParser
{
    private static readonly Regex DeviceLine = new(@"^\s*Server=(?<server>\S+)\s+Device=(?<device>\S+)(\s+Mount-Point=(?<mp>.*))?$", RegexOptions.CultureInvariant);
    private static readonly TextTable Table = new(
        "swsthistdisp",
        new[] { "Generation", "Version", "Backup-Date", "Backup-Device", "Status" },
        new Dictionary<string, int> { ["Backup-Date"] = 2 });

    private static readonly string[] DateFormats = { "yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss" };

    // Fidelity evidence ("still unconfirmed"): only 'succeeded' is known good; a failed generation may print
    // 'failed', 'failed-OPC' or a word not seen yet, so everything else is not restorable.
    private static readonly string[] GoodStatus = { "succeeded" };

    public static bool IsRestorable(string status) => GoodStatus.Contains(status, StringComparer.Ordinal);

    /// <summary>The transaction volumes the listing names, with or without generations.</summary>
    public static HashSet<string> DeviceNames(IEnumerable<string> lines)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var m = DeviceLine.Match(line);
            if (m.Success)
            {
                names.Add(m.Groups["device"].Value);
            }
        }

        return names;
    }

    public static IReadOnlyList<BackupHistory> Parse(IEnumerable<string> lines)
    {
        var result = new List<BackupHistory>();
        Match? device = null;
        string[]? columns = null;
        foreach (var line in lines)
        {
            var m = DeviceLine.Match(line);
            if (m.Success)
            {
                device = m;
                columns = null;
            }
            else if (TextTable.IsSkippable(line))
            {
                continue;
            }
            else if (device is null)
            {
                throw ParseError.At("swsthistdisp", line, "expected a 'Server=... Device=...' line");
            }
            else if (columns is null)
            {
                if (!Table.IsHeader(line))
                {
                    throw ParseError.At("swsthistdisp", line, "expected the generation table header after the device line");
                }

                columns = TextTable.Words(line);
            }
            else
            {
                result.Add(ToHistory(device, Table.ParseRow(columns, line)));
            }
        }

        return result;
    }

    private static BackupHistory ToHistory(Match device, Dictionary<string, string> row)
    {
        var line = string.Join(" ", row.Values);
        if (!int.TryParse(row["Generation"], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            || !int.TryParse(row["Version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw ParseError.At("swsthistdisp", line, "Generation and Version must be numbers");
        }

        if (!DateTime.TryParseExact(row["Backup-Date"], DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var date))
        {
            throw ParseError.At("swsthistdisp", line, $"'{row["Backup-Date"]}' is not a date in the form yyyy/MM/dd HH:mm");
        }

        var mountPoint = device.Groups["mp"].Success ? Regex.Replace(device.Groups["mp"].Value.Trim(), @"\s*\([^)]*\)$", string.Empty) : string.Empty;
        return new BackupHistory
        {
            Server = device.Groups["server"].Value,
            Device = device.Groups["device"].Value,
            MountPoint = mountPoint,
            Generation = generation,
            Version = version,
            BackupDate = date,
            BackupDevice = AcmWords.Value(row["Backup-Device"]),
            Status = AcmWords.Status(row["Status"]),
            RawStatus = row["Status"],
            Progress = Percent.Parse("swsthistdisp", row.GetValueOrDefault("Execute")),
        };
    }
}
