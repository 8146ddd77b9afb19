using AcmCluster.Products.Linux;

namespace AcmCluster.Commands;

/// <summary>Base of the mount cmdlets: what is mounted where, read through the runner.</summary>
public abstract class VolumeCmdlet : AcmCmdlet
{
    internal MountTableParser.Entry? FindMounted(string mountPoint) => MountOperations.Find(Runner, mountPoint);
}
