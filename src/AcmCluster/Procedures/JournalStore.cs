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
internal sealed class JournalEntry
{
    /// <summary>
    /// The journal's schema: 2 records stable step keys. Release 0.3.2 (and what came before this schema) wrote 1
    /// and no keys; Resume maps those by their display names (Planning/JournalCompatibility).
    /// </summary>
    public const int CurrentVersion = 2;

    /// <summary>The schema version (absent in a journal means 1).</summary>
    public int Version { get; set; } = 1;

    /// <summary>The module release that wrote the journal; null for one written before this was recorded (0.3.2).</summary>
    public string? ModuleVersion { get; set; }

    /// <summary>A new journal, in the current schema, stamped with this module's release.</summary>
    public static JournalEntry Create(ProcedureResult result, string requestJson) => new()
    {
        Version = CurrentVersion,
        ModuleVersion = ThisRelease,
        Result = result,
        RequestJson = requestJson,
    };

    /// <summary>This module's release, as the manifest gives it (the assembly's informational version without build metadata).</summary>
    public static string ThisRelease { get; } =
        (System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(JournalEntry).Assembly)?.InformationalVersion
            ?? typeof(JournalEntry).Assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];

    public ProcedureResult Result { get; set; } = new();

    /// <summary>The planner's request, so another process can plan the same steps again.</summary>
    public string RequestJson { get; set; } = string.Empty;
}

/// <summary>A journal file that was not loaded because another user could have written it, or it holds what no user could have given.</summary>
internal sealed class UntrustedJournal
{
    public string Path { get; init; } = string.Empty;

    public string Reason { get; init; } = string.Empty;

    public string Fix { get; init; } = string.Empty;
}

/// <summary>
/// Journals and locks in the state directory. A journal is rewritten through a temporary file that is
/// flushed and renamed, so a crash leaves either the old or the new record, never half of one.
/// Root runs what a journal says (Resume-AcmProcedure mounts what it recorded, and can run the Generic
/// scripts it kept), so the state directory is checked on every open and each journal before it is read:
/// see <see cref="PathTrust"/> and SECURITY.md.
/// </summary>
internal sealed class JournalStore
{
    private const string Untrusted = "StateDirectoryUntrusted";

    private readonly object _gate = new();
    private readonly object _writing = new();
    private readonly List<UntrustedJournal> _untrusted = new();
    private long _requested;
    private long _written;
    private JournalEntry? _lastWritten;

    /// <summary>Opens the state directory, creating what is missing 0700; refuses with StateDirectoryUntrusted when another user could write there.</summary>
    public JournalStore(string directory)
    {
        Directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        foreach (var dir in new[] { Directory, ProceduresDirectory, LocksDirectory, ClaimsDirectory })
        {
            PrivateFile.EnsureDirectory(dir, Untrusted, $"the state directory {Directory}");
        }
    }

    public string Directory { get; }

    private string ProceduresDirectory => Path.Combine(Directory, "procedures");

    private string LocksDirectory => Path.Combine(Directory, "locks");

    /// <summary>The shared-disk claims of the stopped-cluster procedures (Products/SharedDisk).</summary>
    public string ClaimsDirectory => Path.Combine(Directory, "claims");

    /// <summary>The journals the last enumeration of <see cref="All"/> skipped as untrusted.</summary>
    public IReadOnlyList<UntrustedJournal> UntrustedJournals => _untrusted;

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

    /// <summary>The journal of a procedure; the id is a name (no '/', no leading '.'), never a path.</summary>
    public string PathFor(string id) => Path.Combine(ProceduresDirectory, InputValidator.Name(id, "Id") + ".json");

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

