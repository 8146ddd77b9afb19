using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using AcmCluster.Commands;
using Xunit;

namespace AcmCluster.Tests.PublicSurface;

/// <summary>
/// The module's public types are its API: cmdlets (and the bases PowerShell needs public), the types users meet
/// through them, the completers and the exception (issue 13). A new public type fails here until it is added on purpose.
/// </summary>
public class PublicSurfaceTests
{
    private static readonly Assembly Module = typeof(AcmCmdlet).Assembly;

    private static readonly string[] AllowList =
    {
        // Cmdlets and their bases (a public class cannot derive from an internal one).
        "AcmCluster.Commands.AcmBackupCmdlet",
        "AcmCluster.Commands.AcmCmdlet",
        "AcmCluster.Commands.ClusterCmdlet",
        "AcmCluster.Commands.DismountAcmVolumeCommand",
        "AcmCluster.Commands.EnterAcmMaintenanceCommand",
        "AcmCluster.Commands.ExitAcmMaintenanceCommand",
        "AcmCluster.Commands.GetAcmBackupHistoryCommand",
        "AcmCluster.Commands.GetAcmClusterApplicationCommand",
        "AcmCluster.Commands.GetAcmProcedureCommand",
        "AcmCluster.Commands.GetAcmSyncStatusCommand",
        "AcmCluster.Commands.InvokeAcmBackupCommand",
        "AcmCluster.Commands.InvokeAcmClusterBackupCommand",
        "AcmCluster.Commands.InvokeAcmClusterRestoreCommand",
        "AcmCluster.Commands.InvokeAcmRestoreCommand",
        "AcmCluster.Commands.InvokeAcmStoppedClusterBackupCommand",
        "AcmCluster.Commands.InvokeAcmStoppedClusterRestoreCommand",
        "AcmCluster.Commands.JournaledProcedureCmdlet",
        "AcmCluster.Commands.MountAcmVolumeCommand",
        "AcmCluster.Commands.NewAcmGenericClusterCommand",
        "AcmCluster.Commands.NewAcmSharedDiskCommand",
        "AcmCluster.Commands.NewAcmVolumeCommand",
        "AcmCluster.Commands.ProcedureCmdlet",
        "AcmCluster.Commands.ResumeAcmProcedureCommand",
        "AcmCluster.Commands.StartAcmSyncCommand",
        "AcmCluster.Commands.StopAcmSyncCommand",
        "AcmCluster.Commands.StoppedClusterCmdlet",
        "AcmCluster.Commands.TestAcmClusterProcedureCommand",
        "AcmCluster.Commands.VolumeCmdlet",
        "AcmCluster.Commands.WaitAcmResourceStateCommand",
        "AcmCluster.Commands.WaitAcmSyncEquivalentCommand",

        // Completers (PowerShell instantiates them) and their base.
        "AcmCluster.Completion.BackupDeviceCompleter",
        "AcmCluster.Completion.DeviceCompleter",
        "AcmCluster.Completion.DiskGroupCompleter",
        "AcmCluster.Completion.GdsClassCompleter",
        "AcmCluster.Completion.GdsVolumeCompleter",
        "AcmCluster.Completion.GenerationCompleter",
        "AcmCluster.Completion.IncompleteProcedureIdCompleter",
        "AcmCluster.Completion.LiveCompleter",
        "AcmCluster.Completion.LogicalNodeCompleter",
        "AcmCluster.Completion.MountPointCompleter",
        "AcmCluster.Completion.MountedPointCompleter",
        "AcmCluster.Completion.NodeCompleter",
        "AcmCluster.Completion.ProcedureIdCompleter",
        "AcmCluster.Completion.ResourceCompleter",
        "AcmCluster.Completion.UserApplicationCompleter",
        "AcmCluster.Completion.VersionCompleter",
        "AcmCluster.Completion.VolumeGroupCompleter",

        // What users meet: outputs, parameter objects, their properties' types, and the exception.
        "AcmCluster.AcmOperationResult",
        "AcmCluster.AcmVolume",
        "AcmCluster.BackupHistory",
        "AcmCluster.ClusterApplication",
        "AcmCluster.ClusterType",
        "AcmCluster.GenericCluster",
        "AcmCluster.Internal.AcmException",
        "AcmCluster.MaintenanceResult",
        "AcmCluster.NativeCommandResult",
        "AcmCluster.PreflightCheck",
        "AcmCluster.ProcedureResult",
        "AcmCluster.ProcedureStepResult",
        "AcmCluster.ResourceStateResult",
        "AcmCluster.SharedDisk",
        "AcmCluster.SyncStatus",
        "AcmCluster.VolumeMount",
    };

