using System.Management.Automation;
using AcmCluster.Internal;

namespace AcmCluster.Commands;

/// <summary>Describes a shared disk for the stopped-cluster procedure: GDS class, VxVM disk group, LVM volume group, or scripts.</summary>
[Cmdlet(VerbsCommon.New, "AcmSharedDisk", DefaultParameterSetName = GdsSet)]
[OutputType(typeof(SharedDisk))]
public sealed class NewAcmSharedDiskCommand : AcmCmdlet
{
    private const string GdsSet = "Gds";
    private const string VxVMSet = "VxVM";
    private const string LvmSet = "Lvm";
    private const string ScriptSet = "Script";

    /// <summary>A PRIMECLUSTER GDS class (sdxvolume -N/-F -c).</summary>
    [Parameter(Mandatory = true, ParameterSetName = GdsSet)]
    public SwitchParameter Gds { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = GdsSet)]
    [ArgumentCompleter(typeof(Completion.GdsClassCompleter))]
    public string Class { get; set; } = string.Empty;

    /// <summary>One GDS volume of the class (sdxvolume -v); every volume when omitted. -Volume is its old name.</summary>
    [Parameter(ParameterSetName = GdsSet)]
    [ArgumentCompleter(typeof(Completion.GdsVolumeCompleter))]
    [Alias("Volume")]
    public string? GdsVolume { get; set; }

    /// <summary>A Veritas Volume Manager disk group (vxdg import/deport, vxvol startall/stopall).</summary>
    [Parameter(Mandatory = true, ParameterSetName = VxVMSet)]
    public SwitchParameter VxVM { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = VxVMSet)]
    [ArgumentCompleter(typeof(Completion.DiskGroupCompleter))]
    public string DiskGroup { get; set; } = string.Empty;

    /// <summary>A Linux LVM volume group (vgchange -a y/n).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LvmSet)]
    public SwitchParameter Lvm { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = LvmSet)]
    [ArgumentCompleter(typeof(Completion.VolumeGroupCompleter))]
    public string VolumeGroup { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
    public ScriptBlock? EnableScript { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ScriptSet)]
    public ScriptBlock? DisableScript { get; set; }

    /// <summary>A label for a script pair (shown in plans and results).</summary>
    [Parameter(ParameterSetName = ScriptSet)]
    public string Name { get; set; } = "script";

    protected override void Process()
    {
        var disk = ParameterSetName switch
        {
            GdsSet => new SharedDisk
            {
                KindValue = SharedDiskKind.Gds,
                Name = InputValidator.Name(Class, nameof(Class)),
                GdsVolume = GdsVolume is null ? null : InputValidator.Name(GdsVolume, nameof(GdsVolume)),
            },
            VxVMSet => new SharedDisk { KindValue = SharedDiskKind.VxVM, Name = InputValidator.Name(DiskGroup, nameof(DiskGroup)) },
            LvmSet => new SharedDisk { KindValue = SharedDiskKind.Lvm, Name = InputValidator.Name(VolumeGroup, nameof(VolumeGroup)) },
            _ => new SharedDisk
            {
                KindValue = SharedDiskKind.Script,
                Name = InputValidator.Name(Name, nameof(Name)),
                EnableScript = EnableScript!.ToString(),
                DisableScript = DisableScript!.ToString(),
                EnableBlock = EnableScript,
                DisableBlock = DisableScript,
            },
        };
        WriteObject(disk);
    }

    /// <summary>A -SharedDisk item: a New-AcmSharedDisk object, or a hashtable/object with Kind, Name (and GdsVolume; Volume, its old name, still works).</summary>
    internal static SharedDisk Validated(object value)
    {
        var item = value is PSObject ps ? ps.BaseObject : value;
        if (item is SharedDisk disk)
        {
            if (disk.KindValue == SharedDiskKind.Script)
            {
                if (disk.EnableBlock is null && string.IsNullOrWhiteSpace(disk.EnableScript) || disk.DisableBlock is null && string.IsNullOrWhiteSpace(disk.DisableScript))
                {
                    throw new AcmException("InvalidSharedDisk", ErrorCategory.InvalidArgument, $"Shared disk '{disk.Name}' of kind Script needs both scripts.", value);
                }

                InputValidator.Name(disk.Name, "SharedDisk");
                return disk;
            }

            return new SharedDisk { KindValue = disk.KindValue, Name = InputValidator.Name(disk.Name, "SharedDisk"), GdsVolume = disk.GdsVolume is null ? null : InputValidator.Name(disk.GdsVolume, "SharedDisk") };
        }

        var kind = InputObject.Property(value, "Kind");
        var name = InputObject.Property(value, "Name");
        if (kind is null || name is null || !System.Enum.TryParse<SharedDiskKind>(kind, true, out var parsed) || parsed == SharedDiskKind.Script)
        {
            throw new AcmException(
                "InvalidSharedDisk",
                ErrorCategory.InvalidArgument,
                $"A shared disk needs Kind (Gds, VxVM or Lvm) and Name; '{value}' is not one. Use New-AcmSharedDisk.",
                value);
        }

        // Volume: the key's name before GdsVolume, accepted for one release like the parameter alias.
        var volume = InputObject.Property(value, "GdsVolume") ?? InputObject.Property(value, "Volume");
        return new SharedDisk { KindValue = parsed, Name = InputValidator.Name(name, "SharedDisk"), GdsVolume = string.IsNullOrEmpty(volume) ? null : InputValidator.Name(volume, "SharedDisk") };
    }
}
