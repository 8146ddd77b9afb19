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

    /// <summary>Null where the tool prints a placeholder ('----').</summary>
    public string? BackupDevice { get; init; }

    /// <summary>Succeeded, Executing, Failed...: ACM's word in PascalCase; null for a placeholder.</summary>
    public string? Status { get; init; }

    /// <summary>The status word as swsthistdisp printed it.</summary>
    public string RawStatus { get; init; } = string.Empty;

    /// <summary>True only for a known good Status: any other word, known or not, is not restorable.</summary>
    public bool Restorable => Products.Acm.HistoryParser.IsRestorable(RawStatus);

    public int? Progress { get; init; }
}
