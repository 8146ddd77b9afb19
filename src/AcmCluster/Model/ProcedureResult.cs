using System;
using System.Text.Json.Serialization;

namespace AcmCluster;

/// <summary>
/// One documented procedure (a backup or restore around the cluster), as run or as journaled.
/// Plain properties only, so ConvertTo-Json gives Ansible a readable document.
/// </summary>
public sealed class ProcedureResult
{
    public string Id { get; set; } = string.Empty;

    /// <summary>SnapshotBackup, SynchronousBackup or Restore.</summary>
    public string Procedure { get; set; } = string.Empty;

    public string ClusterType { get; set; } = string.Empty;

    public string UserApplication { get; set; } = string.Empty;

    public string[] Devices { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Running, Succeeded, RolledBack (failed, cluster returned to service), Incomplete (an undo failed), Resumed,
    /// or Acknowledged (finished by hand; closed with Resume-AcmProcedure -Acknowledge).
    /// </summary>
    [JsonIgnore]
    public string State => StateValue.ToString();

    /// <summary>The procedure's state; journaled as its name (as "State").</summary>
    [JsonInclude]
    [JsonPropertyName("State")]
    internal ProcedureState StateValue { get; set; } = ProcedureState.Running;

    public bool Succeeded { get; set; }

    /// <summary>True when any step changed something (false for a run that stopped before its first change).</summary>
    public bool Changed { get; set; }

    public string? Error { get; set; }

    /// <summary>Who closed the procedure with Resume-AcmProcedure -Acknowledge (the user name).</summary>
    public string? AcknowledgedBy { get; set; }

    /// <summary>When it was acknowledged.</summary>
    public DateTime? AcknowledgedTime { get; set; }

    /// <summary>The stable id of the error that ended the procedure.</summary>
    public string? ErrorId { get; set; }

    public DateTime StartTime { get; set; }

    /// <summary>Seconds from the start to the end (or to now, for a running procedure).</summary>
    public double DurationSeconds { get; set; }

    public string JournalPath { get; set; } = string.Empty;

    public int ProcessId { get; set; }

    public string HostName { get; set; } = string.Empty;

    public ProcedureStepResult[] Steps { get; set; } = Array.Empty<ProcedureStepResult>();
}

/// <summary>The states of a procedure (<see cref="ProcedureResult.State"/>).</summary>
internal enum ProcedureState
{
    /// <summary>Described, not started (what -WhatIf shows).</summary>
    Planned,

    /// <summary>Running, or its process died (then it is incomplete).</summary>
    Running,

    Succeeded,

    /// <summary>Failed; every step that ran was undone.</summary>
    RolledBack,

    /// <summary>Failed, and an undo failed too: the cluster may not be back in service.</summary>
    Incomplete,

    /// <summary>Brought back by Resume-AcmProcedure.</summary>
    Resumed,

    /// <summary>Finished by hand and closed with Resume-AcmProcedure -Acknowledge.</summary>
    Acknowledged,
}
