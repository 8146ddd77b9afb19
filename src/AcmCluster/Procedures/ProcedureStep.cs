using System;
using System.Collections.Generic;
using AcmCluster.Native;

namespace AcmCluster.Procedures;

/// <summary>
/// One planned step. The engine runs <see cref="Execute"/>, records the outcome, and on a later failure
/// runs <see cref="Undo"/> in reverse order. Undos must be idempotent: after a crash, Resume runs them
/// again for steps whose outcome the journal does not know.
/// </summary>
internal sealed class ProcedureStep
{
    /// <summary>
    /// What the step is, stable across releases ("maintenance-on", "unmount:/dev/sdb1"): steps find each other
    /// by it, and Resume matches a journal's steps to the current plan by it. The display name may change.
    /// </summary>
    public required string Key { get; init; }

    public required string Name { get; init; }

    public string? Device { get; init; }

    /// <summary>The native commands the step runs, shown by -WhatIf and recorded in the journal.</summary>
    public IReadOnlyList<NativeCommand> Commands { get; init; } = Array.Empty<NativeCommand>();

    public required Func<StepContext, StepOutcome> Execute { get; init; }

    public Func<StepContext, StepOutcome>? Undo { get; init; }

    /// <summary>What an operator runs by hand when the undo itself fails.</summary>
    public IReadOnlyList<NativeCommand> ManualUndo { get; init; } = Array.Empty<NativeCommand>();

    /// <summary>Consecutive steps with the same group run concurrently (up to the plan's throttle limit).</summary>
    public string? ParallelGroup { get; init; }

    /// <summary>A step that must never run twice (a backup or restore): Resume never repeats it.</summary>
    public bool RunsOnce { get; init; }
}

/// <summary>The stable keys of steps: a kind, and the device or disk it acts on when there is one.</summary>
internal static class StepKey
{
    public static string For(string kind, string? device = null) => device is null ? kind : $"{kind}:{device}";
}

/// <summary>What a step did. A step that found nothing to do is Skipped.</summary>
internal sealed record StepOutcome(string Command, int? ExitCode = 0, string Output = "", bool Skipped = false, bool Changed = true)
{
    public static StepOutcome From(NativeCommandResult result) => new(result.CommandLine, result.ExitCode, string.Join("\n", result.AllLines()));

    public static StepOutcome Skip(string why) => new(string.Empty, null, why, Skipped: true, Changed: false);
}
