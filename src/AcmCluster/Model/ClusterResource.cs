namespace AcmCluster;

/// <summary>A cluster resource (PRIMECLUSTER Fsystem, Gds, ...) as seen on one node.</summary>
internal sealed class ClusterResource
{
    public string Name { get; init; } = string.Empty;

    public string Type { get; init; } = string.Empty;

    public string Node { get; init; } = string.Empty;

    public string State { get; init; } = string.Empty;

    public string StateDetails { get; init; } = string.Empty;

    public bool IsLocal { get; init; }

    /// <summary>The cluster application the resource belongs to, when the product says (a Generic cluster's state script may); null otherwise.</summary>
    public string? Application { get; init; }

    public override string ToString() => $"{Name}@{Node}";
}
