using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Procedures;
using Xunit;

namespace AcmCluster.Tests.Engine;

/// <summary>
/// The engine on its own, with a fake host and a private journal directory: the order steps run and
/// are undone in, what the journal holds at each moment, throttled parallel groups, resume and Ctrl+C.
/// States are compared by name (ToString) so the tests hold whether they are strings or enums.
/// </summary>
public sealed class ProcedureEngineTests : IDisposable
{
    private readonly EngineBench _bench = new();

    public void Dispose() => _bench.Dispose();

    private string[] Log => _bench.Log.ToArray();

    private static string Statuses(ProcedureResult result) => string.Join(" ", result.Steps.Select(s => $"{s.Name}={s.Status}"));

    [Fact]
    public void StepsRunInOrderAndTheProcedureSucceeds()
    {
        var plan = EngineBench.Plan(_bench.Step("A"), _bench.Step("B"), _bench.Step("C"));

        var result = _bench.Engine.Run(plan, "p-order");

        Assert.Equal(new[] { "do:A", "do:B", "do:C" }, Log);
        Assert.Equal("Succeeded", result.State.ToString());
        Assert.True(result.Succeeded);
        Assert.Null(_bench.Engine.Failure);
        Assert.Equal("A=Succeeded B=Succeeded C=Succeeded", Statuses(result));
        var journal = _bench.Journal("p-order");
        Assert.Equal("Succeeded", journal.State);
        Assert.Equal("A=Succeeded B=Succeeded C=Succeeded", journal.Statuses);
    }

    [Fact]
    public void AFailingStepUndoesEveryStepThatRanInReverseAndReportsTheOriginalError()
    {
        var failure = EngineBench.Boom();
        var plan = EngineBench.Plan(
            _bench.Step("A"),
            _bench.Step("B", body: _ => StepOutcome.Skip("already done")),
            _bench.Step("C"),
            _bench.Step("D", body: _ => throw failure),
            _bench.Step("E"));

        var result = _bench.Engine.Run(plan, "p-undo");

        // The failed step is undone too (it may have changed something before failing); a skipped step
        // changed nothing and is not undone; a step that never ran is not undone.
        Assert.Equal(new[] { "do:A", "do:B", "do:C", "do:D", "undo:D", "undo:C", "undo:A" }, Log);
        Assert.Equal("RolledBack", result.State.ToString());
        Assert.False(result.Succeeded);
        Assert.Equal(failure.Message, result.Error);
        Assert.Equal("DiskOnFire", result.ErrorId);
        Assert.Same(failure, _bench.Engine.Failure);
        Assert.Equal("A=Undone B=Skipped C=Undone D=Failed E=Planned", Statuses(result));
        var journal = _bench.Journal("p-undo");
        Assert.Equal("RolledBack", journal.State);
        Assert.Equal("DiskOnFire", journal.ErrorId);
        Assert.Equal("A=Undone B=Skipped C=Undone D=Failed E=Planned", journal.Statuses);
        Assert.Equal("unrun C", journal.UndoOf("C"));
    }

    [Fact]
    public void AnUndoThatFailsLeavesTheProcedureIncompleteAndTheJournalSaysSo()
    {
        var manual = new NativeCommand("mount", new[] { "/dev/sdb1", "/mnt/tran1" });
        var plan = EngineBench.Plan(
            _bench.Step("A"),
            _bench.Step("B", undo: _ => throw EngineBench.Boom("MountFailed"), manualUndo: new[] { manual }),
            _bench.Step("C", body: _ => throw EngineBench.Boom()));

        var result = _bench.Engine.Run(plan, "p-incomplete");

        // One failed undo does not stop the others: A is still put back.
        Assert.Equal(new[] { "do:A", "do:B", "do:C", "undo:C", "undo:B", "undo:A" }, Log);
        Assert.Equal("Incomplete", result.State.ToString());
        Assert.Equal("DiskOnFire", result.ErrorId);
        Assert.Equal("A=Undone B=UndoFailed C=Failed", Statuses(result));
        var journal = _bench.Journal("p-incomplete");
        Assert.Equal("Incomplete", journal.State);
        Assert.Equal("A=Undone B=UndoFailed C=Failed", journal.Statuses);
        Assert.Contains("MountFailed", journal.UndoOf("B"));
        Assert.Contains(manual.CommandLine, journal.UndoOf("B"));

        // What the journal says binds: the next procedure of the application is refused and runs nothing.
        _bench.Log.Clear();
        var next = Assert.Throws<AcmException>(() => _bench.Engine.Run(EngineBench.Plan(_bench.Step("X")), "p-next"));
        Assert.Equal("ProcedureIncomplete", next.ErrorId);
        Assert.Empty(Log);
    }