            // 0600: a journal holds the Generic and shared-disk script text, which may hold credentials.
            PrivateFile.WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(entry, JournalJson.Default.JournalEntry), flushToDisk: true);
            _written = upTo;
            _lastWritten = entry;
        }
    }

    /// <summary>The journal of <paramref name="id"/>; null when there is none; JournalUntrusted when it may not be loaded.</summary>
    public JournalEntry? Load(string id)
    {
        var path = PathFor(id);
        var entry = Read(path, out var untrusted);
        if (untrusted is not null)
        {
            throw new AcmException("JournalUntrusted", ErrorCategory.SecurityError, $"The procedure journal {path} is not loaded: {untrusted.Reason}.", path)
            {
                RecommendedAction = untrusted.Fix,
            };
        }

        return entry;
    }

    /// <summary>The error for an id that has no journal here (Get-AcmProcedure writes it, Resume-AcmProcedure throws it).</summary>
    public AcmException NotFound(string id) => new("ProcedureNotFound", ErrorCategory.ObjectNotFound, $"No procedure journal {id} in {Directory}.", id)
    {
        RecommendedAction = "Get-AcmProcedure lists the journaled procedures.",
    };

    /// <summary>Every trusted journal, oldest first; the others are listed in <see cref="UntrustedJournals"/>, never loaded.</summary>
    public IEnumerable<JournalEntry> All()
    {
        _untrusted.Clear();
        foreach (var path in System.IO.Directory.EnumerateFiles(ProceduresDirectory, "*.json").OrderBy(File.GetLastWriteTimeUtc))
        {
            var entry = Read(path, out var untrusted);
            if (untrusted is not null)
            {
                _untrusted.Add(untrusted);
            }
            else if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// An exclusive lock on the cluster transaction (flock, taken by FileShare.None). The operating system
    /// drops it when the process dies, so a crashed procedure never keeps it held. Null when another
    /// procedure holds it. The lock file is created 0600 if missing and never written (the holder is the
    /// Running journal of that userApplication): an existing file is only opened, after the same checks as a journal.
    /// </summary>
    public IDisposable? TryLock(string userApplication)
    {
        var path = LockPath(userApplication);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var existing = PrivateFile.OpenExisting(path, FileAccess.ReadWrite, FileShare.None, out var problem);
                if (problem is not null)
                {
                    throw problem.ToException(Untrusted, $"the lock file {path}");
                }

                return existing ?? PrivateFile.CreateNew(path, FileAccess.ReadWrite);
            }
            catch (IOException) when (File.Exists(path) && attempt == 0)
            {
                // Held by another procedure, or created by one between our look and our create: look again.
            }
            catch (IOException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Whether a live procedure holds the lock. Read-only: a missing lock file is not created.</summary>
    public bool IsLocked(string userApplication)
    {
        var path = LockPath(userApplication);
        try
        {
            using var probe = PrivateFile.OpenExisting(path, FileAccess.Read, FileShare.None, out var problem);
            if (problem is not null)
            {
                throw problem.ToException(Untrusted, $"the lock file {path}");
            }

            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>A journal whose procedure did not finish: it is still Running with no live owner, or an undo failed.</summary>
    public bool IsIncomplete(JournalEntry entry)
        => entry.Result.StateValue == ProcedureState.Incomplete || (entry.Result.StateValue == ProcedureState.Running && !IsLocked(entry.Result.UserApplication));

    // A name, never a path: the userApplication is validated like user input even when it comes from a journal.
    private string LockPath(string userApplication) => Path.Combine(LocksDirectory, InputValidator.Name(userApplication, "UserApplication") + ".lock");

    private static JournalEntry? Read(string path, out UntrustedJournal? untrusted)
    {
        untrusted = null;
        var text = PrivateFile.ReadAllText(path, out var problem);
        if (problem is not null)
        {
            untrusted = new UntrustedJournal { Path = path, Reason = $"{problem.Path} {problem.Reason}", Fix = $"Run: {problem.Fix}" };
            return null;
        }

        if (text is null)
        {
            return null;
        }

        JournalEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(text, JournalJson.Default.JournalEntry);
        }
        catch (JsonException e)
        {
            throw new AcmException("JournalUnreadable", ErrorCategory.ReadError, $"The procedure journal {path} cannot be read: {e.Message}", path, e);
        }

        // The names that become file names and native arguments are checked like user input.
        try
        {
            if (entry is not null)
            {
                InputValidator.Name(entry.Result.Id, "Id");
                InputValidator.Name(entry.Result.UserApplication, "UserApplication");
                if (Path.GetFileNameWithoutExtension(path) != entry.Result.Id)
                {
                    throw new AcmException("InvalidName", ErrorCategory.InvalidData, $"it records the id '{entry.Result.Id}', not its file name", path);
                }
            }
        }
        catch (AcmException e)
        {
            untrusted = new UntrustedJournal { Path = path, Reason = e.Message, Fix = $"Inspect and remove {path}: no procedure of this module wrote it." };
            return null;
        }

        // Where it was read, whatever it says: messages about it name the real file.
        if (entry is not null)
        {
            entry.Result.JournalPath = path;
        }

        return entry;
    }

    private static bool IsWritable(string directory)
    {
        try
        {
            PrivateFile.EnsureDirectory(directory, Untrusted, $"the state directory {directory}");

            // A random name created exclusively: a probe never follows a link planted at a name it could guess.
            using var probe = PrivateFile.CreateNew(Path.Combine(directory, $".probe-{Guid.NewGuid():n}"), options: FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
