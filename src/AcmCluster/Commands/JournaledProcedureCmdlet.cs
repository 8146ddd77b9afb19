using System;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Planning;
using AcmCluster.Procedures;

namespace AcmCluster.Commands;

/// <summary>
/// The one base of every cmdlet that runs a journaled procedure (the cluster procedures and the stopped-cluster
/// ones). It owns the run: build the request (the cmdlet's one job) → detect the cluster → plan → preflight →
/// -WhatIf as a numbered plan, or the confirmation → lock and journal → run → result. Not generic over the request
/// type: a public cmdlet cannot derive from a base closed over an internal type, and the requests are internal.
/// </summary>
public abstract class JournaledProcedureCmdlet : ClusterCmdlet
{
    // Public only because PowerShell needs the cmdlets' base classes public; nothing outside the module derives from it.
    private protected JournaledProcedureCmdlet() { }

    /// <summary>Seconds each wait step may take; -1 waits without limit.</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [ValidateRange(-1.0, (double)int.MaxValue)]
    public double Timeout { get; set; } = 300;

    [Parameter]
    [ValidateRange(0.05, 3600.0)]
    public double PollInterval { get; set; } = 1;

    /// <summary>How many backups or restores run at the same time.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>The request of this cmdlet's procedure, every parameter validated; no native command has run yet.</summary>
    private protected abstract ProcedureRequest BuildRequest();

    protected override void Process() => RunProcedure(BuildRequest());

    /// <summary>-WhatIf, before the preflight: what the procedure checks first, when it is worth showing (the stopped cluster's state commands).</summary>
    private protected virtual void ShowFirstChecks(IProcedurePlanner planner, ProcedureRequest request, string description)
    {
    }

    /// <summary>What the confirmation and -WhatIf name as the procedure's object.</summary>
    private protected virtual string Subject(string userApplication) => $"{Noun} '{userApplication}'";

    /// <summary>Said once the procedure is confirmed, right before it runs.</summary>
    private protected virtual void BeforeRun()
    {
    }

    /// <summary>Plans, shows (-WhatIf) or runs the procedure, and writes its result.</summary>
    private void RunProcedure(ProcedureRequest request)
    {
        // The cluster is detected only after every parameter is validated: bad input is reported as such.
        request = WithCluster(request);
        var id = NewId(request.UserApplication);
        var journal = IsWhatIf() ? null : JournalStore.Open();
        request = request.Starting(id, journal?.Directory);
        var planner = Planners.For(request);
        var plan = planner.Plan();
        var description = Planners.Description(request.Procedure);
        var subject = Subject(request.UserApplication);
        if (journal is null)
        {
            // Check mode (Ansible --check, a dry run) must fail where the run would: the same read-only checks first.
            ShowFirstChecks(planner, request, description);
            var checks = RunPreflight(planner, plan, Preflight.ForReport());
            WarnFailedChecks(checks);
            ShowPlan(plan, id, description, subject);
            FailIfChecksFailed(checks);
            return;
        }

        // Checked before the prompt (it only reads): a 'yes' must not be followed by a refusal.
        RunPreflight(planner, plan, Preflight.ForProcedure());
        if (!ConfirmProcedure(plan, description, subject))
        {
            return;
        }

        BeforeRun();
        RunPlan(plan, id, journal);
    }

    /// <summary>The request on the cluster this cmdlet detected (or was given).</summary>
    private protected ProcedureRequest WithCluster(ProcedureRequest request) => (request with { ClusterType = EffectiveClusterType }).WithGeneric(EffectiveGenericCluster);

    private static string NewId(string userApplication)
        => $"{DateTime.Now:yyyyMMdd-HHmmss}-{(userApplication.Length > 40 ? userApplication[..40] : userApplication)}-{Guid.NewGuid().ToString("n")[..6]}";

    /// <summary>What the confirmation adds after the devices (a restore's generation); null for nothing.</summary>
    private protected virtual string? ConfirmDetail => null;

