using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using AcmCluster.Cluster;
using AcmCluster.Native;

namespace AcmCluster.Planning;

/// <summary>Everything a planner needs to build a procedure; journaled so Resume can plan it again.</summary>
internal sealed class ProcedureRequest
{
    /// <summary>SnapshotBackup, SynchronousBackup or Restore.</summary>
    public string Procedure { get; set; } = "SnapshotBackup";

    public ClusterType ClusterType { get; set; } = ClusterType.PRIMECLUSTER;

    public string UserApplication { get; set; } = string.Empty;

    public string? LogicalNode { get; set; }

    /// <summary>This node's cluster name when given (-Node): the VCS system.</summary>
    public string? Node { get; set; }

    /// <summary>A Generic cluster's scripts as text, so that Resume works in a new process.</summary>
    public Dictionary<string, string>? GenericScripts { get; set; }

    public List<AcmVolume> Volumes { get; set; } = new();

    public double Timeout { get; set; } = 300;

    public double SettleTime { get; set; } = 10;

    public double PollInterval { get; set; } = 1;

    public int ThrottleLimit { get; set; } = 4;

    public int? Generation { get; set; }

    public int? Version { get; set; }

    public string? RestoreDevice { get; set; }

    /// <summary>Stopped-cluster procedure (9.1.7.1): the ACM devices to back up or restore.</summary>
    public List<string> Devices { get; set; } = new();

    /// <summary>Stopped-cluster procedure: the shared disks to enable and release, in order.</summary>
    public List<SharedDisk> SharedDisks { get; set; } = new();

    /// <summary>Stopped-cluster procedure: the ACM shared-data volume to mount, if any.</summary>
    public StoppedClusterMount? SharedDataVolume { get; set; }

    /// <summary>Stopped-cluster procedure: the transaction file systems to mount.</summary>
    public List<StoppedClusterMount> Mounts { get; set; } = new();

    /// <summary>Stopped-cluster procedure: start the cluster service at the end.</summary>
    public bool StartClusterService { get; set; }

    /// <summary>Stopped-cluster procedure: the other nodes, asked over ssh when the cluster software is not running here (9.1.7.1 step 1).</summary>
    public List<string> PeerNodes { get; set; } = new();

    /// <summary>The procedure's id (the shared-disk claim records it).</summary>
    public string? ProcedureId { get; set; }

    /// <summary>The state directory that holds the shared-disk claim.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>A Generic cluster's script blocks as the user gave them; a resumed request recreates them from their text.</summary>
    [JsonIgnore]
    public GenericCluster? Generic
    {
        get => _generic ??= GenericScripts is null ? null : GenericCluster.FromTexts(GenericScripts);
        set
        {
            _generic = value;
            GenericScripts = value?.ToTexts();
        }
    }

    private GenericCluster? _generic;

    internal IClusterProvider Cluster(NativeCommandRunner runner) => ClusterProviderFactory.Create(ClusterType, runner, new ClusterOptions(Node, Generic));

    public string ToJson() => JsonSerializer.Serialize(this, Procedures.RequestJson.Default.ProcedureRequest);

    public static ProcedureRequest FromJson(string json) => JsonSerializer.Deserialize(json, Procedures.RequestJson.Default.ProcedureRequest) ?? new ProcedureRequest();
}
