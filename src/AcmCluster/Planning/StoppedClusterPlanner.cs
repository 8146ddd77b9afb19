using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Cluster;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Procedures;
using AcmCluster.Products.Linux;
using AcmCluster.Products.SharedDisk;

namespace AcmCluster.Planning;

/// <summary>
/// Backup or restore while the cluster service is stopped (ACM V15.1, 9.1.7.1) as engine steps: claim the
/// shared disks for this node, enable them, mount the ACM shared-data volume and the transaction file
/// systems, swstbackup/swstrestore with SWSTGNODE for the child only, then release everything in reverse
/// and drop the claim — and, optionally, start the cluster service. Every enable and mount has an
/// idempotent undo, so a failure anywhere leaves nothing enabled and no claim.
/// </summary>
internal sealed class StoppedClusterPlanner : IProcedurePlanner
{
    public const string ClaimStep = "Claim shared disks";
    public const string EnableStep = "Enable shared disk";
    public const string MountStep = "Mount";
    private const string DoneKey = "Done";
    private const string ClaimKey = "claim";
    private const string EnableKind = "enable";
    private const string MountKind = "mount";
    private readonly StoppedClusterRequest _request;

    public StoppedClusterPlanner(StoppedClusterRequest request) => _request = request;

    private string App => _request.UserApplication;

    private string StateDirectory => _request.StateDirectory ?? JournalStore.Open().Directory;

    private string ProcedureId => _request.ProcedureId ?? string.Empty;

    private IClusterProvider Cluster(NativeCommandRunner runner) => _request.Cluster(runner);

    private IClusterProvider Shown => Cluster(new NativeCommandRunner(new ProcessOnlyHost()));

    private IEnumerable<StoppedClusterMount> AllMounts
        => (_request.SharedDataVolume is null ? Enumerable.Empty<StoppedClusterMount>() : new[] { _request.SharedDataVolume }).Concat(_request.Mounts);

    public ProcedurePlan Plan()
    {
        var steps = new List<ProcedureStep> { Claim() };
        steps.AddRange(_request.SharedDisks.Select(Enable));
        steps.AddRange(AllMounts.Select(Mount));
        Func<string, ProcedureStep> copy = _request.Procedure == ProcedureKind.StoppedClusterRestore ? Restore : Backup;
        steps.AddRange(_request.Devices.Select(copy));
        steps.AddRange(AllMounts.Reverse().Select(Unmount));
        steps.AddRange(_request.SharedDisks.AsEnumerable().Reverse().Select(Disable));
        steps.Add(ReleaseClaim());
        if (_request.StartClusterService)
        {
            steps.Add(WaitMountsOffline());
            steps.Add(StartService());
            steps.Add(WaitOnline());
        }

        return new ProcedurePlan
        {
            Procedure = _request.Procedure.ToString(),
            ClusterType = _request.ClusterType.ToString(),
            UserApplication = App,
            Devices = _request.Devices.ToList(),
            Steps = steps,
            ThrottleLimit = _request.ThrottleLimit,
            RequestJson = _request.ToJson(),
        };
    }

    /// <summary>Seconds ssh waits for a peer to answer the connection (ssh -o ConnectTimeout).</summary>
    public const int SshConnectTimeout = 10;

    /// <summary>
    /// What proves 9.1.7.1 step 1, for -WhatIf: the state command here and, when the cluster software is not
    /// running here, the same command on each peer over ssh.
    /// </summary>
    public IReadOnlyList<NativeCommand> CheckCommands()
    {
        var cluster = Shown;
        var commands = new List<NativeCommand>();
        if (cluster.ServiceStateCommand(App) is { } here)
        {
            commands.Add(here);
            commands.AddRange(_request.PeerNodes.Select(peer => PeerCommand(cluster, peer)));
        }

        return commands;
    }

    /// <summary>Every precondition: the application stopped on every node (reported as ClusterServiceStopped), then the shared disks, then the volumes.</summary>
    public void CheckPreconditions(NativeCommandRunner runner, Preflight checks, Action<string> verbose)
    {
        checks.Check("ClusterServiceStopped", App, () =>
        {
            var said = new List<string>();
            CheckPreconditions(runner, line =>
            {
                said.Add(line);
                verbose(line);
            });
            return string.Join(" ", said);
        });
        CheckSharedDisks(runner, checks);
        CheckVolumes(runner, checks);
    }

