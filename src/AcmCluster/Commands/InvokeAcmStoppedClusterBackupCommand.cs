using System.Management.Automation;
using AcmCluster.Planning;

namespace AcmCluster.Commands;

/// <summary>Backup while the cluster service is stopped (ACM V15.1, 9.1.7.1), in one call that always releases the shared disks.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "AcmStoppedClusterBackup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProcedureResult))]
public sealed class InvokeAcmStoppedClusterBackupCommand : StoppedClusterCmdlet
{
    private protected override ProcedureRequest BuildRequest() => StoppedRequest(ProcedureKind.StoppedClusterBackup);
}
