using System;
using System.Management.Automation;

namespace AcmCluster.Internal;

/// <summary>
/// Carries a stable error id and category from deep inside the module to the cmdlet boundary,
/// where it becomes an ErrorRecord; ids are part of the public contract (tests and scripts match them).
/// </summary>
public sealed class AcmException : Exception
{
    internal AcmException(string errorId, ErrorCategory category, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
    }

    public string ErrorId { get; }

    public ErrorCategory Category { get; }

    public object? Target { get; }

    /// <summary>What an operator should do next; shown by PowerShell under the message.</summary>
    public string? RecommendedAction { get; init; }

    internal ErrorRecord ToErrorRecord()
    {
        var record = new ErrorRecord(this, ErrorId, Category, Target);
        if (RecommendedAction is not null)
        {
            record.ErrorDetails = new ErrorDetails(Message) { RecommendedAction = RecommendedAction };
        }

        return record;
    }
}