    /// <summary>
    /// 9.1.7.1 step 1: the application is stopped on both (every) node. With the cluster software running here, its own
    /// display must show it stopped on every node. Not running here proves nothing about the other nodes: then each
    /// -PeerNode is asked the same over ssh, and a peer that does not answer, or runs it, refuses the procedure.
    /// </summary>
    public void CheckPreconditions(NativeCommandRunner runner, Action<string> verbose)
    {
        var cluster = Cluster(runner);
        var noun = cluster.Capabilities.ApplicationNoun;
        var software = cluster.Capabilities.ServiceName;
        var states = cluster.ServiceStates(App, out var why);
        if (states is null)
        {
            if (cluster.ServiceStateCommand(App, absolute: true) is null)
            {
                // A Generic cluster's state script runs here only; there is nothing to ask the other nodes with.
                throw StateUnknown(
                    App,
                    $"{software} is not running on this node ({why}), which proves nothing about the other nodes, and a {cluster.Capabilities.Type} cluster has no state command to ask them: the stopped-cluster procedure (ACM V15.1, 9.1.7.1 step 1) needs {noun} '{App}' stopped on both nodes.",
                    $"Start the cluster software (not the application) here so that the state script shows '{App}' on every node, then run the procedure again.");
            }

            if (_request.PeerNodes.Count == 0)
            {
                throw StateUnknown(
                    App,
                    $"{software} is not running on this node ({why}), which proves nothing about the other nodes: the stopped-cluster procedure (ACM V15.1, 9.1.7.1 step 1) needs {noun} '{App}' stopped on both nodes.",
                    $"Give the other nodes by host name with -PeerNode (e.g. -PeerNode node2): each is asked over ssh. Or start {software} here so that its display shows every node.");
            }

            verbose($"{software} is not running on this node ({why}); asking {string.Join(", ", _request.PeerNodes)} over ssh.");
            foreach (var peer in _request.PeerNodes)
            {
                CheckPeer(cluster, runner, peer, verbose);
            }

            return;
        }

        var rows = states.Where(a => a.Name == App).ToList();
        if (rows.Count == 0)
        {
            throw new AcmException("ClusterApplicationNotFound", ErrorCategory.ObjectNotFound, $"The cluster has no {noun} named '{App}'.", App);
        }

        RequireStopped(cluster, rows, "this node's display");
        verbose($"{noun} '{App}' is stopped on every node: {string.Join(", ", rows.Select(a => $"{a.Node} {a.State}"))}.");
    }

    private NativeCommand PeerCommand(IClusterProvider cluster, string peer) => Ssh(peer, cluster.ServiceStateCommand(App, absolute: true)!);

    /// <summary>ssh in batch mode (never a password prompt in cron), the remote command by its absolute path.</summary>
    private static NativeCommand Ssh(string peer, NativeCommand remote)
        => new("ssh", new[] { "-o", "BatchMode=yes", "-o", $"ConnectTimeout={SshConnectTimeout}", peer, remote.Name }.Concat(remote.Arguments));

    private void CheckPeer(IClusterProvider cluster, NativeCommandRunner runner, string peer, Action<string> verbose)
    {
        var noun = cluster.Capabilities.ApplicationNoun;
        var ssh = PeerCommand(cluster, peer);
        var remote = string.Join(" ", ssh.Arguments.Skip(5));
        var byHand = $"Check on {peer} by hand ('{remote}' there) that {noun} '{App}' is stopped and that ssh as root works without a password (ssh -o BatchMode=yes {peer} true).";
        NativeCommandResult result;
        try
        {
            result = runner.Run(ssh, "ClusterStateUnknown", TimeSpan.FromSeconds(SshConnectTimeout * 3), allowFailure: true);
        }
        catch (AcmException e) when (e.ErrorId == "NativeCommandTimeout")
        {
            throw StateUnknown(peer, $"Peer node {peer} did not answer whether {noun} '{App}' is stopped: {e.Message}", byHand);
        }

        // 255 is ssh's own failure (no connection, no key); any other code is the remote command's.
        if (result.ExitCode == 255)
        {
            throw StateUnknown(peer, $"Peer node {peer} did not answer whether {noun} '{App}' is stopped: '{result.CommandLine}' failed (exit {result.ExitCode}): {result.Message}", byHand);
        }

        IReadOnlyList<ClusterApplication>? states;
        string? why;
        try
        {
            states = cluster.ReadServiceStates(result, App, out why);
        }
        catch (AcmException e)
        {
            throw StateUnknown(peer, $"Peer node {peer} gave no readable answer whether {noun} '{App}' is stopped: {e.Message}", byHand);
        }

        if (states is null)
        {
            verbose($"{cluster.Capabilities.ServiceName} is not running on {peer} ({why}): '{App}' is stopped there.");
            return;
        }

        var rows = states.Where(a => a.Name == App).ToList();
        if (rows.Count == 0)
        {
            throw StateUnknown(peer, $"Peer node {peer} shows no {noun} '{App}' ('{result.CommandLine}').", byHand);
        }

        RequireStopped(cluster, rows, $"peer node {peer}");
        verbose($"Peer node {peer}: {noun} '{App}' is stopped: {string.Join(", ", rows.Select(a => $"{a.Node} {a.State}"))}.");
    }

