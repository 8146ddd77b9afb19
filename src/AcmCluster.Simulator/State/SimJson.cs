using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AcmCluster.Simulator.State;

// The state file and the fault set: compile-time serialization code, so that a simulated call (one process)
// pays no reflection for it. Property names are those of the classes (PascalCase), as `sim state` shows them.
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SimState))]
[JsonSerializable(typeof(FaultSet))]
internal sealed partial class SimJsonContext : JsonSerializerContext
{
}

// One line of calls.log each; the lower-case names are what the tests and `sim log` read.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CallLogEntry))]
[JsonSerializable(typeof(ScriptLogEntry))]
internal sealed partial class CallLogJsonContext : JsonSerializerContext
{
}

// A simulated command that ran. Swstgnode is written as null when unset: the tests tell "not set" from absent.
internal sealed class CallLogEntry
{
    public long Seq { get; set; }
    public string Time { get; set; } = "";
    public string Kind { get; set; } = "call";
    public string Command { get; set; } = "";
    public IReadOnlyList<string> Args { get; set; } = [];
    public string? Swstgnode { get; set; }
    public string Node { get; set; } = "";
    public int Pid { get; set; }
}

// An ACM pre/post-processing script that the simulated swstbackup/swstrestore ran.
internal sealed class ScriptLogEntry
{
    public long Seq { get; set; }
    public string Time { get; set; } = "";
    public string Kind { get; set; } = "script";
    public string Name { get; set; } = "";
    public string Device { get; set; } = "";
    public string Path { get; set; } = "";
    public string? Swstgnode { get; set; }
    public int Pid { get; set; }
}
