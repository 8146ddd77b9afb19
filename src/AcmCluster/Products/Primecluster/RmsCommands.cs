using AcmCluster.Native;

namespace AcmCluster.Products.Primecluster;

/// <summary>Argument lists of the PRIMECLUSTER RMS tools.</summary>
internal static class RmsCommands
{
    public static NativeCommand DisplayAll() => new("hvdisp", new[] { "-a" }, Product.PrimeclusterRms);

    /// <summary>hvutil -m on|off|forceoff: maintenance mode of one application on every node.</summary>
    public static NativeCommand Maintenance(string userApplication, string mode) => new("hvutil", new[] { "-m", mode, userApplication }, Product.PrimeclusterRms);

    /// <summary>hvswitch: starts (or switches) the application, on the given SysNode or this node.</summary>
    public static NativeCommand Switch(string userApplication, string? sysNode)
        => new("hvswitch", sysNode is null ? new[] { userApplication } : new[] { userApplication, sysNode }, Product.PrimeclusterRms);

    public static NativeCommand AssertState(string resource, string state) => new("hvassert", new[] { "-s", resource, state }, Product.PrimeclusterRms);
}
