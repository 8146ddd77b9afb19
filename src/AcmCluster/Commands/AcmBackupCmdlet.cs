using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Products.Acm;

namespace AcmCluster.Commands;

/// <summary>Base of the ACM backup-management cmdlets: the logical node they act on.</summary>
public abstract class AcmBackupCmdlet : AcmCmdlet
{
    // Public only because PowerShell needs the cmdlets' base classes public; nothing outside the module derives from it.
    private protected AcmBackupCmdlet() { }

    /// <summary>
    /// ACM's logical node name of the cluster transaction; passed to the native command as SWSTGNODE for that
    /// child process only. Defaults to $env:SWSTGNODE.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.LogicalNodeCompleter))]
    public string? LogicalNode { get; set; }

    /// <summary>
    /// ACM's -h Server-Name: run the command for another Managed Server (allowed only on a Management Server).
    /// Refused while a stopped-cluster procedure holds a shared-disk claim on this node (ACM V15.1, 9.1.7.1).
    /// </summary>
    [Parameter]
    [Alias("Server")]
    public string? ComputerName { get; set; }

    /// <summary>The validated -ComputerName, or null; refuses it during a stopped-cluster procedure on this node.</summary>
    protected string? EffectiveComputerName
    {
        get
        {
            if (ComputerName is null)
            {
                return null;
            }

            var server = InputValidator.Name(ComputerName, nameof(ComputerName));
            var claim = Products.SharedDisk.SharedDiskClaim.HeldHere(Procedures.JournalStore.Open().Directory).FirstOrDefault();
            if (claim is not null)
            {
                throw new AcmException(
                    "NotAllowedWhileClusterStopped",
                    ErrorCategory.InvalidOperation,
                    $"-ComputerName (ACM's -h) is not allowed while a stopped-cluster backup or restore is in progress on this node (procedure {claim.ProcedureId}, claim {claim.Path}): ACM V15.1, 9.1.7.1 forbids host specification then.",
                    server)
                {
                    RecommendedAction = "Run the command without -ComputerName on the node itself, or wait until the stopped-cluster procedure has finished.",
                };
            }

            return server;
        }
    }

    /// <summary>The validated logical node, or null for ACM's non-cluster repository.</summary>
    protected string? EffectiveLogicalNode => ResolveLogicalNode(LogicalNode);

    /// <summary>
    /// A given value must be valid (an empty one is an error, not a silent fall-back); when none is given,
    /// $env:SWSTGNODE decides, and when that is empty too, ACM's non-cluster repository.
    /// </summary>
    internal static string? ResolveLogicalNode(string? given)
    {
        if (given is not null)
        {
            return InputValidator.Name(given, nameof(LogicalNode));
        }

        var inherited = Environment.GetEnvironmentVariable(AcmCommands.LogicalNodeVariable);
        return string.IsNullOrEmpty(inherited) ? null : InputValidator.Name(inherited, nameof(LogicalNode));
    }

    /// <summary>Validated devices, or a single null meaning 'every device' for the display commands.</summary>
    protected static string?[] DevicesOrAll(string[]? devices)
        => devices is null ? new string?[] { null } : Array.ConvertAll(devices, d => (string?)InputValidator.Device(d, "Device"));

    private (IReadOnlyList<Cluster.ControlledMount> Mounts, IReadOnlyDictionary<string, string> Numbers)? _controlled;

    /// <summary>
    /// Right before a copy (Invoke-AcmBackup/-Restore), by device number, never by name: with -MountPoint, the device
    /// must be mounted nowhere; without it, a device still mounted is refused when it is a cluster transaction volume
    /// (a PRIMECLUSTER Fsystem line of fstab.pcl or a VCS Mount resource mounts it, or mounts at a path where it is
    /// mounted), because ACM's pre-processing would unmount it behind the cluster's back. Any other mounted device is
    /// left to ACM's pre-processing script. It only reads (stat, findmnt, fstab.pcl, hares), so -WhatIf runs it too.
    /// </summary>
    private protected void RefuseIfStillMounted(IReadOnlyList<string> devices, string? mountPoint)
    {
        var numbers = Products.Linux.DeviceIdentity.Read(Runner, devices);
        var table = Products.Linux.MountTable.Read(Runner);
        foreach (var device in devices)
        {
            var number = numbers.GetValueOrDefault(device);
            if (mountPoint is not null)
            {
                WriteVerbose($"Checking that {device} ({mountPoint}) is mounted nowhere before the copy.");
            }
            else if (number is null || Products.Linux.MountTable.MountsOf(table, number) is not { Count: > 0 } mounts)
            {
                continue;
            }
            else if (ControllingMount(number, mounts) is { } controlled)
            {
                WriteVerbose($"{device} is a cluster transaction volume ({controlled.Source} mounts {controlled.Device} on {controlled.MountPoint}).");
            }
            else
            {
                WriteVerbose($"{device} is mounted on {string.Join(", ", mounts.Select(m => m.Target).Distinct())}, but no cluster resource mounts it: ACM's pre-processing script decides.");
                continue;
            }

            Products.Linux.VolumeIdentity.RefuseMounted(device, number, table);
        }
    }

    // Asked once per call (the pipeline may bring many devices), and only once a named device is found mounted.
    private Cluster.ControlledMount? ControllingMount(string number, IReadOnlyList<Products.Linux.MountTable.Entry> mounts)
    {
        if (_controlled is null)
        {
            var controlled = Cluster.ControlledMounts.Read(Runner).SelectMany(c => c.Mounts).ToList();
            _controlled = (controlled, Products.Linux.DeviceIdentity.Read(Runner, controlled.Select(c => c.Device).Distinct().ToList()));
        }

        return Products.Linux.VolumeIdentity.Controlling(number, mounts, _controlled.Value.Mounts, _controlled.Value.Numbers);
    }

    /// <summary>Runs one ACM command on one device after ShouldProcess and writes its result.</summary>
    private protected void RunOperation(Native.NativeCommand command, string device, string operation, string action, string failureErrorId, string? logicalNode)
    {
        if (!ShouldRun(command, action))
        {
            return;
        }

        var result = Runner.Run(command, failureErrorId);
        WriteObject(new AcmOperationResult
        {
            Device = device,
            Operation = operation,
            Completed = AcmCommands.IsCompleted(result, device),
            LogicalNode = logicalNode,
            Command = result.CommandLine,
            NativeCommand = result,
        });
    }
}
