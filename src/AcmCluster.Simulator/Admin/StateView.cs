using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;
using AcmCluster.Simulator.Tools;

namespace AcmCluster.Simulator.Admin;

// The stored facts plus a "View" of what the tools would report right now,
// so tests can assert on derived states without parsing tables.
internal static class StateView
{
    public static string Render(StateStore store, SimState s, double now)
    {
        JsonObject root = JsonSerializer.SerializeToNode(s, SimJsonContext.Default.SimState)!.AsObject();
        root["StateDir"] = store.Dir;
        var view = new JsonObject
        {
            ["Now"] = Clock.Iso(now),
            ["LastTick"] = Clock.Iso(Detector.LastTick(s, now)),
        };
        var rows = new JsonArray();
        bool vcs = Vcs.IsVcs(s);
        foreach (StateRow r in vcs ? new System.Collections.Generic.List<StateRow>() : Rms.Rows(s, now))
        {
            rows.Add((JsonNode)new JsonObject
            {
                ["Resource"] = r.Resource,
                ["Type"] = r.Type,
                ["HostName"] = r.HostName,
                ["State"] = r.State,
                ["StateDetails"] = r.Details,
            });
        }
        view["Rows"] = rows;
        var mounts = new JsonArray();
        foreach (ResourceInfo r in s.Resources)
        {
            mounts.Add((JsonNode)new JsonObject
            {
                ["Resource"] = r.Name,
                ["MountPoint"] = r.MountPoint,
                ["MountedNow"] = Detector.MountedNow(s, r.MountPoint),
                ["MountedAtLastTick"] = Detector.MountedAt(s, r.MountPoint, Detector.LastTick(s, now)),
                ["State"] = vcs ? Vcs.ResourceState(s, r, s.LocalNode, now) : Rms.ResourceState(s, r, now),
            });
        }
        view["Resources"] = mounts;
        if (vcs)
        {
            view["Vcs"] = VcsView(s, now);
        }
        var disks = new JsonArray();
        foreach (SharedDisk d in s.Disks)
        {
            var nodes = new JsonObject();
            foreach (NodeInfo n in s.Nodes)
            {
                var per = new JsonObject { ["Enabled"] = SharedDisks.Enabled(d, n.Name) };
                if (d.Kind == SharedDisks.Vxvm)
                {
                    per["Imported"] = d.EnabledOn.Contains(n.Name);
                    per["Started"] = d.StartedOn.Contains(n.Name);
                }
                nodes[n.Name] = per;
            }
            disks.Add((JsonNode)new JsonObject
            {
                ["Kind"] = d.Kind,
                ["Name"] = d.Name,
                ["Device"] = d.Device,
                ["MountPoint"] = d.MountPoint,
                ["MountedNow"] = s.Mounts.Any(m => m.Device == d.Device),
                ["Nodes"] = nodes,
            });
        }
        view["Disks"] = disks;
        var sessions = new JsonArray();
        foreach (EcSession e in s.Sessions)
        {
            (string status, string execute) = Acm.SessionStatus(s, e, now);
            sessions.Add((JsonNode)new JsonObject { ["Transaction"] = e.Transaction, ["Backup"] = e.Backup, ["Status"] = status, ["Execute"] = execute });
        }
        view["Sessions"] = sessions;
        var history = new JsonArray();
        foreach (string tv in s.History.Select(h => h.Transaction).Distinct())
        {
            int gen = 1;
            foreach (HistoryEntry h in Acm.Generations(s, tv))
            {
                (string status, string execute) = Acm.HistoryStatus(h, now, s.CopyTime);
                history.Add((JsonNode)new JsonObject
                {
                    ["Transaction"] = tv,
                    ["Generation"] = gen++,
                    ["Version"] = h.Version,
                    ["Backup"] = h.Backup,
                    ["BackupDataPath"] = s.Devices.FirstOrDefault(d => d.Name == h.Backup)?.DataPath,
                    ["Date"] = Clock.ToLocal(h.Time).ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture),
                    ["Method"] = h.Method,
                    ["Status"] = status,
                    ["Execute"] = execute,
                });
            }
        }
        view["History"] = history;
        root["View"] = view;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            root.WriteTo(w);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static JsonObject VcsView(SimState s, double now)
    {
        var groups = new JsonArray();
        foreach (VcsGroup g in s.Groups)
        {
            foreach (NodeInfo n in s.Nodes)
            {
                groups.Add((JsonNode)new JsonObject
                {
                    ["Group"] = g.Name,
                    ["System"] = n.Name,
                    ["State"] = Vcs.GroupState(s, g, n.Name, now),
                    ["TFrozen"] = g.TFrozen,
                    ["Frozen"] = g.Frozen,
                });
            }
        }
        var resources = new JsonArray();
        foreach (ResourceInfo r in s.Resources)
        {
            foreach (NodeInfo n in s.Nodes)
            {
                VcsPending? p = s.VcsPending.FirstOrDefault(x => x.Resource == r.Name && x.System == n.Name);
                resources.Add((JsonNode)new JsonObject
                {
                    ["Resource"] = r.Name,
                    ["System"] = n.Name,
                    ["State"] = Vcs.ResourceState(s, r, n.Name, now),
                    ["Pending"] = p is null ? null : (p.Online ? "online" : "offline"),
                });
            }
        }
        return new JsonObject
        {
            ["HadRunning"] = s.HadRunning,
            ["ConfigWritable"] = s.ConfigWritable,
            ["Groups"] = groups,
            ["Resources"] = resources,
        };
    }
}
