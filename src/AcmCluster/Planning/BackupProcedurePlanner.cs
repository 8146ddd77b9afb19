using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Procedures;
using AcmCluster.Products.Acm;
using AcmCluster.Products.Linux;

namespace AcmCluster.Planning;

/// <summary>
/// Builds the manual's cluster procedures (ACM V15.1, 9.1.7) as engine steps: maintenance mode on,
/// unmount, wait Offline, swstbackup or swstrestore, mount, wait Online, maintenance off — with
/// swststartsync and the wait for equivalency first for the synchronous backup. All volumes share one
/// maintenance window; their copies run concurrently.
/// </summary>
internal sealed class BackupProcedurePlanner : IProcedurePlanner
{
    public const string Name = "BackupProcedure";
    private const string DeviceKey = "Device";
    private const string TypeKey = "FileSystemType";
    private const string OptionsKey = "Options";
    private const string NumberKey = "DeviceNumber";
    private const string BackupDiskKey = "BackupDisk";
    private readonly ClusterProcedureRequest _request;

    // What the precondition checks saw a moment before the first step: the steps reuse it instead of
    // asking again. A resumed procedure has none and asks.
    private ClusterView? _checkedView;
    private IReadOnlyList<MountTable.Entry>? _checkedMounts;
    private IReadOnlyDictionary<string, string>? _checkedNumbers;

    public BackupProcedurePlanner(ClusterProcedureRequest request) => _request = request;

    private string App => _request.UserApplication;

    private TimeSpan Settle => TimeSpan.FromSeconds(_request.SettleTime);

    private IClusterProvider Cluster(NativeCommandRunner runner) => _request.Cluster(runner);

    // Command builders run nothing, so a provider without a session serves to show the commands in a plan.
    private IClusterProvider Shown => Cluster(new NativeCommandRunner(new ProcessOnlyHost()));

    public ProcedurePlan Plan()
    {
        var steps = new List<ProcedureStep>();
        var synchronous = _request.Procedure == ProcedureKind.SynchronousBackup;
        if (synchronous)
        {
            steps.AddRange(_request.Volumes.Select(StartSync));
            steps.Add(WaitEquivalent());
        }

        Func<AcmVolume, ProcedureStep> copy = _request.Procedure == ProcedureKind.Restore ? Restore : Backup;
        if (Shown.Capabilities.ControlsMountResources)
        {
            // The cluster takes the file-system resources offline and online itself (VCS Mount resources, ACM's
            // VCS note; a Generic cluster with resource scripts); a frozen group refuses that, so maintenance mode
            // covers only the copy, while the volumes are offline.
            if (synchronous && _request.LogicalNode is not null && Shown.Capabilities.SynchronousBackupRestriction is { } restriction)
            {
                throw new AcmException(
                    "SynchronousBackupNotAllowed",
                    ErrorCategory.InvalidOperation,
                    $"{restriction} Logical node '{_request.LogicalNode}' is one. Use the snapshot-type backup (without -Synchronous).",
                    _request.LogicalNode)
                {
                    RecommendedAction = "Run Invoke-AcmClusterBackup without -Synchronous, or register the volume outside the cluster transaction (no -LogicalNode/SWSTGNODE).",
                };
            }

            steps.AddRange(_request.Volumes.Select(TakeOffline));
            steps.Add(WaitVolumes("Offline"));
            steps.Add(EnterMaintenance());
            steps.AddRange(_request.Volumes.Select(copy));
            steps.Add(ExitMaintenance());
            steps.AddRange(_request.Volumes.Select(BringOnline));
            steps.Add(WaitVolumes("Online"));
        }
        else
        {
            steps.Add(EnterMaintenance());
            steps.AddRange(_request.Volumes.Select(Unmount));
            steps.Add(WaitVolumes("Offline"));
            steps.AddRange(_request.Volumes.Select(copy));
            steps.AddRange(_request.Volumes.Select(Mount));
            steps.Add(WaitVolumes("Online"));
            steps.Add(ExitMaintenance());
        }

        return new ProcedurePlan
        {
            Procedure = _request.Procedure.ToString(),
            ClusterType = _request.ClusterType.ToString(),
            UserApplication = App,
            Devices = _request.Volumes.Select(v => v.Device).ToList(),
            Steps = steps,
            ThrottleLimit = _request.ThrottleLimit,
            RequestJson = _request.ToJson(),
        };
    }

