using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

[Cmdlet(VerbsCommon.Get, "AcmClusterApplication")]
[OutputType(typeof(ClusterApplication))]
public sealed class GetAcmClusterApplicationCommand : ClusterCmdlet
{
    private readonly List<string> _names = new();

    /// <summary>Application names; wildcards allowed. All applications when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserApplication")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.UserApplicationCompleter))]
    public string[]? Name { get; set; }

    protected override void Process()
    {
        foreach (var name in Name ?? System.Array.Empty<string>())
        {
            if (!WildcardPattern.ContainsWildcardCharacters(name))
            {
                InputValidator.Name(name, nameof(Name));
            }

            _names.Add(name);
        }
    }

    protected override void End()
    {
        var apps = Provider.Query().Applications;
        if (_names.Count == 0)
        {
            WriteObject(apps, enumerateCollection: true);
            return;
        }

        foreach (var name in _names)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = apps.Where(a => pattern.IsMatch(a.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(Cluster.ClusterView.NotFound(name, Noun).ToErrorRecord());
            }

            WriteObject(matches, enumerateCollection: true);
        }
    }
}
