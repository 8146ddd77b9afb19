using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

[Cmdlet(VerbsCommon.Enter, "AcmMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MaintenanceResult))]
public sealed class EnterAcmMaintenanceCommand : ClusterCmdlet
{
    /// <summary>The userApplication (cluster transaction) to put into maintenance mode.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.UserApplicationCompleter))]
    public string UserApplication { get; set; } = string.Empty;

    /// <summary>VCS: a persistent freeze (hagrp -freeze -persistent inside haconf -makerw … haconf -dump -makero), which survives a restart of HAD.</summary>
    [Parameter]
    public SwitchParameter Persistent { get; set; }

    protected override void Process()
    {
        var name = InputValidator.Name(UserApplication, nameof(UserApplication));

        // Built before the query so that an option or script the product lacks is refused before anything runs.
        var commands = Provider.MaintenanceCommands(name, on: true, force: false, Persistent);
        var view = Provider.Query();
        var app = view.Application(name, Noun);
        if (app.InMaintenance)
        {
            WriteVerbose($"{Noun} '{name}' is already in maintenance mode; nothing to do.");
            WriteObject(new MaintenanceResult { UserApplication = name, Maintenance = true, Changed = false, ClusterType = Provider.Capabilities.Type.ToString() });
            return;
        }

        var line = string.Join("; ", commands.Select(c => c.CommandLine));
        if (!ShouldProcess($"Enter maintenance mode for {Noun} '{name}': {line}", $"Enter maintenance mode for {Noun} '{name}'? This runs: {line}", "Confirm"))
        {
            return;
        }

        var result = Provider.SetMaintenance(name, on: true, force: false, Persistent);
        WriteObject(new MaintenanceResult { UserApplication = name, Maintenance = true, Changed = true, ClusterType = Provider.Capabilities.Type.ToString(), NativeCommand = result });
    }
}
