using System.Collections.Generic;
using System.Text.Json;

namespace AcmCluster.Planning;

/// <summary>Everything a planner needs to build a procedure; journaled so Resume can plan it again.</summary>
public sealed class ProcedureRequest
{
    /// <summary>SnapshotBackup, SynchronousBackup or Restore.</summary>
    public string Procedure { get; set; } = "SnapshotBackup";

    public ClusterType ClusterType { get; set; } = ClusterType.PRIMECLUSTER;

    public string UserApplication { get; set; } = string.Empty;

    public string? LogicalNode { get; set; }

    /// <summary>This node's cluster name when given (-Node): the VCS system.</summary>
    public string? Node { get; set; }

    public List<AcmVolume> Volumes { get; set; } = new();

    public int Timeout { get; set; } = 300;

    public double SettleTime { get; set; } = 10;

    public double PollInterval { get; set; } = 1;

    public int ThrottleLimit { get; set; } = 4;

    public int? Generation { get; set; }

    public int? Version { get; set; }

    public string? RestoreDevice { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ProcedureRequest FromJson(string json) => JsonSerializer.Deserialize<ProcedureRequest>(json) ?? new ProcedureRequest();
}
