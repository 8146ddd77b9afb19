using System;

namespace AcmCluster;

/// <summary>
/// A file system mount. Dismount-AcmVolume emits what was mounted, so piping it to Mount-AcmVolume
/// mounts the same device with the same type and options again.
/// </summary>
public sealed class VolumeMount
{
    public string MountPoint { get; init; } = string.Empty;

    public string Device { get; init; } = string.Empty;

    public string FileSystemType { get; init; } = string.Empty;

    public string Options { get; init; } = string.Empty;

    public bool Mounted { get; init; }

    public bool Changed { get; init; }

    public DateTime Time { get; init; }

    public NativeCommandResult? NativeCommand { get; init; }
}
