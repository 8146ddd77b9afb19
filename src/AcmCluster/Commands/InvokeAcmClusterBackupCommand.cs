using System.Management.Automation;

namespace AcmCluster.Commands;

/// <summary>The manual's snapshot-type or synchronous backup on a cluster, in one call that always returns the cluster to service.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "AcmClusterBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = VolumeSet)]
[OutputType(typeof(ProcedureResult))]
public sealed class InvokeAcmClusterBackupCommand : ProcedureCmdlet
{
    /// <summary>Start EC (swststartsync) and wait for equivalency maintenance before the maintenance window.</summary>
    [Parameter]
    public SwitchParameter Synchronous { get; set; }

    protected override void Process()
    {
        var request = BuildRequest(Synchronous ? "SynchronousBackup" : "SnapshotBackup");
        RunProcedure(request, Synchronous ? "Synchronous backup" : "Snapshot-type backup");
    }
}