    /// <summary>
    /// What the manual requires before anything changes: the application runs on this node, ACM knows every
    /// device, each volume is the one at its mount point (by device number, and as the cluster's configuration
    /// says), its mount path cannot be swapped, and no process holds it (a busy unmount must not happen inside the
    /// maintenance window). Read-only: Test-AcmClusterProcedure and -WhatIf run exactly these checks.
    /// </summary>
    public void CheckPreconditions(NativeCommandRunner runner, Preflight checks, Action<string> verbose)
    {
        // Independent queries while the application waits for its maintenance window: ACM's history and the
        // mount table are read meanwhile the cluster is asked.
        var history = runner.Begin(AcmCommands.History(null, _request.LogicalNode), "GetBackupHistoryFailed");
        var listMounts = MountTable.BeginRead(runner);
        var cluster = Cluster(runner);
        ClusterView? view = null;
        checks.Check("ApplicationActive", App, () =>
        {
            view = cluster.Query();
            return CheckActive(cluster, view);
        });

        if (cluster.Capabilities.ControlsMountResources && view is not null)
        {
            checks.Check("GroupNotFrozen", App, () => CheckNotFrozen(cluster, view));
        }

        // One listing of ACM's history names every transaction volume of the logical node, and its generations.
        string[]? listing = null;
        checks.Check("AcmHistory", _request.LogicalNode ?? "(no logical node)", () =>
        {
            listing = history().Output;
            return $"{AcmCommands.History(null, _request.LogicalNode).CommandLine} answered";
        });

        IReadOnlyList<MountTable.Entry>? mounts = null;
        checks.Check("MountTable", "findmnt", () =>
        {
            mounts = listMounts();
            return $"{mounts.Count} mounts";
        });

        var numbers = DeviceIdentity.Read(runner, _request.Volumes.Select(v => v.Device).ToList());
        foreach (var volume in _request.Volumes)
        {
            if (listing is not null)
            {
                checks.Check("DeviceRegistered", volume.Device, () => CheckRegistered(volume, listing));
                if (_request.Procedure == ProcedureKind.Restore)
                {
                    checks.Check("GenerationAvailable", volume.Device, () => CheckGeneration(volume, HistoryParser.Parse(listing)));
                }
            }

            // A resource the cluster does not show here would fail the wait only after the unmount: refused now, from the
            // same display (VCS: CheckVolumeResource asks hares for each one).
            if (view is not null && !cluster.Capabilities.ControlsMountResources)
            {
                checks.Check("VolumeResource", volume.Resource, () => view.Resources.Any(r => r.IsLocal && r.Name == volume.Resource)
                    ? $"{cluster.Capabilities.StateQueryHint} shows {volume.Resource} on this node"
                    : throw ClusterView.ResourceNotFound(volume.Resource, $"{cluster.Capabilities.StateQueryHint} shows no resource '{volume.Resource}' on this node ({cluster.LocalNode}); the procedure would unmount {volume.MountPoint} and then find nothing to wait for."));
            }

            if (view is not null && cluster.Capabilities.ControlsMountResources)
            {
                checks.Check("VolumeResource", volume.Resource, () =>
                {
                    cluster.CheckVolumeResource(App, volume);
                    return $"{volume.Resource} mounts {volume.MountPoint}";
                });
            }

            checks.Check("MountPathTrusted", volume.MountPoint, () =>
            {
                MountPath.Check(runner, volume.MountPoint);
                return "every component is a directory that only root can change";
            });

            if (mounts is not null)
            {
                checks.Check("VolumeIdentity", $"{volume.Device} on {volume.MountPoint}", () =>
                {
                    var configured = cluster.ConfiguredMount(volume);
                    var configuredNumber = configured?.Device is { } d ? DeviceIdentity.Read(runner, new[] { d }).GetValueOrDefault(d) : null;
                    return VolumeIdentity.Check(volume.Device, numbers.GetValueOrDefault(volume.Device), volume.MountPoint, mounts, configured, configuredNumber);
                });

                if (MountTable.Top(mounts, volume.MountPoint) is not null)
                {
                    checks.Check("VolumeNotBusy", volume.MountPoint, () =>
                    {
                        var holders = MountOperations.Holders(runner, volume.MountPoint, out var couldCheck);
                        return holders.Count > 0 ? throw MountOperations.Busy(volume.MountPoint, null, runner)
                            : couldCheck ? "no process holds it" : "fuser is not installed, so holders could not be named";
                    });
                }
            }
        }

        _checkedView = view;
        _checkedMounts = mounts;
        _checkedNumbers = numbers;
    }

