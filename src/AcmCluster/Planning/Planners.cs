using AcmCluster.Procedures;

namespace AcmCluster.Planning;

/// <summary>Plans a journaled request again, in whatever process resumes it.</summary>
internal static class Planners
{
    public static ProcedurePlan Replan(JournalEntry entry)
    {
        var request = ProcedureRequest.FromJson(entry.RequestJson);
        return StoppedClusterPlanner.Handles(request.Procedure)
            ? new StoppedClusterPlanner(request).Plan()
            : new BackupProcedurePlanner(request).Plan();
    }
}
