using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AcmCluster.Internal;

namespace AcmCluster.Procedures;

/// <summary>
/// Runs a planned procedure and guarantees the way back: on any failure, timeout or Ctrl+C it runs
/// the undo of every step that ran, in reverse, recording each in the journal, then reports the
/// original error. It knows nothing about any cluster or storage product: steps bring their own code.
/// </summary>
internal sealed class ProcedureEngine
{
    private readonly IProcedureHost _host;
    private readonly JournalStore _journal;
    private readonly ConcurrentDictionary<int, bool> _changedSteps = new();
    private bool _undoChanged;

    public ProcedureEngine(IProcedureHost host, JournalStore journal)
    {
        _host = host;
        _journal = journal;
    }

    /// <summary>What ended the last run, for the caller's error record (the result holds its message and id).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The record of a plan before it runs: what -WhatIf shows and the journal starts from.</summary>
    public static ProcedureResult Describe(ProcedurePlan plan, string id) => new()
    {
        Id = id,
        Procedure = plan.Procedure,
        ClusterType = plan.ClusterType,
        UserApplication = plan.UserApplication,
        Devices = plan.Devices.ToArray(),
        StateValue = ProcedureState.Planned,
        StartTime = DateTime.Now,
        ProcessId = Environment.ProcessId,
        HostName = Environment.MachineName,
        Steps = plan.Steps.Select((s, i) => new ProcedureStepResult
        {
            Number = i + 1,
            Key = s.Key,
            Name = s.Name,
            Device = s.Device,
            Command = string.Join("; ", s.Commands.Select(c => c.CommandLine)),
            ManualUndo = ManualLine(s),
        }).ToArray(),
    };

