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
    /// <summary>
    /// Mounts <paramref name="device"/> (by the name given) on a mount path only root can change, then checks that
    /// the kernel's table shows that very device on top at the mount point; otherwise it unmounts what this call
    /// mounted and fails (MountVerificationFailed). <paramref name="expectedNumber"/> is the device number already
    /// validated, when there is one.
    /// </summary>
    public static NativeCommandResult MountVerified(NativeCommandRunner runner, string device, string mountPoint, string? type, string? options, string? expectedNumber = null)
    {
        MountPath.Check(runner, mountPoint);
        var number = expectedNumber ?? DeviceIdentity.Read(runner, new[] { device }).GetValueOrDefault(device);
        var before = number is null ? new HashSet<string>() : MountTable.MountsOf(MountTable.Read(runner), number).Select(m => m.Target).ToHashSet();
        var result = runner.Run(MountCommands.Mount(device, mountPoint, type, options), "MountFailed");
        var after = MountTable.Read(runner);
        var top = MountTable.Top(after, mountPoint);
        if (number is not null && top?.DeviceNumber == number)
        {
            return result;
        }

        // Undo exactly what this mount added: wherever the device appeared (a path swapped after the check).
        var added = number is null ? new List<string>() : MountTable.MountsOf(after, number).Select(m => m.Target).Where(t => !before.Contains(t)).Distinct().ToList();
        foreach (var target in added)
        {
            Unmount(runner, target);
        }

        throw new AcmException(
            "MountVerificationFailed",
            ErrorCategory.SecurityError,
            $"After 'mount {device} {mountPoint}' the mount table shows " + (top is null ? $"nothing on {mountPoint}" : $"{top.Source} (device {top.DeviceNumber}) on {mountPoint}")
                + $", not {device}" + (number is null ? " (not a block device)" : $" (device {number})")
                + (added.Count == 0 ? "." : $"; it was unmounted again from {string.Join(", ", added)}."),
            mountPoint)
        {
            RecommendedAction = $"Check the mount path ({mountPoint}) and the device ({device}); findmnt shows what is mounted.",
        };
    }

    /// <summary>Another device is mounted at the mount point: mounting there would hide it, so it is refused.</summary>
    public static AcmException InUse(string mountPoint, MountTable.Entry mounted, string device) => new(
        "MountPointInUse",
        ErrorCategory.ResourceExists,
        $"{mountPoint} already has {mounted.Source} (device {mounted.DeviceNumber}) mounted, not {device}; a second mount over it is refused.",
        mountPoint)
    {
        RecommendedAction = $"Unmount {mounted.Source} from {mountPoint} first if it does not belong there.",
    };

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