    // A row without a state does not prove anything: it is refused, quoted, like a running one.
    private void RequireStopped(IClusterProvider cluster, IReadOnlyList<ClusterApplication> rows, string source)
    {
        var noun = cluster.Capabilities.ApplicationNoun;
        if (rows.FirstOrDefault(a => a.State.Length == 0) is { } unreadable)
        {
            throw StateUnknown(App, $"{source} shows no state of {noun} '{App}' on {unreadable.Node}: \"{unreadable.Line ?? unreadable.Name}\".", $"Check on {unreadable.Node} by hand that '{App}' is stopped.");
        }

        var running = rows.Where(a => !cluster.IsStopped(a)).ToList();
        if (running.Count > 0)
        {
            throw new AcmException(
                "ClusterServiceRunning",
                ErrorCategory.InvalidOperation,
                $"The {noun} '{App}' is not stopped ({source}): it is {string.Join(", ", running.Select(a => $"{a.State} on {a.Node}"))}. The stopped-cluster backup (ACM V15.1, 9.1.7.1) needs it stopped on every node.",
                App)
            {
                RecommendedAction = $"Stop the {noun} on every node first, or use Invoke-AcmClusterBackup/Invoke-AcmClusterRestore on the active node.",
            };
        }
    }

    private static AcmException StateUnknown(string target, string message, string action)
        => new("ClusterStateUnknown", ErrorCategory.ResourceUnavailable, message, target) { RecommendedAction = action };

    /// <summary>
    /// The shared disks (9.1.7.1: never enabled from both nodes): no other node, and no running procedure of this node,
    /// holds the application's claim (the check the claim step makes again when it takes it); and each -SharedDisk is
    /// enabled on no other node where this node's display can tell (VxVM), the Detail saying so where it cannot.
    /// </summary>
    private void CheckSharedDisks(NativeCommandRunner runner, Preflight checks)
    {
        checks.Check("SharedDiskNotClaimed", App, () =>
        {
            var path = SharedDiskClaim.PathFor(StateDirectory, App);
            if (SharedDiskClaim.Blocking(StateDirectory, App, ProcedureId) is { } claim)
            {
                throw claim.Refusal(App);
            }

            return System.IO.File.Exists(path) ? $"{path} is left by an ended process of this node; the procedure takes it over" : $"no node claims them ({path})";
        });

        foreach (var disk in _request.SharedDisks)
        {
            checks.Check("SharedDiskNotActiveElsewhere", disk.ToString(), () => SharedDiskActivity.Check(runner, disk));
        }
    }

    /// <summary>
    /// Each file system the procedure will mount: a mount path only root can change, its device mounted nowhere
    /// already, and the device the cluster's configuration mounts there when that can be read (fstab.pcl). A device
    /// on a shared disk that is not enabled yet cannot be identified now; the mount step verifies it after mounting.
    /// </summary>
    private void CheckVolumes(NativeCommandRunner runner, Preflight checks)
    {
        IReadOnlyList<MountTable.Entry>? table = null;
        checks.Check("MountTable", "findmnt", () =>
        {
            table = MountTable.Read(runner);
            return $"{table.Count} mounts";
        });

        var mounts = AllMounts.ToList();
        var numbers = DeviceIdentity.Read(runner, mounts.Select(m => m.Device).ToList());
        var cluster = Cluster(runner);
        foreach (var mount in mounts)
        {
            checks.Check("MountPathTrusted", mount.MountPoint, () =>
            {
                MountPath.Check(runner, mount.MountPoint);
                return "every component is a directory that only root can change";
            });

            if (table is null)
            {
                continue;
            }

            checks.Check("VolumeIdentity", $"{mount.Device} on {mount.MountPoint}", () =>
            {
                if (numbers.GetValueOrDefault(mount.Device) is not { } number && _request.SharedDisks.Count > 0)
                {
                    return $"{mount.Device} is not a block device before the shared disks are enabled; it is verified after mounting";
                }

                var configured = ConfiguredMount(cluster, mount);
                var configuredNumber = configured?.Device is { } d ? DeviceIdentity.Read(runner, new[] { d }).GetValueOrDefault(d) : null;
                return VolumeIdentity.Check(mount.Device, numbers.GetValueOrDefault(mount.Device), mount.MountPoint, table, configured, configuredNumber);
            });
        }
    }

