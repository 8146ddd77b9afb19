using System.Collections.Generic;
using System.Globalization;
using AcmCluster.Native;

namespace AcmCluster.Products.Linux;

/// <summary>coreutils 'stat -c FORMAT', the one way device numbers and mount-path components are read (through the runner).</summary>
internal static class Stat
{
    public const int FileTypeMask = 0xF000;
    public const int BlockDevice = 0x6000;
    public const int Directory = 0x4000;
    public const int SymbolicLink = 0xA000;
    public const int RegularFile = 0x8000;

    /// <summary>stat [-L] -c FORMAT -- PATH...; -L follows links (a device's /dev/disk/by-* name), without it the link itself is described.</summary>
    public static NativeCommand Command(bool followLinks, string format, IEnumerable<string> paths)
    {
        var args = new List<string>();
        if (followLinks)
        {
            args.Add("-L");
        }

        args.AddRange(new[] { "-c", format, "--" });
        args.AddRange(paths);
        return new NativeCommand("stat", args);
    }

    /// <summary>A line's blank-separated words, the last (a path, which may hold blanks) kept whole; null when it has fewer.</summary>
    public static string[]? Words(string line, int count)
    {
        var words = line.Trim().Split(' ', count, System.StringSplitOptions.RemoveEmptyEntries);
        return words.Length == count ? words : null;
    }

    public static int? Hex(string s) => int.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) ? v : null;
}