    /// <summary>Runs the plan under the cluster transaction's lock.</summary>
    public ProcedureResult Run(ProcedurePlan plan, string id)
    {
        using var held = AcquireLock(plan.UserApplication);
        RefuseIfIncomplete(plan.UserApplication, id);
        var entry = JournalEntry.Create(Describe(plan, id), plan.RequestJson);
        var result = entry.Result;
        result.StateValue = ProcedureState.Running;
        var started = DateTime.Now;
        _journal.Save(entry);

        Exception? failure = null;
        try
        {
            for (var i = 0; i < plan.Steps.Count;)
            {
                var group = Group(plan.Steps, i);
                if (group.Count > 1 && plan.ThrottleLimit > 1 && CanRunInBackground(plan.Steps.Skip(i).Take(group.Count)))
                {
                    RunConcurrently(plan, entry, i, group.Count);
                }
                else
                {
                    RunInTurn(plan, entry, i, group.Count);
                }

                i += group.Count;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = e;
        }

        Failure = failure;
        if (failure is null)
        {
            result.StateValue = ProcedureState.Succeeded;
            result.Succeeded = true;
        }
        else
        {
            result.Error = failure.Message;
            result.ErrorId = failure is AcmException a ? a.ErrorId : failure is PipelineStoppedException or OperationCanceledException ? "ProcedureStopped" : failure.GetType().Name;
            _host.Verbose($"Procedure {id} failed ({result.Error}); undoing the steps that ran, in reverse.");
            UndoAll(plan, entry);
        }

        // A failed native command is taken to have changed nothing; what the undos did counts.
        result.Changed = !_changedSteps.IsEmpty || _undoChanged;
        result.DurationSeconds = Math.Round((DateTime.Now - started).TotalSeconds, 3);
        _journal.Save(entry);
        _host.ProgressDone(Activity(plan));
        if (failure is PipelineStoppedException or OperationCanceledException && _host.Stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        return result;
    }

    /// <summary>
    /// Brings the cluster back after a procedure that did not finish (its process died, or an undo failed):
    /// the undos of every step that ran, never the backup or restore again.
    /// </summary>
    public ProcedureResult Resume(ProcedurePlan plan, JournalEntry entry)
    {
        using var held = AcquireLock(plan.UserApplication);
        var result = entry.Result;
        foreach (var step in result.Steps.Where(s => s.StatusValue == StepStatus.Running))
        {
            step.StatusValue = StepStatus.Failed;
            step.Output = (step.Output + "\nInterrupted: the process running the procedure ended.").Trim();
        }

        result.Error ??= "The procedure was interrupted before it finished.";
        result.ErrorId ??= "ProcedureInterrupted";
        UndoAll(plan, entry);
        if (result.StateValue != ProcedureState.Incomplete)
        {
            result.StateValue = ProcedureState.Resumed;
        }

        result.Changed = _undoChanged;
        result.DurationSeconds = Math.Round((DateTime.Now - result.StartTime).TotalSeconds, 3);
        _journal.Save(entry);
        return result;
    }

    /// <summary>
    /// Closes a procedure that an operator finished by hand: runs nothing, marks the journal Acknowledged (a final
    /// state that no longer blocks the application's procedures) and records who and when.
    /// </summary>
    public ProcedureResult Acknowledge(JournalEntry entry, string user)
    {
        using var held = AcquireLock(entry.Result.UserApplication);
        var result = entry.Result;
        result.StateValue = ProcedureState.Acknowledged;
        result.AcknowledgedBy = user;
        result.AcknowledgedTime = DateTime.Now;
        _journal.Save(entry);
        return result;
    }

    /// <summary>What an operator runs by hand if the step's undo fails; null for a step without one.</summary>
    internal static string? ManualLine(ProcedureStep step)
        => step.ManualUndo.Count == 0 ? null : string.Join("; ", step.ManualUndo.Select(c => c.CommandLine));

    private IDisposable AcquireLock(string userApplication)
        => _journal.TryLock(userApplication) ?? throw InProgress(userApplication);

    /// <summary>The error for a procedure of the application that is running (also the preflight's).</summary>
    internal static AcmException InProgress(string userApplication)
        => new AcmException(
            "ProcedureInProgress",
            ErrorCategory.ResourceBusy,
            $"Another procedure is running for userApplication '{userApplication}' (see Get-AcmProcedure).",
            userApplication)
        {
            RecommendedAction = "Wait for it to finish. A procedure whose process has died does not hold this lock.",
        };

    private void RefuseIfIncomplete(string userApplication, string id) => RefuseIfIncomplete(_journal, userApplication, id);

    /// <summary>Refuses while a journal of the application other than <paramref name="id"/> is Running or Incomplete (also the preflight's check).</summary>
    internal static void RefuseIfIncomplete(JournalStore journal, string userApplication, string? id)
    {
        // We hold the lock, so any other Running journal of this application has no live owner.
        var open = journal.All().FirstOrDefault(e => e.Result.UserApplication == userApplication && e.Result.Id != id
            && (e.Result.StateValue == ProcedureState.Running || e.Result.StateValue == ProcedureState.Incomplete));
        if (open is not null)
        {
            throw new AcmException(
                "ProcedureIncomplete",
                ErrorCategory.ResourceUnavailable,
                $"Procedure {open.Result.Id} ({open.Result.Procedure}) on userApplication '{userApplication}' did not finish; the cluster may not be back in service.",
                open.Result.Id)
            {
                RecommendedAction = $"Run: Resume-AcmProcedure -Id {open.Result.Id}",
            };
        }
    }

    private static List<ProcedureStep> Group(IReadOnlyList<ProcedureStep> steps, int start)
    {
        var group = new List<ProcedureStep> { steps[start] };
        var key = steps[start].ParallelGroup;
        for (var i = start + 1; key is not null && i < steps.Count && steps[i].ParallelGroup == key; i++)
        {
            group.Add(steps[i]);
        }

        return group;
    }

    // A PowerShell function (a wrapper, a test's mock, a Generic cluster's script) can only run on the pipeline thread.
    private bool CanRunInBackground(IEnumerable<ProcedureStep> steps)
        => steps.SelectMany(s => s.Commands).All(c => !_host.IsSessionCommand(c));

    private void RunInTurn(ProcedurePlan plan, JournalEntry entry, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            ReportProgress(plan, entry.Result.Steps[i]);
            var token = TokenFor(plan.Steps[i]);
            RunStep(plan.Steps[i], entry, i, _host.PipelineRunner(token), Sleeper(token), _host.Verbose, token);
        }
    }

    private void RunConcurrently(ProcedurePlan plan, JournalEntry entry, int start, int count)
    {
        var verbose = new ConcurrentQueue<string>();
        using var throttle = new SemaphoreSlim(plan.ThrottleLimit);
        // A thread of its own for each step: a step blocks on its native command, and blocked pool threads
        // would starve the pool of the threads that finish every process's I/O (on two cores, for a second each).
        var tasks = Enumerable.Range(start, count).Select(i => Task.Factory.StartNew(() =>
        {
            throttle.Wait(_host.Stopping);
            try
            {
                var token = TokenFor(plan.Steps[i]);
                RunStep(plan.Steps[i], entry, i, _host.BackgroundRunner(verbose.Enqueue, token), Sleeper(token), verbose.Enqueue, token);
            }
            finally
            {
                throttle.Release();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        // Verbose and progress belong to the pipeline thread; workers only queue text.
        var all = Task.WhenAll(tasks);
        while (Task.WaitAny(new Task[] { all }, 100) < 0)
        {
            Drain(verbose);
            var running = entry.Result.Steps.Skip(start).Take(count).Where(s => s.StatusValue == StepStatus.Running).ToList();
            if (running.Count > 0)
            {
                ReportProgress(plan, running[0], string.Join(", ", running.Select(s => s.Device ?? s.Name)));
            }
        }

        Drain(verbose);

        // Every concurrent step has finished (a backup is never abandoned half-way); report the first failure.
        var failed = tasks.FirstOrDefault(t => t.IsFaulted);
        if (failed is not null)
        {
            throw failed.Exception!.InnerExceptions[0];
        }
    }

    // A backup or restore is never killed half-way (ACM would need swstsrsemtch): Ctrl+C waits for it,
    // and the next step sees the stop.
    private CancellationToken TokenFor(ProcedureStep step) => step.RunsOnce ? CancellationToken.None : _host.Stopping;

    private void Drain(ConcurrentQueue<string> verbose)
    {
        while (verbose.TryDequeue(out var line))
        {
            _host.Verbose(line);
        }
    }

    private void RunStep(ProcedureStep step, JournalEntry entry, int index, Native.NativeCommandRunner runner, Action<TimeSpan> sleep, Action<string> verbose, CancellationToken token)
    {
        _host.Stopping.ThrowIfCancellationRequested();
        var record = entry.Result.Steps[index];
        record.StatusValue = StepStatus.Running;
        record.StartTime = DateTime.Now;
        _journal.Save(entry);
        verbose($"Step {record.Number} of {entry.Result.Steps.Length}: {record.Name}" + (record.Device is null ? string.Empty : $" ({record.Device})"));
        var context = new StepContext(runner, record, entry.Result.Steps, sleep, (_, _) => { }, () => _journal.Save(entry), token);
        try
        {
            var outcome = step.Execute(context);
            Record(record, outcome);
            record.StatusValue = outcome.Skipped ? StepStatus.Skipped : StepStatus.Succeeded;
            if (outcome.Changed && !outcome.Skipped)
            {
                _changedSteps[record.Number] = true;
            }
        }
        catch (Exception e)
        {
            record.StatusValue = StepStatus.Failed;
            record.Output = e.Message;
            if (e is AcmException { Target: NativeCommandResult native })
            {
                record.Command = native.CommandLine;
                record.ExitCode = native.ExitCode;
            }

            throw;
        }
        finally
        {
            record.DurationSeconds = record.StartTime is { } began ? Math.Round((DateTime.Now - began).TotalSeconds, 3) : null;
            _journal.Save(entry);
        }
    }

    private static void Record(ProcedureStepResult record, StepOutcome outcome)
    {
        if (outcome.Command.Length > 0)
        {
            record.Command = outcome.Command;
        }

        record.ExitCode = outcome.ExitCode;
        record.Output = outcome.Output;
    }

    /// <summary>
    /// Undoes, in reverse, every step that ran (finished, failed or interrupted). Undos run even after
    /// Ctrl+C — the cluster must get back to service — so they get a token of their own. One failed undo
    /// does not stop the others; it is recorded with what an operator must run by hand.
    /// </summary>
    private void UndoAll(ProcedurePlan plan, JournalEntry entry)
    {
        var result = entry.Result;
        var stopped = _host.Stopping.IsCancellationRequested;
        var runner = stopped ? _host.BackgroundRunner(_ => { }, CancellationToken.None) : _host.PipelineRunner(CancellationToken.None);
        Action<string> verbose = stopped ? _ => { } : _host.Verbose;
        var anyFailed = false;
        for (var i = plan.Steps.Count - 1; i >= 0; i--)
        {
            var step = plan.Steps[i];
            var record = result.Steps[i];
            if (step.Undo is null || record.StatusValue is StepStatus.Planned or StepStatus.Skipped)
            {
                continue;
            }

            verbose($"Undo step {record.Number}: {record.Name}" + (record.Device is null ? string.Empty : $" ({record.Device})"));
            var failedBefore = record.StatusValue == StepStatus.UndoFailed;
            var context = new StepContext(runner, record, result.Steps, Sleeper(CancellationToken.None), (_, _) => { }, () => _journal.Save(entry), CancellationToken.None);
            try
            {
                var outcome = step.Undo(context);

                // The step that failed stays Failed: that is the fact an operator looks for first.
                if (record.StatusValue != StepStatus.Failed)
                {
                    record.StatusValue = StepStatus.Undone;
                }

                // A second pass (Resume) that finds nothing left to do keeps the record of what the first one ran.
                // (a failed first pass is replaced: what is true now is what counts).
                if (!outcome.Skipped || record.Undo is null || failedBefore)
                {
                    record.Undo = outcome.Skipped ? $"nothing to undo: {outcome.Output}" : outcome.Command;
                }

                _undoChanged |= !outcome.Skipped;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                anyFailed = true;
                record.StatusValue = StepStatus.UndoFailed;
                // The commands are data (ManualUndo); the text is for the reader.
                record.ManualUndo = ManualLine(step);
                var manual = record.ManualUndo;
                record.Undo = $"{e.Message} Run by hand: {manual}";
                if (!stopped)
                {
                    _host.Verbose($"Undo of step {record.Number} failed: {e.Message}. Run by hand: {manual}");
                }
            }

            _journal.Save(entry);
        }

        result.StateValue = anyFailed ? ProcedureState.Incomplete : ProcedureState.RolledBack;
    }

    private static Action<TimeSpan> Sleeper(CancellationToken token) => duration =>
    {
        if (duration > TimeSpan.Zero && token.WaitHandle.WaitOne(duration))
        {
            throw new OperationCanceledException(token);
        }
    };

    private static string Activity(ProcedurePlan plan) => $"{plan.Procedure} of {plan.UserApplication}";

    private void ReportProgress(ProcedurePlan plan, ProcedureStepResult step, string? current = null)
        => _host.Progress(Activity(plan), $"Step {step.Number} of {plan.Steps.Count}: {step.Name}", current ?? step.Device, (step.Number - 1) * 100 / plan.Steps.Count);
}
