using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Procedures;

namespace AcmCluster.Planning;

/// <summary>
/// Resume pairs a journal's steps with the steps the current release plans for its request by their stable
/// keys, never by position or display name: a release may rename a step or insert one. A journal whose steps
/// that ran cannot all be paired (or whose schema is newer than this release reads) is refused with
/// JournalIncompatible, which names the release that wrote it and the commands to run by hand, and nothing runs.
/// The promise is written in about_AcmCluster_Recovery.
/// </summary>
internal static class JournalCompatibility
{
    // ---- Release 0.3.2 compatibility -------------------------------------------------------------------------
    // Journals of schema version 1 (release 0.3.2, and this module before step keys) recorded no keys. Their
    // steps are given keys from their display names as 0.3.2 wrote them, plus the device of the step. This table
    // is the only place that knows those names; it must never change, whatever the planners call a step later.
    private static readonly Dictionary<string, string> Release032Kinds = new(StringComparer.Ordinal)
    {
        ["Enter maintenance mode"] = "maintenance-on",
        ["Leave maintenance mode"] = "maintenance-off",
        ["Unmount"] = "unmount",
        ["Mount"] = "mount",
        ["Take resource offline"] = "offline",
        ["Bring resource online"] = "online",
        ["Wait until Offline"] = "wait-offline",
        ["Wait until Online"] = "wait-online",
        ["Back up"] = "copy",
        ["Restore"] = "copy",
        ["Start synchronous processing"] = "start-sync",
        ["Wait for equivalency maintenance"] = "wait-equivalent",
        ["Claim shared disks"] = "claim",
        ["Release the claim"] = "release-claim",
        ["Enable shared disk"] = "enable",
        ["Disable shared disk"] = "disable",
        ["Start the cluster service"] = "start-service",
    };

    // A step of schema 1 the table does not know gets no key, so it pairs with nothing.
    private static string Release032Key(ProcedureStepResult step)
        => Release032Kinds.TryGetValue(step.Name, out var kind) ? StepKey.For(kind, step.Device) : string.Empty;
    // ---- end of the release 0.3.2 compatibility --------------------------------------------------------------

    /// <summary>
    /// Rewrites the journal's steps as the plan's, in the plan's order: each plan step gets the journal's record
    /// of the same key, or a new Planned record (a step the writing release did not have never ran). Throws
    /// JournalIncompatible, having changed nothing, when a step that ran has no partner in the plan.
    /// </summary>
    public static void Match(JournalEntry entry, ProcedurePlan plan)
    {
        var recorded = entry.Result.Steps;
        if (entry.Version > JournalEntry.CurrentVersion)
        {
            throw Incompatible(entry, plan, $"its schema version {entry.Version} is newer than this release reads ({JournalEntry.CurrentVersion})");
        }

        var keys = recorded.Select(s => entry.Version < JournalEntry.CurrentVersion ? Release032Key(s) : s.Key).ToArray();
        var planned = plan.Steps.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var byKey = new Dictionary<string, ProcedureStepResult>(StringComparer.Ordinal);
        var unmatched = new List<ProcedureStepResult>();
        for (var i = 0; i < recorded.Length; i++)
        {
            // A step that never ran needs no undo, so it need not pair; one that ran must, exactly once.
            var ran = Ran(recorded[i]);
            if (keys[i].Length == 0 || !planned.Contains(keys[i]) || !byKey.TryAdd(keys[i], recorded[i]))
            {
                if (ran)
                {
                    unmatched.Add(recorded[i]);
                }
            }
        }

        if (unmatched.Count > 0)
        {
            throw Incompatible(entry, plan, $"this release plans no step for {string.Join(", ", unmatched.Select(s => $"step {s.Number} '{s.Name}'" + (s.Device is null ? string.Empty : $" ({s.Device})")))}");
        }

        for (var i = 0; i < recorded.Length; i++)
        {
            recorded[i].Key = keys[i];
        }

        var fresh = ProcedureEngine.Describe(plan, entry.Result.Id).Steps;
        entry.Result.Steps = plan.Steps.Select((step, i) =>
        {
            var record = byKey.GetValueOrDefault(step.Key) ?? fresh[i];
            record.Number = i + 1;
            record.ManualUndo ??= fresh[i].ManualUndo;

            return record;
        }).ToArray();
        entry.Version = JournalEntry.CurrentVersion;
    }

    /// <summary>Whether the step ran, so its undo may have something to put back.</summary>
    public static bool Ran(ProcedureStepResult step) => step.StatusValue is not (StepStatus.Planned or StepStatus.Skipped);

    private static AcmException Incompatible(JournalEntry entry, ProcedurePlan plan, string why)
    {
        var release = entry.ModuleVersion ?? "0.3.2 or earlier (it records no release)";
        var manual = ManualCommands(entry, plan);
        var byHand = manual.Count == 0
            ? "no step that ran has an undo"
            : string.Join(Environment.NewLine, manual);
        return new AcmException(
            "JournalIncompatible",
            ErrorCategory.InvalidData,
            $"The procedure journal {entry.Result.JournalPath} was written by release {release} (journal schema {entry.Version}) and cannot be resumed by release {JournalEntry.ThisRelease}: {why}. Nothing was run. Bring the cluster back by hand, in this order:{Environment.NewLine}{byHand}",
            entry.Result.JournalPath)
        {
            RecommendedAction = $"Run the commands above by hand (check each first: skip what is already back), then close the procedure: Resume-AcmProcedure -Id {entry.Result.Id} -Acknowledge",
        };
    }

    // The manual undo of every step that ran, last first: what the journal recorded, else what the plan says for
    // the step of the same key, else the step's own command so the operator knows what to reverse.
    private static List<string> ManualCommands(JournalEntry entry, ProcedurePlan plan)
    {
        var lines = new List<string>();
        foreach (var step in entry.Result.Steps.Where(Ran).Reverse())
        {
            var key = entry.Version < JournalEntry.CurrentVersion ? Release032Key(step) : step.Key;
            var planned = plan.Steps.FirstOrDefault(s => s.Key == key);
            var commands = step.ManualUndo ?? (planned is null ? null : ProcedureEngine.ManualLine(planned));
            var label = $"step {step.Number} '{step.Name}'" + (step.Device is null ? string.Empty : $" ({step.Device})");
            if (commands is not null)
            {
                lines.Add($"  {commands}    # undoes {label}");
            }
            else if (planned is null && step.Command.Length > 0)
            {
                lines.Add($"  # {label} ran '{step.Command}': reverse it if it changed anything");
            }
        }

        return lines;
    }
}
