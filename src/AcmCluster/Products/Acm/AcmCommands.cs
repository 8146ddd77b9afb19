using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AcmCluster.Native;

namespace AcmCluster.Products.Acm;

/// <summary>Argument lists of ACM backup management. SWSTGNODE goes to the child's environment only.</summary>
internal static class AcmCommands
{
    public const string LogicalNodeVariable = "SWSTGNODE";

    public static NativeCommand Backup(string device, string? logicalNode, bool suspend, bool differential, string? server = null)
    {
        var args = new List<string>();
        if (suspend)
        {
            args.Add("-suspend");
        }

        if (differential)
        {
            args.Add("-T");
        }

        args.Add(device);
        return Make("swstbackup", args, logicalNode, server);
    }

    public static NativeCommand Restore(string device, string? logicalNode, int? generation, int? version, string? restoreDevice, string? server = null)
    {
        var args = new List<string>();
        if (generation is { } g)
        {
            args.AddRange(new[] { "-g", g.ToString(CultureInfo.InvariantCulture) });
        }

        if (version is { } v)
        {
            args.AddRange(new[] { "-v", v.ToString(CultureInfo.InvariantCulture) });
        }

        if (restoreDevice is not null)
        {
            args.AddRange(new[] { "-r", restoreDevice });
        }

        args.Add(device);
        return Make("swstrestore", args, logicalNode, server);
    }

    public static NativeCommand StartSync(string device, string? logicalNode, string? server = null) => Make("swststartsync", new[] { device }, logicalNode, server);

    public static NativeCommand CancelSync(string device, string? logicalNode, string? backupDevice, bool all, string? server = null)
    {
        var args = new List<string>();
        if (backupDevice is not null)
        {
            args.AddRange(new[] { "-bd", backupDevice });
        }

        if (all)
        {
            args.Add("-all");
        }

        args.Add(device);
        return Make("swstcancelsync", args, logicalNode, server);
    }

    public static NativeCommand SyncStatus(string? device, string? logicalNode, string? server = null)
        => Make("swstsyncstat", device is null ? Array.Empty<string>() : new[] { device }, logicalNode, server);

    public static NativeCommand History(string? device, string? logicalNode, string? server = null)
        => Make("swsthistdisp", device is null ? Array.Empty<string>() : new[] { device }, logicalNode, server);

    /// <summary>A device that is not a transaction volume of that logical node's ACM repository.</summary>
    public static Internal.AcmException DeviceNotRegistered(string device, string? logicalNode) => new(
        "DeviceNotRegistered",
        System.Management.Automation.ErrorCategory.ObjectNotFound,
        $"ACM does not know {device} as a transaction volume" + (logicalNode is null ? " (no logical node given)." : $" of logical node {logicalNode}."),
        device)
    {
        RecommendedAction = "Check -Device and -LogicalNode (SWSTGNODE) against swstdevdisp.",
    };

    /// <summary>ACM's success line: '&lt;Device-Name&gt; &lt;command&gt; completed'.</summary>
    public static bool IsCompleted(NativeCommandResult result, string device)
    {
        var expected = $"{device} {result.Command} completed";
        foreach (var line in result.Output)
        {
            if (line.Trim() == expected)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>-h Server-Name (another Managed Server, from a Management Server) goes first.</summary>
    private static NativeCommand Make(string name, IEnumerable<string> args, string? logicalNode, string? server)
    {
        if (!string.IsNullOrEmpty(server))
        {
            args = new[] { "-h", server }.Concat(args);
        }

        var env = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(logicalNode))
        {
            env[LogicalNodeVariable] = logicalNode;
        }

        return new NativeCommand(name, args, Product.Acm, env);
    }
}
