using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Procedures;

namespace AcmCluster.Planning;

/// <summary>
/// A journal read back is input like any other: Resume-AcmProcedure checks every name, device, mount point
/// and mount option in it with the same <see cref="InputValidator"/> rules as a parameter, before it plans
/// or runs anything, and keeps the script text it holds apart so the caller decides whether it runs.
/// </summary>
internal static class JournaledRequest
{
    // What the planners record in a step's Data, and the rule each value obeys. A key not listed here is
    // refused: a journal holds only what this module wrote, so an unknown key is not ours.
    private static readonly Dictionary<string, Func<string, string, string>> StepData = new(StringComparer.Ordinal)
    {
        ["Device"] = InputValidator.Device,
        ["BackupDisk"] = InputValidator.Device,
        ["FileSystemType"] = InputValidator.FileSystemType,
        ["Options"] = InputValidator.MountOptions,
        ["DeviceNumber"] = (value, parameter) => System.Text.RegularExpressions.Regex.IsMatch(value, "^[0-9]{1,10}:[0-9]{1,10}$") ? value : throw new AcmException("InvalidStepData", ErrorCategory.InvalidData, $"The value '{value}' of {parameter} is not a device number (major:minor).", value),
        ["Done"] = (value, parameter) => value == "true" ? value : throw new AcmException("InvalidStepData", ErrorCategory.InvalidData, $"The value '{value}' of {parameter} is not 'true'.", value),
    };

    /// <summary>
    /// The journal's request, every field checked; the claims live in <paramref name="stateDirectory"/>
    /// (the store the journal was read from), whatever directory the journal names.
    /// </summary>
    public static ProcedureRequest Read(JournalEntry entry, string stateDirectory)
    {
        try
        {
            var request = Planners.FromJson(entry.RequestJson);
            Check(request, entry.Result);
            return request is StoppedClusterRequest stopped ? stopped with { StateDirectory = stateDirectory } : request;
        }
        catch (Exception e) when (e is AcmException or System.Text.Json.JsonException)
        {
            throw new AcmException(
                "JournalUntrusted",
                ErrorCategory.SecurityError,
                $"The procedure journal {entry.Result.JournalPath} holds what no user could have given, so it is not resumed: {e.Message}",
                entry.Result.JournalPath,
                e)
            {
                RecommendedAction = "Inspect the journal; if this module did not write it, remove it and find out who did. Bring the cluster back by hand (Get-Help about_AcmCluster_Recovery).",
            };
        }
    }

    /// <summary>
    /// The script text of the journal that a resume would run: the Generic cluster's (unless the caller gives
    /// the cluster again) and the shared disks' enable/disable scripts, as "name: text".
    /// </summary>
    public static IReadOnlyList<string> Scripts(ProcedureRequest request, bool genericGivenAgain)
    {
        var scripts = new List<string>();
        if (request.ClusterType == ClusterType.Generic && !genericGivenAgain && request.GenericScripts is not null)
        {
            scripts.AddRange(request.GenericScripts.Where(s => s.Key != nameof(GenericCluster.Name)).Select(s => $"{s.Key}: {s.Value}"));
        }

        var disks = request is StoppedClusterRequest stopped ? stopped.SharedDisks : Array.Empty<SharedDisk>();
        foreach (var disk in disks.Where(d => d.KindValue == SharedDiskKind.Script))
        {
            scripts.Add($"{disk.Name} EnableScript: {disk.EnableScript}");
            scripts.Add($"{disk.Name} DisableScript: {disk.DisableScript}");
        }

        return scripts;
    }

    private static void Check(ProcedureRequest r, ProcedureResult result)
    {
        if (InputValidator.Name(r.UserApplication, nameof(r.UserApplication)) != result.UserApplication)
        {
            throw new AcmException("InvalidName", ErrorCategory.InvalidData, $"The request names userApplication '{r.UserApplication}', the record '{result.UserApplication}'.", r.UserApplication);
        }

        Optional(r.LogicalNode, nameof(r.LogicalNode), InputValidator.Name);
        Optional(r.Node, nameof(r.Node), InputValidator.Name);
        if (r.GenericScripts?.TryGetValue(nameof(GenericCluster.Name), out var genericName) == true)
        {
            InputValidator.Name(genericName, "GenericCluster");
        }

        switch (r)
        {
            case ClusterProcedureRequest cluster:
                Check(cluster);
                break;
            case StoppedClusterRequest stopped:
                Check(stopped);
                break;
        }

        if (r.Timeout < -1 || r.PollInterval is < 0.05 or > 3600 || r.ThrottleLimit is < 1 or > 64 || r is ClusterProcedureRequest { SettleTime: < 0 })
        {
            throw new AcmException("InvalidTiming", ErrorCategory.InvalidData, "The timing values (Timeout, PollInterval, ThrottleLimit, SettleTime) are out of range.", r);
        }

        foreach (var step in result.Steps)
        {
            foreach (var (key, value) in step.Data)
            {
                if (!StepData.TryGetValue(key, out var rule))
                {
                    throw new AcmException("InvalidStepData", ErrorCategory.InvalidData, $"Step {step.Number} records '{key}', which no planner of this module writes.", key);
                }

                rule(value, $"Step{step.Number}.{key}");
            }
        }
    }

    private static void Check(ClusterProcedureRequest r)
    {
        Optional(r.RestoreDevice, nameof(r.RestoreDevice), InputValidator.Device);
        foreach (var v in r.Volumes)
        {
            InputValidator.Device(v.Device, "Volume");
            Optional(v.Resource, "Volume", InputValidator.Name);
            InputValidator.MountPoint(v.MountPoint, "Volume");
        }
    }

    private static void Check(StoppedClusterRequest r)
    {
        Optional(r.ProcedureId, nameof(r.ProcedureId), InputValidator.Name);
        foreach (var d in r.Devices)
        {
            InputValidator.Device(d, "Device");
        }

        foreach (var disk in r.SharedDisks)
        {
            InputValidator.Name(disk.Name, "SharedDisk");
            Optional(disk.GdsVolume, "SharedDisk", InputValidator.Name);
        }

        foreach (var m in r.Mounts.Concat(r.SharedDataVolume is null ? Array.Empty<StoppedClusterMount>() : new[] { r.SharedDataVolume }))
        {
            InputValidator.Device(m.Device, "Mount");
            InputValidator.MountPoint(m.MountPoint, "Mount");
        }
    }

    private static void Optional(string? value, string parameter, Func<string, string, string> rule)
    {
        if (!string.IsNullOrEmpty(value))
        {
            rule(value, parameter);
        }
    }
}
