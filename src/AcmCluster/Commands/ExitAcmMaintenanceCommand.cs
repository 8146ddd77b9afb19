using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using AcmCluster.Cluster;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

[Cmdlet(VerbsCommon.Exit, "AcmMaintenance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MaintenanceResult))]
public sealed class ExitAcmMaintenanceCommand : ClusterCmdlet
{
    /// <summary>The userApplication to take out of maintenance mode.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.UserApplicationCompleter))]
    public string UserApplication { get; set; } = string.Empty;

    /// <summary>Use 'hvutil -m forceoff' even when resources are not back in their pre-maintenance state.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>VCS: a persistent unfreeze (inside haconf -makerw … haconf -dump -makero); chosen automatically when the group is frozen persistently.</summary>
    [Parameter]
    public SwitchParameter Persistent { get; set; }

    protected override void Process()
    {
        var name = InputValidator.Name(UserApplication, nameof(UserApplication));

        // Refuses an option or script the product lacks before anything runs; the commands are built again
        // after the query, which tells whether a VCS freeze is persistent.
        _ = Provider.MaintenanceCommands(name, on: false, Force, Persistent);
        var view = Provider.Query();
        var app = view.Application(name, Noun);
        if (!app.InMaintenance)
        {
            WriteVerbose($"{Noun} '{name}' is not in maintenance mode; nothing to do.");
            WriteObject(new MaintenanceResult { UserApplication = name, Maintenance = false, Changed = false, ClusterType = Provider.Capabilities.Type.ToString() });
            return;
        }

        if (!Force)
        {
            var blockers = Provider.MaintenanceExitBlockers(view, name);
            if (blockers.Count > 0)
            {
                var list = string.Join(", ", blockers.Select(b => $"{b.Name} ({b.State}, {b.StateDetails})"));
                throw new AcmException(
                    "MaintenanceExitBlocked",
                    ErrorCategory.ResourceUnavailable,
                    $"The {Noun} '{name}' stays in maintenance mode: these resources are not back in their pre-maintenance state: {list}.",
                    name)
                {
                    RecommendedAction = "Mount the file systems back and wait until the resources are Online (Wait-AcmResourceState), then retry." + (Provider.Capabilities.ForcedExitOverridesCluster ? $" -Force uses '{Provider.MaintenanceCommandLine(name, on: false, force: true)}'." : string.Empty),
                };
            }
        }

        var commands = Provider.MaintenanceCommands(name, on: false, Force, Persistent);
        var line = string.Join("; ", commands.Select(c => c.CommandLine));
        if (!ShouldProcess($"Leave maintenance mode for {Noun} '{name}': {line}", $"Leave maintenance mode for {Noun} '{name}'? This runs: {line}", "Confirm"))
        {
            return;
        }

        if (Force && Provider.Capabilities.ForcedExitOverridesCluster && !ConfirmForce(line))
        {
            return;
        }

        var result = Provider.SetMaintenance(name, on: false, Force, Persistent);
        WriteObject(new MaintenanceResult { UserApplication = name, Maintenance = false, Changed = true, ClusterType = Provider.Capabilities.Type.ToString(), NativeCommand = result });
    }

    // forceoff overrides RMS's own safety check, so it is confirmed even at the default $ConfirmPreference;
    // -Confirm:$false is the explicit way to skip the question in scripts.
    private bool ConfirmForce(string commandLine)
    {
        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter { IsPresent: false })
        {
            return true;
        }

        if (!CanPrompt())
        {
            throw NoPrompt(commandLine, null);
        }

        try
        {
            return ShouldContinue(
                $"'{commandLine}' leaves maintenance mode even though resources may not be in their pre-maintenance state; RMS may then fail the application over.",
                "Force maintenance mode off?");
        }
        catch (HostException e)
        {
            throw NoPrompt(commandLine, e);
        }
        catch (PSInvalidOperationException e)
        {
            throw NoPrompt(commandLine, e);
        }
    }

    private static AcmException NoPrompt(string commandLine, System.Exception? e)
        => new("ConfirmationRequired", ErrorCategory.PermissionDenied, $"'{commandLine}' needs confirmation and this session cannot prompt.", commandLine, e)
        {
            RecommendedAction = "Add -Confirm:$false to run it without a prompt.",
        };
}
