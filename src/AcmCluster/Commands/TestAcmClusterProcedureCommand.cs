using System;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Planning;

namespace AcmCluster.Commands;

/// <summary>
/// The read-only preflight of a procedure: every precondition the procedure itself checks before it changes
/// anything (the same code), one PreflightCheck each, failures first. Runs nothing that changes state.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "AcmClusterProcedure", DefaultParameterSetName = VolumeSet)]
// -Quiet writes a Boolean instead; it is not declared here because every declared output type has a table view.
[OutputType(typeof(PreflightCheck))]
public sealed class TestAcmClusterProcedureCommand : ProcedureCmdlet
{
    /// <summary>The procedure to check, as Invoke-AcmClusterBackup (-Synchronous), Invoke-AcmClusterRestore or Invoke-AcmStoppedCluster* would run it.</summary>
    [Parameter(Mandatory = true)]
    [ValidateSet("Backup", "SynchronousBackup", "Restore", "StoppedClusterBackup", "StoppedClusterRestore")]
    public string Procedure { get; set; } = "Backup";

    /// <summary>Restore: the relative generation (1 = newest) that must exist.</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    public int Generation { get; set; }

    /// <summary>Cluster restore: the device to restore to instead of the transaction volume (one volume only).</summary>
    [Parameter]
    public string? RestoreDevice { get; set; }

    /// <summary>Stopped cluster: the shared disks to enable (New-AcmSharedDisk objects or hashtables).</summary>
    [Parameter]
    public object[] SharedDisk { get; set; } = Array.Empty<object>();

    /// <summary>Stopped cluster: the ACM shared-data volume (Device and MountPoint).</summary>
    [Parameter]
    public object? SharedDataVolume { get; set; }

    /// <summary>Return only $true when every check passes, else $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void Process()
    {
        var planner = Planners.For(WithCluster(BuildRequest()));
        var checks = RunPreflight(planner, planner.Plan(), Preflight.ForReport());
        if (Quiet)
        {
            WriteObject(checks.AllPassed);
            return;
        }

        // Failures first: what to fix is what an operator reads.
        foreach (var check in checks.Results.Where(r => !r.Passed).Concat(checks.Results.Where(r => r.Passed)))
        {
            WriteObject(check);
        }

        if (!checks.AllPassed)
        {
            // An error, so that 'pwsh -Command' exits non-zero for cron and Ansible --check.
            var failed = checks.Results.Where(r => !r.Passed).ToList();
            WriteError(new AcmException(
                "PreflightFailed",
                ErrorCategory.InvalidOperation,
                $"{failed.Count} of {checks.Results.Count} checks of {Procedure} for '{UserApplication}' failed: {string.Join(", ", failed.Select(f => $"{f.Check} ({f.Target})"))}.",
                failed)
            {
                RecommendedAction = "Each failed check's Recommendation says what to do.",
            }.ToErrorRecord());
        }
    }

    // "Backup" is the snapshot-type backup, as Invoke-AcmClusterBackup without -Synchronous; the other names are the procedures' ids.
    private protected override ProcedureRequest BuildRequest()
    {
        var kind = Procedure == "Backup" ? ProcedureKind.SnapshotBackup : Enum.Parse<ProcedureKind>(Procedure);
        int? generation = MyInvocation.BoundParameters.ContainsKey(nameof(Generation)) ? Generation : null;
        if (Planners.IsStoppedCluster(kind))
        {
            return StoppedClusterRequest(kind) with { Generation = generation };
        }

        return ClusterRequest(kind) with
        {
            Generation = generation,
            RestoreDevice = RestoreDevice is null ? null : InputValidator.Device(RestoreDevice, nameof(RestoreDevice)),
        };
    }

    // The stopped-cluster request is built by the stopped-cluster cmdlet's own validation: -Volume items are the
    // transaction file systems (Device and MountPoint), their devices the ones copied; -Device adds raw devices.
    private StoppedClusterRequest StoppedClusterRequest(ProcedureKind kind)
    {
        var volumes = ParameterSetName == SingleSet
            ? new object[] { new { Device, MountPoint } }
            : Volume;
        var devices = volumes.Select(v => InputObject.Property(v, "Device") ?? string.Empty).ToArray();
        // Any stopped-cluster cmdlet serves: the procedure is given to StoppedRequest, not taken from the cmdlet.
        StoppedClusterCmdlet shape = new InvokeAcmStoppedClusterBackupCommand();
        shape.UserApplication = UserApplication;
        shape.LogicalNode = LogicalNode ?? string.Empty;
        shape.Device = devices;
        shape.Volume = volumes;
        shape.SharedDisk = SharedDisk;
        shape.SharedDataVolume = SharedDataVolume;
        shape.Node = Node;
        return shape.StoppedRequest(kind);
    }
}
