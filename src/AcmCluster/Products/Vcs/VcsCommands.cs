using System.Collections.Generic;
using System.Globalization;
using AcmCluster.Native;

namespace AcmCluster.Products.Vcs;

/// <summary>Argument lists of the Veritas Cluster Server tools (/opt/VRTSvcs/bin).</summary>
internal static class VcsCommands
{
    /// <summary>hagrp -state [group]: the table of every system; by its absolute path for another node over ssh.</summary>
    public static NativeCommand GroupState(string? group = null, bool absolute = false)
        => new(absolute ? VcsProduct.Tools.AbsolutePath("hagrp") : "hagrp", group is null ? new[] { "-state" } : new[] { "-state", group }, VcsProduct.Tools);

    public static NativeCommand ResourceState(string? resource = null, string? system = null)
    {
        var args = new List<string> { "-state" };
        if (resource is not null)
        {
            args.Add(resource);
        }

        if (system is not null)
        {
            args.AddRange(new[] { "-sys", system });
        }

        return Make("hares", args);
    }

    /// <summary>The group's resources, one name a line.</summary>
    public static NativeCommand GroupResources(string group) => Make("hagrp", new[] { "-resources", group });

    public static NativeCommand GroupValue(string group, string attribute) => Make("hagrp", new[] { "-value", group, attribute });

    /// <summary>hares -list Attribute=Value: the resources that match, one 'resource system' line for each system.</summary>
    public static NativeCommand ListResources(string condition) => Make("hares", new[] { "-list", condition });

    public static NativeCommand ResourceValue(string resource, string attribute) => Make("hares", new[] { "-value", resource, attribute });

    public static NativeCommand Freeze(string group, bool persistent) => Make("hagrp", persistent ? new[] { "-freeze", group, "-persistent" } : new[] { "-freeze", group });

    public static NativeCommand Unfreeze(string group, bool persistent) => Make("hagrp", persistent ? new[] { "-unfreeze", group, "-persistent" } : new[] { "-unfreeze", group });

    public static NativeCommand MakeWritable() => Make("haconf", new[] { "-makerw" });

    public static NativeCommand DumpReadOnly() => Make("haconf", new[] { "-dump", "-makero" });

    public static NativeCommand ResourceOffline(string resource, string system) => Make("hares", new[] { "-offline", resource, "-sys", system });

    public static NativeCommand ResourceOnline(string resource, string system) => Make("hares", new[] { "-online", resource, "-sys", system });

    public static NativeCommand ResourceClear(string resource, string system) => Make("hares", new[] { "-clear", resource, "-sys", system });

    public static NativeCommand GroupOnline(string group, string system) => Make("hagrp", new[] { "-online", group, "-sys", system });

    public static NativeCommand ResourceWait(string resource, string state, string system, int seconds)
        => Make("hares", new[] { "-wait", resource, "State", state, "-sys", system, "-time", seconds.ToString(CultureInfo.InvariantCulture) });

    /// <summary>Waits until the group's State on the system is the value, at most <paramref name="seconds"/> (exit 0 when it is).</summary>
    public static NativeCommand GroupWait(string group, string state, string system, int seconds)
        => Make("hagrp", new[] { "-wait", group, "State", state, "-sys", system, "-time", seconds.ToString(CultureInfo.InvariantCulture) });

    private static NativeCommand Make(string name, IEnumerable<string> args) => new(name, args, VcsProduct.Tools);
}
