namespace AcmCluster;

/// <summary>One ACM backup-management command on one device (swstbackup, swstrestore, swststartsync, swstcancelsync).</summary>
public sealed class AcmOperationResult
{
    public string Device { get; init; } = string.Empty;

    /// <summary>Backup, Restore, StartSync or StopSync.</summary>
    public string Operation { get; init; } = string.Empty;

    /// <summary>True when the tool printed its '&lt;device&gt; &lt;command&gt; completed' line.</summary>
    public bool Completed { get; init; }

    public string? LogicalNode { get; init; }

    /// <summary>The exact command line that ran.</summary>
    public string Command { get; init; } = string.Empty;

    public NativeCommandResult? NativeCommand { get; init; }
}
