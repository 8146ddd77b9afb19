using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AcmCluster.Simulator.State;

// Times are seconds since the Unix epoch (double) so that sub-second detector
// intervals survive a JSON round trip without DateTime parsing cost.
internal sealed class SimState
{
    public int Version { get; set; } = 1;
    public double SetupTime { get; set; }
    public double TickBase { get; set; }
    public double Interval { get; set; } = 0.5;
    public double SyncTime { get; set; } = 1;
    public double CopyTime { get; set; }
    // Seconds an application started with hvswitch / hagrp -online takes to show Online here; 0: one monitoring interval.
    public double StartTime { get; set; }

    [JsonIgnore]
    public double StartDelay => StartTime > 0 ? StartTime : Interval;
    public bool RmsRunning { get; set; } = true;
    public bool RealMounts { get; set; }
    public string Server { get; set; } = "SV1";
    public string LocalNode { get; set; } = "node1";

    // Not stored: set while a call shows another node's view (ssh), whose resources this node's mounts say nothing about.
    [JsonIgnore]
    public bool RemoteView { get; set; }
    public int Generations { get; set; } = 2;
    public double LastObservation { get; set; }
    public long CallSeq { get; set; }
    public List<NodeInfo> Nodes { get; set; } = new();
    public List<AppInfo> Apps { get; set; } = new();
    public List<ResourceInfo> Resources { get; set; } = new();
    public List<DeviceInfo> Devices { get; set; } = new();
    public List<MountEntry> Mounts { get; set; } = new();
    public Dictionary<string, List<MountEvent>> MountEvents { get; set; } = new();
    public List<EcSession> Sessions { get; set; } = new();
    public List<HistoryEntry> History { get; set; } = new();
    public Dictionary<string, int> NextVersion { get; set; } = new();

    // "primecluster" or "vcs": which cluster product's commands answer.
    public string Cluster { get; set; } = "primecluster";
    public bool HadRunning { get; set; } = true;
    public bool ConfigWritable { get; set; }
    // VCS monitoring ticks up to this time have been applied (see Vcs.Advance).
    public double VcsAdvanced { get; set; }
    public List<VcsGroup> Groups { get; set; } = new();
    public List<VcsResState> VcsStates { get; set; } = new();
    public List<VcsPending> VcsPending { get; set; } = new();
    public List<SharedDisk> Disks { get; set; } = new();
    public FaultSet Faults { get; set; } = new();
}

internal sealed class VcsGroup
{
    public string Name { get; set; } = "";
    public bool TFrozen { get; set; }
    public bool Frozen { get; set; }
}

// What VCS believes about one resource on one system.
internal sealed class VcsResState
{
    public string Resource { get; set; } = "";
    public string System { get; set; } = "";
    // VCS brought (or found) it online and will treat its disappearance as a fault.
    public bool Expected { get; set; }
    public bool Faulted { get; set; }
}

// An online/offline request that the agent carries out at the next tick.
internal sealed class VcsPending
{
    public string Resource { get; set; } = "";
    public string System { get; set; } = "";
    public bool Online { get; set; }
    public double Requested { get; set; }
    public bool GroupOp { get; set; }
}

// A shared disk (GDS volume, VxVM disk group, LVM volume group) with the
// nodes it is enabled on. VxVM: EnabledOn = imported on, StartedOn = volumes started.
internal sealed class SharedDisk
{
    public string Kind { get; set; } = "";     // gds | vxvm | lvm
    public string Name { get; set; } = "";     // class0001/vol0001 | dg01 | vg01
    public string Device { get; set; } = "";
    public string? MountPoint { get; set; }
    public bool AcmData { get; set; }
    public List<string> EnabledOn { get; set; } = new();
    public List<string> StartedOn { get; set; } = new();
}

internal sealed class NodeInfo
{
    public string Name { get; set; } = "";
    public string SysNode { get; set; } = "";
    // Another node only (ssh): it does not answer, or its cluster software (RMS/HAD) is stopped.
    public bool Unreachable { get; set; }
    public bool ClusterDown { get; set; }
}

internal sealed class AppInfo
{
    public string Name { get; set; } = "";
    // node name -> Online | Standby | Offline | Faulted
    public Dictionary<string, string> States { get; set; } = new();
    public bool Maintenance { get; set; }
    public Dictionary<string, string> IntendedStates { get; set; } = new();
    public Dictionary<string, string> PreMaintenance { get; set; } = new();
    // node name -> clock time of the hvswitch that is bringing the application Online there (invariant seconds).
    public Dictionary<string, string> StartedAt { get; set; } = new();
}

internal sealed class ResourceInfo
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "gRes";
    public string App { get; set; } = "";
    public string MountPoint { get; set; } = "";
    public string Device { get; set; } = "";
    public string FsType { get; set; } = "ext4";
}

internal sealed class DeviceInfo
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "Transaction"; // or Backup
    public string LogicalNode { get; set; } = "";
    public string DataPath { get; set; } = "";
    public long SizeKb { get; set; }
    public string? FsType { get; set; }
    public string? MountPoint { get; set; }
    public string? Transaction { get; set; }
}

internal sealed class MountEntry
{
    public string Device { get; set; } = "";
    public string MountPoint { get; set; } = "";
    public string FsType { get; set; } = "ext4";
    public string Options { get; set; } = "rw,relatime";
}

internal sealed class MountEvent
{
    public double Time { get; set; }
    public bool Mounted { get; set; }
}

internal sealed class EcSession
{
    public string Transaction { get; set; } = "";
    public string Backup { get; set; } = "";
    public bool Suspended { get; set; }
    public double Start { get; set; }
}

internal sealed class HistoryEntry
{
    public string Transaction { get; set; } = "";
    public string Backup { get; set; } = "";
    public int Version { get; set; }
    public double Time { get; set; }
    public double CopyEnd { get; set; }
    public string Method { get; set; } = "OPC";
}

internal sealed class FaultSet
{
    public List<CommandFault> Commands { get; set; } = new();
    public List<BusyFault> Busy { get; set; } = new();
    public List<StuckFault> Stuck { get; set; } = new();
}

internal sealed class CommandFault
{
    public string Command { get; set; } = "";
    public int Nth { get; set; } = 1;
    public int? ExitCode { get; set; }
    public string? Message { get; set; }
    public double Hang { get; set; }
    public int Count { get; set; } = 1;
    public string? Match { get; set; }
    public int Seen { get; set; }
}

internal sealed class BusyFault
{
    public string MountPoint { get; set; } = "";
    public List<Holder> Holders { get; set; } = new();
    // 0 = until cleared; otherwise the number of umount attempts that fail.
    public int Remaining { get; set; }
}

internal sealed class Holder
{
    public int Pid { get; set; }
    public string Name { get; set; } = "";
    public string User { get; set; } = "root";
    public string Access { get; set; } = "F....";
}

internal sealed class StuckFault
{
    public string Resource { get; set; } = "";
    public string State { get; set; } = "";
}
