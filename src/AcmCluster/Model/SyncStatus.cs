namespace AcmCluster;

/// <summary>One row of swstsyncstat: an EC (synchronous) session, or its absence ('----').</summary>
public sealed class SyncStatus
{
    public string Server { get; init; } = string.Empty;

    /// <summary>The transaction volume (swstsyncstat's Transaction-Disk); bound by name to -Device of the sync cmdlets.</summary>
    public string Device { get; init; } = string.Empty;

    /// <summary>The backup volume of the session; null where the tool prints '----' (no session).</summary>
    public string? BackupDevice { get; init; }

    /// <summary>Executing, Equivalent, Suspend, Failed, NoSession or Halt; null where the tool prints '----' or '?????'.</summary>
    public string? Status { get; init; }

    /// <summary>The status word as swstsyncstat printed it (----, executing, equivalent, suspend, failed, nosession, halt or ?????).</summary>
    public string RawStatus { get; init; } = string.Empty;

    /// <summary>Copy progress in percent; null where the tool prints '----'.</summary>
    public int? Progress { get; init; }
}
