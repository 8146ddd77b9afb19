using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AcmCluster.Planning;
using AcmCluster.Procedures;
using Xunit;

namespace AcmCluster.Tests.Procedures;

/// <summary>
/// The journal is written with compile-time JSON; it must be the same document reflection writes, so
/// journals from earlier versions still read, and the engine's step data (internal) must survive.
/// </summary>
public sealed class JournalJsonTests
{
    private static JournalEntry Sample()
    {
        var step = new ProcedureStepResult { Number = 2, Name = "Unmount", Device = "/dev/sdb1", StatusValue = StepStatus.Succeeded, Command = "umount /mnt/tran1", ExitCode = 0, StartTime = new DateTime(2026, 11, 27, 12, 0, 0), DurationSeconds = 0.081 };
        step.Data["Device"] = "/dev/sdb1";
        step.Data["Options"] = "rw,relatime";
        var request = new ClusterProcedureRequest
        {
            Procedure = ProcedureKind.SnapshotBackup,
            ClusterType = ClusterType.Generic,
            UserApplication = "app1",
            Volumes = new List<AcmVolume> { new() { Device = "/dev/sdb1", Resource = "r1", MountPoint = "/mnt/tran1" } },
        }.WithGeneric(new GenericCluster { Name = "X", GetStateScript = System.Management.Automation.ScriptBlock.Create("'s'") });
        return new JournalEntry
        {
            Result = new ProcedureResult { Id = "id-1", Procedure = "SnapshotBackup", Devices = new[] { "/dev/sdb1" }, DurationSeconds = 8.3, Steps = new[] { step } },
            RequestJson = request.ToJson(),
        };
    }

    [Fact]
    public void WritesWhatReflectionWrites()
    {
        var entry = Sample();
        // States are names in the journal (UseStringEnumConverter in JournalJson).
        var reflection = JsonSerializer.Serialize(entry, new JsonSerializerOptions { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
        Assert.Equal(reflection, JsonSerializer.Serialize(entry, JournalJson.Default.JournalEntry));
        var request = Assert.IsType<ClusterProcedureRequest>(Planners.FromJson(entry.RequestJson));
        Assert.Equal(JsonSerializer.Serialize(request), request.ToJson());
    }

    [Fact]
    public void KeepsTheEngineStepDataAndTheGenericScripts()
    {
        var entry = Sample();
        var again = JsonSerializer.Deserialize(JsonSerializer.Serialize(entry, JournalJson.Default.JournalEntry), JournalJson.Default.JournalEntry)!;
        Assert.Equal("rw,relatime", again.Result.Steps[0].Data["Options"]);
        var request = Assert.IsType<ClusterProcedureRequest>(Planners.FromJson(again.RequestJson));
        Assert.Equal("'s'", request.Generic!.GetStateScript!.ToString());
        Assert.Equal("/mnt/tran1", request.Volumes[0].MountPoint);
    }
}

/// <summary>Concurrent steps share journal writes, yet every Save returns only once its own change is on disk.</summary>
public sealed class JournalGroupCommitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("acmjournal").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EverySaveFindsItsOwnChangeOnDisk()
    {
        var store = new JournalStore(_dir);
        var steps = Enumerable.Range(1, 16).Select(n => new ProcedureStepResult { Number = n, Name = "Unmount" }).ToArray();
        var entry = new JournalEntry { Result = new ProcedureResult { Id = "group-commit", UserApplication = "app1", Steps = steps } };
        store.Save(entry);
        var seen = new ConcurrentBag<string>();
        Parallel.For(0, steps.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            steps[i].StatusValue = StepStatus.Succeeded;
            steps[i].Data["Device"] = $"/dev/sdb{i}";
            store.Save(entry);
            var onDisk = store.Load("group-commit")!;
            seen.Add(onDisk.Result.Steps[i].StatusValue == StepStatus.Succeeded && onDisk.Result.Steps[i].Data["Device"] == $"/dev/sdb{i}" ? "ok" : $"step {i} missing");
        });
        Assert.All(seen, s => Assert.Equal("ok", s));
        Assert.All(store.Load("group-commit")!.Result.Steps, s => Assert.Equal(StepStatus.Succeeded, s.StatusValue));
    }
}

/// <summary>Journals hold script text that Resume runs, so a new state directory is its owner's alone.</summary>
public sealed class StateDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("acmstate").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void NewStateDirectoriesAreOwnerOnly()
    {
        var state = Path.Combine(_root, "state");
        _ = new JournalStore(state);
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(ownerOnly, File.GetUnixFileMode(state));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(state, "procedures")));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(state, "locks")));
    }
}
