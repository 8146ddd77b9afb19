using System.Management.Automation;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

[Cmdlet(VerbsCommon.Enter, "AcmMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MaintenanceResult))]
public sealed class EnterAcmMaintenanceCommand : ClusterCmdlet
{
    /// <summary>The userApplication (cluster transaction) to put into maintenance mode.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string UserApplication { get; set; } = string.Empty;

    protected override void Process()
    {
        var name = InputValidator.Name(UserApplication, nameof(UserApplication));
        var view = Provider.Query();
        var app = FindApplication(view, name);
        if (app.InMaintenance)
        {
            WriteVerbose($"userApplication '{name}' is already in maintenance mode; nothing to do.");
            WriteObject(new MaintenanceResult { UserApplication = name, Maintenance = true, Changed = false, ClusterType = Provider.Type });
            return;
        }

        var command = Provider.EnterMaintenanceCommand(name);
        if (!ShouldRun(command, $"Enter maintenance mode for userApplication '{name}'"))
        {
            return;
        }

        var result = Runner.Run(command, "EnterMaintenanceFailed");
        WriteObject(new MaintenanceResult { UserApplication = name, Maintenance = true, Changed = true, ClusterType = Provider.Type, NativeCommand = result });
    }
}
