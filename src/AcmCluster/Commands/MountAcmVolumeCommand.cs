using System;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Products.Linux;

namespace AcmCluster.Commands;

[Cmdlet(VerbsData.Mount, "AcmVolume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(VolumeMount))]
public sealed class MountAcmVolumeCommand : VolumeCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.MountPointCompleter))]
    public string MountPoint { get; set; } = string.Empty;

    /// <summary>The block device; looked up in /etc/fstab.pcl, then /etc/fstab, when omitted.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(Completion.DeviceCompleter))]
    public string? Device { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Type")]
    public string? FileSystemType { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Options { get; set; }

    protected override void Process()
    {
        var mountPoint = InputValidator.MountPoint(MountPoint, nameof(MountPoint));
        var device = Device is null ? null : InputValidator.Device(Device, nameof(Device));
        var type = string.IsNullOrEmpty(FileSystemType) ? null : InputValidator.FileSystemType(FileSystemType, nameof(FileSystemType));
        var options = string.IsNullOrEmpty(Options) ? null : InputValidator.MountOptions(Options, nameof(Options));

        var mounted = FindMounted(mountPoint);
        if (mounted is not null)
        {
            if (device is not null && mounted.Device != device)
            {
                throw new AcmException(
                    "MountPointInUse",
                    ErrorCategory.ResourceExists,
                    $"{mountPoint} already has {mounted.Device} mounted, not {device}.",
                    mountPoint);
            }

            WriteVerbose($"{mounted.Device} is already mounted on {mountPoint}; nothing to do.");
            WriteObject(ToResult(mounted.Device, mountPoint, mounted.FileSystemType, mounted.Options, changed: false, null));
            return;
        }

        if (device is null)
        {
            var entry = FstabReader.Find(TestHooks.EtcDirectory, mountPoint) ?? throw new AcmException(
                "MountEntryNotFound",
                ErrorCategory.ObjectNotFound,
                $"No -Device was given and {mountPoint} is in neither {TestHooks.EtcDirectory}/fstab.pcl nor {TestHooks.EtcDirectory}/fstab.",
                mountPoint);
            device = entry.Device;
            type ??= entry.FileSystemType;
            options ??= entry.Options == "defaults" ? null : entry.Options;
        }

        var command = MountCommands.Mount(device, mountPoint, type, options);
        if (!ShouldRun(command, $"Mount {device} on {mountPoint}"))
        {
            return;
        }

        var result = Runner.Run(command, "MountFailed");
        WriteObject(ToResult(device, mountPoint, type ?? string.Empty, options ?? string.Empty, changed: true, result));
    }

    private static VolumeMount ToResult(string device, string mountPoint, string type, string options, bool changed, NativeCommandResult? result) => new()
    {
        MountPoint = mountPoint,
        Device = device,
        FileSystemType = type,
        Options = options,
        Mounted = true,
        Changed = changed,
        Time = DateTime.Now,
        NativeCommand = result,
    };
}
