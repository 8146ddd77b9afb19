using System;
using System.Management.Automation;
using AcmCluster.Procedures;

namespace AcmCluster.Commands;

/// <summary>
/// Shared by every cmdlet that runs a journaled procedure (the cluster procedures and the stopped-cluster
/// ones): the timing and throttle parameters, procedure ids, -WhatIf as a numbered plan, and the run itself.
/// </summary>
public abstract class JournaledProcedureCmdlet : ClusterCmdlet
{
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

    private protected static string NewId(string userApplication)
        => $"{DateTime.Now:yyyyMMdd-HHmmss}-{(userApplication.Length > 40 ? userApplication[..40] : userApplication)}-{Guid.NewGuid().ToString("n")[..6]}";

    /// <summary>What the confirmation adds after the devices (a restore's generation); null for nothing.</summary>
    private protected virtual string? ConfirmDetail => null;

    /// <summary>-WhatIf shows the whole numbered plan, each step with its exact native command lines.</summary>
    private protected void ShowPlan(ProcedurePlan plan, string id, string description, string subject)
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
    private protected bool ConfirmProcedure(ProcedurePlan plan, string description, string subject)
    {
        var action = $"{Action(plan, description, subject)}, {plan.Steps.Count} steps";
        return ShouldProcess(action, $"{action}?", "Confirm");
    }

    private string Action(ProcedurePlan plan, string description, string subject)
        => $"{description} of {subject} ({string.Join(", ", plan.Devices)}){(ConfirmDetail is { } d ? $", {d}" : string.Empty)}";

    /// <summary>Runs the plan through the engine and writes its result (the result first, then any error).</summary>
    private protected void RunPlan(ProcedurePlan plan, string id, JournalStore journal)
    {
        var engine = new ProcedureEngine(new CmdletProcedureHost(this, StopToken), journal);
        var result = engine.Run(plan, id);
        CmdletProcedureHost.WriteResult(this, result, engine);
    }
}
