namespace AcmCluster.Cluster;

/// <summary>
/// The resource states the module knows, spelled as PRIMECLUSTER writes them; VCS states match them
/// ignoring case, and a Generic cluster's state script maps its product's words to these.
/// </summary>
internal static class ResourceStateNames
{
    public static readonly string[] All =
    {
        "Online", "Offline", "Faulted", "Standby", "Maintenance", "Deact", "Inconsistent", "OfflineFault", "Unknown", "Wait", "Warning",
    };
}