    private string CheckActive(IClusterProvider cluster, ClusterView view)
    {
        var local = view.Applications.FirstOrDefault(a => a.Name == App && a.IsLocal);
        if (local is not null && cluster.IsActive(local))
        {
            return $"'{App}' is {local.State} on this node ({cluster.LocalNode ?? "local"})" + (local.InMaintenance ? "; it is already in maintenance mode, which the procedure leaves on" : string.Empty);
        }

        var active = view.Applications.FirstOrDefault(a => a.Name == App && !a.IsLocal && cluster.IsActive(a));
        if (local is null && active is null && view.Applications.All(a => a.Name != App))
        {
            throw ClusterView.NotFound(App, cluster.Capabilities.ApplicationNoun);
        }

        throw new AcmException(
            "NotActiveNode",
            ErrorCategory.InvalidOperation,
            $"'{App}' is {local?.State ?? "not configured"} on this node ({cluster.LocalNode ?? "local"})" + (active is null ? "; it is online on no node." : $"; it is online on {active.Node}.") + " ACM backups run only on the active node.",
            App)
        {
            RecommendedAction = active is null ? "Start the application, or use the stopped-cluster procedure (Invoke-AcmStoppedClusterBackup)." : $"Run the procedure on {active.Node}.",
        };
    }

    private string CheckNotFrozen(IClusterProvider cluster, ClusterView view)
    {
        var local = view.Applications.FirstOrDefault(a => a.Name == App && a.IsLocal);
        if (local is null || !local.InMaintenance)
        {
            return $"the {cluster.Capabilities.ApplicationNoun} is not in {cluster.Capabilities.MaintenanceNoun}";
        }

        throw new AcmException(
            "ClusterApplicationFrozen",
            ErrorCategory.InvalidOperation,
            $"The {cluster.Capabilities.ApplicationNoun} '{App}' is in {cluster.Capabilities.MaintenanceNoun}: the cluster refuses to take its resources offline or online, so the procedure cannot run.",
            App)
        {
            RecommendedAction = $"Exit-AcmMaintenance ({cluster.MaintenanceCommandLine(App, on: false, force: false)}) first; the procedure enters maintenance mode itself while the copy runs.",
        };
    }

    private string CheckRegistered(AcmVolume volume, IReadOnlyList<string> listing)
    {
        if (HistoryParser.DeviceNames(listing).Contains(volume.Device))
        {
            return $"ACM knows {volume.Device} as a transaction volume";
        }

        throw AcmCommands.DeviceNotRegistered(volume.Device, _request.LogicalNode);
    }

    // swstrestore would refuse a generation that is not there (swst0604) only inside the maintenance window.
    private string CheckGeneration(AcmVolume volume, IReadOnlyList<BackupHistory> history)
    {
        var usable = history.Where(h => h.Device == volume.Device && h.Restorable).ToList();
        var match = _request.Generation is { } g ? usable.FirstOrDefault(h => h.Generation == g)
            : _request.Version is { } v ? usable.FirstOrDefault(h => h.Version == v)
            : usable.FirstOrDefault();
        if (match is not null)
        {
            return $"generation {match.Generation} (version {match.Version}, {match.BackupDate:yyyy-MM-dd HH:mm}) can be restored";
        }

        var wanted = _request.Generation is { } gen ? $"generation {gen}" : _request.Version is { } ver ? $"version {ver}" : "backup";
        var have = usable.Count == 0 ? "none" : string.Join(", ", usable.Select(h => $"generation {h.Generation} (version {h.Version}, {h.BackupDate:yyyy-MM-dd HH:mm})"));
        var unusable = history.Where(h => h.Device == volume.Device && !h.Restorable).Select(h => $"generation {h.Generation} ({h.Status})").ToList();
        have += unusable.Count == 0 ? string.Empty : $"; not restorable: {string.Join(", ", unusable)}";
        throw new AcmException(
            "BackupGenerationNotFound",
            ErrorCategory.ObjectNotFound,
            $"ACM holds no {wanted} of {volume.Device} to restore; it holds: {have}.",
            volume.Device)
        {
            RecommendedAction = "Get-AcmBackupHistory lists the generations; give -Generation or -Version of one of them.",
        };
    }

