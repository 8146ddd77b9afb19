using System.Text.Json.Serialization;

namespace AcmCluster.Procedures;

/// <summary>
/// Compile-time JSON for the journal: reflection-based serialization costs a procedure tens of milliseconds on its
/// first use in every process, while the cluster waits in maintenance mode. The request a journal holds is the
/// planners' text, written by their own context (Planning/ProcedureRequest.cs), so the engine knows no planner type.
/// </summary>
// States are written as their names, so that a journal stays readable (and a reordered enum cannot misread one).
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJson : JsonSerializerContext
{
}
