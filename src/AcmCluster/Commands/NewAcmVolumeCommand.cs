using System.Management.Automation;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

[Cmdlet(VerbsCommon.New, "AcmVolume")]
[OutputType(typeof(AcmVolume))]
public sealed class NewAcmVolumeCommand : AcmCmdlet
{
    /// <summary>The ACM transaction volume.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string Device { get; set; } = string.Empty;

    /// <summary>The cluster resource of its file system (PRIMECLUSTER Fsystem resource).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.ResourceCompleter))]
    public string Resource { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.MountPointCompleter))]
    public string MountPoint { get; set; } = string.Empty;

    internal static AcmVolume Validated(string? device, string? resource, string? mountPoint) => new()
    {
        Device = InputValidator.Device(device, nameof(Device)),
        Resource = InputValidator.Name(resource, nameof(Resource)),
        MountPoint = InputValidator.MountPoint(mountPoint, nameof(MountPoint)),
    };

    protected override void Process() => WriteObject(Validated(Device, Resource, MountPoint));
}
