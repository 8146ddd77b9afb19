using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AcmCluster.Parsing;

namespace AcmCluster.Products.Linux;

/// <summary>
/// Finds a mount point's device in PRIMECLUSTER's /etc/fstab.pcl (its Fsystem resources, lines
/// prefixed '#RMS#') and then in /etc/fstab.
/// </summary>
internal static class FstabReader
{
    public sealed record Entry(string Device, string MountPoint, string FileSystemType, string Options, string Source);

    public static Entry? Find(string etcDirectory, string mountPoint) => All(etcDirectory).FirstOrDefault(e => e.MountPoint == mountPoint);

    /// <summary>Every entry, fstab.pcl's before fstab's (the order in which a mount point is looked up).</summary>
    public static IEnumerable<Entry> All(string etcDirectory)
    {
        foreach (var (file, prefix) in new[] { ("fstab.pcl", "#RMS#"), ("fstab", string.Empty) })
        {
            var path = Path.Combine(etcDirectory, file);
            if (!File.Exists(path))
            {
                continue;
            }

            foreach (var entry in Read(path, prefix))
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// The device PRIMECLUSTER's Fsystem resources mount at <paramref name="mountPoint"/> ('#RMS#' lines of fstab.pcl);
    /// Device is null when no line names it; null when the node has no fstab.pcl (nothing to compare with).
    /// </summary>
    public static Cluster.ConfiguredMount? RmsMount(string etcDirectory, string mountPoint)
    {
        var path = Path.Combine(etcDirectory, "fstab.pcl");
        if (!File.Exists(path))
        {
            return null;
        }

        var entry = RmsMounts(etcDirectory).LastOrDefault(e => e.MountPoint == mountPoint);
        return new Cluster.ConfiguredMount(entry?.Device, path);
    }

    /// <summary>Every Fsystem mount of fstab.pcl ('#RMS#' lines, mount points without a trailing '/'); empty when the node has no fstab.pcl.</summary>
    public static IReadOnlyList<Cluster.ControlledMount> RmsMounts(string etcDirectory)
    {
        var path = Path.Combine(etcDirectory, "fstab.pcl");
        return File.Exists(path)
            ? Read(path, "#RMS#").Select(e => new Cluster.ControlledMount(e.Device, MountPath.WithoutTrailingSlash(e.MountPoint), null, path)).ToList()
            : new List<Cluster.ControlledMount>();
    }

    internal static IEnumerable<Entry> Read(string path, string prefix)
    {
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (prefix.Length > 0)
            {
                if (!line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                line = line[prefix.Length..].Trim();
            }
            else if (line.StartsWith('#'))
            {
                continue;
            }

            var words = TextTable.Words(line);
            if (words.Length < 3)
            {
                continue;
            }

            // fstab escapes blanks in paths as \040.
            yield return new Entry(Unescape(words[0]), Unescape(words[1]), words[2], words.Length > 3 ? words[3] : "defaults", path);
        }
    }

    private static string Unescape(string s) => s.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal);
}
