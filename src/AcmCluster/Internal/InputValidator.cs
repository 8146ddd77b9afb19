using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace AcmCluster.Internal;

/// <summary>
/// Rejects input before any native command runs. Arguments are never given to a shell, so the
/// danger is not metacharacters but a value the native tool reads as an option (hvutil -m on -M)
/// or a path that escapes where the operator thinks it points.
/// </summary>
internal static class InputValidator
{
    public const int MaxNameLength = 128;
    public const int MaxPathLength = 1024;

    private static readonly Regex NamePattern = new("^[A-Za-z0-9_][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex WindowsAcmDevice = new("^g[0-9]+d[0-9]+p[0-9]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex DevicePathPattern = new("^/[A-Za-z0-9_./:+@,=-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex FileSystemTypePattern = new("^[a-z0-9_.]+$", RegexOptions.CultureInvariant);
    private static readonly Regex MountOptionsPattern = new("^[A-Za-z0-9_=,.:/@+-]+$", RegexOptions.CultureInvariant);

    /// <summary>
    /// -Timeout covers the whole wait, settle time included: a shorter one would cut the monitoring
    /// interval the manual requires to be waited, and report a state the detector has not yet seen.
    /// </summary>
    public static void TimeoutCoversSettleTime(double timeout, double settleTime)
    {
        if (timeout >= 0 && timeout < settleTime)
        {
            throw new AcmException(
                "TimeoutBelowSettleTime",
                ErrorCategory.InvalidArgument,
                $"-Timeout {timeout} s is shorter than -SettleTime {settleTime} s, which every wait begins with.",
                timeout)
            {
                RecommendedAction = "Give a -Timeout of at least -SettleTime (or -1 for no limit), or a shorter -SettleTime if the cluster's monitoring interval is shorter.",
            };
        }
    }

    /// <summary>Cluster, userApplication, resource, node and logical-node names.</summary>
    public static string Name(string? value, string parameter)
    {
        var v = RequireText(value, parameter, "InvalidName");
        if (v.StartsWith('-'))
        {
            throw Invalid("InvalidName", parameter, v, "starts with '-', so the native tool would read it as an option");
        }

        if (v.Length > MaxNameLength)
        {
            throw Invalid("InvalidName", parameter, v, $"is longer than {MaxNameLength} characters");
        }

        if (!NamePattern.IsMatch(v))
        {
            throw Invalid("InvalidName", parameter, v, "may contain only ASCII letters, digits, '_', '.' and '-'");
        }

        return v;
    }

    /// <summary>An ACM device: an absolute path, or on Windows an ACM disk name such as g1d1p2.</summary>
    public static string Device(string? value, string parameter)
    {
        var v = RequireText(value, parameter, "InvalidDevice");
        if (OperatingSystem.IsWindows() && WindowsAcmDevice.IsMatch(v))
        {
            return v;
        }

        CheckAbsolutePath(v, parameter, "InvalidDevice");
        if (!DevicePathPattern.IsMatch(v))
        {
            throw Invalid("InvalidDevice", parameter, v, "may contain only ASCII letters, digits and _ . / : + @ , = -");
        }

        return v;
    }

    /// <summary>
    /// A mount point in canonical form: '//' and '.' segments and a trailing '/' collapsed, so that
    /// '/mnt/./tran1' is compared (and unmounted) as '/mnt/tran1'. '/' itself is never a transaction volume.
    /// Symbolic links are resolved by nobody: the mount path check refuses them (MountPointUntrusted).
    /// </summary>
    public static string MountPoint(string? value, string parameter)
    {
        var v = RequireText(value, parameter, "InvalidMountPoint");
        CheckAbsolutePath(v, parameter, "InvalidMountPoint");
        if (OperatingSystem.IsWindows() && !v.StartsWith('/'))
        {
            return v.Length > 3 ? v.TrimEnd('\\', '/') : v;
        }

        var segments = v.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Length == 0)
        {
            throw Invalid("InvalidMountPoint", parameter, v, "is the root directory, which is never a transaction volume's mount point");
        }

        return "/" + string.Join("/", segments);
    }

    public static string FileSystemType(string? value, string parameter)
    {
        var v = RequireText(value, parameter, "InvalidFileSystemType");
        if (!FileSystemTypePattern.IsMatch(v) || v.Length > 32)
        {
            throw Invalid("InvalidFileSystemType", parameter, v, "is not a file system type such as ext4 or xfs");
        }

        return v;
    }

    public static string MountOptions(string? value, string parameter)
    {
        var v = RequireText(value, parameter, "InvalidMountOptions");
        if (v.StartsWith('-') || !MountOptionsPattern.IsMatch(v) || v.Length > 512)
        {
            throw Invalid("InvalidMountOptions", parameter, v, "is not a comma-separated mount option list such as rw,noatime");
        }

        return v;
    }

    private static string RequireText(string? value, string parameter, string errorId)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(errorId, parameter, value ?? string.Empty, "is empty");
        }

        if (value.Any(char.IsControl))
        {
            throw Invalid(errorId, parameter, value, "contains control characters");
        }

        if (value != value.Trim())
        {
            throw Invalid(errorId, parameter, value, "has leading or trailing white space");
        }

        return value;
    }

    private static void CheckAbsolutePath(string v, string parameter, string errorId)
    {
        if (v.Length > MaxPathLength)
        {
            throw Invalid(errorId, parameter, v, $"is longer than {MaxPathLength} characters");
        }

        var absolute = v.StartsWith('/') || (OperatingSystem.IsWindows() && System.IO.Path.IsPathFullyQualified(v));
        if (!absolute)
        {
            throw Invalid(errorId, parameter, v, "is not an absolute path");
        }

        if (v.Split('/', '\\').Any(segment => segment == ".."))
        {
            throw Invalid(errorId, parameter, v, "contains a '..' segment");
        }

        if (v.Any(c => c > 127))
        {
            throw Invalid(errorId, parameter, v, "contains non-ASCII characters (look-alike characters name a different device)");
        }
    }

    private static AcmException Invalid(string errorId, string parameter, string value, string why)
    {
        var shown = value.Length > 80 ? value[..80] + "..." : value;
        return new AcmException(errorId, ErrorCategory.InvalidArgument, $"The value '{Printable(shown)}' of -{parameter} {why}.", value);
    }

    private static string Printable(string s) => new(s.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
