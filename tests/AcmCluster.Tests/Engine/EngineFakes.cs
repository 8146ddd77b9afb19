using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Procedures;

namespace AcmCluster.Tests.Engine;

/// <summary>A native host with no session: the engine tests' steps run no native command, so invoking one is a test bug.</summary>
internal sealed class FakeNativeHost : INativeCommandHost
{
    public FakeNativeHost(CancellationToken cancellation) => Cancellation = cancellation;

    public CancellationToken Cancellation { get; }

    public string? FindSessionCommand(string name) => null;

    public SessionCommandOutput InvokeSessionCommand(NativeCommand command)
        => throw new InvalidOperationException($"The engine tests run no native command, yet {command.CommandLine} was invoked.");

    public void WriteVerbose(string text)
    {
    }
}

/// <summary>What the cmdlet gives the engine, recording what it is told; <see cref="Stop"/> is Ctrl+C.</summary>
internal sealed class FakeProcedureHost : IProcedureHost
{
    public CancellationTokenSource Stop { get; } = new();

    public ConcurrentQueue<string> VerboseLines { get; } = new();

    /// <summary>Command names a test declares to be PowerShell functions (they must run on the pipeline thread).</summary>
    public HashSet<string> SessionCommands { get; } = new();

    public CancellationToken Stopping => Stop.Token;

    public NativeCommandRunner PipelineRunner(CancellationToken cancellation) => new(new FakeNativeHost(cancellation));

    public NativeCommandRunner BackgroundRunner(Action<string> verbose, CancellationToken cancellation) => new(new FakeNativeHost(cancellation));

    public bool IsSessionCommand(NativeCommand command) => SessionCommands.Contains(command.Name);

    public void Verbose(string text) => VerboseLines.Enqueue(text);

    public void Progress(string activity, string status, string? currentOperation, int percent)
    {
    }

    public void ProgressDone(string activity)
    {
    }
}

/// <summary>
/// A private state directory (0700, as the journal store demands), an engine on the fake host, a log of
/// every step's code and undo in the order they ran, and readers of the journal file as it is on disk.
/// </summary>
internal sealed class EngineBench : IDisposable
{
    public const string App = "app1";

    private readonly string _dir = Directory.CreateTempSubdirectory("acmengine").FullName;

    public EngineBench()
    {
        Store = new JournalStore(StateDirectory);
        Engine = new ProcedureEngine(Host, Store);
    }

    public string StateDirectory => Path.Combine(_dir, "state");

    public FakeProcedureHost Host { get; } = new();

    public JournalStore Store { get; }

    public ProcedureEngine Engine { get; }

    /// <summary>"do:Name" and "undo:Name" in the order the engine ran them.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A step that logs its code and its undo; <paramref name="body"/> runs after the log line.</summary>
    public ProcedureStep Step(string name, Func<StepContext, StepOutcome>? body = null, Func<StepContext, StepOutcome>? undo = null, bool hasUndo = true, string? group = null, bool runsOnce = false, IReadOnlyList<NativeCommand>? commands = null, IReadOnlyList<NativeCommand>? manualUndo = null)
        => new()
        {
            Key = "step:" + name,
            Name = name,
            Device = "/dev/" + name.ToLowerInvariant(),
            ParallelGroup = group,
            RunsOnce = runsOnce,
            Commands = commands ?? Array.Empty<NativeCommand>(),
            ManualUndo = manualUndo ?? Array.Empty<NativeCommand>(),
            Execute = context =>
            {
                Log.Enqueue("do:" + name);
                return body?.Invoke(context) ?? new StepOutcome("run " + name);
            },
            Undo = hasUndo
                ? context =>
                {
                    Log.Enqueue("undo:" + name);
                    return undo?.Invoke(context) ?? new StepOutcome("unrun " + name);
                }
            : null,
        };

    public static ProcedurePlan Plan(int throttle, params ProcedureStep[] steps) => new()
    {
        Procedure = "EngineTest",
        ClusterType = "Generic",
        UserApplication = App,
        Devices = steps.Select(s => s.Device!).Distinct().ToArray(),
        Steps = steps,
        ThrottleLimit = throttle,
        RequestJson = "{}",
    };

    public static ProcedurePlan Plan(params ProcedureStep[] steps) => Plan(4, steps);

    public static AcmException Boom(string errorId = "DiskOnFire") => new(errorId, ErrorCategory.WriteError, $"{errorId}: the step failed on purpose.");

    /// <summary>The journal file of <paramref name="id"/> as it is on disk now.</summary>
    public JournalView Journal(string id) => new(File.ReadAllText(Store.PathFor(id)));
}

/// <summary>
/// The journal file read as plain JSON by name, not through the engine's types, so the tests hold whether
/// states are strings or enums serialized as strings.
/// </summary>
internal sealed class JournalView
{
    private readonly JsonElement _result;

    public JournalView(string json) => _result = JsonDocument.Parse(json).RootElement.GetProperty("Result").Clone();

    public string State => _result.GetProperty("State").GetString()!;

    public string? ErrorId => _result.GetProperty("ErrorId").GetString();

    public IReadOnlyList<JsonElement> Steps => _result.GetProperty("Steps").EnumerateArray().ToList();

    public string StatusOf(string name) => StepNamed(name).GetProperty("Status").GetString()!;

    public string? UndoOf(string name) => StepNamed(name).GetProperty("Undo").GetString();

    public string? DataOf(string name, string key)
        => StepNamed(name).TryGetProperty("Data", out var data) && data.TryGetProperty(key, out var value) ? value.GetString() : null;

    /// <summary>Name=Status for every step, in journal order.</summary>
    public string Statuses => string.Join(" ", Steps.Select(s => $"{s.GetProperty("Name").GetString()}={s.GetProperty("Status").GetString()}"));

    private JsonElement StepNamed(string name) => Steps.Single(s => s.GetProperty("Name").GetString() == name);
}
