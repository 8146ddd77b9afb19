using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Parsing;

namespace AcmCluster.Products.SharedDisk;

/// <summary>
/// Whether a shared disk is enabled on another node, as far as this node's own display can tell, read without changing
/// anything. VxVM writes the importing host into each disk's private region ('vxdisk -s list': hostid, and the flag
/// 'imported' on that host). GDS's sdxinfo shows this node's volume states, LVM keeps activation per node (nothing on
/// the disk says where it is active without lvmlockd or a system ID), and only a script pair knows its own disks: for
/// those the answer is that it cannot be read here, never a guess.
/// </summary>
internal static class SharedDiskActivity
{
    /// <summary>One disk of 'vxdisk -s list': its name, disk group, the host that has the group imported (empty: none), and whether that is this host.</summary>
    public sealed record VxDisk(string Name, string Group, string HostId, bool ImportedHere);

    public static NativeCommand VxDiskSummary() => new("vxdisk", new[] { "-s", "list" }, Product.VxVm);

    /// <summary>What the display says about the disk (the check passes with it), or SharedDiskActiveElsewhere.</summary>
    public static string Check(NativeCommandRunner runner, AcmCluster.SharedDisk disk) => disk.KindValue switch
    {
        SharedDiskKind.VxVM => CheckVxVm(runner, disk),
        SharedDiskKind.Gds => $"cannot be read from this node: GDS's sdxinfo shows the state of class {disk.Name}'s volumes on this node only",
        SharedDiskKind.Lvm => $"cannot be read from this node: LVM keeps the activation of volume group {disk.Name} per node (vgs shows this node's only)",
        _ => $"cannot be read from this node: only the scripts of {disk} know where it is enabled",
    };

    private static string CheckVxVm(NativeCommandRunner runner, AcmCluster.SharedDisk disk)
    {
        NativeCommandResult result;
        try
        {
            result = runner.Run(VxDiskSummary(), "SharedDiskQueryFailed", allowFailure: true);
        }
        catch (AcmException e) when (e.ErrorId == "NativeCommandNotFound")
        {
            return $"cannot be read: {e.Message}";
        }

        if (!result.Succeeded)
        {
            return $"cannot be read: '{result.CommandLine}' failed (exit {result.ExitCode}): {result.Message.Trim()}";
        }

        var disks = ParseVxDisks(result.Output).Where(d => d.Group == disk.Name).ToList();
        if (disks.Count == 0)
        {
            return $"cannot be read: '{result.CommandLine}' shows no disk of disk group {disk.Name}";
        }

        if (disks.Find(d => d.ImportedHere) is { } here)
        {
            return $"disk group {disk.Name} is imported on this node (hostid {here.HostId}), so on no other";
        }

        if (disks.Find(d => d.HostId.Length > 0) is { } elsewhere)
        {
            throw new AcmException(
                "SharedDiskActiveElsewhere",
                ErrorCategory.ResourceBusy,
                $"VxVM disk group {disk.Name} is imported by host {elsewhere.HostId} ('{result.CommandLine}': disk {elsewhere.Name}, hostid {elsewhere.HostId}); enabling it here as well would enable it from both nodes (ACM V15.1, 9.1.7.1).",
                disk.ToString())
            {
                RecommendedAction = $"Release it on {elsewhere.HostId} first (vxvol -g {disk.Name} stopall; vxdg deport {disk.Name}), after checking that nothing there uses it.",
            };
        }

        return $"disk group {disk.Name} is imported by no host ('{result.CommandLine}': {disks.Count} disk(s), no hostid)";
    }

    /// <summary>
    /// 'vxdisk -s list': blocks of 'key: value' lines, each starting with 'Disk:'. Only Disk, dgname, hostid and the
    /// word 'imported' among the flags are relied on; other lines are skipped.
    /// </summary>
    public static IReadOnlyList<VxDisk> ParseVxDisks(IEnumerable<string> lines)
    {
        var disks = new List<VxDisk>();
        VxDisk? current = null;
        foreach (var words in lines.Select(TextTable.Words).Where(w => w.Length > 0 && w[0].EndsWith(':')))
        {
            var value = words.Length > 1 ? words[1] : string.Empty;
            switch (words[0])
            {
                case "Disk:":
                    if (current is not null)
                    {
                        disks.Add(current);
                    }

                    current = new VxDisk(value, string.Empty, string.Empty, false);
                    break;
                case "dgname:" when current is not null:
                    current = current with { Group = value };
                    break;
                case "hostid:" when current is not null:
                    current = current with { HostId = value };
                    break;
                case "flags:" when current is not null:
                    current = current with { ImportedHere = words.Contains("imported", StringComparer.Ordinal) };
                    break;
            }
        }

        if (current is not null)
        {
            disks.Add(current);
        }

        return disks;
    }
}
