using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Planning;
using AcmCluster.Procedures;

namespace AcmCluster.Commands;

/// <summary>
/// Brings the cluster back after a procedure that did not finish, from its journal: the undo of every
/// step that ran, in reverse (mount back, wait Online, maintenance off). A backup or restore is never run again.
/// ConfirmImpact High: root acts on what a file says, so it asks unless told not to; the journal is checked
/// like user input first, and script text it holds runs only with -TrustJournalScripts.
/// -Acknowledge closes a procedure an operator finished by hand: it runs nothing and records who and when.
/// </summary>
[Cmdlet(VerbsLifecycle.Resume, "AcmProcedure", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ResumeSet)]
[OutputType(typeof(ProcedureResult))]
public sealed class ResumeAcmProcedureCommand : AcmCmdlet
{
    private const string ResumeSet = "Resume";
    private const string AcknowledgeSet = "Acknowledge";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.IncompleteProcedureIdCompleter))]
    public string Id { get; set; } = string.Empty;

    /// <summary>A Generic cluster's scripts to use instead of the text the journal kept (for scripts that need your session's functions or variables).</summary>
    [Parameter(ParameterSetName = ResumeSet)]
    public GenericCluster? GenericCluster { get; set; }

    /// <summary>Run the script text the journal holds (a Generic cluster's not given again with -GenericCluster, a shared disk's).</summary>
    [Parameter(ParameterSetName = ResumeSet)]
    public SwitchParameter TrustJournalScripts { get; set; }

    /// <summary>Close a procedure that was finished by hand: run nothing, mark the journal Acknowledged (with who and when).</summary>
    [Parameter(Mandatory = true, ParameterSetName = AcknowledgeSet)]
    public SwitchParameter Acknowledge { get; set; }

    protected override void Process()
    {
        var journal = JournalStore.Open();
        var id = InputValidator.Name(Id, nameof(Id));
        var entry = journal.Load(id) ?? throw journal.NotFound(id);
        if (!journal.IsIncomplete(entry))
        {
            if (entry.Result.StateValue == ProcedureState.Running)
            {
                throw new AcmException("ProcedureInProgress", ErrorCategory.ResourceBusy, $"Procedure {id} is still running in a live process.", id);
            }

            WriteVerbose($"Procedure {id} is {entry.Result.State}; nothing to resume.");
            WriteObject(entry.Result);
            return;
        }

        if (Acknowledge)
        {
            // Nothing of the journal is acted on, so it need not be readable by this release (JournalIncompatible).
            if (ShouldProcess($"Mark procedure {id} ({entry.Result.Procedure} of '{entry.Result.UserApplication}', {entry.Result.State}) as Acknowledged: finished by hand, no command runs; later procedures of '{entry.Result.UserApplication}' are no longer refused", "Acknowledge procedure", "Confirm"))
            {
                WriteObject(new ProcedureEngine(new CmdletProcedureHost(this, StopToken), journal).Acknowledge(entry, System.Environment.UserName));
            }

            return;
        }

        var request = JournaledRequest.Read(entry, journal.Directory);
        var scripts = JournaledRequest.Scripts(request, GenericCluster is not null);
        if (scripts.Count > 0 && !TrustJournalScripts && !IsWhatIf())
        {
            throw new AcmException(
                "JournalScriptsUntrusted",
                ErrorCategory.SecurityError,
                $"Procedure {id} would run script text kept in its journal {entry.Result.JournalPath}; that runs only when you give the Generic cluster again or pass -TrustJournalScripts after reading it:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, scripts)}",
                id)
            {
                RecommendedAction = $"Run: Resume-AcmProcedure -Id {id} -GenericCluster <the cluster you used>, or after reading the scripts above: Resume-AcmProcedure -Id {id} -TrustJournalScripts",
            };
        }

        var plan = Planners.Replan(request, GenericCluster);
        JournalCompatibility.Match(entry, plan);
        var toUndo = entry.Result.Steps.Where(s => JournalCompatibility.Ran(s) && plan.Steps[s.Number - 1].Undo is not null).Reverse().ToList();
        string Line(ProcedureStepResult step)
            => $"Undo step {step.Number} of procedure {id}: {step.Name}{(step.Device is null ? string.Empty : $" ({step.Device})")}: {string.Join("; ", plan.Steps[step.Number - 1].ManualUndo.Select(c => c.CommandLine))}";

        // -WhatIf lists every undo; a confirmation asks once for the whole resume.
        if (IsWhatIf())
        {
            if (scripts.Count > 0)
            {
                ShouldProcess($"Run script text from journal {entry.Result.JournalPath} ({(TrustJournalScripts ? "-TrustJournalScripts given" : "refused without -TrustJournalScripts")}):{System.Environment.NewLine}{string.Join(System.Environment.NewLine, scripts)}", "Resume procedure", "Confirm");
            }

            foreach (var step in toUndo)
            {
                ShouldProcess(Line(step), "Resume procedure", "Confirm");
            }

            return;
        }

        var running = scripts.Count == 0 ? string.Empty : $", running this script text from the journal:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, scripts)}";
        if (!ShouldProcess($"Resume procedure {id} ({entry.Result.Procedure} of '{entry.Result.UserApplication}'): undo {toUndo.Count} steps in reverse, never repeating a backup or restore{running}", "Resume procedure", "Confirm"))
        {
            return;
        }

        var engine = new ProcedureEngine(new CmdletProcedureHost(this, StopToken), journal);
        var result = engine.Resume(plan, entry);
        CmdletProcedureHost.WriteResult(this, result, engine);
    }
}
