using System.Collections.Generic;
using System.Linq;
using AcmCluster.Internal;
using AcmCluster.Products.Linux;

namespace AcmCluster.Completion;

/// <summary>-MountPoint of a volume: the file systems mounted now and those fstab.pcl / fstab know (a volume may be unmounted).</summary>
public sealed class MountPointCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
        => Mounted(query).Concat(FstabReader.All(TestHooks.EtcDirectory).Select(e => e.MountPoint));
}

/// <summary>-MountPoint of Dismount-AcmVolume: the file systems mounted now.</summary>
public sealed class MountedPointCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query) => Mounted(query);
}

/// <summary>-Id of Get-AcmProcedure: the procedures journaled here.</summary>
public sealed class ProcedureIdCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query) => Journal(out _).Select(e => e.Result.Id);
}

/// <summary>-Id of Resume-AcmProcedure: the journaled procedures that did not finish (the only ones it can resume).</summary>
public sealed class IncompleteProcedureIdCompleter : LiveCompleter
{
    private protected override IEnumerable<string> Candidates(Query query)
    {
        var entries = Journal(out var store);
        return entries.Where(store.IsIncomplete).Select(e => e.Result.Id);
    }
}
