using System.Management.Automation;
using AcmCluster.Products.Generic;

namespace AcmCluster.Commands;

/// <summary>
/// Describes a cluster the module has no product knowledge of (SynfinityCLUSTER, or any other) as script
/// blocks; every cluster cmdlet takes the result as -GenericCluster and runs the same procedures around it.
/// </summary>
[Cmdlet(VerbsCommon.New, "AcmGenericCluster")]
[OutputType(typeof(GenericCluster))]
public sealed class NewAcmGenericClusterCommand : AcmCmdlet
{
    /// <summary>The product's name, for messages and results.</summary>
    [Parameter(Position = 0)]
    public string Name { get; set; } = "Generic";

    [Parameter(Mandatory = true)]
    public ScriptBlock? GetStateScript { get; set; }

    [Parameter]
    public ScriptBlock? EnterMaintenanceScript { get; set; }

    [Parameter]
    public ScriptBlock? ExitMaintenanceScript { get; set; }

    [Parameter]
    public ScriptBlock? StartScript { get; set; }

    [Parameter]
    public ScriptBlock? ResourceOfflineScript { get; set; }

    [Parameter]
    public ScriptBlock? ResourceOnlineScript { get; set; }

    [Parameter]
    public ScriptBlock? ClearFaultScript { get; set; }

    protected override void Process()
    {
        var cluster = new GenericCluster
        {
            Name = Name,
            GetStateScript = GetStateScript,
            EnterMaintenanceScript = EnterMaintenanceScript,
            ExitMaintenanceScript = ExitMaintenanceScript,
            StartScript = StartScript,
            ResourceOfflineScript = ResourceOfflineScript,
            ResourceOnlineScript = ResourceOnlineScript,
            ClearFaultScript = ClearFaultScript,
        };
        WriteObject(GenericProvider.Validated(cluster));
    }
}
