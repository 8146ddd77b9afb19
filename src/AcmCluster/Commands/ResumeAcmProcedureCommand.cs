using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Planning;
using AcmCluster.Procedures;

namespace AcmCluster.Commands;

/// <summary>
/// Brings the cluster back after a procedure that did not finish, from its journal: the undo of every
/// step that ran, in reverse (mount back, wait Online, maintenance off). A backup or restore is never run again.
/// </summary>
[Cmdlet(VerbsLifecycle.Resume, "AcmProcedure", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ProcedureResult))]
public sealed class ResumeAcmProcedureCommand : AcmCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.IncompleteProcedureIdCompleter))]
    public string Id { get; set; } = string.Empty;

    /// <summary>A Generic cluster's scripts to use instead of the text the journal kept (for scripts that need your session's functions or variables).</summary>
    [Parameter]
    public GenericCluster? GenericCluster { get; set; }

    protected override void Process()
    {
        var journal = JournalStore.Open();
        var id = InputValidator.Name(Id, nameof(Id));
        var entry = journal.Load(id) ?? throw journal.NotFound(id);
        if (!journal.IsIncomplete(entry))
        {
            if (entry.Result.State == "Running")
            {
                throw new AcmException("ProcedureInProgress", ErrorCategory.ResourceBusy, $"Procedure {id} is still running in a live process.", id);
            }

            WriteVerbose($"Procedure {id} is {entry.Result.State}; nothing to resume.");
            WriteObject(entry.Result);
            return;
        }

        var plan = Planners.Replan(entry, GenericCluster);
        var toUndo = entry.Result.Steps.Where(s => s.Status is not (StepStatus.Planned or StepStatus.Skipped) && plan.Steps[s.Number - 1].Undo is not null).Reverse().ToList();
        string Line(ProcedureStepResult step)
            => $"Undo step {step.Number} of procedure {id}: {step.Name}{(step.Device is null ? string.Empty : $" ({step.Device})")}: {string.Join("; ", plan.Steps[step.Number - 1].ManualUndo.Select(c => c.CommandLine))}";

        // -WhatIf lists every undo; a confirmation asks once for the whole resume.
        if (IsWhatIf())
        {
            foreach (var step in toUndo)
            {
                ShouldProcess(Line(step), "Resume procedure", "Confirm");
            }

            return;
        }

        if (!ShouldProcess($"Resume procedure {id} ({entry.Result.Procedure} of '{entry.Result.UserApplication}'): undo {toUndo.Count} steps in reverse, never repeating a backup or restore", "Resume procedure", "Confirm"))
        {
            return;
        }

        var engine = new ProcedureEngine(new CmdletProcedureHost(this, StopToken), journal);
        var result = engine.Resume(plan, entry);
        CmdletProcedureHost.WriteResult(this, result, engine);
    }
}
