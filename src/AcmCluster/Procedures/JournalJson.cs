using System.Text.Json.Serialization;
using AcmCluster.Planning;

namespace AcmCluster.Procedures;

/// <summary>
/// Compile-time JSON for the journal and the journaled request: reflection-based serialization costs a
/// procedure tens of milliseconds on its first use in every process, while the cluster waits in maintenance mode.
/// </summary>
// States are written as their names, so that a journal stays readable (and a reordered enum cannot misread one).
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJson : JsonSerializerContext
{
}

[JsonSerializable(typeof(ProcedureRequest))]
internal sealed partial class RequestJson : JsonSerializerContext
{
}
