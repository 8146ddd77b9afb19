namespace AcmCluster;

/// <summary>A transaction volume as the procedures need it: the ACM device, its cluster resource and its mount point.</summary>
public sealed class AcmVolume
{
    public string Device { get; set; } = string.Empty;

    public string Resource { get; set; } = string.Empty;

    public string MountPoint { get; set; } = string.Empty;

    public override string ToString() => $"{Device} ({Resource} on {MountPoint})";
}
