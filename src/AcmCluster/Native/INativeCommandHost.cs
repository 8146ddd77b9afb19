using System.Collections.Generic;
using System.Threading;

namespace AcmCluster.Native;

/// <summary>
/// What the runner needs from whoever hosts it: a cmdlet (session-state commands, verbose output,
/// Ctrl+C) or a plain host in tests and background work.
/// </summary>
public interface INativeCommandHost
{
    /// <summary>Returns where the session defines the command ('Function', 'Alias', 'Cmdlet'), or null.</summary>
    string? FindSessionCommand(string name);

    /// <summary>Invokes a session command with $LASTEXITCODE reset before and read after.</summary>
    SessionCommandOutput InvokeSessionCommand(string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment);

    void WriteVerbose(string text);

    CancellationToken Cancellation { get; }
}

public sealed record SessionCommandOutput(IReadOnlyList<string> Output, IReadOnlyList<string> ErrorOutput, int ExitCode);

/// <summary>A host without a PowerShell session: only real executables.</summary>
public sealed class ProcessOnlyHost : INativeCommandHost
{
    private readonly System.Action<string>? _verbose;

    public ProcessOnlyHost(CancellationToken cancellation = default, System.Action<string>? verbose = null)
    {
        Cancellation = cancellation;
        _verbose = verbose;
    }

    public CancellationToken Cancellation { get; }

    public string? FindSessionCommand(string name) => null;

    public SessionCommandOutput InvokeSessionCommand(string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
        => throw new System.InvalidOperationException("This host has no PowerShell session.");

    public void WriteVerbose(string text) => _verbose?.Invoke(text);
}
