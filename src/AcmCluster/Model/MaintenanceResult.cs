namespace AcmCluster;

/// <summary>The maintenance mode of a userApplication after Enter-/Exit-AcmMaintenance.</summary>
public sealed class MaintenanceResult
{
    public string UserApplication { get; init; } = string.Empty;

    public bool Maintenance { get; init; }

    /// <summary>False when it already was in the wanted mode and nothing ran.</summary>
    public bool Changed { get; init; }

    /// <summary>A <see cref="AcmCluster.ClusterType"/> name: a string, so that ConvertTo-Json writes the name.</summary>
    public string ClusterType { get; init; } = string.Empty;

    public NativeCommandResult? NativeCommand { get; init; }
}
