using System.Globalization;
using AcmCluster.Native;

namespace AcmCluster.Products.Primecluster;

/// <summary>Argument lists of the PRIMECLUSTER RMS tools.</summary>
internal static class RmsCommands
{
    /// <summary>hvdisp -a; by its absolute path for another node over ssh, whose non-interactive PATH lacks the RMS directory.</summary>
    public static NativeCommand DisplayAll(bool absolute = false) => Make("hvdisp", new[] { "-a" }, absolute);

    /// <summary>hvutil -m on|off|forceoff: maintenance mode of one application on every node.</summary>
    public static NativeCommand Maintenance(string userApplication, string mode) => Make("hvutil", new[] { "-m", mode, userApplication });

    /// <summary>hvswitch: starts (or switches) the application, on the given SysNode or this node.</summary>
    public static NativeCommand Switch(string userApplication, string? sysNode)
        => Make("hvswitch", sysNode is null ? new[] { userApplication } : new[] { userApplication, sysNode });

    /// <summary>9.1.7 note 1: waits until the resource is in the state, at most <paramref name="seconds"/>.</summary>
    public static NativeCommand WaitState(string resource, string state, int seconds)
        => Make("hvassert", new[] { "-w", resource, state, seconds.ToString(CultureInfo.InvariantCulture) });

    private static NativeCommand Make(string name, string[] args, bool absolute = false)
        => new(absolute ? PrimeclusterProduct.Rms.AbsolutePath(name) : name, args, PrimeclusterProduct.Rms);
}
