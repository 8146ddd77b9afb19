using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using AcmCluster.Cluster;
using AcmCluster.Native;

namespace AcmCluster.Planning;

/// <summary>
/// The journaled procedures, by the id the journal records (as its name: "SnapshotBackup", ...). The names
/// never change: a journal written by an earlier release names its procedure by them. Planners.Registry maps
/// each to its request type and planner.
/// </summary>
internal enum ProcedureKind
{
    SnapshotBackup,
    SynchronousBackup,
    Restore,
    StoppedClusterBackup,
    StoppedClusterRestore,
}

/// <summary>
/// What every journaled procedure's planner needs; journaled (ToJson) so Resume can plan it again. The JSON
/// keeps the field names of release 0.3.2's single request, so its journals read into the family's record.
/// </summary>
internal abstract record ProcedureRequest
{
    // A name in the JSON, as it always was; ClusterType stays a number, as 0.3.2 wrote it.
    [JsonConverter(typeof(JsonStringEnumConverter<ProcedureKind>))]
    public ProcedureKind Procedure { get; init; }

    public ClusterType ClusterType { get; init; } = ClusterType.PRIMECLUSTER;

    public string UserApplication { get; init; } = string.Empty;

    public string? LogicalNode { get; init; }

    /// <summary>This node's cluster name when given (-Node): the VCS system.</summary>
    public string? Node { get; init; }

    /// <summary>A Generic cluster's scripts as text, so that Resume works in a new process.</summary>
    public Dictionary<string, string>? GenericScripts { get; init; }

    public double Timeout { get; init; } = 300;

    public double PollInterval { get; init; } = 1;

    public int ThrottleLimit { get; init; } = 4;

    /// <summary>A restore's relative generation (1 = newest); null for the newest.</summary>
    public int? Generation { get; init; }

    /// <summary>A Generic cluster's script blocks as the user gave them; a resumed request recreates them from their text.</summary>
    [JsonIgnore]
    public GenericCluster? Generic => _generic ??= GenericScripts is null ? null : GenericCluster.FromTexts(GenericScripts);

    // Not an init accessor: the JSON source generator would set it (to null) while it reads GenericScripts.
    private GenericCluster? _generic;

    /// <summary>The request on a Generic cluster's script blocks as given (their text is what the journal keeps); null for none.</summary>
    public ProcedureRequest WithGeneric(GenericCluster? generic)
    {
        var copy = this with { GenericScripts = generic?.ToTexts() };
        copy._generic = generic;
        return copy;
    }

    internal IClusterProvider Cluster(NativeCommandRunner runner) => ClusterProviderFactory.Create(ClusterType, runner, new ClusterOptions(Node, Generic));

    /// <summary>The request of a run that starts now, as procedure <paramref name="id"/> journaled in <paramref name="stateDirectory"/> (null: -WhatIf).</summary>
    public virtual ProcedureRequest Starting(string id, string? stateDirectory) => this;

    public abstract string ToJson();
}

/// <summary>A procedure on the running cluster (ACM V15.1, 9.1.7): snapshot-type or synchronous backup, or restore.</summary>
internal sealed record ClusterProcedureRequest : ProcedureRequest
{
    public IReadOnlyList<AcmVolume> Volumes { get; init; } = new List<AcmVolume>();

    public double SettleTime { get; init; } = 10;

    /// <summary>A restore's absolute version (swstrestore -v).</summary>
    public int? Version { get; init; }

    /// <summary>A restore to another device (swstrestore -r).</summary>
    public string? RestoreDevice { get; init; }

    public override string ToJson() => JsonSerializer.Serialize(this, RequestJson.Default.ClusterProcedureRequest);

    public static ClusterProcedureRequest FromJson(string json) => JsonSerializer.Deserialize(json, RequestJson.Default.ClusterProcedureRequest) ?? throw new JsonException("The request is empty.");
}

/// <summary>A procedure while the cluster service is stopped (ACM V15.1, 9.1.7.1): backup or restore.</summary>
internal sealed record StoppedClusterRequest : ProcedureRequest
{
    /// <summary>The ACM devices to back up or restore.</summary>
    public IReadOnlyList<string> Devices { get; init; } = new List<string>();

    /// <summary>The shared disks to enable and release, in order.</summary>
    public IReadOnlyList<SharedDisk> SharedDisks { get; init; } = new List<SharedDisk>();

    /// <summary>The ACM shared-data volume to mount, if any.</summary>
    public StoppedClusterMount? SharedDataVolume { get; init; }

    /// <summary>The transaction file systems to mount.</summary>
    public IReadOnlyList<StoppedClusterMount> Mounts { get; init; } = new List<StoppedClusterMount>();

    /// <summary>Start the cluster service at the end.</summary>
    public bool StartClusterService { get; init; }

    /// <summary>The other nodes, asked over ssh when the cluster software is not running here (9.1.7.1 step 1).</summary>
    public IReadOnlyList<string> PeerNodes { get; init; } = new List<string>();

    /// <summary>The procedure's id (the shared-disk claim records it).</summary>
    public string? ProcedureId { get; init; }

    /// <summary>The state directory that holds the shared-disk claim.</summary>
    public string? StateDirectory { get; init; }

    // The shared-disk claim names the procedure and lives in its state directory.
    public override ProcedureRequest Starting(string id, string? stateDirectory) => this with { ProcedureId = id, StateDirectory = stateDirectory };

    public override string ToJson() => JsonSerializer.Serialize(this, RequestJson.Default.StoppedClusterRequest);

    public static StoppedClusterRequest FromJson(string json) => JsonSerializer.Deserialize(json, RequestJson.Default.StoppedClusterRequest) ?? throw new JsonException("The request is empty.");
}

/// <summary>
/// Compile-time JSON for the journaled requests (see JournalJson for why). It lives beside the requests, so
/// the engine (Procedures/) never sees a planner's type: it keeps the request as opaque text.
/// </summary>
[JsonSerializable(typeof(ClusterProcedureRequest))]
[JsonSerializable(typeof(StoppedClusterRequest))]
internal sealed partial class RequestJson : JsonSerializerContext
{
}
