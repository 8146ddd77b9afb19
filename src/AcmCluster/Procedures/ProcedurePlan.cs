using System.Collections.Generic;

namespace AcmCluster.Procedures;

/// <summary>
/// A procedure ready to run: ordered steps and what the journal needs to plan it again in another
/// process (the planner's name and its request), so Resume can rebuild the same steps and undo them.
/// </summary>
internal sealed class ProcedurePlan
{
    public required string Procedure { get; init; }

    public required string ClusterType { get; init; }

    /// <summary>What the lock and the journal are keyed on: the cluster transaction.</summary>
    public required string UserApplication { get; init; }

    public required IReadOnlyList<string> Devices { get; init; }

    public required IReadOnlyList<ProcedureStep> Steps { get; init; }

    public int ThrottleLimit { get; init; } = 4;

    /// <summary>The planner's own description of the request, opaque to the engine.</summary>
    public required string RequestJson { get; init; }
}