    private static IEnumerable<Type> Exported() => Module.GetExportedTypes();

    [Fact]
    public void PublicTypesAreExactlyTheAllowList()
    {
        var exported = Exported().Select(t => t.FullName!).ToHashSet();
        var unexpected = exported.Except(AllowList).OrderBy(n => n).ToList();
        var missing = AllowList.Except(exported).OrderBy(n => n).ToList();
        Assert.True(unexpected.Count == 0, "Public but not allowed (make it internal, or add it here on purpose): " + string.Join(", ", unexpected));
        Assert.True(missing.Count == 0, "Allowed but not public (remove it from the list): " + string.Join(", ", missing));
    }

    /// <summary>
    /// The allow-list itself stays honest: every public type is a cmdlet, a completer, the exception, a base of one,
    /// or reached from a cmdlet through its [OutputType], its parameters or the public properties of those types.
    /// </summary>
    [Fact]
    public void EveryPublicTypeIsReachedFromACmdletOrACompleter()
    {
        var roots = Exported().Where(t => !t.IsAbstract && (t.GetCustomAttribute<CmdletAttribute>() is not null || typeof(IArgumentCompleter).IsAssignableFrom(t)))
            .Append(typeof(Internal.AcmException))
            .ToList();
        Assert.Contains(typeof(GetAcmProcedureCommand), roots);
        Assert.Contains(typeof(Completion.ProcedureIdCompleter), roots);

        var reached = new HashSet<Type>();
        var pending = new Queue<Type>(roots);
        while (pending.Count > 0)
        {
            var type = pending.Dequeue();
            if (type.Assembly != Module || !reached.Add(type))
            {
                continue;
            }

            var next = new List<Type>();
            for (var b = type.BaseType; b is not null; b = b.BaseType)
            {
                next.Add(b);
            }

            next.AddRange(type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).Select(n => n.Type).OfType<Type>());
            next.AddRange(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType));
            foreach (var t in next)
            {
                pending.Enqueue(t.IsArray ? t.GetElementType()! : t);
                foreach (var argument in t.IsGenericType ? t.GetGenericArguments() : Type.EmptyTypes)
                {
                    pending.Enqueue(argument);
                }

                if (Nullable.GetUnderlyingType(t) is { } underlying)
                {
                    pending.Enqueue(underlying);
                }
            }
        }

        var unreached = Exported().Where(t => !reached.Contains(t)).Select(t => t.FullName).OrderBy(n => n).ToList();
        Assert.True(unreached.Count == 0, "Public but met through no cmdlet or completer: " + string.Join(", ", unreached));
    }

    [Fact]
    public void TestHooksAreInternal()
    {
        var hooks = Module.GetType("AcmCluster.Internal.TestHooks", throwOnError: true)!;
        Assert.False(hooks.IsVisible);
        Assert.NotNull(hooks.GetProperty("EtcDirectory", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic));
    }

    /// <summary>The abstract bases are public only for PowerShell: no constructor lets another assembly derive from them.</summary>
    [Fact]
    public void AbstractBasesCannotBeDerivedOutsideTheModule()
    {
        var bases = Exported().Where(t => t.IsAbstract && !t.IsSealed).ToList();
        Assert.Contains(typeof(AcmCmdlet), bases);
        foreach (var type in bases)
        {
            var open = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly);
            Assert.True(!open.Any(), $"{type.FullName} has a constructor another assembly can call");
        }
    }
}
