using System;

namespace AcmCluster;

/// <summary>A resource that reached the state Wait-AcmResourceState waited for.</summary>
public sealed class ResourceStateResult
{
    public string Resource { get; init; } = string.Empty;

    public string State { get; init; } = string.Empty;

    /// <summary>From the start of the wait (settle time included) until the state was confirmed.</summary>
    public double ElapsedSeconds { get; init; }

    public int Checks { get; init; }
}
