using AcmCluster.Native;

namespace AcmCluster.Products.Primecluster;

/// <summary>Argument lists of the PRIMECLUSTER RMS tools.</summary>
internal static class RmsCommands
{
    public static NativeCommand DisplayAll() => new("hvdisp", new[] { "-a" }, Product.PrimeclusterRms);

    /// <summary>hvutil -m on|off|forceoff: maintenance mode of one application on every node.</summary>
    public static NativeCommand Maintenance(string userApplication, string mode) => new("hvutil", new[] { "-m", mode, userApplication }, Product.PrimeclusterRms);

    public static NativeCommand AssertState(string resource, string state) => new("hvassert", new[] { "-s", resource, state }, Product.PrimeclusterRms);
}
