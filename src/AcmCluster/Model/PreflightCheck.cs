namespace AcmCluster;

/// <summary>
/// One precondition of a procedure, as Test-AcmClusterProcedure reports it and as the procedure itself checks it
/// before anything changes: what was checked, on what, whether it passed, and what to do when it did not.
/// </summary>
public sealed class PreflightCheck
{
    public string Check { get; init; } = string.Empty;

    public string Target { get; init; } = string.Empty;

    public bool Passed { get; init; }

    public string Detail { get; init; } = string.Empty;

    public string? Recommendation { get; init; }

    /// <summary>The error id the procedure would fail with (VolumeMismatch, NotActiveNode, ...); null when passed.</summary>
    public string? ErrorId { get; init; }
}
