using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// Waits the way the manual asks (9.1.7 and its note 1): first one monitoring interval (the detector reflects a
/// mount or unmount only at its next cycle), then the product's own wait — one 'hvassert -w' or 'hares -wait' per
/// resource, concurrently — which returns as soon as the state appears. Only a product without such a command
/// (a Generic cluster) is polled every -PollInterval. Between waits one state query answers for every pending
/// resource, so a resource the cluster does not have (ResourceNotFound) or one that faults fails at once.
/// Shared by Wait-AcmResourceState and the procedures' wait steps, for resources or (<see cref="WaitSubject"/>) an application.
/// </summary>
internal static class ResourceWaiter
{
    /// <summary>
    /// The longest single native wait: a resource that faults meanwhile is noticed at the next state query,
    /// because a wait for Offline does not end when the resource turns Faulted.
    /// </summary>
    public static readonly TimeSpan Slice = TimeSpan.FromSeconds(5);

    /// <summary>The activity of Wait-AcmResourceState's progress bar (in a procedure, the step's name is).</summary>
    public const string Activity = "Waiting for cluster resources";

    public static WaitLoop NewLoop(string state, int count, TimeSpan? limit, TimeSpan poll)
        => new($"Waiting for {state}", $"resources {state}", count, limit, poll);

    /// <summary>What the wait runs, for -WhatIf and plans: the state query, then each resource's native wait of one slice (or the query alone when it polls).</summary>
    public static IReadOnlyList<NativeCommand> Commands(IClusterProvider provider, IReadOnlyList<string> resources, string state, TimeSpan? limit, WaitSubject? subject = null)
    {
        subject ??= WaitSubject.Resources(provider);
        state = Spelled(provider, state);
        var commands = new List<NativeCommand> { subject.Query(resources, state) };
        foreach (var resource in resources)
        {
            if (subject.WaitCommand(resource, state, Seconds(limit is { } l && l < Slice ? l : Slice)) is { } wait)
            {
                commands.Add(wait);
            }
        }

        return commands;
    }

    /// <summary>
    /// Waits; returns the command lines that ran, once each, in order (the step's record of what was used). The bar
    /// counts the settle time down, then shows the seconds waited of the limit, about once a second.
    /// </summary>
    public static IReadOnlyList<string> Wait(
        IClusterProvider provider,
        NativeCommandRunner runner,
        WaitLoop loop,
        IReadOnlyList<string> resources,
        string state,
        TimeSpan settle,
        Action<TimeSpan> sleep,
        ProgressBar progress,
        Action<ResourceStateResult> reached,
        WaitSubject? subject = null,
        bool confirmed = false)
    {
        subject ??= WaitSubject.Resources(provider);
        state = Spelled(provider, state);
        var checks = resources.ToDictionary(r => r, _ => 0);
        settle = loop.Cap(settle);
        if (settle > TimeSpan.Zero)
        {
            // A resource the cluster does not have fails now, not after the settle time (unless the caller has
            // just confirmed them: a procedure's preconditions); the states are read after it, when the detector has seen the change.
            if (!confirmed)
            {
                subject.States(resources);
            }

            runner.Host.WriteVerbose($"Waiting {settle.TotalSeconds:0.###} s (one monitoring interval) before checking {string.Join(", ", resources)} for {state}.");
            Settle(settle, sleep, progress);
        }

        var pending = new List<string>(resources);
        var ran = new List<string> { subject.Query(resources, state).CommandLine };
        void Reached(string resource)
        {
            pending.Remove(resource);
            reached(new ResourceStateResult { Resource = resource, State = state, ElapsedSeconds = Math.Round(loop.Elapsed.TotalSeconds, 3), Checks = checks[resource] });
        }

        while (pending.Count > 0)
        {
            foreach (var (resource, current) in subject.States(pending))
            {
                checks[resource]++;
                if (ResourceStateNames.Is(current, state))
                {
                    Reached(resource);
                }
                else if (!state.Equals("Faulted", StringComparison.OrdinalIgnoreCase) && ResourceStateNames.Is(current, "Faulted"))
                {
                    throw Faulted(provider, subject, resource, current, state);
                }
            }

            if (pending.Count == 0)
            {
                break;
            }

            if (loop.Limit is { } max && loop.Elapsed >= max)
            {
                throw TimedOut(provider, subject, loop, pending, state);
            }

            loop.Report(progress, pending);
            var seconds = Seconds(loop.Remaining is { } left && left < Slice ? left : Slice);
            var waits = pending.Select(r => (Resource: r, Command: subject.WaitCommand(r, state, seconds))).ToList();
            if (waits.Any(w => w.Command is null))
            {
                sleep(loop.Cap(loop.Interval));
                continue;
            }

            // Started together so that several resources wait concurrently, each with the time left.
            var started = waits.Select(w => (w.Resource, Collect: runner.Begin(w.Command!, "ResourceStateQueryFailed", allowFailure: true, waiting: () => loop.Report(progress, pending)))).ToList();
            ran.AddRange(waits.Select(w => w.Command!.CommandLine).Where(line => !ran.Contains(line)));
            foreach (var (resource, collect) in started)
            {
                var result = collect();
                checks[resource]++;
                if (result.Succeeded)
                {
                    Reached(resource);
                }
                else if (provider.WaitRefusal(result) is { } refusal)
                {
                    throw new AcmException("ResourceStateQueryFailed", ErrorCategory.InvalidOperation, $"'{result.CommandLine}' cannot succeed: {refusal}", resource)
                    {
                        RecommendedAction = $"Check the resource and the cluster with {provider.Capabilities.StateQueryHint}.",
                    };
                }
                else if (result.DurationSeconds < seconds / 2.0)
                {
                    // A wait that fails long before its time is not "not yet" (hvassert's exit codes are not documented): the next query decides, and if it says "not yet" the failure is reported.
                    var again = subject.States(new[] { resource })[resource];
                    if (!ResourceStateNames.Is(again, state))
                    {
                        throw NativeCommandRunner.Failure("ResourceStateQueryFailed", result);
                    }
                }
            }
        }

        return ran;
    }

