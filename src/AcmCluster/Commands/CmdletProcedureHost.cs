using System;
using System.Management.Automation;
using System.Threading;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Procedures;

namespace AcmCluster.Commands;

/// <summary>The procedure engine's view of the cmdlet running it: runners, verbose, progress and Ctrl+C.</summary>
internal sealed class CmdletProcedureHost : IProcedureHost
{
    private readonly PSCmdlet _cmdlet;
    private readonly CancellationToken _stopping;

    public CmdletProcedureHost(PSCmdlet cmdlet, CancellationToken stopping)
    {
        _cmdlet = cmdlet;
        _stopping = stopping;
    }

    public CancellationToken Stopping => _stopping;

    /// <summary>
    /// The result always comes first, so scripts and Ansible see it; then a non-terminating error, which
    /// -ErrorAction Stop turns into a terminating one. A resumed procedure is an error only while the
    /// cluster is still not back (Incomplete); its original failure was reported when it happened.
    /// </summary>
    public static void WriteResult(PSCmdlet cmdlet, ProcedureResult result, ProcedureEngine engine)
    {
        cmdlet.WriteObject(result);
        if (result.Succeeded || result.StateValue == ProcedureState.Resumed)
        {
            return;
        }

        var back = result.StateValue == ProcedureState.Incomplete
            ? $"An undo failed, so the cluster may not be back in service; see the steps marked UndoFailed, or run: Resume-AcmProcedure -Id {result.Id}"
            : "Every step that ran was undone; the cluster is back in service.";
        var cause = engine.Failure as AcmException;
        var record = new ErrorRecord(
            new AcmException(result.ErrorId ?? "ProcedureFailed", cause?.Category ?? ErrorCategory.NotSpecified, $"{result.Procedure} {result.Id} failed: {result.Error} {back}", result, engine.Failure),
            result.ErrorId ?? "ProcedureFailed",
            cause?.Category ?? ErrorCategory.NotSpecified,
            result);
        if (cause?.RecommendedAction is not null || result.StateValue == ProcedureState.Incomplete)
        {
            record.ErrorDetails = new ErrorDetails(record.Exception.Message)
            {
                RecommendedAction = result.StateValue == ProcedureState.Incomplete ? $"Resume-AcmProcedure -Id {result.Id}" : cause!.RecommendedAction,
            };
        }

        cmdlet.WriteError(record);
    }

    public NativeCommandRunner PipelineRunner(CancellationToken cancellation) => new(new CmdletCommandHost(_cmdlet, cancellation));

    public NativeCommandRunner BackgroundRunner(Action<string> verbose, CancellationToken cancellation) => new(new ProcessOnlyHost(verbose, cancellation));

    public bool IsSessionCommand(NativeCommand command)
        => command.Script is not null || new CmdletCommandHost(_cmdlet, _stopping).FindSessionCommand(command.Name) is not null;

    // After Ctrl+C the pipeline refuses output, but the undo must still run: text is dropped instead.
    public void Verbose(string text)
    {
        if (!_stopping.IsCancellationRequested)
        {
            _cmdlet.WriteVerbose(text);
        }
    }

    public void Progress(string activity, string status, string? currentOperation, int percent)
    {
        if (!_stopping.IsCancellationRequested)
        {
            _cmdlet.WriteProgress(new ProgressRecord(3, activity, status) { CurrentOperation = currentOperation, PercentComplete = Math.Clamp(percent, 0, 100) });
        }
    }

    public void ProgressDone(string activity)
    {
        if (!_stopping.IsCancellationRequested)
        {
            _cmdlet.WriteProgress(new ProgressRecord(3, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
