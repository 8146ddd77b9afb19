using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using AcmCluster.Internal;

namespace AcmCluster.Procedures;

/// <summary>A journal file: the procedure's record and the request that planned it.</summary>
public sealed class JournalEntry
{
    public int Version { get; set; } = 1;

    public ProcedureResult Result { get; set; } = new();

    /// <summary>The planner's request, so another process can plan the same steps again.</summary>
    public string RequestJson { get; set; } = string.Empty;
}

/// <summary>
/// Journals and locks in the state directory. A journal is rewritten through a temporary file that is
/// flushed and renamed, so a crash leaves either the old or the new record, never half of one.
/// </summary>
public sealed class JournalStore
{
    private readonly object _gate = new();
    private readonly object _writing = new();
    private long _requested;
    private long _written;
    private JournalEntry? _lastWritten;

    public JournalStore(string directory)
    {
        Directory = directory;
        CreatePrivate(directory);
        CreatePrivate(ProceduresDirectory);
        CreatePrivate(LocksDirectory);
    }

    /// <summary>
    /// Creates a state directory that only its owner can enter: Resume-AcmProcedure runs the script text a
    /// journal holds (a Generic cluster's, a shared disk's), so nobody else may write there. Existing
    /// directories keep their mode.
    /// </summary>
    public static void CreatePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Directory { get; }

    private string ProceduresDirectory => Path.Combine(Directory, "procedures");

    private string LocksDirectory => Path.Combine(Directory, "locks");

    /// <summary>$env:ACMCLUSTER_STATE_DIR, else /var/lib/AcmCluster when writable, else the user's local state directory.</summary>
    public static JournalStore Open()
    {
        var configured = Environment.GetEnvironmentVariable("ACMCLUSTER_STATE_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return new JournalStore(configured);
        }

        var system = OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "AcmCluster")
            : "/var/lib/AcmCluster";
        if (IsWritable(system))
        {
            return new JournalStore(system);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var user = OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "AcmCluster")
            : Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state") : xdg, "AcmCluster");
        return new JournalStore(user);
    }

    public string PathFor(string id) => Path.Combine(ProceduresDirectory, id + ".json");

    /// <summary>
    /// Writes the entry durably before returning. Concurrent steps share writes (a group commit): a save
    /// that finds a write already under way waits for it, and the next write takes every change made
    /// until it starts, so eight volumes cost about two flushes a phase instead of eight.
    /// </summary>
    public void Save(JournalEntry entry)
    {
        long mine;
        lock (_gate)
        {
            mine = ++_requested;
        }

        lock (_writing)
        {
            if (_written >= mine && ReferenceEquals(_lastWritten, entry))
            {
                return;
            }

            long upTo;
            lock (_gate)
            {
                upTo = _requested;
            }

            var path = PathFor(entry.Result.Id);
            entry.Result.JournalPath = path;
            var temp = path + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(JsonSerializer.SerializeToUtf8Bytes(entry, JournalJson.Default.JournalEntry));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            _written = upTo;
            _lastWritten = entry;
        }
    }


    public JournalEntry? Load(string id)
    {
        var path = PathFor(id);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>The error for an id that has no journal here (Get-AcmProcedure writes it, Resume-AcmProcedure throws it).</summary>
    public AcmException NotFound(string id) => new("ProcedureNotFound", ErrorCategory.ObjectNotFound, $"No procedure journal {id} in {Directory}.", id)
    {
        RecommendedAction = "Get-AcmProcedure lists the journaled procedures.",
    };

    public IEnumerable<JournalEntry> All()
    {
        foreach (var path in System.IO.Directory.EnumerateFiles(ProceduresDirectory, "*.json").OrderBy(File.GetLastWriteTimeUtc))
        {
            var entry = Read(path);
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// An exclusive lock on the cluster transaction. The operating system drops it when the process
    /// dies, so a crashed procedure never keeps it held. Null when another procedure holds it.
    /// </summary>
    public IDisposable? TryLock(string userApplication, string owner)
    {
        var path = Path.Combine(LocksDirectory, userApplication + ".lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(owner + Environment.NewLine));
            stream.Flush();
            return stream;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public bool IsLocked(string userApplication)
    {
        using var held = TryLock(userApplication, $"probe {Environment.ProcessId}");
        return held is null;
    }

    /// <summary>A journal whose procedure did not finish: it is still Running with no live owner, or an undo failed.</summary>
    public bool IsIncomplete(JournalEntry entry)
        => entry.Result.State == "Incomplete" || (entry.Result.State == "Running" && !IsLocked(entry.Result.UserApplication));

    private static JournalEntry? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), JournalJson.Default.JournalEntry);
        }
        catch (JsonException e)
        {
            throw new AcmException("JournalUnreadable", ErrorCategory.ReadError, $"The procedure journal {path} cannot be read: {e.Message}", path, e);
        }
    }

    private static bool IsWritable(string directory)
    {
        try
        {
            CreatePrivate(directory);
            var probe = Path.Combine(directory, $".probe-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