    // With the cluster stopped its configuration may not be readable (VCS needs HAD): then there is nothing to compare.
    private static ConfiguredMount? ConfiguredMount(IClusterProvider cluster, StoppedClusterMount mount)
    {
        try
        {
            return cluster.ConfiguredMount(new AcmVolume { Device = mount.Device, MountPoint = mount.MountPoint });
        }
        catch (AcmException)
        {
            return null;
        }
    }

    private ProcedureStep Claim() => new()
    {
        Key = ClaimKey,
        Name = ClaimStep,
        Execute = ctx =>
        {
            ctx.Data[DoneKey] = "true";
            ctx.Checkpoint();
            var claim = SharedDiskClaim.Take(StateDirectory, App, ProcedureId);
            return new StepOutcome($"claim {claim.Path}", 0, $"node={claim.Node} pid={claim.ProcessId} procedure={claim.ProcedureId}");
        },
        Undo = ctx => ReleaseClaimNow(),
        ManualUndo = new[] { new NativeCommand("rm", new[] { SharedDiskClaim.PathFor(StateDirectory, App) }) },
    };

    private ProcedureStep ReleaseClaim() => new()
    {
        Key = "release-claim",
        Name = "Release the claim",
        Execute = ctx =>
        {
            var outcome = ReleaseClaimNow();
            ctx.Find(ClaimKey)!.Data.TryRemove(DoneKey, out _);
            return outcome;
        },
    };

    private StepOutcome ReleaseClaimNow()
        => SharedDiskClaim.Release(StateDirectory, App, ProcedureId)
            ? new StepOutcome($"rm {SharedDiskClaim.PathFor(StateDirectory, App)}", 0, "claim released")
            : StepOutcome.Skip("this procedure holds no claim");

    private ProcedureStep Enable(SharedDisk disk) => new()
    {
        Key = StepKey.For(EnableKind, disk.ToString()),
        Name = EnableStep,
        Device = disk.ToString(),
        Commands = SharedDiskCommands.Enable(disk),
        Execute = ctx =>
        {
            ctx.Data[DoneKey] = "true";
            ctx.Checkpoint();
            var lines = new List<string>();
            var output = new List<string>();
            var commands = SharedDiskCommands.Enable(disk);
            for (var i = 0; i < commands.Count; i++)
            {
                var result = ctx.Runner.Run(commands[i], "EnableSharedDiskFailed", allowFailure: true);
                lines.Add(result.CommandLine);
                output.AddRange(result.AllLines());
                if (!result.Succeeded && !(i == 0 && disk.KindValue == SharedDiskKind.VxVM && SharedDiskCommands.AlreadyEnabledHere(result)))
                {
                    if (i == 0)
                    {
                        // Nothing was enabled (for example: enabled on the other node): nothing to release.
                        ctx.Data.Remove(DoneKey);
                    }

                    throw new AcmException(
                        "EnableSharedDiskFailed",
                        ErrorCategory.ResourceUnavailable,
                        $"Shared disk {disk} was not enabled: {result.CommandLine} failed (exit {result.ExitCode}): {result.Message.Trim()}",
                        disk.Name)
                    {
                        RecommendedAction = "If the message names another node, the disk is enabled there: release it on that node first. Never enable a shared disk from both nodes.",
                    };
                }
            }

            return new StepOutcome(string.Join("; ", lines), 0, string.Join("\n", output));
        },
        Undo = ctx => ctx.Data.ContainsKey(DoneKey) ? DisableNow(ctx, disk) : StepOutcome.Skip($"{disk} was not enabled by this procedure"),
        ManualUndo = SharedDiskCommands.Disable(disk),
    };

