using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace AcmCluster.Internal;

/// <summary>
/// The loop every wait shares (the Wait-* cmdlets and the procedures' wait steps): check each pending
/// item (a check returns true when it is done, or throws when it never will be), finish when none is
/// left, fail when the limit passes, report progress, and never sleep past the limit.
/// </summary>
internal sealed record WaitLoop(int ProgressId, string Activity, string Waiting, string Done, int Total, TimeSpan? Limit, TimeSpan Interval)
{
    public Stopwatch Watch { get; } = Stopwatch.StartNew();

    /// <summary>-Timeout in seconds, where -1 waits without limit.</summary>
    public static TimeSpan? LimitFromSeconds(double seconds) => seconds < 0 ? null : TimeSpan.FromSeconds(seconds);

    /// <summary>What is left of the limit; null without one.</summary>
    public TimeSpan? Remaining => Limit is { } l ? Max(l - Watch.Elapsed, TimeSpan.Zero) : null;

    /// <summary>What is left of the limit, for a settle time that must not outlast it.</summary>
    public TimeSpan Cap(TimeSpan wanted) => Limit is { } l && wanted > l - Watch.Elapsed ? Max(l - Watch.Elapsed, TimeSpan.Zero) : wanted;

    public void Run(List<string> pending, Func<string, bool> check, Func<IReadOnlyList<string>, AcmException> timedOut, Action<TimeSpan> sleep, Action<string, int> progress)
        => RunBatch(pending, items => items.Where(check).ToList(), timedOut, sleep, progress);

    /// <summary>The same loop with one check for all pending items at once: <paramref name="done"/> returns those that are done.</summary>
    public void RunBatch(List<string> pending, Func<IReadOnlyList<string>, IEnumerable<string>> done, Func<IReadOnlyList<string>, AcmException> timedOut, Action<TimeSpan> sleep, Action<string, int> progress)
    {
        while (true)
        {
            foreach (var item in done(pending.ToArray()).ToList())
            {
                pending.Remove(item);
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (Limit is { } max && Watch.Elapsed >= max)
            {
                throw timedOut(pending);
            }

            progress($"{Waiting}: {string.Join(", ", pending)}", Total - pending.Count);
            sleep(Cap(Interval));
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
