using System;
using System.IO;
using System.Text;

namespace AcmCluster.Internal;

/// <summary>
/// Files only their owner may read or write, in directories <see cref="PathTrust"/> accepts: created 0600
/// with O_EXCL (never through a planted link), replaced by renaming a randomly named temporary file of the
/// same directory, and opened only after lstat says "a regular file of yours that nobody else can write" and
/// fstat says the file opened is that one.
/// </summary>
internal static class PrivateFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates <paramref name="path"/> (and missing parents) 0700 if it is missing, then checks it and every
    /// ancestor; refuses with <paramref name="errorId"/> when another user could write there.
    /// </summary>
    public static void EnsureDirectory(string path, string errorId, string subject)
    {
        if (!PathTrust.Supported)
        {
            Directory.CreateDirectory(path);
            return;
        }

        path = Path.TrimEndingDirectorySeparator(path);
        if (PathTrust.LStat(path) is null)
        {
            Directory.CreateDirectory(path, PrivateDirectory);
        }

        var problem = PathTrust.Check(path, allowCurrentUser: true);
        if (problem is not null)
        {
            throw problem.ToException(errorId, subject);
        }
    }

    /// <summary>Creates a new file 0600; fails if anything, a link included, is already at <paramref name="path"/>.</summary>
    public static FileStream CreateNew(string path, FileAccess access = FileAccess.Write, FileShare share = FileShare.None, FileOptions options = FileOptions.None)
    {
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = access, Share = share, Options = options };
        if (PathTrust.Supported)
        {
            streamOptions.UnixCreateMode = OwnerOnly;
        }

        return new FileStream(path, streamOptions);
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/>: a crash leaves the old content or the new, a link at the path is replaced, not followed.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes, bool flushToDisk)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():n}.tmp");
        try
        {
            using (var stream = CreateNew(temp))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Opens an existing file only if it is a regular file (not a link) owned by you or root and not writable by
    /// group or others. Null when there is no file; <paramref name="problem"/> set (and null returned) when it is untrusted.
    /// </summary>
    public static FileStream? OpenExisting(string path, FileAccess access, FileShare share, out PathTrustProblem? problem)
    {
        problem = null;
        if (!PathTrust.Supported)
        {
            return File.Exists(path) ? new FileStream(path, FileMode.Open, access, share) : null;
        }

        // A journal is replaced by a rename while another process may be reading it: a file that changed
        // between the look and the open is looked at again, a few times, before it counts as tampered with.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var before = PathTrust.LStat(path);
            if (before is null)
            {
                return null;
            }

            problem = PathTrust.CheckEntry(path, before.Value, allowCurrentUser: true, UnixFileKind.Regular, allowSticky: false);
            if (problem is not null)
            {
                return null;
            }

            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.Open, access, share);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            if (PathTrust.FStat(stream.SafeFileHandle).SameFile(before.Value))
            {
                return stream;
            }

            stream.Dispose();
        }

        problem = new PathTrustProblem(path, "kept being replaced while it was being opened", $"find out what replaces '{path}'");
        return null;
    }

    /// <summary>The text of a trusted file; null when there is none; <paramref name="problem"/> set when it is untrusted.</summary>
    public static string? ReadAllText(string path, out PathTrustProblem? problem)
    {
        using var stream = OpenExisting(path, FileAccess.Read, FileShare.Read, out problem);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
