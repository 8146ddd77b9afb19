using System.Collections.Generic;
using System.Threading;

namespace AcmCluster.Native;

/// <summary>
/// What the runner needs from whoever hosts it: a cmdlet (session-state commands, verbose output,
/// Ctrl+C) or a plain host in tests and background work.
/// </summary>
internal interface INativeCommandHost
{
    /// <summary>Returns where the session defines the command ('Function', 'Alias', 'Cmdlet'), or null.</summary>
    string? FindSessionCommand(string name);

    /// <summary>Invokes a session command (or the command's script block) with $LASTEXITCODE reset before and read after.</summary>
    SessionCommandOutput InvokeSessionCommand(NativeCommand command);

    void WriteVerbose(string text);

    CancellationToken Cancellation { get; }
}

/// <summary>What a PowerShell command wrote: its output as text lines and, for a script block, as the objects themselves.</summary>
internal sealed record SessionCommandOutput(IReadOnlyList<string> Output, IReadOnlyList<string> ErrorOutput, int ExitCode, IReadOnlyList<object>? Objects = null);

/// <summary>
/// A host without a PowerShell session (worker threads, the undo after Ctrl+C, tab completion): real
/// executables, and a Generic cluster's script blocks in a runspace of their own.
/// </summary>
internal sealed class ProcessOnlyHost : INativeCommandHost
{
    private readonly System.Action<string>? _verbose;

    public ProcessOnlyHost(System.Action<string>? verbose = null, CancellationToken cancellation = default)
    {
        Cancellation = cancellation;
        _verbose = verbose;
    }

    public CancellationToken Cancellation { get; }

    public string? FindSessionCommand(string name) => null;

    public SessionCommandOutput InvokeSessionCommand(NativeCommand command)
        => command.Script is { } script
            ? IsolatedScript.Invoke(script, command.Arguments, Cancellation)
            : throw new System.InvalidOperationException("This host has no PowerShell session.");

    public void WriteVerbose(string text) => _verbose?.Invoke(text);
}
