using System;
using System.Diagnostics;

namespace AcmCluster.Internal;

/// <summary>
/// What a wait or copy reports to while it runs: one bar (its id, parent and activity fixed by whoever opened it,
/// a Wait-* cmdlet or the engine for a step). It writes at most about once a second, so that a fast poll does not
/// flood the host, except that a new phase (the status's text before its colon: "Settling", "Waiting for Offline")
/// shows at once; and nothing after <see cref="Complete"/>; <see cref="Complete"/> removes a bar that was shown.
/// Without a writer (a unit test, or after Ctrl+C) it shows nothing and never fails. Thread-safe: the engine
/// reports the elapsed time of a concurrent step from the pipeline thread while the step ends on its own.
/// </summary>
internal sealed class ProgressBar
{
    /// <summary>Under a second, so that a report made every second on the second is not dropped by jitter.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(0.9);

    /// <summary>A bar that shows nothing.</summary>
    public static readonly ProgressBar None = new(0, "none", null);

    private static readonly Stopwatch Uptime = Stopwatch.StartNew();

    private readonly object _gate = new();
    private readonly Action<ProgressReport>? _write;
    private readonly Func<TimeSpan> _clock;
    private TimeSpan? _last;
    private string? _phase;
    private bool _completed;

    public ProgressBar(int id, string activity, Action<ProgressReport>? write, int parentId = -1, Func<TimeSpan>? clock = null)
    {
        Id = id;
        Activity = activity;
        ParentId = parentId;
        _write = write;
        _clock = clock ?? (() => Uptime.Elapsed);
    }

    public int Id { get; }

    public int ParentId { get; }

    public string Activity { get; }

    /// <summary>Shows the state now, unless an update of the same phase was shown less than <see cref="MinInterval"/> ago.</summary>
    public void Report(string status, string? currentOperation = null, int percent = -1, int secondsRemaining = -1)
    {
        lock (_gate)
        {
            if (_write is null || _completed)
            {
                return;
            }

            var now = _clock();
            var colon = status.IndexOf(':', StringComparison.Ordinal);
            var phase = colon < 0 ? status : status[..colon];
            if (_last is { } last && now - last < MinInterval && phase == _phase)
            {
                return;
            }

            _last = now;
            _phase = phase;
            _write(new ProgressReport(Id, Activity, status) { ParentId = ParentId, CurrentOperation = currentOperation, Percent = percent, SecondsRemaining = secondsRemaining });
        }
    }

    /// <summary>Removes the bar if it was shown; later reports are dropped. Safe to call twice.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            if (_write is not null && _last is not null)
            {
                _write(new ProgressReport(Id, Activity, "Done") { ParentId = ParentId, Completed = true });
            }
        }
    }
}
