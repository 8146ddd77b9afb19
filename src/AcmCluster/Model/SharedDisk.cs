using System.Management.Automation;
using System.Text.Json.Serialization;

namespace AcmCluster;

/// <summary>What kind of shared disk New-AcmSharedDisk describes: a GDS class, a VxVM disk group, an LVM volume group, or scripts.</summary>
internal enum SharedDiskKind
{
    Gds,
    VxVM,
    Lvm,
    Script,
}

/// <summary>
/// A shared disk that the stopped-cluster procedure (ACM V15.1, 9.1.7.1) enables on this node and
/// releases again: a GDS class (and volume), a VxVM disk group, an LVM volume group, or a pair of scripts.
/// </summary>
public sealed class SharedDisk
{
    /// <summary>Gds, VxVM, Lvm or Script: a string, so that ConvertTo-Json writes the name.</summary>
    [JsonIgnore]
    public string Kind => KindValue.ToString();

    // The journal keeps the enum under its old name, so journals written before Kind became a string still resume.
    [JsonInclude]
    [JsonPropertyName("Kind")]
    internal SharedDiskKind KindValue { get; set; }

    /// <summary>GDS class, VxVM disk group, LVM volume group, or a label for a script pair.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>GDS volume (sdxvolume -v); null means every volume of the class.</summary>
    // Journaled under its old name, so that a journal written before the rename still resumes with its volume.
    [JsonPropertyName("Volume")]
    public string? GdsVolume { get; set; }

    /// <summary>The enable script's text (Script kind), kept in the journal.</summary>
    public string? EnableScript { get; set; }

    /// <summary>The disable script's text (Script kind), kept in the journal.</summary>
    public string? DisableScript { get; set; }

    [JsonIgnore]
    internal ScriptBlock? EnableBlock { get; set; }

    [JsonIgnore]
    internal ScriptBlock? DisableBlock { get; set; }

    /// <summary>The script as the user gave it, or — in a resumed procedure — recreated from the journaled text.</summary>
    internal ScriptBlock Script(bool enable)
        => (enable ? EnableBlock : DisableBlock) ?? ScriptBlock.Create((enable ? EnableScript : DisableScript) ?? string.Empty);

    public override string ToString() => GdsVolume is null ? $"{Kind}:{Name}" : $"{Kind}:{Name}/{GdsVolume}";
}

/// <summary>A file system the stopped-cluster procedure mounts: the ACM shared-data volume or a transaction volume.</summary>
internal sealed class StoppedClusterMount
{
    public string Device { get; set; } = string.Empty;

    public string MountPoint { get; set; } = string.Empty;

    public override string ToString() => $"{Device} on {MountPoint}";
}
