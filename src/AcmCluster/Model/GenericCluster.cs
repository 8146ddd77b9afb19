using System.Collections.Generic;
using System.Management.Automation;

namespace AcmCluster;

/// <summary>
/// A cluster the module has no product knowledge of (SynfinityCLUSTER, or any other): script blocks that
/// answer the questions and make the changes the procedures need. Built by New-AcmGenericCluster, or a
/// hashtable with the same keys given to -GenericCluster.
/// </summary>
public sealed class GenericCluster
{
    /// <summary>The product's name, for messages: 'SynfinityCLUSTER'.</summary>
    public string Name { get; set; } = "Generic";

    /// <summary>
    /// Runs without arguments; writes one object per application and per resource with Name, State (Online,
    /// Offline, Faulted, ...) and optionally Type ('Application' marks a cluster application), Node, IsLocal,
    /// InMaintenance, StateDetails, and for a resource its Application. Writing no application means the
    /// cluster service is not running; writing only errors is a failed query.
    /// </summary>
    public ScriptBlock? GetStateScript { get; set; }

    /// <summary>Gets the application's name; puts it into maintenance mode (monitoring suspended).</summary>
    public ScriptBlock? EnterMaintenanceScript { get; set; }

    /// <summary>Gets the application's name; ends maintenance mode.</summary>
    public ScriptBlock? ExitMaintenanceScript { get; set; }

    /// <summary>Gets the application's name and, when given, the node; starts the cluster application.</summary>
    public ScriptBlock? StartScript { get; set; }

    /// <summary>Gets a resource name and this node's name; takes the file-system resource offline (the cluster unmounts).</summary>
    public ScriptBlock? ResourceOfflineScript { get; set; }

    /// <summary>Gets a resource name and this node's name; brings the file-system resource online (the cluster mounts).</summary>
    public ScriptBlock? ResourceOnlineScript { get; set; }

    /// <summary>Gets a resource name and this node's name; clears a Faulted state the procedure caused.</summary>
    public ScriptBlock? ClearFaultScript { get; set; }

    public override string ToString() => Name;

    /// <summary>The scripts by name, as their text: what a journal keeps so that Resume works in a new process.</summary>
    internal Dictionary<string, string> ToTexts()
    {
        var texts = new Dictionary<string, string> { [nameof(Name)] = Name };
        foreach (var (name, script) in AllScripts())
        {
            if (script is not null)
            {
                texts[name] = script.ToString();
            }
        }

        return texts;
    }

    internal static GenericCluster FromTexts(IReadOnlyDictionary<string, string> texts)
    {
        ScriptBlock? Block(string name) => texts.TryGetValue(name, out var text) ? ScriptBlock.Create(text) : null;
        return new GenericCluster
        {
            Name = texts.TryGetValue(nameof(Name), out var n) ? n : "Generic",
            GetStateScript = Block(nameof(GetStateScript)),
            EnterMaintenanceScript = Block(nameof(EnterMaintenanceScript)),
            ExitMaintenanceScript = Block(nameof(ExitMaintenanceScript)),
            StartScript = Block(nameof(StartScript)),
            ResourceOfflineScript = Block(nameof(ResourceOfflineScript)),
            ResourceOnlineScript = Block(nameof(ResourceOnlineScript)),
            ClearFaultScript = Block(nameof(ClearFaultScript)),
        };
    }

    /// <summary>Who unmounts and mounts the transaction volumes: the cluster (resource scripts given) or the procedure.</summary>
    public string Mounts => ResourceOfflineScript is null ? "Procedure" : "Cluster";

    /// <summary>The names of the scripts given, for the table view.</summary>
    public string[] Scripts
    {
        get
        {
            var names = new List<string>();
            foreach (var (name, script) in AllScripts())
            {
                if (script is not null)
                {
                    names.Add(name);
                }
            }

            return names.ToArray();
        }
    }

    internal IEnumerable<(string Name, ScriptBlock? Script)> AllScripts()
    {
        yield return (nameof(GetStateScript), GetStateScript);
        yield return (nameof(EnterMaintenanceScript), EnterMaintenanceScript);
        yield return (nameof(ExitMaintenanceScript), ExitMaintenanceScript);
        yield return (nameof(StartScript), StartScript);
        yield return (nameof(ResourceOfflineScript), ResourceOfflineScript);
        yield return (nameof(ResourceOnlineScript), ResourceOnlineScript);
        yield return (nameof(ClearFaultScript), ClearFaultScript);
    }
}
