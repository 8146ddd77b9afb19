using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;

namespace AcmCluster.Products.Generic;

/// <summary>
/// Turns what a Generic cluster's GetStateScript wrote into applications and resources. The script is the
/// adapter to its product, so anything it writes that does not fit the contract is refused, quoting it,
/// rather than guessed at.
/// </summary>
internal static class GenericStateReader
{
    private static readonly string[] ApplicationTypes = { "Application", "userApplication", "ServiceGroup", "ClusterService" };

    public static ClusterView Read(IReadOnlyList<object> items, string localNode, string clusterName)
    {
        var applications = new List<ClusterApplication>();
        var resources = new List<ClusterResource>();
        foreach (var item in items)
        {
            var name = Text(item, "Name");
            var state = Text(item, "State");
            var value = item is PSObject ps ? ps.BaseObject : item;
            if (value is string || name is null || state is null)
            {
                throw Invalid(clusterName, item, "every object needs a Name and a State");
            }

            var node = Text(item, "Node");
            var isLocal = Flag(item, "IsLocal", clusterName) ?? (node is null || node.Equals(localNode, StringComparison.OrdinalIgnoreCase));
            state = States.FirstOrDefault(s => s.Equals(state, StringComparison.OrdinalIgnoreCase)) ?? state;
            var details = Text(item, "StateDetails") ?? string.Empty;
            var type = Text(item, "Type") ?? "Resource";
            if (ApplicationTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                applications.Add(new ClusterApplication
                {
                    Name = name,
                    Node = node ?? localNode,
                    IsLocal = isLocal,
                    State = state,
                    StateDetails = details,
                    StateFlags = new[] { state },
                    InMaintenance = Flag(item, "InMaintenance", clusterName) ?? false,
                    ClusterType = nameof(ClusterType.Generic),
                });
            }
            else
            {
                resources.Add(new ClusterResource { Name = name, Type = type, Node = node ?? localNode, IsLocal = isLocal, State = state, StateDetails = details, Application = Text(item, "Application") });
            }
        }

        return new ClusterView(applications, resources);
    }

    /// <summary>The states the module knows, as it spells them; the script maps its product's words to these.</summary>
    public static IReadOnlyList<string> States => ResourceStateNames.All;

    private static string? Text(object item, string name)
    {
        var text = InputObject.Property(item, name);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    // 'False' must not read as true, as a cast to [bool] would have it.
    private static bool? Flag(object item, string name, string clusterName)
    {
        var raw = InputObject.Value(item, name);
        return raw switch
        {
            null => null,
            bool b => b,
            string s when bool.TryParse(s, out var parsed) => parsed,
            _ => throw Invalid(clusterName, item, $"{name} must be $true or $false, not '{raw}'"),
        };
    }

    private static AcmException Invalid(string clusterName, object item, string why)
        => new(
            "GenericStateInvalid",
            System.Management.Automation.ErrorCategory.InvalidResult,
            $"The GetStateScript of cluster '{clusterName}' wrote '{Describe(item)}': {why}.",
            item)
        {
            RecommendedAction = "Make GetStateScript write objects such as [pscustomobject]@{ Type = 'Application'; Name = 'app1'; State = 'Online' } and @{ Name = 'fs1'; State = 'Offline' }.",
        };

    private static string Describe(object item)
    {
        var value = item is PSObject ps ? ps.BaseObject : item;
        if (value is IDictionary dictionary)
        {
            return "@{" + string.Join("; ", dictionary.Keys.Cast<object>().Select(k => $"{k}={dictionary[k]}")) + "}";
        }

        return LanguagePrimitives.ConvertTo<string>(item) ?? string.Empty;
    }
}
