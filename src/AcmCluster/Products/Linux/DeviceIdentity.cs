using System.Collections.Generic;
using AcmCluster.Native;

namespace AcmCluster.Products.Linux;

/// <summary>
/// A block device's number (major:minor, as findmnt's MAJ:MIN prints it), read with 'stat -L' so that
/// /dev/mapper/x, /dev/dm-3 and a /dev/disk/by-* symlink are the same device. The device name the user gave
/// is still what ACM's commands get: ACM knows devices by its own names.
/// </summary>
internal static class DeviceIdentity
{
    public static NativeCommand Query(IEnumerable<string> devices) => Stat.Command(followLinks: true, "%t %T %f %n", devices);

    /// <summary>Device name → 'major:minor' (decimal) for each name that is a block device; others are absent.</summary>
    public static IReadOnlyDictionary<string, string> Read(NativeCommandRunner runner, IReadOnlyCollection<string> devices)
    {
        if (devices.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        // stat fails for a name that does not exist but still prints the others: that name is then simply unknown.
        var result = runner.Run(Query(devices), "DeviceQueryFailed", allowFailure: true);
        return Parse(result.Output);
    }

    /// <summary>Reads '&lt;major hex&gt; &lt;minor hex&gt; &lt;raw mode hex&gt; &lt;name&gt;' lines; anything else is skipped.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines)
    {
        var numbers = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            if (Stat.Words(line, 4) is { } words && Stat.Hex(words[0]) is { } major && Stat.Hex(words[1]) is { } minor
                && Stat.Hex(words[2]) is { } mode && (mode & Stat.FileTypeMask) == Stat.BlockDevice)
            {
                numbers[words[3]] = $"{major}:{minor}";
            }
        }

        return numbers;
    }
}