    private ProcedureStep EnterMaintenance()
    {
        var exit = ExitWhenResourcesAreBack();
        return new ProcedureStep
        {
            Key = MaintenanceOnKey,
            Name = "Enter maintenance mode",
            Commands = Shown.MaintenanceCommands(App, on: true, force: false, persistent: false),
            Execute = ctx =>
            {
                var cluster = Cluster(ctx.Runner);
                var app = (_checkedView ?? cluster.Query()).Application(App, cluster.Capabilities.ApplicationNoun);
                if (app.InMaintenance)
                {
                    // Someone else's maintenance window: ours must not end it.
                    return StepOutcome.Skip($"{cluster.Capabilities.ApplicationNoun} '{App}' was already in maintenance mode; it is left on at the end.");
                }

                return StepOutcome.From(cluster.SetMaintenance(App, on: true, force: false, persistent: false));
            },

            // Leaving maintenance needs every resource back: wait Online for what this procedure unmounted.
            Undo = ctx =>
            {
                // Already out of maintenance (an operator ended it by hand): nothing to wait for, nothing to run.
                var cluster = Cluster(ctx.Runner);
                if (!cluster.Query().Application(App, cluster.Capabilities.ApplicationNoun).InMaintenance)
                {
                    return StepOutcome.Skip("maintenance mode is already off");
                }

                // PRIMECLUSTER: every resource must be back before maintenance ends. VCS: the volumes come
                // back after the unfreeze (their own undo), because a frozen group refuses hares -online.
                if (!cluster.Capabilities.ControlsMountResources)
                {
                    WaitForResources(ctx, UnmountedResources(ctx), "Online");
                }

                return exit(ctx);
            },
            ManualUndo = Shown.MaintenanceCommands(App, on: false, force: false, persistent: false),
        };
    }

    private ProcedureStep ExitMaintenance()
    {
        var exit = ExitWhenResourcesAreBack();
        return new ProcedureStep
        {
            Key = "maintenance-off",
            Name = "Leave maintenance mode",
            Commands = Shown.MaintenanceCommands(App, on: false, force: false, persistent: false),
            Execute = ctx => ctx.Find(MaintenanceOnKey)!.StatusValue == StepStatus.Skipped
                ? StepOutcome.Skip("maintenance mode was on before the procedure started")
                : exit(ctx),
        };
    }

    // Idempotent: nothing to do when maintenance is already off; refuses (and leaves it on) while resources are not back.
    private Func<StepContext, StepOutcome> ExitWhenResourcesAreBack() => ctx =>
    {
        var cluster = Cluster(ctx.Runner);
        var view = cluster.Query();
        if (!view.Application(App, cluster.Capabilities.ApplicationNoun).InMaintenance)
        {
            return StepOutcome.Skip("maintenance mode is already off");
        }

        var blockers = cluster.MaintenanceExitBlockers(view, App);
        var ours = UnmountedResources(ctx);
        if (cluster.Capabilities.ControlsMountResources && blockers.Any(b => ours.Contains(b.Name)))
        {
            // VCS: a resource this procedure took offline and that faulted meanwhile is cleared before the
            // unfreeze, so that VCS does not fail the group over for a fault the procedure caused.
            foreach (var resource in blockers.Select(b => b.Name).Where(ours.Contains).Distinct())
            {
                if (cluster.ClearFaultCommand(resource) is { } clear)
                {
                    ctx.Runner.Run(clear, "ClearFaultFailed");
                }
            }

            view = cluster.Query();
            blockers = cluster.MaintenanceExitBlockers(view, App);
        }

        if (blockers.Count > 0)
        {
            throw new AcmException(
                "MaintenanceExitBlocked",
                ErrorCategory.ResourceUnavailable,
                $"The {cluster.Capabilities.ApplicationNoun} '{App}' stays in maintenance mode: these resources are not back in their pre-maintenance state: {string.Join(", ", blockers.Select(b => $"{b.Name} ({b.State}, {b.StateDetails})"))}.",
                App);
        }

        return StepOutcome.From(cluster.SetMaintenance(App, on: false, force: false, persistent: false));
    };

