using System.Collections.Generic;
using System.Linq;
using AcmCluster.Products.SharedDisk;

namespace AcmCluster.Completion;

/// <summary>New-AcmSharedDisk -Class: the GDS classes this node knows.</summary>
public sealed class GdsClassCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
        => SharedDiskNames.GdsNames(query.Run(SharedDiskNames.GdsObjects("-C")).Output, "class");
}

/// <summary>New-AcmSharedDisk -Volume (GDS): the volumes of the class typed (of every class when none is).</summary>
public sealed class GdsVolumeCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
        => SharedDiskNames.GdsNames(query.Run(SharedDiskNames.GdsObjects("-V")).Output, "volume", query.Values("Class").FirstOrDefault());
}

/// <summary>New-AcmSharedDisk -DiskGroup: the VxVM disk groups of the disks this node sees, imported or not.</summary>
public sealed class DiskGroupCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
        => SharedDiskNames.DiskGroups(query.Run(SharedDiskNames.VxVmDisks()).Output);
}

/// <summary>New-AcmSharedDisk -VolumeGroup: the LVM volume groups this node sees.</summary>
public sealed class VolumeGroupCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
        => SharedDiskNames.VolumeGroups(query.Run(SharedDiskNames.LvmVolumeGroups()).Output);
}
