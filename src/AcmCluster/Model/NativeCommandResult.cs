using System;
using System.Collections.Generic;

namespace AcmCluster;

/// <summary>What one native command did: carried by every result that ran one.</summary>
public sealed class NativeCommandResult
{
    public string Command { get; init; } = string.Empty;

    /// <summary>Where it was found: a file path, or 'Function'/'Alias'/'Cmdlet' for a PowerShell command.</summary>
    public string Source { get; init; } = string.Empty;

    public string[] Arguments { get; init; } = Array.Empty<string>();

    public string CommandLine { get; init; } = string.Empty;

    public int ExitCode { get; init; }

    public string[] Output { get; init; } = Array.Empty<string>();

    public string[] ErrorOutput { get; init; } = Array.Empty<string>();

    /// <summary>What a PowerShell command (a Generic cluster's script) wrote, as objects; empty for an executable.</summary>
    internal IReadOnlyList<object> Objects { get; init; } = Array.Empty<object>();

    public DateTime StartTime { get; init; }

    /// <summary>Seconds it ran.</summary>
    public double DurationSeconds { get; init; }

    public bool TimedOut { get; init; }

    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The tool's own message, for errors: stderr first, stdout when stderr is empty.</summary>
    public string Message
    {
        get
        {
            var lines = ErrorOutput.Length > 0 ? ErrorOutput : Output;
            return string.Join(Environment.NewLine, lines).Trim();
        }
    }

    internal IEnumerable<string> AllLines()
    {
        foreach (var line in Output)
        {
            yield return line;
        }

        foreach (var line in ErrorOutput)
        {
            yield return line;
        }
    }

    public override string ToString() => $"{CommandLine} (exit {ExitCode})";
}