    private ProcedureStep Unmount(AcmVolume volume) => new()
    {
        Key = StepKey.For(UnmountKind, volume.Device),
        Name = "Unmount",
        Device = volume.Device,
        Commands = new[] { MountCommands.Unmount(volume.MountPoint) },
        Execute = ctx =>
        {
            var table = _checkedMounts ?? MountTable.Read(ctx.Runner);
            var mounted = MountTable.Top(table, volume.MountPoint);
            if (mounted is null)
            {
                return StepOutcome.Skip($"{volume.MountPoint} was not mounted, so it is not mounted back either");
            }

            // The preconditions compared the numbers; a resumed procedure has not, so this compares them again.
            var number = NumberOf(ctx, volume.Device);
            VolumeIdentity.Check(volume.Device, number, volume.MountPoint, table, null, null);

            // What is mounted back is the validated device by the name the user gave, with the type and options
            // the kernel's table recorded, never a source string from a listing.
            ctx.Data[DeviceKey] = volume.Device;
            ctx.Data[NumberKey] = number!;
            ctx.Data[TypeKey] = mounted.FileSystemType;
            ctx.Data[OptionsKey] = mounted.Options;

            // Journaled before the unmount: a crash during it still leaves Resume what to mount back.
            ctx.Checkpoint();
            return StepOutcome.From(MountOperations.Unmount(ctx.Runner, volume.MountPoint));
        },
        Undo = ctx => MountBack(ctx, ctx.Step, volume, checkFirst: true),
        ManualUndo = new[] { MountCommands.Mount(volume.Device, volume.MountPoint, null, null) },
        ParallelGroup = "unmount",
    };

    private ProcedureStep Mount(AcmVolume volume) => new()
    {
        Key = StepKey.For("mount", volume.Device),
        Name = "Mount",
        Device = volume.Device,
        Commands = new[] { MountCommands.Mount(volume.Device, volume.MountPoint, null, null) },
        // Going forward this procedure unmounted it a moment ago; should mounting fail, the unmount's undo checks and retries.
        Execute = ctx => MountBack(ctx, UnmountStep(ctx, volume.Device), volume, checkFirst: false),
        ParallelGroup = "mount",
    };

    // Mounts what the unmount step recorded, and only that; the same device already mounted there means done,
    // another device there is refused (never a second mount over it).
    private static StepOutcome MountBack(StepContext ctx, ProcedureStepResult unmount, AcmVolume volume, bool checkFirst)
    {
        if (!unmount.Data.TryGetValue(DeviceKey, out var device))
        {
            return StepOutcome.Skip($"{volume.MountPoint} was not unmounted by this procedure");
        }

        // A journal of release 0.3.2 recorded no device number: the validated device's number now stands for it.
        var number = unmount.Data.GetValueOrDefault(NumberKey) ?? DeviceIdentity.Read(ctx.Runner, new[] { device }).GetValueOrDefault(device);
        if (checkFirst && MountTable.Top(MountTable.Read(ctx.Runner), volume.MountPoint) is { } now)
        {
            if (now.DeviceNumber == number)
            {
                return StepOutcome.Skip($"{device} is mounted on {volume.MountPoint}");
            }

            throw MountOperations.InUse(volume.MountPoint, now, device);
        }

        // Journaled values are checked like user input before root mounts with them.
        var type = unmount.Data.GetValueOrDefault(TypeKey) is { Length: > 0 } t ? InputValidator.FileSystemType(t, TypeKey) : null;
        var options = unmount.Data.GetValueOrDefault(OptionsKey) is { Length: > 0 } o ? InputValidator.MountOptions(o, OptionsKey) : null;
        return StepOutcome.From(MountOperations.MountVerified(ctx.Runner, InputValidator.Device(device, DeviceKey), volume.MountPoint, type, options, number));
    }

    // The device's number as the preconditions read it, or read now (a resumed procedure).
    private string? NumberOf(StepContext ctx, string device)
        => _checkedNumbers?.GetValueOrDefault(device) ?? DeviceIdentity.Read(ctx.Runner, new[] { device }).GetValueOrDefault(device);

    private const string MaintenanceOnKey = "maintenance-on";
    private const string UnmountKind = "unmount";
    private const string OfflineKind = "offline";

