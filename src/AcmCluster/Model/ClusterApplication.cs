namespace AcmCluster;

/// <summary>A cluster transaction (PRIMECLUSTER userApplication, VCS service group) as seen on one node.</summary>
public sealed class ClusterApplication
{
    public string Name { get; init; } = string.Empty;

    public string Node { get; init; } = string.Empty;

    public string State { get; init; } = string.Empty;

    public string StateDetails { get; init; } = string.Empty;

    /// <summary>The state's flags: VCS combines them ('|OFFLINE|FAULTED|' → OFFLINE, FAULTED); PRIMECLUSTER has one.</summary>
    public string[] StateFlags { get; init; } = System.Array.Empty<string>();

    public bool IsLocal { get; init; }

    /// <summary>A <see cref="AcmCluster.ClusterType"/> name: a string, so that ConvertTo-Json writes the name.</summary>
    public string ClusterType { get; init; } = string.Empty;

    public bool InMaintenance { get; init; }

    /// <summary>Bound by name to -UserApplication of the maintenance cmdlets.</summary>
    public string UserApplication => Name;

    /// <summary>The native line the object was read from, quoted when a decision needs a state the line does not show.</summary>
    internal string? Line { get; init; }

    public override string ToString() => $"{Name}@{Node}";
}
