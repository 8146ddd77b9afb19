using System;
using System.Linq;
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
        MountPath.Check(Runner, mountPoint);

        var table = ReadMountTable();
        var mounted = MountTable.Top(table, mountPoint);
        if (mounted is not null && device is null)
        {
            WriteVerbose($"{mounted.Source} is already mounted on {mountPoint}; nothing to do.");
            WriteObject(ToResult(mounted.Source, mountPoint, mounted.FileSystemType, mounted.Options, changed: false, null));
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

        // Compared by device number: /dev/mapper/x and /dev/dm-3 are one device.
        var number = DeviceNumber(device);
        if (mounted is not null)
        {
            if (number is null || mounted.DeviceNumber != number)
            {
                throw MountOperations.InUse(mountPoint, mounted, device);
            }

            WriteVerbose($"{device} is already mounted on {mountPoint}; nothing to do.");
            WriteObject(ToResult(device, mountPoint, mounted.FileSystemType, mounted.Options, changed: false, null));
            return;
        }

        var elsewhere = number is null ? null : MountTable.MountsOf(table, number).FirstOrDefault();
        if (elsewhere is not null)
        {
            throw new AcmException(
                "VolumeMismatch",
                ErrorCategory.InvalidArgument,
                $"{device} is already mounted on {elsewhere.Target}; a second mount on {mountPoint} is refused.",
                device)
            {
                RecommendedAction = $"Unmount it from {elsewhere.Target} first, or check -Device.",
            };
        }

        var command = MountCommands.Mount(device, mountPoint, type, options);
        if (!ShouldRun(command, $"Mount {device} on {mountPoint}"))
        {
            return;
        }

        var result = MountOperations.MountVerified(Runner, device, mountPoint, type, options, number);
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
