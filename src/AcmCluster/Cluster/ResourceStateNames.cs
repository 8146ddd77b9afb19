using System;
using System.Collections.Generic;
using System.Linq;

namespace AcmCluster.Cluster;

/// <summary>
/// The resource states the module knows, spelled as PRIMECLUSTER writes them; VCS states match them
/// ignoring case, and a Generic cluster's state script maps its product's words to these.
/// </summary>
internal static class ResourceStateNames
{
    public static readonly string[] All =
    {
        "Online", "Offline", "Faulted", "Standby", "Maintenance", "Deact", "Inconsistent", "OfflineFault", "Unknown", "Wait", "Warning",
    };

    /// <summary>True when <paramref name="current"/> (possibly combined: 'ONLINE|RESTARTING') is <paramref name="state"/>.</summary>
    public static bool Is(string current, string state) => Flags(current).Contains(state, StringComparer.OrdinalIgnoreCase);

    /// <summary>The state's flags: 'ONLINE|RESTARTING' and '|OFFLINE|FAULTED|' are combined values.</summary>
    public static IReadOnlyList<string> Flags(string state) => state.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
