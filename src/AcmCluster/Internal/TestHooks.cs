namespace AcmCluster.Internal;

/// <summary>
/// Settings that tests and the simulator demo change, in one place so production code never
/// reads an ad-hoc environment variable. Each has the production default.
/// </summary>
internal static class TestHooks
{
    /// <summary>Where fstab and fstab.pcl are read from.</summary>
    public static string EtcDirectory { get; set; } = "/etc";
}
