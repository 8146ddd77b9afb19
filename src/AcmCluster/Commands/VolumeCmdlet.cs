using System.Collections.Generic;
using AcmCluster.Products.Linux;

namespace AcmCluster.Commands;

/// <summary>Base of the mount cmdlets: what is mounted where, read through the runner.</summary>
public abstract class VolumeCmdlet : AcmCmdlet
{
    internal IReadOnlyList<MountTable.Entry> ReadMountTable() => MountTable.Read(Runner);

    internal string? DeviceNumber(string device) => DeviceIdentity.Read(Runner, new[] { device }).GetValueOrDefault(device);
}
