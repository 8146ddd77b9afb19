using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// Waits the way the manual asks: first one monitoring interval (the detector reflects a mount or
/// unmount only at its next cycle), then polls until every resource is in the state.
/// Shared by Wait-AcmResourceState and the procedures' wait steps.
/// </summary>
internal static class ResourceWaiter
{
    public static WaitLoop NewLoop(string state, int count, TimeSpan? limit, TimeSpan poll)
        => new(1, "Waiting for cluster resources", $"Not yet {state}", $"resources {state}", count, limit, poll);

    public static void Wait(
        IClusterProvider provider,
        NativeCommandRunner runner,
        WaitLoop loop,
        IReadOnlyList<string> resources,
        string state,
        TimeSpan settle,
        Action<TimeSpan> sleep,
        Action<string, int> progress,
        Action<ResourceStateResult> reached)
    {
        state = provider.ResourceStates.FirstOrDefault(s => s.Equals(state, StringComparison.OrdinalIgnoreCase)) ?? state;
        var checks = resources.ToDictionary(r => r, _ => 0);
        settle = loop.Cap(settle);
        if (settle > TimeSpan.Zero)
        {
            runner.Host.WriteVerbose($"Waiting {settle.TotalSeconds:0.###} s (one monitoring interval) before checking {string.Join(", ", resources)} for {state}.");
            progress($"Letting the cluster detector see the change ({settle.TotalSeconds:0.#} s)", 0);
            sleep(settle);
        }

        // One query a round answers for every pending resource.
        loop.RunBatch(
            new List<string>(resources),
            pending =>
            {
                var done = provider.InState(pending, state);
                foreach (var resource in pending)
                {
                    checks[resource]++;
                    if (done.Contains(resource))
                    {
                        reached(new ResourceStateResult { Resource = resource, State = state, ElapsedSeconds = Math.Round(loop.Watch.Elapsed.TotalSeconds, 3), Checks = checks[resource] });
                    }
                }

                return done;
            },
            pending => new AcmException(
                "ResourceStateTimeout",
                ErrorCategory.OperationTimeout,
                $"After {loop.Watch.Elapsed.TotalSeconds:0.#} s these resources are not yet {state}: {string.Join(", ", pending)}.",
                pending.ToArray())
            {
                RecommendedAction = $"Check the resources with {provider.StateQueryHint}; raise -Timeout if the cluster is only slow.",
            },
            sleep,
            progress);
    }
}
