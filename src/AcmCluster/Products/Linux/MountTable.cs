using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AcmCluster.Native;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Linux;

/// <summary>
/// The mount table as the kernel keeps it (/proc/self/mountinfo), read with 'findmnt -J -l', so that it can be
/// mocked and simulated like every other native command. Unlike the 'mount' listing it carries each mount's
/// device number (MAJ:MIN), which is how a volume is recognised whatever name it was mounted by.
/// </summary>
internal static class MountTable
{
    /// <summary>One mount, in mount order: the last entry for a target is the one on top.</summary>
    public sealed record Entry(string Target, string Source, string DeviceNumber, string FileSystemType, string Options);

    public static NativeCommand Query() => new("findmnt", new[] { "-J", "-l", "-o", "TARGET,SOURCE,MAJ:MIN,FSTYPE,OPTIONS" });

    public static IReadOnlyList<Entry> Parse(IEnumerable<string> lines)
    {
        var text = string.Join("\n", lines);
        if (string.IsNullOrWhiteSpace(text))
        {
            // findmnt prints nothing (exit 1) only when nothing matches; with no filter that is an empty table.
            return new List<Entry>();
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (!document.RootElement.TryGetProperty("filesystems", out var rows) || rows.ValueKind != JsonValueKind.Array)
            {
                throw ParseError.At("findmnt", FirstLine(text), "expected a JSON object with a 'filesystems' array");
            }

            // A row without a target cannot be matched to anything, so it is left out; other missing fields stay empty.
            return rows.EnumerateArray()
                .Select(r => new Entry(Field(r, "target"), Field(r, "source"), Field(r, "maj:min"), Field(r, "fstype"), Field(r, "options")))
                .Where(e => e.Target.Length > 0)
                .ToList();
        }
        catch (JsonException e)
        {
            throw ParseError.At("findmnt", FirstLine(text), $"expected JSON ({e.Message})");
        }
    }

    public static IReadOnlyList<Entry> Read(NativeCommandRunner runner) => BeginRead(runner)();

    /// <summary>Starts reading the table (see <see cref="NativeCommandRunner.Begin"/>); the function returns it.</summary>
    public static System.Func<IReadOnlyList<Entry>> BeginRead(NativeCommandRunner runner)
    {
        var listing = runner.Begin(Query(), "MountTableQueryFailed");
        return () => Parse(listing().Output);
    }

    /// <summary>The mount on top at <paramref name="target"/>, or null when nothing is mounted there.</summary>
    public static Entry? Top(IReadOnlyList<Entry> table, string target) => table.LastOrDefault(e => e.Target == target);

    /// <summary>Every mount of the device with that number (a second mount or a bind mount shows up twice).</summary>
    public static IReadOnlyList<Entry> MountsOf(IReadOnlyList<Entry> table, string deviceNumber)
        => table.Where(e => e.DeviceNumber == deviceNumber).ToList();

    private static string Field(JsonElement row, string name)
        => row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static string FirstLine(string text) => text.Split('\n').First(l => l.Trim().Length > 0).Trim();
}