    // VCS: 'hares -offline' returns at once and the agent unmounts at its next monitor cycle; the wait step confirms it.
    // Planned only when the capabilities say the cluster controls the mounts, when the driver has its offline/online commands.
    private ProcedureStep TakeOffline(AcmVolume volume) => new()
    {
        Key = StepKey.For(OfflineKind, volume.Device),
        Name = "Take resource offline",
        Device = volume.Device,
        Commands = new[] { Shown.ResourceOfflineCommand(volume.Resource)! },
        Execute = ctx =>
        {
            var cluster = Cluster(ctx.Runner);
            if (cluster.IsInState(volume.Resource, cluster.Capabilities.OfflineState))
            {
                return StepOutcome.Skip($"{volume.Resource} was already {cluster.Capabilities.OfflineState}, so it is not brought online either");
            }

            ctx.Data[DeviceKey] = volume.Device;
            ctx.Checkpoint();
            return StepOutcome.From(ctx.Runner.Run(cluster.ResourceOfflineCommand(volume.Resource)!, "ResourceOfflineFailed"));
        },
        Undo = ctx =>
        {
            // Already back (an operator brought it online by hand): nothing to run, nothing to wait for.
            var cluster = Cluster(ctx.Runner);
            if (ctx.Step.Data.ContainsKey(DeviceKey) && cluster.IsInState(volume.Resource, cluster.Capabilities.OnlineState))
            {
                return StepOutcome.Skip($"{volume.Resource} is {cluster.Capabilities.OnlineState}");
            }

            var outcome = BringBack(ctx, ctx.Step, volume);
            WaitForResources(ctx, ctx.Step.Data.ContainsKey(DeviceKey) ? new[] { volume.Resource } : Array.Empty<string>(), "Online");
            return outcome;
        },
        ManualUndo = new[] { Shown.ClearFaultCommand(volume.Resource), Shown.ResourceOnlineCommand(volume.Resource) }.OfType<NativeCommand>().ToArray(),
    };

    private ProcedureStep BringOnline(AcmVolume volume) => new()
    {
        Key = StepKey.For("online", volume.Device),
        Name = "Bring resource online",
        Device = volume.Device,
        Commands = new[] { Shown.ResourceOnlineCommand(volume.Resource)! },
        // Should it fail, the offline step's undo clears, retries and waits.
        Execute = ctx => BringBack(ctx, UnmountStep(ctx, volume.Device), volume),
    };

    // Online again what this procedure took offline; a FAULTED state on the way (this procedure's doing) is cleared first.
    // An online request replaces a pending offline, so it is sent even while the resource still shows ONLINE.
    private StepOutcome BringBack(StepContext ctx, ProcedureStepResult offline, AcmVolume volume)
    {
        if (!offline.Data.ContainsKey(DeviceKey))
        {
            return StepOutcome.Skip($"{volume.Resource} was not taken offline by this procedure");
        }

        var cluster = Cluster(ctx.Runner);
        var lines = new List<string>();
        if (cluster.ClearFaultCommand(volume.Resource) is { } clear && cluster.IsInState(volume.Resource, "FAULTED"))
        {
            lines.Add(ctx.Runner.Run(clear, "ClearFaultFailed").CommandLine);
        }

        var result = ctx.Runner.Run(cluster.ResourceOnlineCommand(volume.Resource)!, "ResourceOnlineFailed");
        lines.Add(result.CommandLine);
        return new StepOutcome(string.Join("; ", lines), result.ExitCode, string.Join("\n", result.AllLines()));
    }

    private ProcedureStep WaitVolumes(string state) => new()
    {
        Key = $"wait-{state.ToLowerInvariant()}",
        Name = $"Wait until {state}",
        Commands = ResourceWaiter.Commands(Shown, _request.Volumes.Select(v => v.Resource).ToList(), state, WaitLoop.LimitFromSeconds(_request.Timeout)),
        Execute = ctx =>
        {
            var resources = UnmountedResources(ctx);
            if (resources.Count == 0)
            {
                return StepOutcome.Skip("no volume was unmounted");
            }

            var reached = new List<ResourceStateResult>();
            var ran = WaitForResources(ctx, resources, state, reached.Add);
            return new StepOutcome(
                string.Join("; ", ran),
                0,
                string.Join("\n", reached.Select(r => $"{r.Resource} {r.State} after {r.ElapsedSeconds:0.0} s ({r.Checks} checks)")),
                Changed: false);
        },
    };