    /// <summary>-WhatIf shows the whole numbered plan, each step with its exact native command lines.</summary>
    private void ShowPlan(ProcedurePlan plan, string id, string description, string subject)
    {
        ShouldProcess($"{Action(plan, description, subject)} as procedure {id}, {plan.Steps.Count} steps:", description, "Confirm");
        foreach (var step in ProcedureEngine.Describe(plan, id).Steps)
        {
            ShouldProcess($"Step {step.Number} of {plan.Steps.Count}: {step.Name}{(step.Device is null ? string.Empty : $" ({step.Device})")}: {step.Command}", step.Name, "Confirm");
        }
    }

    /// <summary>
    /// Confirms the whole procedure once; false when the user declines. The prompt itself (not only
    /// -WhatIf and -Verbose) names the action, application, devices and generation.
    /// </summary>
    private bool ConfirmProcedure(ProcedurePlan plan, string description, string subject)
    {
        var action = $"{Action(plan, description, subject)}, {plan.Steps.Count} steps";
        return ShouldProcess(action, $"{action}?", "Confirm");
    }

    private string Action(ProcedurePlan plan, string description, string subject)
        => $"{description} of {subject} ({string.Join(", ", plan.Devices)}){(ConfirmDetail is { } d ? $", {d}" : string.Empty)}";

    /// <summary>Every precondition of the procedure (Test-AcmClusterProcedure, -WhatIf, and the procedure itself).</summary>
    private protected Preflight RunPreflight(IProcedurePlanner planner, ProcedurePlan plan, Preflight checks)
    {
        CheckCommon(checks, plan);
        planner.CheckPreconditions(Runner, checks, WriteVerbose);
        return checks;
    }

    /// <summary>
    /// The checks every procedure shares: the state directory can be opened, no procedure of the application is
    /// running or unfinished, and every native command of the plan can be found.
    /// </summary>
    private void CheckCommon(Preflight checks, ProcedurePlan plan)
    {
        JournalStore? journal = null;
        checks.Check("StateDirectory", "journals", () =>
        {
            journal = JournalStore.Open();
            return $"{journal.Directory} is usable";
        });

        if (journal is not null)
        {
            // The probe only opens an existing lock file, so -WhatIf and the preflight write nothing.
            checks.Check("NoProcedureRunning", plan.UserApplication, () => journal.IsLocked(plan.UserApplication)
                ? throw ProcedureEngine.InProgress(plan.UserApplication)
                : "no procedure of this application is running");

            checks.Check("NoIncompleteProcedure", plan.UserApplication, () =>
            {
                ProcedureEngine.RefuseIfIncomplete(journal, plan.UserApplication, null);
                return "no procedure of this application is unfinished";
            });
        }

        var commands = plan.Steps.SelectMany(s => s.Commands).Where(c => c.Script is null).GroupBy(c => c.Name).Select(g => g.First());
        foreach (var command in commands)
        {
            checks.Check("NativeCommand", command.Name, () => Runner.Locate(command));
        }
    }

    /// <summary>-WhatIf: the failed checks as warnings, before the plan.</summary>
    private void WarnFailedChecks(Preflight checks)
    {
        foreach (var failed in checks.Results.Where(r => !r.Passed))
        {
            WriteWarning($"Preflight check {failed.Check} ({failed.Target}) failed: {failed.Detail}");
        }
    }

    /// <summary>-WhatIf, after the plan: any failed check is also an error, so that check mode fails as the run would.</summary>
    private void FailIfChecksFailed(Preflight checks)
    {
        var failed = checks.Results.Where(r => !r.Passed).ToList();
        if (failed.Count > 0)
        {
            WriteError(new Internal.AcmException(
                "PreflightFailed",
                System.Management.Automation.ErrorCategory.InvalidOperation,
                $"{failed.Count} preflight check(s) failed, so the procedure would fail: {string.Join("; ", failed.Select(f => $"{f.Check} ({f.Target}): {f.ErrorId}"))}.",
                failed)
            {
                RecommendedAction = "Test-AcmClusterProcedure lists every check with what to do.",
            }.ToErrorRecord());
        }
    }

    /// <summary>Runs the plan through the engine and writes its result (the result first, then any error).</summary>
    private void RunPlan(ProcedurePlan plan, string id, JournalStore journal)
    {
        var engine = new ProcedureEngine(new CmdletProcedureHost(this, StopToken), journal);
        var result = engine.Run(plan, id);
        CmdletProcedureHost.WriteResult(this, result, engine);
    }
}
