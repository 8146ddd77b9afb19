using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Native;
using AcmCluster.Parsing;

namespace AcmCluster.Products.SharedDisk;

/// <summary>
/// The names of the shared disks a node can see, for tab completion of New-AcmSharedDisk: GDS classes and
/// volumes (sdxinfo), VxVM disk groups, imported or not (vxdisk -o alldgs list), LVM volume groups (vgs).
/// Read tolerantly, word by word: a line that is not a row of the kind asked for is skipped, never refused,
/// because a completion only offers names and decides nothing.
/// </summary>
internal static class SharedDiskNames
{
    public static NativeCommand GdsObjects(string objectOption) => new("sdxinfo", new[] { objectOption }, Product.PrimeclusterGds);

    public static NativeCommand VxVmDisks() => new("vxdisk", new[] { "-o", "alldgs", "list" }, Product.VxVm);

    public static NativeCommand LvmVolumeGroups() => new("vgs", new[] { "--noheadings", "-o", "vg_name" });

    /// <summary>sdxinfo rows: the object type first ('class', 'volume'), its name second, and for a volume its class third.</summary>
    public static IEnumerable<string> GdsNames(IEnumerable<string> lines, string objectType, string? inClass = null)
        => lines.Select(TextTable.Words)
            .Where(w => w.Length >= 3 && w[0] == objectType && (inClass is null || objectType != "volume" || w[2] == inClass))
            .Select(w => w[1]);

    /// <summary>
    /// vxdisk -o alldgs list: DEVICE TYPE DISK GROUP STATUS...; the group is the fourth word, in parentheses when
    /// the group is deported or imported elsewhere, '-' for a disk in no group.
    /// </summary>
    public static IEnumerable<string> DiskGroups(IEnumerable<string> lines)
        => lines.Select(TextTable.Words)
            .Where(w => w.Length >= 5 && w[0] != "DEVICE")
            .Select(w => w[3].Trim('(', ')'))
            .Where(g => g.Length > 0 && g != "-");

    /// <summary>vgs --noheadings -o vg_name: one name a line.</summary>
    public static IEnumerable<string> VolumeGroups(IEnumerable<string> lines)
        => lines.Select(TextTable.Words).Where(w => w.Length == 1).Select(w => w[0]);
}
