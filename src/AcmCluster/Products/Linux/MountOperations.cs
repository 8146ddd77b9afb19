using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Products.Linux;

/// <summary>Mount, unmount and who-holds-it, shared by the mount cmdlets and the procedures.</summary>
internal static class MountOperations
{
    public static IReadOnlyList<MountTableParser.Entry> List(NativeCommandRunner runner) => BeginList(runner)();

    /// <summary>Starts listing the mount table (see <see cref="NativeCommandRunner.Begin"/>); the function returns the table.</summary>
    public static Func<IReadOnlyList<MountTableParser.Entry>> BeginList(NativeCommandRunner runner)
    {
        var listing = runner.Begin(MountCommands.List(), "MountTableQueryFailed");
        return () => MountTableParser.Parse(listing().Output);
    }

    public static MountTableParser.Entry? Find(NativeCommandRunner runner, string mountPoint)
        => List(runner).LastOrDefault(e => e.MountPoint == mountPoint);

    /// <summary>The processes holding a file system, as 'PID 4242 (vi, user root)'; empty when none or fuser is missing.</summary>
    public static IReadOnlyList<string> Holders(NativeCommandRunner runner, string mountPoint, out bool couldCheck)
    {
        try
        {
            var fuser = runner.Run(MountCommands.FindHolders(mountPoint), "FindHoldersFailed", allowFailure: true);
            couldCheck = true;
            return FuserParser.Parse(fuser.Output, fuser.ErrorOutput).Select(h => $"PID {h.ProcessId} ({h.Command}, user {h.User})").ToList();
        }
        catch (AcmException e) when (e.ErrorId == "NativeCommandNotFound")
        {
            couldCheck = false;
            return Array.Empty<string>();
        }
    }

    /// <summary>umount; a busy file system becomes VolumeBusy naming its holders. Nothing is ever killed.</summary>
    public static NativeCommandResult Unmount(NativeCommandRunner runner, string mountPoint)
    {
        var result = runner.Run(MountCommands.Unmount(mountPoint), "DismountFailed", allowFailure: true);
        if (result.Succeeded)
        {
            return result;
        }

        if (result.Message.Contains("busy", StringComparison.OrdinalIgnoreCase))
        {
            throw Busy(mountPoint, result.Message, runner);
        }

        throw NativeCommandRunner.Failure("DismountFailed", result);
    }

    public static AcmException Busy(string mountPoint, string? message, NativeCommandRunner runner)
    {
        var holders = Holders(runner, mountPoint, out var couldCheck);
        var who = !couldCheck ? "fuser is not installed, so the processes could not be named"
            : holders.Count == 0 ? "no process could be named"
            : string.Join(", ", holders);
        var what = message is null ? string.Empty : $" ({message.Trim()})";
        return new AcmException(
            "VolumeBusy",
            ErrorCategory.ResourceBusy,
            $"{mountPoint} is busy and was not unmounted{what}; held by: {who}.",
            mountPoint)
        {
            RecommendedAction = "Stop the processes that use the file system, then retry. AcmCluster never kills them.",
        };
    }
}
