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

    public string Status { get; init; } = string.Empty;

    public int? Progress { get; init; }
}