    private ProcedureStep Disable(SharedDisk disk) => new()
    {
        Key = StepKey.For("disable", disk.ToString()),
        Name = "Disable shared disk",
        Device = disk.ToString(),
        Commands = SharedDiskCommands.Disable(disk),
        Execute = ctx =>
        {
            var enable = ctx.Find(StepKey.For(EnableKind, disk.ToString()))!;
            if (!enable.Data.ContainsKey(DoneKey))
            {
                return StepOutcome.Skip($"{disk} was not enabled by this procedure");
            }

            var outcome = DisableNow(ctx, disk);
            enable.Data.TryRemove(DoneKey, out _);
            return outcome;
        },
    };

    // Idempotent: a disk that is not enabled here any more (VxVM: not imported) counts as released.
    private static StepOutcome DisableNow(StepContext ctx, SharedDisk disk)
    {
        var lines = new List<string>();
        var output = new List<string>();
        foreach (var command in SharedDiskCommands.Disable(disk))
        {
            var result = ctx.Runner.Run(command, "DisableSharedDiskFailed", allowFailure: true);
            lines.Add(result.CommandLine);
            output.AddRange(result.AllLines());
            if (!result.Succeeded && !SharedDiskCommands.AlreadyReleased(result))
            {
                throw NativeCommandRunner.Failure("DisableSharedDiskFailed", result);
            }
        }

        return new StepOutcome(string.Join("; ", lines), 0, string.Join("\n", output));
    }

    private ProcedureStep Mount(StoppedClusterMount mount) => new()
    {
        Key = StepKey.For(MountKind, mount.Device),
        Name = MountStep,
        Device = mount.Device,
        Commands = new[] { MountCommands.Mount(mount.Device, mount.MountPoint, null, null) },
        Execute = ctx =>
        {
            var number = DeviceIdentity.Read(ctx.Runner, new[] { mount.Device }).GetValueOrDefault(mount.Device);
            if (MountTable.Top(MountTable.Read(ctx.Runner), mount.MountPoint) is { } now)
            {
                return now.DeviceNumber == number
                    ? StepOutcome.Skip($"{mount.Device} is already mounted on {mount.MountPoint}; it is left mounted")
                    : throw MountOperations.InUse(mount.MountPoint, now, mount.Device);
            }

            ctx.Data[DoneKey] = "true";
            ctx.Checkpoint();
            try
            {
                return StepOutcome.From(MountOperations.MountVerified(ctx.Runner, mount.Device, mount.MountPoint, null, null, number));
            }
            catch (AcmException)
            {
                // Nothing of this procedure is left mounted (a failed or unverified mount is undone at once).
                ctx.Data.Remove(DoneKey);
                throw;
            }
        },
        Undo = ctx =>
        {
            if (!ctx.Data.ContainsKey(DoneKey))
            {
                return StepOutcome.Skip($"{mount.MountPoint} was not mounted by this procedure");
            }

            var now = MountTable.Top(MountTable.Read(ctx.Runner), mount.MountPoint);
            var number = DeviceIdentity.Read(ctx.Runner, new[] { mount.Device }).GetValueOrDefault(mount.Device);
            return now is null || number is null || now.DeviceNumber != number
                ? StepOutcome.Skip($"{mount.Device} is not mounted on {mount.MountPoint}")
                : StepOutcome.From(MountOperations.Unmount(ctx.Runner, mount.MountPoint));
        },
        ManualUndo = new[] { MountCommands.Unmount(mount.MountPoint) },
    };

    private ProcedureStep Unmount(StoppedClusterMount mount) => new()
    {
        Key = StepKey.For("unmount", mount.Device),
        Name = "Unmount",
        Device = mount.Device,
        Commands = new[] { MountCommands.Unmount(mount.MountPoint) },
        Execute = ctx =>
        {
            var mounted = ctx.Find(StepKey.For(MountKind, mount.Device))!;
            if (!mounted.Data.ContainsKey(DoneKey))
            {
                return StepOutcome.Skip($"{mount.MountPoint} was not mounted by this procedure");
            }

            var outcome = StepOutcome.From(MountOperations.Unmount(ctx.Runner, mount.MountPoint));
            mounted.Data.TryRemove(DoneKey, out _);
            return outcome;
        },
    };

    // The transaction file systems stay mounted for the copy here (9.1.7.1): nothing to refuse.
    private ProcedureStep Backup(string device) => CopySteps.Backup(device, _request.LogicalNode, refuseMounted: false);

    private ProcedureStep Restore(string device) => CopySteps.Restore(device, _request.LogicalNode, _request.Generation, null, null, refuseMounted: false);

