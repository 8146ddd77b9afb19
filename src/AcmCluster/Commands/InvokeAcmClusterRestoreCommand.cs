using System.Management.Automation;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

/// <summary>The manual's restore on a cluster, in one call that always returns the cluster to service.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "AcmClusterRestore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = VolumeSet)]
[OutputType(typeof(ProcedureResult))]
public sealed class InvokeAcmClusterRestoreCommand : ProcedureCmdlet
{
    /// <summary>Relative generation to restore (1 = newest); swstrestore -g.</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    [ArgumentCompleter(typeof(Completion.GenerationCompleter))]
    public int Generation { get; set; }

    private protected override string ConfirmDetail => Generation > 0 ? $"generation {Generation}" : "the newest generation";

    /// <summary>Restore to this device instead of the transaction volume (one volume only); swstrestore -r.</summary>
    [Parameter]
    public string? RestoreDevice { get; set; }

    protected override void Process()
    {
        var request = BuildRequest("Restore");
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Generation)))
        {
            request.Generation = Generation;
        }

        if (RestoreDevice is not null)
        {
            if (request.Volumes.Count != 1)
            {
                throw new AcmException("InvalidVolume", ErrorCategory.InvalidArgument, "-RestoreDevice restores one volume; give exactly one.", RestoreDevice);
            }

            request.RestoreDevice = InputValidator.Device(RestoreDevice, nameof(RestoreDevice));
        }

        RunProcedure(request, "Restore");
    }
}