    [Fact]
    public async Task AParallelGroupRunsConcurrentlyButNeverMoreThanTheThrottle()
    {
        const int throttle = 2;
        var running = 0;
        var peak = 0;
        using var gate = new ManualResetEventSlim();
        StepOutcome Held(StepContext _)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            try
            {
                Assert.True(gate.Wait(TimeSpan.FromSeconds(30)), "the test never opened the gate");
                return new StepOutcome("held");
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }

        var volumes = Enumerable.Range(1, 5).Select(n => _bench.Step($"V{n}", body: Held, group: "copy")).ToArray();
        var plan = EngineBench.Plan(throttle, new[] { _bench.Step("Before") }.Concat(volumes).Append(_bench.Step("After")).ToArray());

        var run = Task.Run(() => _bench.Engine.Run(plan, "p-parallel"));

        try
        {
            // Concurrent: two steps are inside their code at once (run in turn, the second never starts while the first holds).
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref running) == throttle, TimeSpan.FromSeconds(20)), $"never {throttle} steps at once; peak {peak}");

            // Under the throttle: the other three have every chance to start while the gate is shut, and must not.
            Thread.Sleep(300);
            Assert.Equal(throttle, Volatile.Read(ref running));
        }
        finally
        {
            // Whatever failed, let the engine finish before the journal directory is removed.
            gate.Set();
        }

        var result = await run;

        Assert.Equal(throttle, peak);
        Assert.Equal("Succeeded", result.State.ToString());
        Assert.Equal("do:Before", Log.First());
        Assert.Equal("do:After", Log.Last());
        Assert.Equal(volumes.Select(v => "do:" + v.Name).OrderBy(x => x), Log.Skip(1).Take(5).OrderBy(x => x));
    }

    [Fact]
    public void AParallelGroupOfSessionCommandsRunsInTurnOnThePipelineThread()
    {
        // A PowerShell function (a wrapper, a mock) can only run on the pipeline thread, so such a group is not run concurrently.
        _bench.Host.SessionCommands.Add("Invoke-Wrapper");
        var wrapper = new[] { new NativeCommand("Invoke-Wrapper", Array.Empty<string>()) };
        var running = 0;
        var peak = 0;
        var threads = new HashSet<int>();
        StepOutcome Counted(StepContext _)
        {
            InterlockedMax(ref peak, Interlocked.Increment(ref running));
            lock (threads)
            {
                threads.Add(Environment.CurrentManagedThreadId);
            }

            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
            return new StepOutcome("counted");
        }

        var plan = EngineBench.Plan(4, Enumerable.Range(1, 4).Select(n => _bench.Step($"V{n}", body: Counted, group: "copy", commands: wrapper)).ToArray());

        var result = _bench.Engine.Run(plan, "p-session");

        Assert.Equal("Succeeded", result.State.ToString());
        Assert.Equal(1, peak);
        Assert.Equal(new[] { Environment.CurrentManagedThreadId }, threads);
        Assert.Equal(new[] { "do:V1", "do:V2", "do:V3", "do:V4" }, Log);
    }

    [Fact]
    public void AFailureInAParallelGroupLetsTheOthersFinishThenUndoesAllThatRanInReverse()
    {
        var plan = EngineBench.Plan(
            4,
            _bench.Step("Before"),
            _bench.Step("V1", group: "copy"),
            _bench.Step("V2", group: "copy", body: _ => throw EngineBench.Boom()),
            _bench.Step("V3", group: "copy"),
            _bench.Step("After"));

        var result = _bench.Engine.Run(plan, "p-parallel-fail");

        Assert.Equal("RolledBack", result.State.ToString());
        Assert.Equal("DiskOnFire", result.ErrorId);
        Assert.DoesNotContain("do:After", Log);
        Assert.Equal(new[] { "undo:V3", "undo:V2", "undo:V1", "undo:Before" }, Log.Where(l => l.StartsWith("undo:", StringComparison.Ordinal)));
        Assert.Equal("Before=Undone V1=Undone V2=Failed V3=Undone After=Planned", Statuses(result));
    }

    [Fact]
    public void EachStepIsJournaledAsRunningBeforeItsCodeRuns()
    {
        var seen = new List<string>();
        StepOutcome Look(StepContext _)
        {
            seen.Add(_bench.Journal("p-checkpoint").Statuses);
            return new StepOutcome("looked");
        }

        var plan = EngineBench.Plan(_bench.Step("A", body: Look), _bench.Step("B", body: Look), _bench.Step("C", body: Look));

        _bench.Engine.Run(plan, "p-checkpoint");

        // What a crash at any of these moments leaves on disk: every finished step, and the one under way.
        Assert.Equal(
            new[]
            {
                "A=Running B=Planned C=Planned",
                "A=Succeeded B=Running C=Planned",
                "A=Succeeded B=Succeeded C=Running",
            },
            seen);
    }

    [Fact]
    public void ACheckpointJournalsWhatTheStepFoundBeforeItsChange()
    {
        string? beforeCheckpoint = "unset";
        string? afterCheckpoint = null;
        var plan = EngineBench.Plan(_bench.Step("Unmount", body: context =>
        {
            context.Data["MountedDevice"] = "/dev/sdb1";
            beforeCheckpoint = _bench.Journal("p-data").DataOf("Unmount", "MountedDevice");
            context.Checkpoint();
            afterCheckpoint = _bench.Journal("p-data").DataOf("Unmount", "MountedDevice");
            return new StepOutcome("umount /mnt/tran1");
        }));

        _bench.Engine.Run(plan, "p-data");

        Assert.Null(beforeCheckpoint);
        Assert.Equal("/dev/sdb1", afterCheckpoint);
    }

    [Fact]
    public void ResumeOfAnInterruptedJournalUndoesWhatRanInReverseAndNeverRepeatsARunsOnceStep()
    {
        // A crash during C: the journal on disk at that moment is what a killed process leaves behind.
        byte[]? crashed = null;
        var first = EngineBench.Plan(
            _bench.Step("A"),
            _bench.Step("Backup", runsOnce: true),
            _bench.Step("C", body: _ =>
            {
                crashed = File.ReadAllBytes(_bench.Store.PathFor("p-crash"));
                throw EngineBench.Boom();
            }),
            _bench.Step("D"));
        _bench.Engine.Run(first, "p-crash");
        File.WriteAllBytes(_bench.Store.PathFor("p-crash"), crashed!);
        Assert.Equal("Running", _bench.Journal("p-crash").State);

        // Another process: a new store, engine and plan of the same steps.
        _bench.Log.Clear();
        var store = new JournalStore(_bench.StateDirectory);
        var engine = new ProcedureEngine(new FakeProcedureHost(), store);
        var second = EngineBench.Plan(_bench.Step("A"), _bench.Step("Backup", runsOnce: true), _bench.Step("C"), _bench.Step("D"));
        var entry = store.Load("p-crash")!;

        var result = engine.Resume(second, entry);

        Assert.Equal(new[] { "undo:C", "undo:Backup", "undo:A" }, Log);
        Assert.Equal("Resumed", result.State.ToString());
        Assert.Equal("ProcedureInterrupted", result.ErrorId);
        Assert.Equal("A=Undone Backup=Undone C=Failed D=Planned", Statuses(result));
        Assert.Contains("Interrupted", result.Steps[2].Output);
        var journal = _bench.Journal("p-crash");
        Assert.Equal("Resumed", journal.State);
        Assert.Equal("A=Undone Backup=Undone C=Failed D=Planned", journal.Statuses);
    }

    [Fact]
    public void ResumeOfAnIncompleteProcedureRunsTheUndosAgainAndNoStep()
    {
        var undoFails = true;
        StepOutcome Remount(StepContext _) => undoFails ? throw EngineBench.Boom("MountFailed") : new StepOutcome("mount /dev/sdb1 /mnt/tran1");
        var plan = EngineBench.Plan(_bench.Step("A"), _bench.Step("Backup", runsOnce: true, undo: Remount), _bench.Step("C", body: _ => throw EngineBench.Boom()));
        Assert.Equal("Incomplete", _bench.Engine.Run(plan, "p-again").State.ToString());

        // The operator fixed what made the undo fail; Resume puts the cluster back without a second backup.
        undoFails = false;
        _bench.Log.Clear();
        var result = new ProcedureEngine(new FakeProcedureHost(), _bench.Store).Resume(plan, _bench.Store.Load("p-again")!);

        Assert.Equal(new[] { "undo:C", "undo:Backup", "undo:A" }, Log);
        Assert.Equal("Resumed", result.State.ToString());
        Assert.Equal("Resumed", _bench.Journal("p-again").State);
        Assert.Equal("A=Undone Backup=Undone C=Failed", _bench.Journal("p-again").Statuses);
    }

    [Fact]
    public void CtrlCStopsAtTheNextStepBoundaryAndUndoes()
    {
        var plan = EngineBench.Plan(
            _bench.Step("A"),
            _bench.Step("B", body: _ =>
            {
                _bench.Host.Stop.Cancel();
                return new StepOutcome("run B");
            }),
            _bench.Step("C"));

        Assert.Throws<PipelineStoppedException>(() => _bench.Engine.Run(plan, "p-stop"));

        Assert.Equal(new[] { "do:A", "do:B", "undo:B", "undo:A" }, Log);
        var journal = _bench.Journal("p-stop");
        Assert.Equal("RolledBack", journal.State);
        Assert.Equal("ProcedureStopped", journal.ErrorId);
        Assert.Equal("A=Undone B=Undone C=Planned", journal.Statuses);
    }

    [Fact]
    public void CtrlCEndsAWaitAndUndoesTheWaitingStep()
    {
        var clock = Stopwatch.StartNew();
        var plan = EngineBench.Plan(
            _bench.Step("A"),
            _bench.Step("WaitOffline", body: context =>
            {
                _bench.Host.Stop.Cancel();
                context.Sleep(TimeSpan.FromMinutes(5));
                return new StepOutcome("waited");
            }),
            _bench.Step("C"));

        Assert.Throws<PipelineStoppedException>(() => _bench.Engine.Run(plan, "p-wait"));

        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"the wait was not interrupted ({clock.Elapsed})");
        Assert.Equal(new[] { "do:A", "do:WaitOffline", "undo:WaitOffline", "undo:A" }, Log);
        Assert.Equal("A=Undone WaitOffline=Failed C=Planned", _bench.Journal("p-wait").Statuses);
        Assert.Equal("ProcedureStopped", _bench.Journal("p-wait").ErrorId);
    }

    [Fact]
    public void CtrlCNeverInterruptsARunsOnceStep()
    {
        var cancelledInside = true;
        var plan = EngineBench.Plan(
            _bench.Step("A"),
            _bench.Step("Backup", runsOnce: true, body: context =>
            {
                _bench.Host.Stop.Cancel();
                context.Sleep(TimeSpan.FromMilliseconds(10));
                cancelledInside = context.Cancellation.IsCancellationRequested;
                return new StepOutcome("swstbackup /dev/sdb1");
            }),
            _bench.Step("C"));

        Assert.Throws<PipelineStoppedException>(() => _bench.Engine.Run(plan, "p-once"));

        // The copy finished (ACM cannot be stopped half-way); the stop took effect at the next boundary.
        Assert.False(cancelledInside);
        Assert.Equal(new[] { "do:A", "do:Backup", "undo:Backup", "undo:A" }, Log);
        Assert.Equal("A=Undone Backup=Undone C=Planned", _bench.Journal("p-once").Statuses);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
