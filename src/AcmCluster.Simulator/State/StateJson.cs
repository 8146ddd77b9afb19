using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AcmCluster.Simulator.State;

// Source generation keeps the per-call startup free of reflection-based
// serializer warm-up, which matters because hvassert is polled.
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SimState))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StateJson : JsonSerializerContext
{
}
