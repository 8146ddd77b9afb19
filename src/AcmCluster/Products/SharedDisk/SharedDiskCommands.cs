using System;
using System.Collections.Generic;
using AcmCluster.Native;

namespace AcmCluster.Products.SharedDisk;

/// <summary>
/// Enabling and releasing shared disks: GDS (sdxvolume -N/-F), VxVM (vxdg import + vxvol startall /
/// vxvol stopall + vxdg deport), LVM (vgchange -a y/n), or the user's scripts, which run through the same runner.
/// </summary>
internal static class SharedDiskCommands
{
    public static IReadOnlyList<NativeCommand> Enable(AcmCluster.SharedDisk disk) => disk.KindValue switch
    {
        SharedDiskKind.Gds => new[] { Sdx("-N", disk) },
        SharedDiskKind.VxVM => new[]
        {
            new NativeCommand("vxdg", new[] { "import", disk.Name }, Product.VxVm),
            new NativeCommand("vxvol", new[] { "-g", disk.Name, "startall" }, Product.VxVm),
        },
        SharedDiskKind.Lvm => new[] { new NativeCommand("vgchange", new[] { "-a", "y", disk.Name }) },
        SharedDiskKind.Script => new[] { NativeCommand.ForScript("EnableScript", disk.Script(enable: true), Array.Empty<string>()) },
        _ => throw new ArgumentOutOfRangeException(nameof(disk), disk.KindValue, "Unknown shared-disk kind."),
    };

    public static IReadOnlyList<NativeCommand> Disable(AcmCluster.SharedDisk disk) => disk.KindValue switch
    {
        SharedDiskKind.Gds => new[] { Sdx("-F", disk) },
        SharedDiskKind.VxVM => new[]
        {
            new NativeCommand("vxvol", new[] { "-g", disk.Name, "stopall" }, Product.VxVm),
            new NativeCommand("vxdg", new[] { "deport", disk.Name }, Product.VxVm),
        },
        SharedDiskKind.Lvm => new[] { new NativeCommand("vgchange", new[] { "-a", "n", disk.Name }) },
        SharedDiskKind.Script => new[] { NativeCommand.ForScript("DisableScript", disk.Script(enable: false), Array.Empty<string>()) },
        _ => throw new ArgumentOutOfRangeException(nameof(disk), disk.KindValue, "Unknown shared-disk kind."),
    };

    /// <summary>
    /// A release that failed only because the disk is not enabled here (VxVM: not imported) has nothing
    /// left to do: that keeps the undo idempotent.
    /// </summary>
    public static bool AlreadyReleased(NativeCommandResult result)
        => result.Message.Contains("V-5-1-2275", StringComparison.Ordinal)
           || result.Message.Contains("V-5-1-607", StringComparison.Ordinal)
           || result.Message.Contains("not imported", StringComparison.OrdinalIgnoreCase);

    /// <summary>VxVM: importing a disk group that is already imported here fails; then only its volumes are started.</summary>
    public static bool AlreadyEnabledHere(NativeCommandResult result)
        => result.Message.Contains("already imported", StringComparison.OrdinalIgnoreCase)
           || result.Message.Contains("exists and is imported", StringComparison.OrdinalIgnoreCase);

    // GDS guide 4.5, D.4 (fidelity-evidence item 7): sdxvolume -N starts, -F stops; -c class [-v volume,...]; with -v
    // omitted every volume of the class, so the release mirrors the enable. No -e: this node only ('-e allnodes' would
    // start the volume on the other node as well, which 9.1.7.1 forbids). -F on a volume in use fails, and that
    // failure is reported (never counted as already released): the procedure unmounts before it releases.
    private static NativeCommand Sdx(string action, AcmCluster.SharedDisk disk)
    {
        var args = new List<string> { action, "-c", disk.Name };
        if (!string.IsNullOrEmpty(disk.GdsVolume))
        {
            args.AddRange(new[] { "-v", disk.GdsVolume });
        }

        return new NativeCommand("sdxvolume", args, Product.PrimeclusterGds);
    }
}
