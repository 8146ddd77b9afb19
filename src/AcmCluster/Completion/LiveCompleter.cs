using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AcmCluster.Cluster;
using AcmCluster.Native;
using AcmCluster.Products.Acm;

namespace AcmCluster.Completion;

/// <summary>
/// Tab completion from the live cluster and ACM, through the same runner as everything else. A completer
/// must never get in the way: any failure (tools missing, cluster down) completes nothing, silently,
/// and a slow tool is cut off.
/// </summary>
public abstract class LiveCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Candidates(new NativeCommandRunner(new ProcessOnlyHost()), fakeBoundParameters).ToList();
        }
        catch (Exception)
        {
            return Array.Empty<CompletionResult>();
        }

        var prefix = wordToComplete.Trim('\'', '"');
        return candidates
            .Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(c => c, StringComparer.Ordinal)
            .Select(c => new CompletionResult(c, c, CompletionResultType.ParameterValue, c))
            .ToList();
    }

    private protected abstract IEnumerable<string> Candidates(NativeCommandRunner runner, IDictionary bound);

    private protected static NativeCommandResult Run(NativeCommandRunner runner, NativeCommand command) => runner.Run(command, "CompletionQueryFailed", Limit);

    private protected static IClusterProvider Cluster(NativeCommandRunner runner, IDictionary bound)
    {
        // A Generic cluster's scripts are the user's code: completion never runs them (the caller completes nothing).
        if (bound.Contains("GenericCluster"))
        {
            throw new NotSupportedException("No completion from a Generic cluster's scripts.");
        }

        var type = bound["ClusterType"] is { } t && Enum.TryParse<ClusterType>(t.ToString(), true, out var parsed) ? parsed : ClusterDetector.Detect(runner.Host);
        var node = bound["Node"]?.ToString();
        return ClusterProviderFactory.Create(type, runner, new ClusterOptions(string.IsNullOrEmpty(node) ? null : node));
    }

    private protected static string? LogicalNode(IDictionary bound)
    {
        var value = bound["LogicalNode"]?.ToString();
        return string.IsNullOrEmpty(value) ? Environment.GetEnvironmentVariable(AcmCommands.LogicalNodeVariable) : value;
    }
}

/// <summary>-UserApplication: the cluster transactions the cluster reports.</summary>
public sealed class UserApplicationCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(NativeCommandRunner runner, IDictionary bound)
        => Cluster(runner, bound).Query().Applications.Select(a => a.Name);
}

/// <summary>-Resource: the cluster resources the cluster reports.</summary>
public sealed class ResourceCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(NativeCommandRunner runner, IDictionary bound)
        => Cluster(runner, bound).Query().Resources.Select(r => r.Name);
}

/// <summary>-Device: the transaction volumes ACM knows for the logical node.</summary>
public sealed class DeviceCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(NativeCommandRunner runner, IDictionary bound)
        => HistoryParser.DeviceNames(Run(runner, AcmCommands.History(null, LogicalNode(bound))).Output);
}

/// <summary>-LogicalNode: ACM's per-logical-node configuration directories, and $env:SWSTGNODE.</summary>
public sealed class LogicalNodeCompleter : LiveCompleter
{
    private const string AcmConfiguration = "/etc/opt/FJSVswsts";

    private protected override IEnumerable<string> Candidates(NativeCommandRunner runner, IDictionary bound)
    {
        var names = new List<string>();
        if (Environment.GetEnvironmentVariable(AcmCommands.LogicalNodeVariable) is { Length: > 0 } current)
        {
            names.Add(current);
        }

        if (Directory.Exists(AcmConfiguration))
        {
            names.AddRange(Directory.EnumerateDirectories(AcmConfiguration)
                .Where(d => Directory.Exists(Path.Combine(d, "sh")) || File.Exists(Path.Combine(d, "data", "swstg.ini")))
                .Select(Path.GetFileName)
                .OfType<string>());
        }

        return names;
    }
}
