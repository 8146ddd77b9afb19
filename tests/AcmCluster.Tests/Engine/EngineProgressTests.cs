using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcmCluster.Internal;
using AcmCluster.Procedures;
using Xunit;

namespace AcmCluster.Tests.Engine;

/// <summary>
/// The progress the engine writes through its host: the procedure's bar (id 1) names the step running, each step's
/// own bar (a child of it, one id per step) shows what the step's code reports and is completed when the step ends,
/// also when it fails or is stopped; the procedure's bar is completed last. Everything is written on the thread
/// that runs the procedure (the pipeline thread), also for steps that run concurrently.
/// </summary>
public sealed class EngineProgressTests : IDisposable
{
    private readonly EngineBench _bench = new();

    public void Dispose() => _bench.Dispose();

    private List<ProgressReport> Reports => _bench.Host.ProgressReports.Select(r => r.Report).ToList();

    // id/parent: status, or id/parent: Completed.
    private List<string> Lines => Reports.Select(r => $"{r.Id}/{r.ParentId}: {(r.Completed ? "Completed" : r.Status)}").ToList();

    [Fact]
    public void TheProcedureBarNamesEachStepAndAStepsOwnBarIsCompletedWhenTheStepEnds()
    {
        var plan = EngineBench.Plan(
            _bench.Step("A"),
            _bench.Step("Wait", body: context =>
            {
                context.Progress.Report("Settling: 2 s left", "one monitoring interval", 0, 2);
                return new StepOutcome("waited");
            }),
            _bench.Step("C"));

        _bench.Engine.Run(plan, "p-progress");

        Assert.Equal(
            new[]
            {
                "1/-1: Step 1 of 3: A",
                "1/-1: Step 2 of 3: Wait",
                "3/1: Settling: 2 s left",
                "3/1: Completed",
                "1/-1: Step 3 of 3: C",
                "1/-1: Completed",
            },
            Lines);
        Assert.Equal(new[] { 0, 33, 66 }, Reports.Where(r => r.Id == 1 && !r.Completed).Select(r => r.Percent));
        Assert.Equal(("Wait /dev/wait", "one monitoring interval", 2), (Reports[2].Activity, Reports[2].CurrentOperation, Reports[2].SecondsRemaining));
        Assert.Equal("EngineTest of app1", Reports[0].Activity);
        Assert.Equal("/dev/a", Reports[0].CurrentOperation);
        Assert.All(_bench.Host.ProgressReports, r => Assert.Equal(Environment.CurrentManagedThreadId, r.Thread));
    }

    [Fact]
    public void AFailedStepsBarIsCompletedAndTheUndosAreShownBeforeTheProcedureBarIsCompleted()
    {
        var plan = EngineBench.Plan(
            _bench.Step("A"),
            _bench.Step("B", body: context =>
            {
                context.Progress.Report("Waiting for Offline: 3 s of 300 s");
                throw EngineBench.Boom();
            }),
            _bench.Step("C"));

        var result = _bench.Engine.Run(plan, "p-progress-fail");

        Assert.Equal("RolledBack", result.State.ToString());
        Assert.Equal(
            new[]
            {
                "1/-1: Step 1 of 3: A",
                "1/-1: Step 2 of 3: B",
                "3/1: Waiting for Offline: 3 s of 300 s",
                "3/1: Completed",
                "1/-1: Undo step 2 of 3: B",
                "1/-1: Undo step 1 of 3: A",
                "1/-1: Completed",
            },
            Lines);
    }

    [Fact]
    public void AnUndoThatReportsHasItsOwnBarCompletedToo()
    {
        var plan = EngineBench.Plan(
            _bench.Step("Offline", undo: context =>
            {
                context.Progress.Report("Waiting for Online: 1 s of 300 s");
                return new StepOutcome("online");
            }),
            _bench.Step("B", body: _ => throw EngineBench.Boom()));

        _bench.Engine.Run(plan, "p-progress-undo");

        Assert.Equal(
            new[] { "1/-1: Step 1 of 2: Offline", "1/-1: Step 2 of 2: B", "1/-1: Undo step 2 of 2: B", "1/-1: Undo step 1 of 2: Offline", "2/1: Waiting for Online: 1 s of 300 s", "2/1: Completed", "1/-1: Completed" },
            Lines);
    }

