using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Planning;

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

    private protected override ProcedureRequest BuildRequest()
    {
        var request = ClusterRequest(ProcedureKind.Restore) with { Generation = MyInvocation.BoundParameters.ContainsKey(nameof(Generation)) ? Generation : null };
        if (RestoreDevice is null)
        {
            return request;
        }

        if (request.Volumes.Count != 1)
        {
            throw new AcmException("InvalidVolume", ErrorCategory.InvalidArgument, "-RestoreDevice restores one volume; give exactly one.", RestoreDevice);
        }

        return request with { RestoreDevice = InputValidator.Device(RestoreDevice, nameof(RestoreDevice)) };
    }
}
