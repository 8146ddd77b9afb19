using System.Management.Automation;
using AcmCluster.Planning;

namespace AcmCluster.Commands;

/// <summary>Restore while the cluster service is stopped (ACM V15.1, 9.1.7.1), in one call that always releases the shared disks.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "AcmStoppedClusterRestore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ProcedureResult))]
public sealed class InvokeAcmStoppedClusterRestoreCommand : StoppedClusterCmdlet
{
    /// <summary>Relative generation to restore (1 = newest); swstrestore -g.</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    [ArgumentCompleter(typeof(Completion.GenerationCompleter))]
    public int Generation { get; set; }

    private protected override string ConfirmDetail => Generation > 0 ? $"generation {Generation}" : "the newest generation";

    private protected override ProcedureRequest BuildRequest()
        => StoppedRequest(ProcedureKind.StoppedClusterRestore) with { Generation = MyInvocation.BoundParameters.ContainsKey(nameof(Generation)) ? Generation : null };
}
