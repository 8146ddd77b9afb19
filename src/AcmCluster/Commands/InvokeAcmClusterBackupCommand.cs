using System.Management.Automation;
using AcmCluster.Planning;

namespace AcmCluster.Commands;

/// <summary>The manual's snapshot-type or synchronous backup on a cluster, in one call that always returns the cluster to service.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "AcmClusterBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = VolumeSet)]
[OutputType(typeof(ProcedureResult))]
public sealed class InvokeAcmClusterBackupCommand : ProcedureCmdlet
{
    /// <summary>Start EC (swststartsync) and wait for equivalency maintenance before the maintenance window.</summary>
    [Parameter]
    public SwitchParameter Synchronous { get; set; }

    private protected override ProcedureRequest BuildRequest()
        => ClusterRequest(Synchronous ? ProcedureKind.SynchronousBackup : ProcedureKind.SnapshotBackup);
}
