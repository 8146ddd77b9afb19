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

    /// <summary>A configured mount point as the validated ones are written: without a trailing '/' (but '/' stays '/').</summary>
    public static string WithoutTrailingSlash(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    public static NativeCommand Query(string mountPoint) => Stat.Command(followLinks: false, "%f %u %n", Components(mountPoint));

    public static IReadOnlyList<Component> Parse(IEnumerable<string> lines)
    {
        var result = new List<Component>();
        foreach (var line in lines)
        {
            if (Stat.Words(line, 3) is { } words && Stat.Hex(words[0]) is { } mode
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
        for (var i = 0; i < components.Count; i++)
        {
            var path = components[i];
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

            // The mount point itself only has to be a real directory: nobody can swap it without write access to its
            // parent (checked above), and while mounted, stat shows the mounted file system's root, whose owner is the
            // application's business (an Oracle data volume belongs to oracle:oinstall).
            if (i == components.Count - 1)
            {
                var kind = ToStat(c).Kind;
                if (kind != UnixFileKind.Directory)
                {
                    return new AcmException(
                        "MountPointUntrusted",
                        ErrorCategory.SecurityError,
                        kind == UnixFileKind.SymbolicLink
                            ? $"The mount point {mountPoint} is a symbolic link: root does not mount on a path that may point elsewhere."
                            : $"The mount point {mountPoint} is not a directory: root does not mount on it.",
                        mountPoint)
                    {
                        RecommendedAction = $"Check {mountPoint}: the cluster's configuration names a directory there.",
                    };
                }

                break;
            }

            // The shared rule (sshd's StrictModes) for every directory above it: no link, owned by root, not writable by
            // group or others except a sticky ancestor such as /tmp, whose entries are checked in turn.
            if (PathTrust.CheckEntry(path, ToStat(c), allowCurrentUser: false, UnixFileKind.Directory, allowSticky: true) is { } problem)
            {
                return problem.ToException("MountPointUntrusted", $"the mount point {mountPoint} as root");
            }
        }

        return null;
    }

    private static UnixStat ToStat(Component c)
    {
        var kind = (c.Mode & Stat.FileTypeMask) switch
        {
            Stat.Directory => UnixFileKind.Directory,
            Stat.SymbolicLink => UnixFileKind.SymbolicLink,
            Stat.RegularFile => UnixFileKind.Regular,
            _ => UnixFileKind.Other,
        };
        return new UnixStat((uint)c.Owner, 0, (System.IO.UnixFileMode)(c.Mode & 0xFFF), kind, 0, 0);
    }
}
