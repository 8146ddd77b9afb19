using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AcmCluster.Internal;

/// <summary>What <see cref="PathTrust"/> reads of a file: <c>statx(2)</c> without following a final symbolic link.</summary>
internal readonly record struct UnixStat(uint Uid, uint Gid, UnixFileMode Mode, UnixFileKind Kind, ulong Device, ulong Inode)
{
    public bool WritableByOthers => (Mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0;

    public bool Sticky => (Mode & UnixFileMode.StickyBit) != 0;

    public bool SameFile(UnixStat other) => Device == other.Device && Inode == other.Inode;
}

internal enum UnixFileKind
{
    Other,
    Regular,
    Directory,
    SymbolicLink,
}

/// <summary>
/// Root must trust nothing another user can write. A path is trusted when no component is a symbolic link
/// (the real path is the given path) and every component is owned by root — or by the current user where
/// the caller allows it — and is not writable by group or others; a world-writable directory with the
/// sticky bit (/tmp) is accepted, because then only the owner of an entry below it can rename or remove
/// that entry, and that entry is checked in turn (the rule of sshd's StrictModes).
/// Linux only (statx(2), glibc 2.28); on Windows every check passes, since the module's trust model there is
/// the ACL of the directories, which this class does not read.
/// </summary>
internal static class PathTrust
{
    public const uint RootUid = 0;

    /// <summary>The effective uid of this process.</summary>
    public static uint CurrentUid => OperatingSystem.IsWindows() ? RootUid : geteuid();

    [System.Runtime.Versioning.UnsupportedOSPlatformGuard("windows")]
    public static bool Supported => !OperatingSystem.IsWindows();

    /// <summary>
    /// The first component of the directory <paramref name="path"/> (from <c>/</c> down) that is not trusted,
    /// or null when every component is. <paramref name="allowCurrentUser"/> accepts the current user as an
    /// owner besides root (the state directory; mount points pass false). The sticky exception applies to
    /// the ancestors only: <paramref name="path"/> itself must not be writable by group or others. A missing
    /// component, or one that is not a directory, is reported as untrusted.
    /// </summary>
    public static PathTrustProblem? Check(string path, bool allowCurrentUser)
    {
        if (!Supported)
        {
            return null;
        }

        if (!Path.IsPathRooted(path) || path.Contains("//", StringComparison.Ordinal))
        {
            return new PathTrustProblem(path, "is not a canonical absolute path", $"use the canonical absolute path (realpath '{path}')");
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        for (var i = -1; i < parts.Length; i++)
        {
            if (i >= 0)
            {
                if (parts[i] is "." or "..")
                {
                    return new PathTrustProblem(path, "is not a canonical absolute path", $"use the canonical absolute path (realpath '{path}')");
                }

                current = current == "/" ? "/" + parts[i] : current + "/" + parts[i];
            }

            var stat = LStat(current);
            if (stat is null)
            {
                return new PathTrustProblem(current, "does not exist", $"create it as a directory owned by {(allowCurrentUser ? "you" : "root")} (mkdir -m 0700 '{current}')");
            }

            var problem = CheckEntry(current, stat.Value, allowCurrentUser, UnixFileKind.Directory, allowSticky: i < parts.Length - 1);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// Checks one entry of a trusted directory: not a symbolic link, of the <paramref name="kind"/> expected,
    /// owned by root or (when allowed) the current user, and not writable by group or others unless
    /// <paramref name="allowSticky"/> and it is a sticky directory (whose entries are checked in turn, so a
    /// sticky parent is safe: nobody else can rename or remove them).
    /// </summary>
    public static PathTrustProblem? CheckEntry(string path, UnixStat stat, bool allowCurrentUser, UnixFileKind kind, bool allowSticky)
    {
        if (stat.Kind == UnixFileKind.SymbolicLink)
        {
            return new PathTrustProblem(path, "is a symbolic link", $"use the real path instead (realpath '{path}'), or replace the link with a directory owned by root");
        }

        if (stat.Kind != kind)
        {
            return new PathTrustProblem(path, kind == UnixFileKind.Directory ? "is not a directory" : "is not a regular file", $"remove '{path}' or choose another path");
        }

        var uid = CurrentUid;
        var ownerOk = stat.Uid == RootUid || (allowCurrentUser && stat.Uid == uid);
        if (!ownerOk)
        {
            var owner = allowCurrentUser ? uid : RootUid;
            return new PathTrustProblem(path, $"is owned by uid {stat.Uid}, which is neither root nor {(allowCurrentUser ? $"you (uid {uid})" : "root")}", $"chown {owner} '{path}'");
        }

        if (stat.WritableByOthers && !(allowSticky && stat.Kind == UnixFileKind.Directory && stat.Sticky))
        {
            return new PathTrustProblem(path, $"is writable by group or others (mode {Octal(stat.Mode)})", $"chmod go-w '{path}'");
        }

        return null;
    }

    /// <summary>statx(2) of <paramref name="path"/> without following a final symbolic link; null when it does not exist.</summary>
    public static UnixStat? LStat(string path)
    {
        var buffer = new byte[StatxSize];
        if (statx(AtFdCwd, CString(path), AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR)
            {
                return null;
            }

            throw new IOException($"statx {path} failed: errno {errno}");
        }

        return Decode(buffer);
    }

    /// <summary>statx(2) of an open file: what was really opened, to compare with <see cref="LStat"/> of its path.</summary>
    public static UnixStat FStat(SafeFileHandle handle)
    {
        var buffer = new byte[StatxSize];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (statx((int)handle.DangerousGetHandle(), CString(string.Empty), AtEmptyPath, StatxBasicStats, buffer) != 0)
            {
                throw new IOException($"statx of an open file failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return Decode(buffer);
    }

    /// <summary>realpath(3): the path with every symbolic link, '.' and '..' resolved; null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        var resolved = realpath(CString(path), IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    /// <summary>
    /// A file root may run: its real path's directories and the file itself owned by root (or, when
    /// <paramref name="allowCurrentUser"/>, the current user) and not writable by group or others. Links
    /// are resolved first, so /bin -> usr/bin and /opt/SMAW/bin/hvdisp -> ... are judged by what they point to
    /// (the links themselves sit in directories the same rule accepted, so nobody else can change them).
    /// </summary>
    public static PathTrustProblem? CheckExecutable(string path, bool allowCurrentUser)
    {
        if (!Supported)
        {
            return null;
        }

        var real = RealPath(path);
        if (real is null || LStat(real) is not { } stat)
        {
            return new PathTrustProblem(path, "does not exist", $"install it or correct PATH");
        }

        return Check(Path.GetDirectoryName(real) ?? "/", allowCurrentUser)
            ?? CheckEntry(real, stat, allowCurrentUser, UnixFileKind.Regular, allowSticky: false);
    }

    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0');

    // struct statx is the same on every Linux architecture (include/uapi/linux/stat.h).
    private const int StatxSize = 256;
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    private static UnixStat Decode(byte[] b)
    {
        var uid = BitConverter.ToUInt32(b, 20);
        var gid = BitConverter.ToUInt32(b, 24);
        var mode = BitConverter.ToUInt16(b, 28);
        var ino = BitConverter.ToUInt64(b, 32);
        var devMajor = BitConverter.ToUInt32(b, 136);
        var devMinor = BitConverter.ToUInt32(b, 140);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => UnixFileKind.Regular,
            0x4000 => UnixFileKind.Directory,
            0xA000 => UnixFileKind.SymbolicLink,
            _ => UnixFileKind.Other,
        };
        return new UnixStat(uid, gid, (UnixFileMode)(mode & 0xFFF), kind, ((ulong)devMajor << 32) | devMinor, ino);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();

    // Paths go to libc as NUL-terminated UTF-8 bytes: the bytes the kernel compares, with no marshaller choosing a code page.
    private static byte[] CString(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath(byte[] path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, byte[] pathname, int flags, uint mask, byte[] buffer);
}

/// <summary>The untrusted component, why, and the command that fixes it.</summary>
internal sealed record PathTrustProblem(string Path, string Reason, string Fix)
{
    public override string ToString() => $"{Path} {Reason}";

    /// <summary>The refusal: <paramref name="subject"/> says what root was about to use ("the state directory /var/lib/AcmCluster").</summary>
    public AcmException ToException(string errorId, string subject)
        => new(errorId, System.Management.Automation.ErrorCategory.SecurityError, $"Refusing to use {subject}: {Path} {Reason}, so another user could change it.", Path)
        {
            RecommendedAction = $"Run: {Fix}",
        };
}
