namespace AcmCluster;

/// <summary>One row of swstsyncstat: an EC (synchronous) session, or its absence ('----').</summary>
public sealed class SyncStatus
{
    public string Server { get; init; } = string.Empty;

    public string TransactionDisk { get; init; } = string.Empty;

    public string BackupDisk { get; init; } = string.Empty;

    /// <summary>----, executing, equivalent, suspend, failed, nosession, halt or ?????.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>Copy progress in percent; null where the tool prints '----'.</summary>
    public int? Progress { get; init; }

    /// <summary>Bound by name to -Device of the sync cmdlets.</summary>
    public string Device => TransactionDisk;
}
