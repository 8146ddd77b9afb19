using System.Collections.Generic;

namespace AcmCluster.Cluster;

/// <summary>
/// What is true of a cluster product whatever the cluster: its words for messages, how it spells resource states,
/// and the behaviour the procedures branch on. The procedures ask these facts, never the product's name. Each product
/// declares them once (Products/&lt;Product&gt;/&lt;Product&gt;Product.cs); a driver exposes them, refined only by the
/// user's definition (a Generic cluster's scripts).
/// </summary>
internal sealed record ClusterCapabilities
{
    public required ClusterType Type { get; init; }

    /// <summary>The product's name as its manuals write it, for messages: 'PRIMECLUSTER', 'Veritas Cluster Server'.</summary>
    public required string DisplayName { get; init; }

    /// <summary>What the product calls a cluster transaction, for messages: 'userApplication', 'service group'.</summary>
    public required string ApplicationNoun { get; init; }

    /// <summary>The cluster software whose absence means the service is stopped, for messages: 'RMS'.</summary>
    public required string ServiceName { get; init; }

    /// <summary>Where an operator looks at resource states, for messages: 'hvdisp -a'.</summary>
    public required string StateQueryHint { get; init; }

    /// <summary>What the product calls maintenance mode, for messages: 'maintenance mode (frozen)' on VCS.</summary>
    public string MaintenanceNoun { get; init; } = "maintenance mode";

    /// <summary>The states a resource can be waited for, spelled as the product spells them.</summary>
    public required IReadOnlyList<string> ResourceStates { get; init; }

    /// <summary>The resource state that means a transaction volume's file system is down.</summary>
    public required string OfflineState { get; init; }

    /// <summary>The resource state that means a transaction volume's file system is up.</summary>
    public required string OnlineState { get; init; }

    /// <summary>
    /// True when the product takes a file-system resource offline and online itself (VCS Mount resources: ACM's VCS
    /// note), which a frozen group refuses, so maintenance mode covers only the copy while the volumes are offline;
    /// false when the procedure unmounts and mounts by hand inside maintenance mode (PRIMECLUSTER Fsystem).
    /// The driver's resource offline/online commands are null exactly when this is false.
    /// </summary>
    public bool ControlsMountResources { get; init; }

    /// <summary>Why a synchronous (EC) backup of a volume in a cluster transaction is refused on this product (ACM's VCS note), or null.</summary>
    public string? SynchronousBackupRestriction { get; init; }

    /// <summary>True when a forced exit from maintenance overrides the cluster's own safety check (hvutil -m forceoff), so it is confirmed even at the default $ConfirmPreference.</summary>
    public bool ForcedExitOverridesCluster { get; init; }

    /// <summary>False when asking the cluster would run the user's code (a Generic cluster's scripts): tab completion then offers nothing.</summary>
    public bool LiveCompletion { get; init; } = true;
}
