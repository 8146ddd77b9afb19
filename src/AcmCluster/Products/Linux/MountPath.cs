using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Products.Linux;

/// <summary>
/// A mount point root may mount on or unmount: it exists, and no one but root can swap a component of its path
/// (a user who owns /u01/app/oracle could otherwise replace 'oradata' with a symlink to /etc while the volume is
/// unmounted, and root would mount the volume over /etc). Read with 'stat' (without -L: the link itself) through
/// the runner, so that the simulator can impersonate it.
/// </summary>
internal static class MountPath
{
    private const int FileTypeMask = 0xF000;
    private const int Directory = 0x4000;
    private const int SymbolicLink = 0xA000;
    private const int Sticky = 0x200;
    private const int GroupOrOtherWritable = 0x12;  // 0o022

    public sealed record Component(string Path, int Mode, int Owner);

    /// <summary>'/', '/u01', '/u01/app', ... down to the mount point itself (which must be canonical).</summary>
    public static IReadOnlyList<string> Components(string mountPoint)
    {
        var result = new List<string> { "/" };
        var parts = mountPoint.Split('/', System.StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            result.Add("/" + string.Join("/", parts.Take(i)));
        }

        return result;
    }

    public static NativeCommand Query(string mountPoint)
    {
        var args = new List<string> { "-c", "%f %u %n", "--" };
        args.AddRange(Components(mountPoint));
        return new NativeCommand("stat", args);
    }

    public static IReadOnlyList<Component> Parse(IEnumerable<string> lines)
    {
        var result = new List<Component>();
        foreach (var line in lines)
        {
            var words = line.Trim().Split(' ', 3, System.StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 3
                && int.TryParse(words[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mode)
                && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var owner))
            {
                result.Add(new Component(words[2], mode, owner));
            }
        }

        return result;
    }

    /// <summary>Refuses a mount point that does not exist (MountPointNotFound) or that another user could swap (MountPointUntrusted).</summary>
    public static void Check(NativeCommandRunner runner, string mountPoint)
    {
        var result = runner.Run(Query(mountPoint), "MountPointQueryFailed", allowFailure: true);
        var found = Parse(result.Output).ToDictionary(c => c.Path);
        if (Problem(mountPoint, found) is { } problem)
        {
            throw problem;
        }
    }

    /// <summary>The first reason the path is not safe, or null; <paramref name="found"/> holds what stat could read, by path.</summary>
    public static AcmException? Problem(string mountPoint, IReadOnlyDictionary<string, Component> found)
    {
        var components = Components(mountPoint);
        Component? above = null;
        foreach (var path in components)
        {
            if (!found.TryGetValue(path, out var c))
            {
                return new AcmException(
                    "MountPointNotFound",
                    ErrorCategory.ObjectNotFound,
                    path == mountPoint ? $"The mount point {mountPoint} does not exist." : $"The mount point {mountPoint} does not exist ({path} is missing).",
                    mountPoint)
                {
                    RecommendedAction = "Check -MountPoint for a typo; the cluster's configuration (/etc/fstab.pcl, hares -value <res> MountPoint) names the mount point.",
                };
            }

            if ((c.Mode & FileTypeMask) == SymbolicLink)
            {
                return Untrusted(mountPoint, $"{path} is a symbolic link, so the real path is not {mountPoint}", $"Give the real path of the mount point (readlink -f {path}).");
            }

            if ((c.Mode & FileTypeMask) != Directory)
            {
                return Untrusted(mountPoint, $"{path} is not a directory", "Give the directory the file system is mounted on.");
            }

            // The mount point itself may be the root of a mounted file system owned by anyone; it cannot be
            // renamed while mounted, and it is its parent that decides what the name points to.
            var belowSticky = above is not null && (above.Mode & Sticky) != 0 && c.Owner != 0;
            if ((path != mountPoint && Writable(c)) || belowSticky)
            {
                return Untrusted(mountPoint, $"{path} is owned by uid {c.Owner} with mode {c.Mode & 0xFFF:x3} (octal {System.Convert.ToString(c.Mode & 0xFFF, 8)}), so a user other than root could replace what is below it", $"chown root {path}; chmod go-w {path}");
            }

            above = c;
        }

        return null;
    }

    // Owned by someone else than root, or writable by group or others — except a sticky world-writable directory
    // (/tmp): there only an entry's owner may rename it, so the entry below it must belong to root (checked above).
    private static bool Writable(Component c)
        => c.Owner != 0 || ((c.Mode & GroupOrOtherWritable) != 0 && (c.Mode & Sticky) == 0);

    private static AcmException Untrusted(string mountPoint, string why, string fix) => new(
        "MountPointUntrusted",
        ErrorCategory.SecurityError,
        $"The mount point {mountPoint} is not safe to mount on as root: {why}.",
        mountPoint)
    {
        RecommendedAction = fix,
    };
}
