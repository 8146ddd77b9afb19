using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Planning;
using AcmCluster.Procedures;

namespace AcmCluster.Commands;

/// <summary>
/// Shared by the one-call procedures: the volumes, the engine bound to this cmdlet, -WhatIf as a
/// numbered plan, and the error convention (the result first, then the error).
/// </summary>
public abstract class ProcedureCmdlet : ClusterCmdlet
{
    protected const string VolumeSet = "Volume";
    protected const string SingleSet = "Single";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.UserApplicationCompleter))]
    public string UserApplication { get; set; } = string.Empty;

    /// <summary>Volumes: AcmVolume objects (New-AcmVolume), hashtables or any objects with Device, Resource and MountPoint (Import-Csv rows).</summary>
    [Parameter(Mandatory = true, ParameterSetName = VolumeSet)]
    public object[] Volume { get; set; } = Array.Empty<object>();

    [Parameter(Mandatory = true, ParameterSetName = SingleSet)]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string Device { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = SingleSet)]
    [ArgumentCompleter(typeof(Completion.ResourceCompleter))]
    public string Resource { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = SingleSet)]
    public string MountPoint { get; set; } = string.Empty;

    /// <summary>ACM's logical node (SWSTGNODE for the ACM commands only); defaults to $env:SWSTGNODE.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(Completion.LogicalNodeCompleter))]
    public string? LogicalNode { get; set; }

    /// <summary>Seconds each wait step may take; -1 waits without limit.</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(-1, int.MaxValue)]
    public int Timeout { get; set; } = 300;

    /// <summary>The cluster's resource monitoring interval, waited before the first state check.</summary>
    [Parameter]
    [ValidateRange(0.0, 86400.0)]
    public double SettleTime { get; set; } = 10;

    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double PollInterval { get; set; } = 1;

    /// <summary>How many backups or restores run at the same time.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Do not warn that ACM's pre/post-processing scripts do not run on unmounted volumes.</summary>
    [Parameter]
    public SwitchParameter NoScriptWarning { get; set; }

    protected ProcedureRequest BuildRequest(string procedure)
    {
        var volumes = ParameterSetName == SingleSet
            ? new List<AcmVolume> { NewAcmVolumeCommand.Validated(Device, Resource, MountPoint) }
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

        return new ProcedureRequest
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

    /// <summary>Plans, shows (-WhatIf) or runs the procedure, and writes its result.</summary>
    protected void RunProcedure(ProcedureRequest request, string description)
    {
        // Detected only after every parameter is validated: bad input is reported as such.
        request.ClusterType = EffectiveClusterType;
        request.Generic = EffectiveGenericCluster;
        var planner = new BackupProcedurePlanner(request);
        var plan = planner.Plan();
        var id = NewId(request.UserApplication);
        if (IsWhatIf())
        {
            ShowPlan(plan, id, description);
            return;
        }

        if (!ShouldProcess($"{description} of {Noun} '{request.UserApplication}' ({string.Join(", ", plan.Devices)}), {plan.Steps.Count} steps", description, "Confirm"))
        {
            return;
        }

        if (!NoScriptWarning)
        {
            WriteWarning("ACM's pre- and post-processing scripts (OpcBackup.pre/.post, OpcRestore.pre/.post) do not run in this procedure, because the transaction volumes are unmounted first (ACM V15.1, 9.1.7).");
        }

        planner.CheckPreconditions(Runner);
        var engine = new ProcedureEngine(new CmdletProcedureHost(this, StopToken), JournalStore.Open());
        var result = engine.Run(plan, id);
        CmdletProcedureHost.WriteResult(this, result, engine);
    }

    // -WhatIf shows the whole numbered plan, each step with its exact native command lines.
    private void ShowPlan(ProcedurePlan plan, string id, string description)
    {
        ShouldProcess($"{description} of {Noun} '{plan.UserApplication}' as procedure {id}, {plan.Steps.Count} steps:", description, "Confirm");
        foreach (var step in ProcedureEngine.Describe(plan, id).Steps)
        {
            ShouldProcess($"Step {step.Number} of {plan.Steps.Count}: {step.Name}{(step.Device is null ? string.Empty : $" ({step.Device})")}: {step.Command}", step.Name, "Confirm");
        }
    }

    private static string NewId(string userApplication)
        => $"{DateTime.Now:yyyyMMdd-HHmmss}-{(userApplication.Length > 40 ? userApplication[..40] : userApplication)}-{Guid.NewGuid().ToString("n")[..6]}";

    private static AcmVolume ToVolume(object value)
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