    // A cluster that runs while the application is stopped (VCS: HAD, with the group offline) monitors the file
    // systems this procedure mounted by hand and may still show their resources Online after the unmount, until its
    // next monitor cycle. Started then, it would not mount them (its view says they are up) and the group would stay
    // partial, or fault when the monitor finds them down. So the start waits until the cluster shows every resource
    // that controls one of these mount points Offline. With the cluster software stopped here, or resources that the
    // configuration does not name (fstab.pcl), there is nothing to wait for.
    private ProcedureStep WaitMountsOffline() => new()
    {
        Key = "wait-mounts-offline",
        Name = "Wait until the file systems' resources are Offline",
        Execute = ctx =>
        {
            var cluster = Cluster(ctx.Runner);
            IReadOnlyList<ControlledMount> controlled;
            try
            {
                controlled = cluster.ControlledMounts();
            }
            catch (AcmException e)
            {
                return StepOutcome.Skip($"{cluster.Capabilities.ServiceName} does not answer here ({e.Message}): it monitors nothing");
            }

            var mountPoints = AllMounts.Select(m => m.MountPoint).ToHashSet(StringComparer.Ordinal);
            var resources = controlled
                .Where(m => m.Resource is not null && (m.Application is null || m.Application == App) && mountPoints.Contains(m.MountPoint))
                .Select(m => m.Resource!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (resources.Count == 0)
            {
                return StepOutcome.Skip($"no resource of '{App}' that the cluster names controls {string.Join(", ", mountPoints)}");
            }

            var offline = cluster.Capabilities.OfflineState;
            var loop = ResourceWaiter.NewLoop(offline, resources.Count, WaitLoop.LimitFromSeconds(_request.Timeout), TimeSpan.FromSeconds(_request.PollInterval));
            var ran = ResourceWaiter.Wait(cluster, ctx.Runner, loop, resources, offline, TimeSpan.Zero, ctx.Sleep, ctx.Progress, _ => { });
            return new StepOutcome(string.Join("; ", ran), 0, $"{string.Join(", ", resources)} {offline} after {loop.Elapsed.TotalSeconds:0.0} s", Changed: false);
        },
    };

    private ProcedureStep StartService() => new()
    {
        Key = "start-service",
        Name = "Start the cluster service",
        Commands = new[] { Shown.StartServiceCommand(App, _request.Node) },
        Execute = ctx => StepOutcome.From(ctx.Runner.Run(Cluster(ctx.Runner).StartServiceCommand(App, _request.Node), "StartClusterServiceFailed")),
    };

    // The same wait as the procedures' resource waits (ResourceWaiter): hvassert -w / hagrp -wait, polling only a Generic
    // cluster. No settle time: the application's state is RMS's or VCS's own, not a detector's view of a mount.
    private ProcedureStep WaitOnline() => new()
    {
        Key = "wait-online",
        Name = "Wait until Online",
        Commands = ResourceWaiter.Commands(Shown, new[] { App }, Shown.Capabilities.OnlineState, WaitLoop.LimitFromSeconds(_request.Timeout), WaitSubject.Application(Shown, _request.Node)),
        Execute = ctx =>
        {
            var cluster = Cluster(ctx.Runner);
            var loop = ResourceWaiter.NewLoop(cluster.Capabilities.OnlineState, 1, WaitLoop.LimitFromSeconds(_request.Timeout), TimeSpan.FromSeconds(_request.PollInterval));
            ResourceStateResult? online = null;
            IReadOnlyList<string> ran;
            try
            {
                ran = ResourceWaiter.Wait(cluster, ctx.Runner, loop, new[] { App }, cluster.Capabilities.OnlineState, TimeSpan.Zero, ctx.Sleep, ctx.Progress, r => online = r, WaitSubject.Application(cluster, _request.Node));
            }
            catch (AcmException e) when (e.ErrorId == "ResourceStateTimeout")
            {
                throw new AcmException("ClusterServiceStartTimeout", ErrorCategory.OperationTimeout, e.Message, App)
                {
                    RecommendedAction = $"Check '{App}' with {cluster.Capabilities.StateQueryHint}; the copy itself is complete and the shared disks are released.",
                };
            }

            return new StepOutcome(string.Join("; ", ran), 0, $"'{App}' {online!.State} on {_request.Node ?? cluster.LocalNode} after {online.ElapsedSeconds:0.0} s ({online.Checks} checks)", Changed: false);
        },
    };
}
