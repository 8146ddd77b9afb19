using System;
using System.Management.Automation;

namespace AcmCluster.Internal;

/// <summary>
/// One update of a progress bar, as the module's waits and the procedure engine produce it; the cmdlet that runs
/// them writes it with Write-Progress (<see cref="ToRecord"/>). A record with a <see cref="ParentId"/> is drawn
/// under its parent: the procedure is the parent, each wait or copy of a step a child.
/// </summary>
internal sealed record ProgressReport(int Id, string Activity, string Status)
{
    public int ParentId { get; init; } = -1;

    public string? CurrentOperation { get; init; }

    /// <summary>0 to 100; -1 when unknown.</summary>
    public int Percent { get; init; } = -1;

    /// <summary>-1 when unknown.</summary>
    public int SecondsRemaining { get; init; } = -1;

    /// <summary>The bar is removed (Write-Progress -Completed).</summary>
    public bool Completed { get; init; }

    public ProgressRecord ToRecord() => new(Id, Activity, Status)
    {
        ParentActivityId = ParentId,
        CurrentOperation = CurrentOperation,
        PercentComplete = Math.Clamp(Percent, -1, 100),
        SecondsRemaining = Math.Max(SecondsRemaining, -1),
        RecordType = Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
    };
}
