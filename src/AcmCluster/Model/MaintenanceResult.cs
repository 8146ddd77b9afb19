namespace AcmCluster;

/// <summary>The maintenance mode of a userApplication after Enter-/Exit-AcmMaintenance.</summary>
public sealed class MaintenanceResult
{
    public string UserApplication { get; init; } = string.Empty;

    public bool Maintenance { get; init; }

    /// <summary>False when it already was in the wanted mode and nothing ran.</summary>
    public bool Changed { get; init; }

    public ClusterType ClusterType { get; init; }

    public NativeCommandResult? NativeCommand { get; init; }
}
