using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AcmCluster.Simulator.State;

// Hand-written mapping: JsonSerializer (even source-generated) cost ~100 ms of
// JIT per process, and hvassert is polled. The mapping is written once against
// IJson/IJsonSink; the hot path runs it over FastJson (JValue, FastJsonWriter),
// and anything FastJson does not cover goes to JsonDocument and Utf8JsonWriter
// (see FastJson.cs), so the result is the same either way.
internal static class StateCodec
{
    public static SimState Read(byte[] utf8)
    {
        JValue root;
        try
        {
            root = JValue.Parse(utf8);
            return Read(root);
        }
        catch (FastJsonUnsupported)
        {
            return ReadWithJsonDocument(utf8);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SimState ReadWithJsonDocument(byte[] utf8)
    {
        using JsonDocument doc = JsonDocument.Parse(utf8);
        return Read(new JsonElementValue(doc.RootElement));
    }

    private static SimState Read(IJson e)
    {
        var s = new SimState
        {
            Version = Int(e, "Version", 1),
            SetupTime = Dbl(e, "SetupTime"),
            TickBase = Dbl(e, "TickBase"),
            Interval = Dbl(e, "Interval"),
            SyncTime = Dbl(e, "SyncTime"),
            CopyTime = Dbl(e, "CopyTime"),
            StartTime = Dbl(e, "StartTime"),
            RmsRunning = Bool(e, "RmsRunning"),
            RealMounts = Bool(e, "RealMounts"),
            Server = Str(e, "Server"),
            LocalNode = Str(e, "LocalNode"),
            Generations = Int(e, "Generations", 2),
            LastObservation = Dbl(e, "LastObservation"),
            CallSeq = e.TryGetProperty("CallSeq", out IJson cs) ? cs.GetInt64() : 0,
        };
        s.Nodes = List(e, "Nodes", x => new NodeInfo { Name = Str(x, "Name"), SysNode = Str(x, "SysNode"), Unreachable = Bool(x, "Unreachable"), ClusterDown = Bool(x, "ClusterDown") });
        s.Apps = List(e, "Apps", x => new AppInfo
        {
            Name = Str(x, "Name"),
            States = Map(x, "States", v => v.GetString() ?? ""),
            Maintenance = Bool(x, "Maintenance"),
            IntendedStates = Map(x, "IntendedStates", v => v.GetString() ?? ""),
            PreMaintenance = Map(x, "PreMaintenance", v => v.GetString() ?? ""),
            StartedAt = Map(x, "StartedAt", v => v.GetString() ?? ""),
        });
        s.Resources = List(e, "Resources", x => new ResourceInfo
        {
            Name = Str(x, "Name"), Type = Str(x, "Type"), App = Str(x, "App"),
            MountPoint = Str(x, "MountPoint"), Device = Str(x, "Device"), FsType = Str(x, "FsType"),
        });
        s.Devices = List(e, "Devices", x => new DeviceInfo
        {
            Name = Str(x, "Name"), Role = Str(x, "Role"), LogicalNode = Str(x, "LogicalNode"),
            DataPath = Str(x, "DataPath"), SizeKb = x.GetProperty("SizeKb").GetInt64(),
            FsType = OptStr(x, "FsType"), MountPoint = OptStr(x, "MountPoint"), Transaction = OptStr(x, "Transaction"),
        });
        s.Mounts = List(e, "Mounts", x => new MountEntry
        {
            Device = Str(x, "Device"), MountPoint = Str(x, "MountPoint"), FsType = Str(x, "FsType"), Options = Str(x, "Options"),
        });
        s.MountEvents = Map(e, "MountEvents", v => ListOf(v, x => new MountEvent { Time = Dbl(x, "Time"), Mounted = Bool(x, "Mounted") }));
        s.Sessions = List(e, "Sessions", x => new EcSession
        {
            Transaction = Str(x, "Transaction"), Backup = Str(x, "Backup"), Suspended = Bool(x, "Suspended"), Start = Dbl(x, "Start"),
        });
        s.History = List(e, "History", x => new HistoryEntry
        {
            Transaction = Str(x, "Transaction"), Backup = Str(x, "Backup"), Version = Int(x, "Version", 0),
            Time = Dbl(x, "Time"), CopyEnd = Dbl(x, "CopyEnd"), Method = Str(x, "Method"),
        });
        s.NextVersion = Map(e, "NextVersion", v => v.GetInt32());
        s.Cluster = OptStr(e, "Cluster") ?? "primecluster";
        s.HadRunning = !e.TryGetProperty("HadRunning", out IJson hr) || hr.Kind == JKind.True;
        s.ConfigWritable = Bool(e, "ConfigWritable");
        s.VcsAdvanced = Dbl(e, "VcsAdvanced");
        s.Groups = List(e, "Groups", x => new VcsGroup { Name = Str(x, "Name"), TFrozen = Bool(x, "TFrozen"), Frozen = Bool(x, "Frozen") });
        s.VcsStates = List(e, "VcsStates", x => new VcsResState
        {
            Resource = Str(x, "Resource"), System = Str(x, "System"), Expected = Bool(x, "Expected"), Faulted = Bool(x, "Faulted"),
        });
        s.VcsPending = List(e, "VcsPending", x => new VcsPending
        {
            Resource = Str(x, "Resource"), System = Str(x, "System"), Online = Bool(x, "Online"),
            Requested = Dbl(x, "Requested"), GroupOp = Bool(x, "GroupOp"),
        });
        s.Disks = List(e, "Disks", x => new SharedDisk
        {
            Kind = Str(x, "Kind"), Name = Str(x, "Name"), Device = Str(x, "Device"), MountPoint = OptStr(x, "MountPoint"),
            AcmData = Bool(x, "AcmData"),
            EnabledOn = List(x, "EnabledOn", v => v.GetString() ?? ""), StartedOn = List(x, "StartedOn", v => v.GetString() ?? ""),
        });
        if (e.TryGetProperty("Faults", out IJson f))
        {
            s.Faults = ReadFaults(f);
        }
        return s;
    }

    private static FaultSet ReadFaults(IJson f) => new()
    {
        Commands = List(f, "Commands", x => new CommandFault
        {
            Command = Str(x, "Command"), Nth = Int(x, "Nth", 1),
            ExitCode = x.TryGetProperty("ExitCode", out IJson ec) && ec.Kind == JKind.Number ? ec.GetInt32() : null,
            Message = OptStr(x, "Message"), Hang = Dbl(x, "Hang"), Count = Int(x, "Count", 1),
            Match = OptStr(x, "Match"), Seen = Int(x, "Seen", 0),
        }),
        Busy = List(f, "Busy", x => new BusyFault
        {
            MountPoint = Str(x, "MountPoint"), Remaining = Int(x, "Remaining", 0),
            Holders = List(x, "Holders", h => new Holder
            {
                Pid = Int(h, "Pid", 0), Name = Str(h, "Name"), User = Str(h, "User"), Access = Str(h, "Access"),
            }),
        }),
        Stuck = List(f, "Stuck", x => new StuckFault { Resource = Str(x, "Resource"), State = Str(x, "State") }),
    };

    // The bytes Utf8JsonWriter (default options, Indented as given) writes.
    public static byte[] Write(SimState s, bool indented = true) => FastJsonWriter.Render(indented, w => Write(w, s));

    public static void Write(IJsonSink w, SimState s)
    {
        w.WriteStartObject();
        w.WriteNumber("Version", s.Version);
        w.WriteNumber("SetupTime", s.SetupTime);
        w.WriteNumber("TickBase", s.TickBase);
        w.WriteNumber("Interval", s.Interval);
        w.WriteNumber("SyncTime", s.SyncTime);
        w.WriteNumber("CopyTime", s.CopyTime);
        w.WriteNumber("StartTime", s.StartTime);
        w.WriteBoolean("RmsRunning", s.RmsRunning);
        w.WriteBoolean("RealMounts", s.RealMounts);
        w.WriteString("Server", s.Server);
        w.WriteString("LocalNode", s.LocalNode);
        w.WriteNumber("Generations", s.Generations);
        w.WriteNumber("LastObservation", s.LastObservation);
        w.WriteNumber("CallSeq", s.CallSeq);
        Array(w, "Nodes", s.Nodes, (x) => { w.WriteString("Name", x.Name); w.WriteString("SysNode", x.SysNode); w.WriteBoolean("Unreachable", x.Unreachable); w.WriteBoolean("ClusterDown", x.ClusterDown); });
        Array(w, "Apps", s.Apps, x =>
        {
            w.WriteString("Name", x.Name);
            StrMap(w, "States", x.States);
            w.WriteBoolean("Maintenance", x.Maintenance);
            StrMap(w, "IntendedStates", x.IntendedStates);
            StrMap(w, "PreMaintenance", x.PreMaintenance);
            StrMap(w, "StartedAt", x.StartedAt);
        });
        Array(w, "Resources", s.Resources, x =>
        {
            w.WriteString("Name", x.Name); w.WriteString("Type", x.Type); w.WriteString("App", x.App);
            w.WriteString("MountPoint", x.MountPoint); w.WriteString("Device", x.Device); w.WriteString("FsType", x.FsType);
        });
        Array(w, "Devices", s.Devices, x =>
        {
            w.WriteString("Name", x.Name); w.WriteString("Role", x.Role); w.WriteString("LogicalNode", x.LogicalNode);
            w.WriteString("DataPath", x.DataPath); w.WriteNumber("SizeKb", x.SizeKb);
            w.WriteString("FsType", x.FsType); w.WriteString("MountPoint", x.MountPoint); w.WriteString("Transaction", x.Transaction);
        });
        Array(w, "Mounts", s.Mounts, x =>
        {
            w.WriteString("Device", x.Device); w.WriteString("MountPoint", x.MountPoint);
            w.WriteString("FsType", x.FsType); w.WriteString("Options", x.Options);
        });
        w.WriteStartObject("MountEvents");
        foreach (KeyValuePair<string, List<MountEvent>> kv in s.MountEvents)
        {
            Array(w, kv.Key, kv.Value, x => { w.WriteNumber("Time", x.Time); w.WriteBoolean("Mounted", x.Mounted); });
        }
        w.WriteEndObject();
        Array(w, "Sessions", s.Sessions, x =>
        {
            w.WriteString("Transaction", x.Transaction); w.WriteString("Backup", x.Backup);
            w.WriteBoolean("Suspended", x.Suspended); w.WriteNumber("Start", x.Start);
        });
        Array(w, "History", s.History, x =>
        {
            w.WriteString("Transaction", x.Transaction); w.WriteString("Backup", x.Backup); w.WriteNumber("Version", x.Version);
            w.WriteNumber("Time", x.Time); w.WriteNumber("CopyEnd", x.CopyEnd); w.WriteString("Method", x.Method);
        });
        w.WriteStartObject("NextVersion");
        foreach (KeyValuePair<string, int> kv in s.NextVersion)
        {
            w.WriteNumber(kv.Key, kv.Value);
        }
        w.WriteEndObject();
        w.WriteString("Cluster", s.Cluster);
        w.WriteBoolean("HadRunning", s.HadRunning);
        w.WriteBoolean("ConfigWritable", s.ConfigWritable);
        w.WriteNumber("VcsAdvanced", s.VcsAdvanced);
        Array(w, "Groups", s.Groups, x =>
        {
            w.WriteString("Name", x.Name); w.WriteBoolean("TFrozen", x.TFrozen); w.WriteBoolean("Frozen", x.Frozen);
        });
        Array(w, "VcsStates", s.VcsStates, x =>
        {
            w.WriteString("Resource", x.Resource); w.WriteString("System", x.System);
            w.WriteBoolean("Expected", x.Expected); w.WriteBoolean("Faulted", x.Faulted);
        });
        Array(w, "VcsPending", s.VcsPending, x =>
        {
            w.WriteString("Resource", x.Resource); w.WriteString("System", x.System); w.WriteBoolean("Online", x.Online);
            w.WriteNumber("Requested", x.Requested); w.WriteBoolean("GroupOp", x.GroupOp);
        });
        Array(w, "Disks", s.Disks, x =>
        {
            w.WriteString("Kind", x.Kind); w.WriteString("Name", x.Name); w.WriteString("Device", x.Device);
            w.WriteString("MountPoint", x.MountPoint); w.WriteBoolean("AcmData", x.AcmData);
            StrArray(w, "EnabledOn", x.EnabledOn); StrArray(w, "StartedOn", x.StartedOn);
        });
        w.WritePropertyName("Faults");
        WriteFaults(w, s.Faults);
        w.WriteEndObject();
    }

    private static void StrArray(IJsonSink w, string name, List<string> items)
    {
        w.WriteStartArray(name);
        foreach (string item in items)
        {
            w.WriteStringValue(item);
        }
        w.WriteEndArray();
    }

    public static void WriteFaults(IJsonSink w, FaultSet f)
    {
        w.WriteStartObject();
        Array(w, "Commands", f.Commands, x =>
        {
            w.WriteString("Command", x.Command); w.WriteNumber("Nth", x.Nth);
            if (x.ExitCode is int code) { w.WriteNumber("ExitCode", code); } else { w.WriteNull("ExitCode"); }
            w.WriteString("Message", x.Message); w.WriteNumber("Hang", x.Hang); w.WriteNumber("Count", x.Count);
            w.WriteString("Match", x.Match); w.WriteNumber("Seen", x.Seen);
        });
        Array(w, "Busy", f.Busy, x =>
        {
            w.WriteString("MountPoint", x.MountPoint); w.WriteNumber("Remaining", x.Remaining);
            Array(w, "Holders", x.Holders, h =>
            {
                w.WriteNumber("Pid", h.Pid); w.WriteString("Name", h.Name); w.WriteString("User", h.User); w.WriteString("Access", h.Access);
            });
        });
        Array(w, "Stuck", f.Stuck, x => { w.WriteString("Resource", x.Resource); w.WriteString("State", x.State); });
        w.WriteEndObject();
    }

    private static void Array<T>(IJsonSink w, string name, List<T> items, Action<T> fields)
    {
        w.WriteStartArray(name);
        foreach (T item in items)
        {
            w.WriteStartObject();
            fields(item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void StrMap(IJsonSink w, string name, Dictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (KeyValuePair<string, string> kv in map)
        {
            w.WriteString(kv.Key, kv.Value);
        }
        w.WriteEndObject();
    }

    private static string Str(IJson e, string name) => OptStr(e, name) ?? "";

    private static string? OptStr(IJson e, string name) =>
        e.TryGetProperty(name, out IJson v) && v.Kind == JKind.String ? v.GetString() : null;

    private static double Dbl(IJson e, string name) =>
        e.TryGetProperty(name, out IJson v) && v.Kind == JKind.Number ? v.GetDouble() : 0;

    private static int Int(IJson e, string name, int fallback) =>
        e.TryGetProperty(name, out IJson v) && v.Kind == JKind.Number ? v.GetInt32() : fallback;

    private static bool Bool(IJson e, string name) =>
        e.TryGetProperty(name, out IJson v) && v.Kind == JKind.True;

    private static List<T> List<T>(IJson e, string name, Func<IJson, T> map) =>
        e.TryGetProperty(name, out IJson v) ? ListOf(v, map) : new List<T>();

    private static List<T> ListOf<T>(IJson v, Func<IJson, T> map)
    {
        var list = new List<T>();
        if (v.Kind == JKind.Array)
        {
            foreach (IJson x in v.EnumerateArray())
            {
                list.Add(map(x));
            }
        }
        return list;
    }

    private static Dictionary<string, T> Map<T>(IJson e, string name, Func<IJson, T> map)
    {
        var d = new Dictionary<string, T>();
        if (e.TryGetProperty(name, out IJson v) && v.Kind == JKind.Object)
        {
            foreach (KeyValuePair<string, IJson> p in v.EnumerateObject())
            {
                d[p.Key] = map(p.Value);
            }
        }
        return d;
    }
}
