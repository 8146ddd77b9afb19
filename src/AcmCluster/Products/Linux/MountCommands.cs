using System.Collections.Generic;
using AcmCluster.Native;

namespace AcmCluster.Products.Linux;

internal static class MountCommands
{
    public static NativeCommand Mount(string device, string mountPoint, string? fileSystemType, string? options)
    {
        var args = new List<string>();
        if (!string.IsNullOrEmpty(fileSystemType))
        {
            args.AddRange(new[] { "-t", fileSystemType });
        }

        if (!string.IsNullOrEmpty(options))
        {
            args.AddRange(new[] { "-o", options });
        }

        args.Add(device);
        args.Add(mountPoint);
        return new NativeCommand("mount", args);
    }

    public static NativeCommand Unmount(string mountPoint) => new("umount", new[] { mountPoint });

    public static NativeCommand FindHolders(string mountPoint) => new("fuser", new[] { "-vm", mountPoint });
}
