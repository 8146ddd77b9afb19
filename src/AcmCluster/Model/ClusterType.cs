namespace AcmCluster;

/// <summary>The cluster products AcmCluster drives. Names match the way the manuals write them.</summary>
public enum ClusterType
{
    PRIMECLUSTER,
    VCS,
    Generic,
}
