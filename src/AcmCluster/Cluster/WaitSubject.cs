using System;
using System.Collections.Generic;
using System.Linq;
using AcmCluster.Native;

namespace AcmCluster.Cluster;

/// <summary>
/// What <see cref="ResourceWaiter"/> waits for: the file-system resources on this node (the procedures' wait steps,
/// Wait-AcmResourceState) or an application on one node (after -StartClusterService). Only how the state is read and
/// which native wait is used differ; the loop (one state query, the product's own wait, polling only without one) is the same.
/// </summary>
internal sealed record WaitSubject(
    string Noun,
    Func<string> Where,
    Func<IReadOnlyList<string>, string, NativeCommand> Query,
    Func<IReadOnlyList<string>, IReadOnlyDictionary<string, string>> States,
    Func<string, string, int, NativeCommand?> WaitCommand)
{
    public static WaitSubject Resources(IClusterProvider provider)
        => new("resource", () => $"this node ({provider.LocalNode})", provider.CheckResourcesCommand, provider.CurrentStates, provider.WaitCommand);

    /// <summary>The application on <paramref name="node"/> (this node when null): PRIMECLUSTER hvassert -w, VCS hagrp -wait, Generic polled.</summary>
    public static WaitSubject Application(IClusterProvider provider, string? node) => new(
        provider.Capabilities.ApplicationNoun,
        () => node ?? $"this node ({provider.LocalNode})",
        (applications, state) => provider.ServiceStateCommand(applications[0]) ?? provider.CheckResourcesCommand(applications, state),
        applications => applications.ToDictionary(a => a, a => provider.ApplicationState(a, node)),
        (application, state, seconds) => provider.ApplicationWaitCommand(application, node, state, seconds));
}
