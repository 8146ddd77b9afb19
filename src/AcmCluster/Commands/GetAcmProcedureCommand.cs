using System.Linq;
using System.Management.Automation;
using AcmCluster.Procedures;

namespace AcmCluster.Commands;

[Cmdlet(VerbsCommon.Get, "AcmProcedure")]
[OutputType(typeof(ProcedureResult))]
public sealed class GetAcmProcedureCommand : AcmCmdlet
{
    /// <summary>Procedure ids; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[]? Id { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.UserApplicationCompleter))]
    public string? UserApplication { get; set; }

    /// <summary>Only procedures that did not finish: their process died, or an undo failed.</summary>
    [Parameter]
    public SwitchParameter Incomplete { get; set; }

    protected override void Process()
    {
        var journal = JournalStore.Open();
        var patterns = Id?.Select(i => new WildcardPattern(i, WildcardOptions.IgnoreCase)).ToList();
        foreach (var entry in journal.All())
        {
            var r = entry.Result;
            if ((patterns is null || patterns.Any(p => p.IsMatch(r.Id)))
                && (UserApplication is null || string.Equals(r.UserApplication, UserApplication, System.StringComparison.OrdinalIgnoreCase))
                && (!Incomplete || journal.IsIncomplete(entry)))
            {
                WriteObject(r);
            }
        }

        // Never loaded, never resumed, never blocking a backup: shown so that someone looks at it.
        foreach (var untrusted in journal.UntrustedJournals)
        {
            WriteWarning($"Ignored procedure journal {untrusted.Path}: {untrusted.Reason}. {untrusted.Fix}");
        }
    }
}
