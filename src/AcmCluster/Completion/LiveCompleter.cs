using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using AcmCluster.Cluster;
using AcmCluster.Native;
using AcmCluster.Procedures;
using AcmCluster.Products.Acm;
using AcmCluster.Products.Linux;

namespace AcmCluster.Completion;

/// <summary>
/// Tab completion from the live cluster, ACM, the mount table and the journal, through the same runner as
/// everything else. A completer must never get in the way: any failure (tools missing, cluster down)
/// completes nothing, silently, and the tools are cut off when they are slow.
/// A completer reads only what the command line says (fakeBoundParameters holds every parameter typed,
/// before or after the cursor), so the order of parameters does not matter; what is not typed is widened
/// (every logical node ACM is known to have, every device) rather than left empty.
/// </summary>
public abstract class LiveCompleter : IArgumentCompleter
{
    // Public only because the public completers derive from it; nothing outside the module does.
    private protected LiveCompleter() { }

    /// <summary>How long one completion may spend in native tools altogether: a Tab press must not hang.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        // Always a list, never null and never an exception: PowerShell completes file names after a completer
        // that returns null or throws, and offers nothing after one that returns an empty list (what we want:
        // a file name is never a cluster name).
        try
        {
            // The budget cancels the host: the runner stops whatever tool is running when it is spent.
            using var budget = new CancellationTokenSource(Budget);
            var query = new Query(new NativeCommandRunner(new ProcessOnlyHost(cancellation: budget.Token)), fakeBoundParameters ?? new Hashtable());
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Candidates(query)
                .Where(c => !string.IsNullOrEmpty(c) && c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(c => c, Comparer)
                .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, c))
                .ToList();
        }
        catch (Exception)
        {
            return new List<CompletionResult>();
        }
    }

    /// <summary>The order the candidates are offered in (names ordinally; generations numerically).</summary>
    private protected virtual IComparer<string> Comparer => StringComparer.Ordinal;

    private protected abstract IEnumerable<string> Candidates(Query query);

    /// <summary>
    /// A name is inserted into the command line as it is only when it holds nothing PowerShell reads as syntax;
    /// anything else (a blank, a quote, '$(...)' in a mount point someone else chose) goes in single quotes,
    /// so that accepting a completion can never run code.
    /// </summary>
    private static string Quote(string value)
        => value.All(c => char.IsLetterOrDigit(c) && c < 128 || c is '/' or '_' or '.' or '-' or ':' or '+') && !value.StartsWith('-')
            ? value
            : "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";

    /// <summary>One completion: the line's parameters and what is left of the time budget.</summary>
    private protected sealed class Query
    {
        public Query(NativeCommandRunner runner, IDictionary bound)
        {
            Runner = runner;
            Bound = bound;
        }

        public NativeCommandRunner Runner { get; }

        public IDictionary Bound { get; }

        /// <summary>Runs a query tool; it is stopped (and this throws) when the completion's budget is spent.</summary>
        public NativeCommandResult Run(NativeCommand command) => Runner.Run(command, "CompletionQueryFailed", Budget);

        /// <summary>The typed values of a parameter, one or a list; empty when it was not typed.</summary>
        public IReadOnlyList<string> Values(string parameter)
        {
            var value = Bound.Contains(parameter) ? Bound[parameter] : null;
            IEnumerable<object?> items = value switch
            {
                null => Array.Empty<object?>(),
                string s => new object?[] { s },
                IEnumerable e => e.Cast<object?>(),
                _ => new[] { value },
            };
            return items.Select(i => i is PSObject p ? p.BaseObject : i).Select(i => i?.ToString()).OfType<string>().Where(s => s.Length > 0).ToList();
        }
    }

    private protected static IClusterProvider Cluster(Query query)
    {
        // A Generic cluster's scripts are the user's code: completion never runs them (the caller completes nothing).
        if (query.Bound.Contains("GenericCluster"))
        {
            throw new NotSupportedException("No completion from a Generic cluster's scripts.");
        }

        var type = query.Values("ClusterType").FirstOrDefault() is { } t && Enum.TryParse<ClusterType>(t, true, out var parsed) ? parsed : ClusterDetector.Detect(query.Runner.Host);
        var node = query.Values("Node").FirstOrDefault();
        return ClusterProviderFactory.Create(type, query.Runner, new ClusterOptions(node));
    }

    /// <summary>
    /// The ACM repositories to ask: the logical node typed (or $env:SWSTGNODE, as the cmdlets default to it);
    /// when neither is there, every logical node known (<see cref="LogicalNodeCompleter"/>) and the node's own
    /// repository (null), so that -Device completes before -LogicalNode is typed.
    /// </summary>
    private protected static IEnumerable<string?> Repositories(Query query)
    {
        if (query.Values("LogicalNode").FirstOrDefault() is { } typed)
        {
            return new[] { typed };
        }

        if (Environment.GetEnvironmentVariable(AcmCommands.LogicalNodeVariable) is { Length: > 0 } inherited)
        {
            return new[] { inherited };
        }

        return LogicalNodeCompleter.Known().Distinct(StringComparer.Ordinal).Cast<string?>().Append(null).ToList();
    }

    /// <summary>
    /// Runs one query per repository and keeps what each gave: a repository that cannot be read (ACM's shared
    /// data not on this node, the budget spent) must not hide the others.
    /// </summary>
    private protected static IEnumerable<T> FromRepositories<T>(Query query, Func<string?, IEnumerable<T>> read)
    {
        var found = new List<T>();
        foreach (var logicalNode in Repositories(query))
        {
            try
            {
                found.AddRange(read(logicalNode));
            }
            catch (Exception)
            {
                // Completion shows what it could read.
            }
        }

        return found;
    }

    /// <summary>The backup history of the devices typed (all devices when none is), in every repository in question.</summary>
    private protected static IEnumerable<BackupHistory> History(Query query)
    {
        var devices = query.Values("Device");
        return FromRepositories(query, logicalNode => HistoryParser.Parse(query.Run(AcmCommands.History(null, logicalNode)).Output)
            .Where(r => devices.Count == 0 || devices.Contains(r.Device, StringComparer.Ordinal)));
    }

    /// <summary>The mount points of the mount table.</summary>
    private protected static IEnumerable<string> Mounted(Query query)
        => MountTable.Parse(query.Run(MountTable.Query()).Output).Select(e => e.Target);

    /// <summary>The journaled procedures of this machine (the same store Get-AcmProcedure reads).</summary>
    private protected static IEnumerable<JournalEntry> Journal(out JournalStore store)
    {
        store = JournalStore.Open();
        return store.All().ToList();
    }
}
