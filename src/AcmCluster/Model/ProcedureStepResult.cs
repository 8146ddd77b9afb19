using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AcmCluster;

/// <summary>One step of a procedure: what it runs, what happened, and how it was undone.</summary>
public sealed class ProcedureStepResult
{
    public int Number { get; set; }

    /// <summary>The step's stable key ("unmount:/dev/sdb1"): what Resume matches on, whatever the display name says.</summary>
    public string Key { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? Device { get; set; }

    /// <summary>A <see cref="AcmCluster.StepStatus"/> name: a string, so that ConvertTo-Json writes the name.</summary>
    [JsonIgnore]
    public string Status => StatusValue.ToString();

    /// <summary>The step's state; journaled as its name (as "Status").</summary>
    [JsonInclude]
    [JsonPropertyName("Status")]
    internal StepStatus StatusValue { get; set; } = StepStatus.Planned;

    /// <summary>The native command line(s) of the step, as an operator would type them.</summary>
    public string Command { get; set; } = string.Empty;

    public int? ExitCode { get; set; }

    public DateTime? StartTime { get; set; }

    /// <summary>Seconds the step took.</summary>
    public double? DurationSeconds { get; set; }

    public string Output { get; set; } = string.Empty;

    /// <summary>What undoing it ran, or, when that failed, the error and what an operator must run by hand.</summary>
    public string? Undo { get; set; }

    /// <summary>
    /// The command line(s) an operator runs by hand should the undo fail (or the journal not be resumable), joined
    /// by "; " like <see cref="Command"/> (a string, so that ConvertTo-Json at its default depth keeps it).
    /// </summary>
    public string? ManualUndo { get; set; }

    /// <summary>
    /// Facts the step found and its undo needs (the device that was mounted, the session it started).
    /// Journaled, but internal: it is the engine's, not part of the result users and Ansible read.
    /// </summary>
    // Concurrent: a step adds to it while another step's thread writes the journal.
    [JsonInclude]
    internal System.Collections.Concurrent.ConcurrentDictionary<string, string> Data { get; set; } = new();
}

/// <summary>The states of a step (<see cref="ProcedureStepResult.Status"/>).</summary>
internal enum StepStatus
{
    Planned,
    Running,
    Succeeded,
    Failed,
    Skipped,
    Undone,
    UndoFailed,
}
