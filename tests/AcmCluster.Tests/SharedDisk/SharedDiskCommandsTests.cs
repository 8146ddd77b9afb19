using System.Linq;
using AcmCluster.Native;
using AcmCluster.Products.Primecluster;
using AcmCluster.Products.SharedDisk;
using AcmCluster.Products.Vcs;
using Xunit;

namespace AcmCluster.Tests.SharedDisk;

/// <summary>
/// The command lines of enabling and releasing shared disks and of the application waits, against the documented
/// syntax (fidelity-evidence.md item 7, GDS guide 4.5 D.4: sdxvolume -N|-F -c class [-v volume,...] [-e allnodes|node=...];
/// item 5 and 9.1.7 note 1: hvassert -w; VCS hagrp -wait).
/// </summary>
public class SharedDiskCommandsTests
{
    private static AcmCluster.SharedDisk Gds(string? volume) => new() { KindValue = SharedDiskKind.Gds, Name = "class0001", GdsVolume = volume };

    [Fact]
    public void GdsEnablesAndReleasesOneVolumeOnThisNodeOnly()
    {
        var enable = SharedDiskCommands.Enable(Gds("vol0001")).Single();
        var release = SharedDiskCommands.Disable(Gds("vol0001")).Single();
        Assert.Equal("sdxvolume -N -c class0001 -v vol0001", enable.CommandLine);
        Assert.Equal("sdxvolume -F -c class0001 -v vol0001", release.CommandLine);
        Assert.Equal(Product.PrimeclusterGds, enable.Product);

        // No -e: the volume is started and stopped on the current node only; '-e allnodes' would enable it on the other node too.
        Assert.DoesNotContain("-e", enable.Arguments);
        Assert.DoesNotContain("-e", release.Arguments);
    }

    [Fact]
    public void GdsWithoutVolumeStartsAndStopsEveryVolumeOfTheClass()
    {
        // D.4: with -v omitted, every volume of the class; the release mirrors the enable.
        Assert.Equal("sdxvolume -N -c class0001", SharedDiskCommands.Enable(Gds(null)).Single().CommandLine);
        Assert.Equal("sdxvolume -F -c class0001", SharedDiskCommands.Disable(Gds(null)).Single().CommandLine);
    }

    [Fact]
    public void AGdsReleaseRefusedBecauseTheVolumeIsInUseIsNotTakenForAlreadyReleased()
    {
        // D.4: -F on a volume in use is an error; the undo must report it, not count the disk as released.
        var busy = new NativeCommandResult { CommandLine = "sdxvolume -F -c class0001 -v vol0001", ExitCode = 1, ErrorOutput = new[] { "SDX:sdxvolume: ERROR: vol0001: device busy" } };
        Assert.False(SharedDiskCommands.AlreadyReleased(busy));
    }

    [Fact]
    public void TheStartedApplicationIsWaitedForWithTheProductsOwnWait()
    {
        var rms = new PrimeclusterProvider(new NativeCommandRunner(new ProcessOnlyHost()));
        Assert.Equal("hvassert -w app1 Online 5", rms.ApplicationWaitCommand("app1", null, "Online", 5)!.CommandLine);

        // hvassert answers for this node's RMS only: an application started on another SysNode is polled.
        Assert.Null(rms.ApplicationWaitCommand("app1", "node2RMS", "Online", 5));
        Assert.Equal("hagrp -wait sg1 State ONLINE -sys node1 -time 5", VcsCommands.GroupWait("sg1", "ONLINE", "node1", 5).CommandLine);
    }
}
