using System.Collections.Generic;
using System.Linq;

namespace AcmCluster.Completion;

/// <summary>-UserApplication: the cluster transactions the cluster reports.</summary>
public sealed class UserApplicationCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
        => View(query).Applications.Select(a => a.Name);
}

/// <summary>-Resource: the cluster resources the cluster reports.</summary>
public sealed class ResourceCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
        => View(query).Resources.Select(r => r.Name);
}

/// <summary>-Node: the cluster nodes the applications and resources are reported on.</summary>
public sealed class NodeCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
    {
        var view = View(query);
        return view.Applications.Select(a => a.Node).Concat(view.Resources.Select(r => r.Node));
    }
}
