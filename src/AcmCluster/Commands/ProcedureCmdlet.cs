using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Planning;

namespace AcmCluster.Commands;

/// <summary>
/// The parameters of the procedures on the running cluster (ACM V15.1, 9.1.7) and their request: the volumes,
/// the logical node, the settle time. The run itself is <see cref="JournaledProcedureCmdlet"/>'s.
/// </summary>
public abstract class ProcedureCmdlet : JournaledProcedureCmdlet
{
    // Public only because PowerShell needs the cmdlets' base classes public; nothing outside the module derives from it.
    private protected ProcedureCmdlet() { }

    protected const string VolumeSet = "Volume";
    protected const string SingleSet = "Single";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.UserApplicationCompleter))]
    public string UserApplication { get; set; } = string.Empty;

    /// <summary>Volumes: AcmVolume objects (New-AcmVolume), hashtables or any objects with Device, Resource and MountPoint (Import-Csv rows).</summary>
    [Parameter(Mandatory = true, ParameterSetName = VolumeSet)]
    public object[] Volume { get; set; } = Array.Empty<object>();

    /// <summary>Transaction volumes, each with the Resource and MountPoint at the same position.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SingleSet)]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string[] Device { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = SingleSet)]
    [ArgumentCompleter(typeof(Completion.ResourceCompleter))]
    public string[] Resource { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = SingleSet)]
    [ArgumentCompleter(typeof(Completion.MountPointCompleter))]
    public string[] MountPoint { get; set; } = Array.Empty<string>();

    /// <summary>ACM's logical node (SWSTGNODE for the ACM commands only); defaults to $env:SWSTGNODE.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(Completion.LogicalNodeCompleter))]
    public string? LogicalNode { get; set; }

    /// <summary>The cluster's resource monitoring interval, waited before the first state check.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double SettleTime { get; set; } = 10;

    /// <summary>Do not warn that ACM's pre/post-processing scripts do not run on unmounted volumes.</summary>
    [Parameter]
    public SwitchParameter NoScriptWarning { get; set; }

    /// <summary>The request of <paramref name="procedure"/> from the shared parameters, each validated.</summary>
    private protected ClusterProcedureRequest ClusterRequest(ProcedureKind procedure)
    {
        InputValidator.TimeoutCoversSettleTime(Timeout, SettleTime);
        if (ParameterSetName == SingleSet && (Resource.Length != Device.Length || MountPoint.Length != Device.Length))
        {
            throw new AcmException("InvalidVolume", ErrorCategory.InvalidArgument, $"-Device, -Resource and -MountPoint pair up by position; {Device.Length} devices, {Resource.Length} resources and {MountPoint.Length} mount points were given.", null);
        }

        var volumes = ParameterSetName == SingleSet
            ? Device.Select((d, i) => NewAcmVolumeCommand.Validated(d, Resource[i], MountPoint[i])).ToList()
            : Volume.Select(ToVolume).ToList();
        if (volumes.Count == 0)
        {
            throw new AcmException("InvalidVolume", ErrorCategory.InvalidArgument, "-Volume is empty.", null);
        }

        var duplicate = volumes.GroupBy(v => v.Device).FirstOrDefault(g => g.Count() > 1)
            ?? volumes.GroupBy(v => v.MountPoint).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new AcmException("InvalidVolume", ErrorCategory.InvalidArgument, $"'{duplicate.Key}' is given for more than one volume.", duplicate.Key);
        }

        return new ClusterProcedureRequest
        {
            Procedure = procedure,
            Node = ValidatedNode,
            UserApplication = InputValidator.Name(UserApplication, nameof(UserApplication)),
            LogicalNode = AcmBackupCmdlet.ResolveLogicalNode(LogicalNode),
            Volumes = volumes,
            Timeout = Timeout,
            SettleTime = SettleTime,
            PollInterval = PollInterval,
            ThrottleLimit = ThrottleLimit,
        };
    }

    private protected override void BeforeRun()
    {
        if (!NoScriptWarning)
        {
            WriteWarning("ACM's pre- and post-processing scripts (OpcBackup.pre/.post, OpcRestore.pre/.post) do not run in this procedure, because the transaction volumes are unmounted first (ACM V15.1, 9.1.7).");
        }
    }

    internal static AcmVolume ToVolume(object value)
    {
        var item = value is PSObject ps ? ps.BaseObject : value;
        if (item is AcmVolume volume)
        {
            return NewAcmVolumeCommand.Validated(volume.Device, volume.Resource, volume.MountPoint);
        }

        var device = InputObject.Property(value, "Device");
        var resource = InputObject.Property(value, "Resource");
        var mountPoint = InputObject.Property(value, "MountPoint");
        if (device is null || resource is null || mountPoint is null)
        {
            throw new AcmException(
                "InvalidVolume",
                ErrorCategory.InvalidArgument,
                $"A volume needs Device, Resource and MountPoint; '{value}' lacks {string.Join(", ", new[] { ("Device", device), ("Resource", resource), ("MountPoint", mountPoint) }.Where(p => p.Item2 is null).Select(p => p.Item1))}.",
                value);
        }

        return NewAcmVolumeCommand.Validated(device, resource, mountPoint);
    }
}
