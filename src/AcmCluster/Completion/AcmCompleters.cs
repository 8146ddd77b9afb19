using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AcmCluster.Planning;
using AcmCluster.Products.Acm;

namespace AcmCluster.Completion;

/// <summary>
/// -LogicalNode: $env:SWSTGNODE, ACM's per-logical-node configuration directories, and the logical nodes
/// this machine's journaled procedures ran with. ACM has no command that lists its logical nodes, and
/// these sources need no SWSTGNODE, so they work before anything else is typed.
/// </summary>
public sealed class LogicalNodeCompleter : LiveCompleter
{
    private const string AcmConfiguration = "/etc/opt/FJSVswsts";

    private protected override IEnumerable<string> Candidates(Query query) => Known();

    /// <summary>Every logical node known here; a source that cannot be read adds nothing.</summary>
    internal static IEnumerable<string> Known()
    {
        var names = new List<string>();
        if (Environment.GetEnvironmentVariable(AcmCommands.LogicalNodeVariable) is { Length: > 0 } current)
        {
            names.Add(current);
        }

        try
        {
            if (Directory.Exists(AcmConfiguration))
            {
                // A logical node's directory holds its scripts (sh) or its repository settings; the node's own 'sh' is none.
                names.AddRange(Directory.EnumerateDirectories(AcmConfiguration)
                    .Where(d => Directory.Exists(Path.Combine(d, "sh")) || File.Exists(Path.Combine(d, "data", "swstg.ini")))
                    .Select(Path.GetFileName)
                    .OfType<string>());
            }
        }
        catch (Exception)
        {
            // Unreadable: the other sources still count.
        }

        try
        {
            names.AddRange(Journal(out _).Select(e => Planners.FromJson(e.RequestJson).LogicalNode).OfType<string>().Where(n => n.Length > 0));
        }
        catch (Exception)
        {
            // No journal yet, or one unreadable.
        }

        return names;
    }
}

/// <summary>-Device: the transaction volumes ACM knows, for the logical node typed or, when none is, for every one known.</summary>
public sealed class DeviceCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
        => FromRepositories(query, logicalNode => HistoryParser.DeviceNames(query.Run(AcmCommands.History(null, logicalNode)).Output));
}

/// <summary>-Generation: the generations ACM holds for the devices typed (for every device when none is).</summary>
public sealed class GenerationCompleter : LiveCompleter
{
    private protected override IComparer<string> Comparer => Numeric.Instance;

    private protected override IEnumerable<string> Candidates(Query query)
        => History(query).Select(h => h.Generation.ToString(CultureInfo.InvariantCulture));
}

/// <summary>-Version: the absolute backup versions ACM holds for the devices typed (for every device when none is).</summary>
public sealed class VersionCompleter : LiveCompleter
{
    private protected override IComparer<string> Comparer => Numeric.Instance;

    private protected override IEnumerable<string> Candidates(Query query)
        => History(query).Select(h => h.Version.ToString(CultureInfo.InvariantCulture));
}

/// <summary>-BackupDevice: the backup volumes of the devices' synchronous sessions (of every session when no device is typed).</summary>
public sealed class BackupDeviceCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
    {
        var devices = query.Values("Device");
        return FromRepositories(query, logicalNode => SyncStatusParser.Parse(query.Run(AcmCommands.SyncStatus(null, logicalNode)).Output)
            .Where(s => devices.Count == 0 || devices.Contains(s.Device, StringComparer.Ordinal))
            .Select(s => s.BackupDevice)
            .OfType<string>()
            .Where(d => d.StartsWith('/')));
    }
}

/// <summary>Numbers in numeric order (2 before 10).</summary>
internal sealed class Numeric : IComparer<string>
{
    public static readonly Numeric Instance = new();

    public int Compare(string? x, string? y)
        => long.TryParse(x, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) && long.TryParse(y, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : string.CompareOrdinal(x, y);
}