    [Fact]
    public void CtrlCDuringAWaitCompletesItsBarAndTheProcedures()
    {
        var plan = EngineBench.Plan(
            _bench.Step("A"),
            _bench.Step("Wait", body: context =>
            {
                context.Progress.Report("Settling: 10 s left");
                _bench.Host.Stop.Cancel();
                context.Sleep(TimeSpan.FromMinutes(5));
                return new StepOutcome("waited");
            }));

        Assert.Throws<PipelineStoppedException>(() => _bench.Engine.Run(plan, "p-progress-stop"));

        // After Ctrl+C the pipeline refuses output, so the undos are not shown; the Completed records are offered
        // (the cmdlet's host drops them then, and PowerShell removes the bars when the pipeline stops).
        Assert.Equal(
            new[] { "1/-1: Step 1 of 2: A", "1/-1: Step 2 of 2: Wait", "3/1: Settling: 10 s left", "3/1: Completed", "1/-1: Completed" },
            Lines);
    }

    [Fact]
    public async Task EachConcurrentStepHasABarOfItsOwnWrittenOnThePipelineThreadAboutOnceASecond()
    {
        var running = 0;
        using var gate = new ManualResetEventSlim();
        StepOutcome Held(StepContext _)
        {
            Interlocked.Increment(ref running);
            Assert.True(gate.Wait(TimeSpan.FromSeconds(30)), "the test never opened the gate");
            return new StepOutcome("copied");
        }

        var plan = EngineBench.Plan(2, _bench.Step("Before"), _bench.Step("V1", body: Held, group: "copy"), _bench.Step("V2", body: Held, group: "copy"), _bench.Step("After"));
        var pipelineThread = 0;
        var run = Task.Run(() =>
        {
            pipelineThread = Environment.CurrentManagedThreadId;
            return _bench.Engine.Run(plan, "p-progress-parallel");
        });

        try
        {
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref running) == 2, TimeSpan.FromSeconds(20)), "the two copies never ran together");

            // Long enough for a second update of each copy's bar, and for fifteen of the engine's 100 ms turns.
            Thread.Sleep(1500);
        }
        finally
        {
            gate.Set();
        }

        await run;

        Assert.All(_bench.Host.ProgressReports, r => Assert.Equal(pipelineThread, r.Thread));
        foreach (var id in new[] { 3, 4 })
        {
            var bar = Reports.Where(r => r.Id == id).ToList();
            Assert.All(bar, r => Assert.Equal(1, r.ParentId));
            Assert.True(bar.Count(r => !r.Completed) is >= 2 and <= 4, $"bar {id}: {string.Join(" | ", bar.Select(r => r.Status))}");
            Assert.StartsWith("Running: ", bar[0].Status, StringComparison.Ordinal);
            Assert.True(bar[^1].Completed, $"bar {id} was not completed last");
        }

        Assert.Equal("V1 /dev/v1", Reports.First(r => r.Id == 3).Activity);
        Assert.Contains(Reports, r => r.Id == 1 && r.CurrentOperation == "/dev/v1, /dev/v2");
        Assert.Equal("1/-1: Completed", Lines[^1]);
        Assert.Equal("1/-1: Step 4 of 4: After", Lines[^2]);
    }

    [Fact]
    public void AResumeShowsTheUndosAndCompletesTheProcedureBar()
    {
        var plan = EngineBench.Plan(_bench.Step("A"), _bench.Step("B", body: _ => throw EngineBench.Boom()));
        _bench.Engine.Run(plan, "p-progress-resume");
        _bench.Host.ProgressReports.Clear();

        var entry = _bench.Store.Load("p-progress-resume");
        new ProcedureEngine(_bench.Host, _bench.Store).Resume(plan, entry!);

        Assert.Equal("1/-1: Completed", Lines[^1]);
        Assert.Contains("1/-1: Undo step 1 of 2: A", Lines);
    }
}