    // One sleep a second, so that the bar counts down; the slices add up to the settle time.
    private static void Settle(TimeSpan settle, Action<TimeSpan> sleep, ProgressBar progress)
    {
        for (var left = settle; left > TimeSpan.Zero; left -= WaitLoop.Tick)
        {
            var seconds = (int)Math.Ceiling(left.TotalSeconds);
            progress.Report($"Settling: {seconds} s left", "one monitoring interval, so that the cluster's detector sees the change", (int)((settle - left).Ticks * 100 / settle.Ticks), seconds);
            sleep(left < WaitLoop.Tick ? left : WaitLoop.Tick);
        }
    }

    private static string Spelled(IClusterProvider provider, string state)
        => provider.Capabilities.ResourceStates.FirstOrDefault(s => s.Equals(state, StringComparison.OrdinalIgnoreCase)) ?? state;

    // The native waits take whole seconds; without a limit each waits one slice and the loop goes on.
    private static int Seconds(TimeSpan? limit)
        => limit is { } l ? Math.Max(1, (int)Math.Ceiling(Math.Min(l.TotalSeconds, int.MaxValue))) : (int)Slice.TotalSeconds;

    private static AcmException Faulted(IClusterProvider provider, WaitSubject subject, string resource, string current, string state) => new(
        "ResourceFaulted",
        ErrorCategory.InvalidResult,
        $"The {subject.Noun} '{resource}' is {current} on {subject.Where()}; it will not become {state} by waiting.",
        resource)
    {
        RecommendedAction = $"Find the cause with {provider.Capabilities.StateQueryHint} and the cluster's log, clear the fault, then retry.",
    };

    private static AcmException TimedOut(IClusterProvider provider, WaitSubject subject, WaitLoop loop, IReadOnlyList<string> pending, string state) => new(
        "ResourceStateTimeout",
        ErrorCategory.OperationTimeout,
        $"After {loop.Elapsed.TotalSeconds:0.#} s, on {subject.Where()}, not yet {state}: {subject.Noun} {string.Join(", ", pending)}.",
        pending.ToArray())
    {
        RecommendedAction = $"Check the resources with {provider.Capabilities.StateQueryHint}; raise -Timeout if the cluster is only slow.",
    };
}
