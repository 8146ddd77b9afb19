using System;
using System.Threading;
using AcmCluster.Native;

namespace AcmCluster.Procedures;

/// <summary>What the engine needs from the cmdlet that runs it.</summary>
internal interface IProcedureHost
{
    /// <summary>A runner for the pipeline thread: it can reach PowerShell functions and mocks.</summary>
    NativeCommandRunner PipelineRunner(CancellationToken cancellation);

    /// <summary>A runner for worker threads: real executables only; verbose text is handed to <paramref name="verbose"/>.</summary>
    NativeCommandRunner BackgroundRunner(Action<string> verbose, CancellationToken cancellation);

    /// <summary>True for a script block, or a name that resolves to a PowerShell function, alias or cmdlet: these must run on the pipeline thread.</summary>
    bool IsSessionCommand(NativeCommand command);

    void Verbose(string text);

    void Progress(string activity, string status, string? currentOperation, int percent);

    void ProgressDone(string activity);

    /// <summary>Ctrl+C.</summary>
    CancellationToken Stopping { get; }
}