    // Returns the command lines that ran.
    private IReadOnlyList<string> WaitForResources(StepContext ctx, IReadOnlyList<string> resources, string state, Action<ResourceStateResult>? reached = null)
    {
        if (resources.Count == 0)
        {
            return Array.Empty<string>();
        }

        var loop = ResourceWaiter.NewLoop(state, resources.Count, WaitLoop.LimitFromSeconds(_request.Timeout), TimeSpan.FromSeconds(_request.PollInterval));
        // The preconditions confirmed every resource on this node: no second query before the settle time.
        return ResourceWaiter.Wait(Cluster(ctx.Runner), ctx.Runner, loop, resources, state, Settle, ctx.Sleep, ctx.Progress, reached ?? (_ => { }), confirmed: true);
    }

    private ProcedureStep Backup(AcmVolume volume) => CopySteps.Backup(volume.Device, _request.LogicalNode, refuseMounted: true);

    private ProcedureStep Restore(AcmVolume volume)
        => CopySteps.Restore(volume.Device, _request.LogicalNode, _request.Generation, _request.Version, _request.RestoreDevice, refuseMounted: true);

    private ProcedureStep StartSync(AcmVolume volume) => new()
    {
        Key = StepKey.For("start-sync", volume.Device),
        Name = "Start synchronous processing",
        Device = volume.Device,
        Commands = new[] { AcmCommands.StartSync(volume.Device, _request.LogicalNode) },
        Execute = ctx =>
        {
            if (SyncEquivalence.Running(ctx.Runner, volume.Device, _request.LogicalNode) is { } running)
            {
                return StepOutcome.Skip($"an EC session to {running.BackupDevice} is already {running.RawStatus}");
            }

            var outcome = StepOutcome.From(ctx.Runner.Run(AcmCommands.StartSync(volume.Device, _request.LogicalNode), "StartSyncFailed"));
            if (SyncEquivalence.Running(ctx.Runner, volume.Device, _request.LogicalNode) is { } started)
            {
                ctx.Data[BackupDiskKey] = started.BackupDevice ?? string.Empty;
            }

            return outcome;
        },

        // Cancel only the session this procedure started, and only if no backup has used it yet.
        Undo = ctx =>
        {
            var backedUp = ctx.Find(StepKey.For(CopySteps.Kind, volume.Device))?.StatusValue == StepStatus.Succeeded;
            if (backedUp || !ctx.Data.TryGetValue(BackupDiskKey, out var disk))
            {
                return StepOutcome.Skip("no session of this procedure is left");
            }

            var session = SyncStatusParser.Parse(ctx.Runner.Run(AcmCommands.SyncStatus(volume.Device, _request.LogicalNode), "GetSyncStatusFailed").Output)
                .FirstOrDefault(r => r.Device == volume.Device && r.BackupDevice == disk && r.RawStatus is "executing" or "equivalent" or "suspend");
            return session is null
                ? StepOutcome.Skip($"the session to {disk} has already ended")
                : StepOutcome.From(ctx.Runner.Run(AcmCommands.CancelSync(volume.Device, _request.LogicalNode, disk, all: false), "StopSyncFailed"));
        },
        ManualUndo = new[] { AcmCommands.CancelSync(volume.Device, _request.LogicalNode, null, all: false) },
    };

    private ProcedureStep WaitEquivalent() => new()
    {
        Key = "wait-equivalent",
        Name = "Wait for equivalency maintenance",
        Commands = _request.Volumes.Select(v => AcmCommands.SyncStatus(v.Device, _request.LogicalNode)).ToArray(),
        Execute = ctx =>
        {
            var loop = SyncEquivalence.NewLoop(_request.Volumes.Count, WaitLoop.LimitFromSeconds(_request.Timeout), TimeSpan.FromSeconds(_request.PollInterval));
            SyncEquivalence.Wait(ctx.Runner, loop, _request.Volumes.Select(v => v.Device).ToList(), _request.LogicalNode, null, ctx.Sleep, ctx.Progress, _ => { });
            return new StepOutcome(string.Empty, 0, "every EC session is equivalent", Changed: false);
        },
    };

    // The step that took the volume away: an unmount, or (the cluster controls the mounts) a resource offline.
    private static ProcedureStepResult UnmountStep(StepContext ctx, string device)
        => ctx.Find(StepKey.For(UnmountKind, device)) ?? ctx.Find(StepKey.For(OfflineKind, device))!;

    private List<string> UnmountedResources(StepContext ctx)
        => _request.Volumes
            .Where(v => UnmountStep(ctx, v.Device).Data.ContainsKey(DeviceKey))
            .Select(v => v.Resource)
            .ToList();
}
