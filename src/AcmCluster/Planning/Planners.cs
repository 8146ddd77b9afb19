using AcmCluster.Procedures;

namespace AcmCluster.Planning;

/// <summary>Plans a journaled request again, in whatever process resumes it.</summary>
internal static class Planners
{
    /// <summary>
    /// <paramref name="request"/> comes from <see cref="JournaledRequest.Read"/>; a Generic cluster's scripts
    /// come from <paramref name="generic"/> when given, else from their journaled text.
    /// </summary>
    public static ProcedurePlan Replan(ProcedureRequest request, GenericCluster? generic = null)
    {
        if (generic is not null && request.ClusterType == ClusterType.Generic)
        {
            request.Generic = Products.Generic.GenericProvider.Validated(generic);
        }

        return StoppedClusterPlanner.Handles(request.Procedure)
            ? new StoppedClusterPlanner(request).Plan()
            : new BackupProcedurePlanner(request).Plan();
    }
}
