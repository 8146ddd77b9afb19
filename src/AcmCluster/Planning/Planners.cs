using AcmCluster.Procedures;

namespace AcmCluster.Planning;

/// <summary>Plans a journaled request again, in whatever process resumes it.</summary>
internal static class Planners
{
    public static ProcedurePlan Replan(JournalEntry entry) => new BackupProcedurePlanner(ProcedureRequest.FromJson(entry.RequestJson)).Plan();
}
