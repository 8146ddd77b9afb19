using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Procedures;

namespace AcmCluster.Commands;

[Cmdlet(VerbsCommon.Get, "AcmProcedure")]
[OutputType(typeof(ProcedureResult))]
public sealed class GetAcmProcedureCommand : AcmCmdlet
{
    /// <summary>Procedure ids; wildcards allowed. An id without wildcards that has no journal writes a ProcedureNotFound error.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.ProcedureIdCompleter))]
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

        // A literal id is a named lookup: no journal of that id is an error (as Get-Item's), a wildcard that matches nothing is not.
        // An id whose journal -UserApplication or -Incomplete filters out was found, so it is no error.
        var notFound = Id?.Where(i => !WildcardPattern.ContainsWildcardCharacters(i)).ToList() ?? new List<string>();
        foreach (var entry in journal.All())
        {
            var r = entry.Result;
            notFound.RemoveAll(i => string.Equals(i, r.Id, StringComparison.OrdinalIgnoreCase));
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

        foreach (var id in notFound)
        {
            WriteError(journal.NotFound(id).ToErrorRecord());
        }
    }
}
