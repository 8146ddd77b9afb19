using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Procedures;

/// <summary>What a step's code may use: a runner for its thread, its own recorded data, the other steps, sleeping.</summary>
internal sealed class StepContext
{
    private readonly IReadOnlyList<ProcedureStepResult> _steps;
    private readonly Action<TimeSpan> _sleep;
    private readonly Action _checkpoint;

    internal StepContext(NativeCommandRunner runner, ProcedureStepResult step, IReadOnlyList<ProcedureStepResult> steps, Action<TimeSpan> sleep, ProgressBar progress, Action checkpoint, CancellationToken cancellation)
    {
        _checkpoint = checkpoint;
        Runner = runner;
        Step = step;
        _steps = steps;
        _sleep = sleep;
        Progress = progress;
        Cancellation = cancellation;
    }

    public NativeCommandRunner Runner { get; }

    /// <summary>This step's record; its <see cref="ProcedureStepResult.Data"/> is journaled.</summary>
    public ProcedureStepResult Step { get; }

    public IDictionary<string, string> Data => Step.Data;

    /// <summary>This step's progress bar, under the procedure's: a wait reports its countdown and seconds waited to it.</summary>
    public ProgressBar Progress { get; }

    public CancellationToken Cancellation { get; }

    public IReadOnlyList<ProcedureStepResult> Steps => _steps;

    /// <summary>The record of the step with this stable key (see <see cref="ProcedureStep.Key"/>); null when the plan has none.</summary>
    public ProcedureStepResult? Find(string key) => _steps.FirstOrDefault(s => s.Key == key);

    public void Sleep(TimeSpan duration) => _sleep(duration);

    /// <summary>
    /// Writes the journal now, with the data recorded so far: a step calls it before the change it is
    /// about to make, so that after a crash in the middle Resume knows what to put back.
    /// </summary>
    public void Checkpoint() => _checkpoint();
}
