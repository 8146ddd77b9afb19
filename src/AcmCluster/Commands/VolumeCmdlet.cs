using System.Collections.Generic;
using AcmCluster.Products.Linux;

namespace AcmCluster.Commands;

/// <summary>Base of the mount cmdlets: what is mounted where, read through the runner.</summary>
public abstract class VolumeCmdlet : AcmCmdlet
{
    // Public only because PowerShell needs the cmdlets' base classes public; nothing outside the module derives from it.
    private protected VolumeCmdlet() { }

    internal IReadOnlyList<MountTable.Entry> ReadMountTable() => MountTable.Read(Runner);

    internal string? DeviceNumber(string device) => DeviceIdentity.Read(Runner, new[] { device }).GetValueOrDefault(device);
}
