using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Planning;

namespace AcmCluster.Commands;

/// <summary>
/// The parameters of Invoke-AcmStoppedClusterBackup and -Restore (ACM V15.1, 9.1.7.1) and their request. The run
/// itself is <see cref="JournaledProcedureCmdlet"/>'s.
/// </summary>
public abstract class StoppedClusterCmdlet : JournaledProcedureCmdlet
{
    // Public only because PowerShell needs the cmdlets' base classes public; nothing outside the module derives from it.
    private protected StoppedClusterCmdlet() { }

    /// <summary>The cluster transaction that is stopped; also the key of the lock, the journal and the shared-disk claim.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(Completion.UserApplicationCompleter))]
    public string UserApplication { get; set; } = string.Empty;

    /// <summary>ACM's logical node of the cluster transaction: SWSTGNODE for the ACM commands only.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(Completion.LogicalNodeCompleter))]
    public string LogicalNode { get; set; } = string.Empty;

    /// <summary>The ACM transaction volumes to back up or restore.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string[] Device { get; set; } = Array.Empty<string>();

    /// <summary>Shared disks to enable (New-AcmSharedDisk objects or hashtables with Kind, Name, GdsVolume), in order.</summary>
    [Parameter]
    public object[] SharedDisk { get; set; } = Array.Empty<object>();

    /// <summary>The ACM shared-data volume (Device and MountPoint), mounted after the disks are enabled.</summary>
    [Parameter]
    public object? SharedDataVolume { get; set; }

    /// <summary>Transaction file systems to mount (Device and MountPoint each).</summary>
    [Parameter]
    public object[] Volume { get; set; } = Array.Empty<object>();

    /// <summary>The other nodes of the cluster by host name: asked over ssh whether the application is stopped when the cluster software is not running here (9.1.7.1 step 1).</summary>
    [Parameter]
    public string[] PeerNode { get; set; } = Array.Empty<string>();

    /// <summary>Start the cluster service at the end and wait until it is Online.</summary>
    [Parameter]
    public SwitchParameter StartClusterService { get; set; }

    /// <summary>The request of <paramref name="procedure"/> from the shared parameters, each validated (Test-AcmClusterProcedure uses it too).</summary>
    internal StoppedClusterRequest StoppedRequest(ProcedureKind procedure)
    {
        var devices = Device.Select(d => InputValidator.Device(d, nameof(Device))).ToList();
        if (devices.Count == 0)
        {
            throw new AcmException("InvalidDevice", ErrorCategory.InvalidArgument, "-Device is empty.", null);
        }

        if (devices.GroupBy(d => d).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new AcmException("InvalidDevice", ErrorCategory.InvalidArgument, $"'{twice.Key}' is given more than once.", twice.Key);
        }

        var disks = SharedDisk.Select(NewAcmSharedDiskCommand.Validated).ToList();
        if (disks.GroupBy(d => d.ToString()).FirstOrDefault(g => g.Count() > 1) is { } disk)
        {
            throw new AcmException("InvalidSharedDisk", ErrorCategory.InvalidArgument, $"Shared disk '{disk.Key}' is given more than once.", disk.Key);
        }

        var shared = SharedDataVolume is null ? null : ToMount(SharedDataVolume, nameof(SharedDataVolume));
        var mounts = Volume.Select(v => ToMount(v, nameof(Volume))).ToList();
        var all = (shared is null ? mounts : mounts.Prepend(shared)).ToList();
        var duplicate = all.GroupBy(m => m.MountPoint).FirstOrDefault(g => g.Count() > 1) ?? all.GroupBy(m => m.Device).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new AcmException("InvalidVolume", ErrorCategory.InvalidArgument, $"'{duplicate.Key}' is given for more than one mount.", duplicate.Key);
        }

        return new StoppedClusterRequest
        {
            Procedure = procedure,
            Node = ValidatedNode,
            UserApplication = InputValidator.Name(UserApplication, nameof(UserApplication)),
            LogicalNode = InputValidator.Name(LogicalNode, nameof(LogicalNode)),
            Devices = devices,
            SharedDisks = disks,
            SharedDataVolume = shared,
            Mounts = mounts,
            StartClusterService = StartClusterService,
            PeerNodes = PeerNode.Select(p => InputValidator.Name(p, nameof(PeerNode))).Distinct(StringComparer.Ordinal).ToList(),
            Timeout = Timeout,
            PollInterval = PollInterval,
            ThrottleLimit = ThrottleLimit,
        };
    }

    private protected override string Subject(string userApplication) => $"stopped {Noun} '{userApplication}'";

    // 9.1.7.1 step 1 is what the procedure checks first: -WhatIf names the command that proves it.
    private protected override void ShowFirstChecks(IProcedurePlanner planner, ProcedureRequest request, string description)
    {
        var stateChecks = ((StoppedClusterPlanner)planner).CheckCommands();
        if (stateChecks.Count > 0)
        {
            var peers = stateChecks.Count > 1 ? $"; when it is not running here, each peer: {string.Join("; ", stateChecks.Skip(1).Select(c => c.CommandLine))}" : string.Empty;
            ShouldProcess($"Check that {Noun} '{request.UserApplication}' is stopped on every node (9.1.7.1 step 1): {stateChecks[0].CommandLine}{peers}", description, "Confirm");
        }
    }

    private static StoppedClusterMount ToMount(object value, string parameter)
    {
        var device = InputObject.Property(value, "Device");
        var mountPoint = InputObject.Property(value, "MountPoint");
        if (device is null || mountPoint is null)
        {
            throw new AcmException("InvalidVolume", ErrorCategory.InvalidArgument, $"-{parameter} needs Device and MountPoint; '{value}' lacks {(device is null ? "Device" : "MountPoint")}.", value);
        }

        return new StoppedClusterMount { Device = InputValidator.Device(device, parameter), MountPoint = InputValidator.MountPoint(mountPoint, parameter) };
    }
}
