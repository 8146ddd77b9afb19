using System;

namespace AcmCluster;

/// <summary>One backup generation from swsthistdisp.</summary>
public sealed class BackupHistory
{
    public string Server { get; init; } = string.Empty;

    public string Device { get; init; } = string.Empty;

    public string MountPoint { get; init; } = string.Empty;

    public int Generation { get; init; }

    public int Version { get; init; }

    public DateTime BackupDate { get; init; }

    public string BackupDevice { get; init; } = string.Empty;

    /// <summary>The Status word as swsthistdisp printed it ('succeeded', 'failed', 'failed-OPC', ...).</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>True only for a known good Status: any other word, known or not, is not restorable.</summary>
    public bool Restorable => Products.Acm.HistoryParser.IsRestorable(Status);

    public int? Progress { get; init; }
}
