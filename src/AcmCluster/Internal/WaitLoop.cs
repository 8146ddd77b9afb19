using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace AcmCluster.Internal;

/// <summary>
/// The loop every wait shares (the Wait-* cmdlets and the procedures' wait steps): check each pending
/// item (a check returns true when it is done, or throws when it never will be), finish when none is
/// left, fail when the limit passes, report progress, and never sleep past the limit.
/// <paramref name="Waiting"/> starts the bar's status ("Waiting for Offline"), <paramref name="Done"/> names
/// what is counted ("resources Offline").
/// </summary>
internal sealed record WaitLoop(string Waiting, string Done, int Total, TimeSpan? Limit, TimeSpan Interval)
{
    /// <summary>How often a wait updates its progress bar while it sleeps or a native wait runs.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <summary>Time since the wait began; tests replace it (<see cref="Clock"/>) to run waits without waiting.</summary>
    public TimeSpan Elapsed => Clock?.Invoke() ?? _watch.Elapsed;

    public Func<TimeSpan>? Clock { get; init; }

    /// <summary>-Timeout in seconds, where -1 waits without limit.</summary>
    public static TimeSpan? LimitFromSeconds(double seconds) => seconds < 0 ? null : TimeSpan.FromSeconds(seconds);

    /// <summary>What is left of the limit; null without one.</summary>
    public TimeSpan? Remaining => Limit is { } l ? Max(l - Elapsed, TimeSpan.Zero) : null;

    /// <summary>What is left of the limit, for a settle time that must not outlast it.</summary>
    public TimeSpan Cap(TimeSpan wanted) => Limit is { } l && wanted > l - Elapsed ? Max(l - Elapsed, TimeSpan.Zero) : wanted;

    /// <summary>Runs the loop; <paramref name="progress"/> is told the pending items before each sleep.</summary>
    public void Run(List<string> pending, Func<string, bool> check, Func<IReadOnlyList<string>, AcmException> timedOut, Action<TimeSpan> sleep, Action<IReadOnlyList<string>> progress)
    {
        while (true)
        {
            foreach (var item in pending.Where(check).ToList())
            {
                pending.Remove(item);
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (Limit is { } max && Elapsed >= max)
            {
                throw timedOut(pending);
            }

            progress(pending);
            sleep(Cap(Interval));
        }
    }

    /// <summary>
    /// "Waiting for Offline: 3 s of 300 s" with the part of the limit used as the percentage, unless the caller knows
    /// a better one (a copy's); what is done and what is pending as the current operation, unless <paramref name="detail"/>.
    /// </summary>
    public void Report(ProgressBar bar, IReadOnlyCollection<string> pending, int? percent = null, string? detail = null)
    {
        var waited = $"{Waiting}: {Math.Floor(Elapsed.TotalSeconds):0} s" + (Limit is { } l ? $" of {l.TotalSeconds:0.#} s" : string.Empty);
        bar.Report(
            waited,
            detail ?? $"{Total - pending.Count} of {Total} {Done}; not yet: {string.Join(", ", pending)}",
            percent ?? (Limit is { } limit && limit > TimeSpan.Zero ? (int)Math.Min(99, Elapsed.TotalMilliseconds * 100 / limit.TotalMilliseconds) : -1),
            Remaining is { } left ? (int)Math.Ceiling(left.TotalSeconds) : -1);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
