using System;
using System.IO;
using System.Runtime.Versioning;
using AcmCluster.Internal;
using Xunit;

namespace AcmCluster.Tests.Security;

/// <summary>The StrictModes rule every trusted path obeys: no links, trusted owners, nobody else can write. Linux (statx).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PathTrustTests : IDisposable
{
    // CreateTempSubdirectory makes it 0700 under the sticky /tmp, a trusted place to start from.
    private readonly string _dir = Directory.CreateTempSubdirectory("acmtrust").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AcceptsAPrivateDirectoryUnderTheStickyTmp()
    {
        Assert.Null(PathTrust.Check(_dir, allowCurrentUser: true));
    }

    [Fact]
    public void RefusesAGroupWritableDirectoryAndSaysHowToFixIt()
    {
        var sub = Path.Combine(_dir, "state");
        Directory.CreateDirectory(sub);
        File.SetUnixFileMode(sub, (UnixFileMode)0x1F8); // 0770
        var problem = PathTrust.Check(sub, allowCurrentUser: true);
        Assert.NotNull(problem);
        Assert.Equal(sub, problem!.Path);
        Assert.Contains("chmod go-w", problem.Fix);
    }

    [Fact]
    public void RefusesAStickyWorldWritableFinalDirectoryButAcceptsItAsAnAncestor()
    {
        var sticky = Path.Combine(_dir, "shared");
        Directory.CreateDirectory(sticky);
        File.SetUnixFileMode(sticky, (UnixFileMode)0x3FF); // 1777
        Assert.NotNull(PathTrust.Check(sticky, allowCurrentUser: true));
        var mine = Directory.CreateDirectory(Path.Combine(sticky, "mine"), (UnixFileMode)0x1C0).FullName;
        Assert.Null(PathTrust.Check(mine, allowCurrentUser: true));
    }

    [Fact]
    public void RefusesASymbolicLinkAnywhereInThePath()
    {
        var real = Directory.CreateDirectory(Path.Combine(_dir, "real"), (UnixFileMode)0x1C0).FullName;
        var link = Path.Combine(_dir, "link");
        File.CreateSymbolicLink(link, real);
        Directory.CreateDirectory(Path.Combine(real, "below"), (UnixFileMode)0x1C0);
        var problem = PathTrust.Check(Path.Combine(link, "below"), allowCurrentUser: true);
        Assert.Equal(link, problem!.Path);
        Assert.Contains("symbolic link", problem.Reason);
    }

    [Theory]
    [InlineData("relative/dir")]
    [InlineData("/tmp/./x")]
    [InlineData("/tmp//x")]
    [InlineData("/tmp/../tmp")]
    public void RefusesPathsThatAreNotCanonical(string path)
    {
        Assert.Contains("canonical", PathTrust.Check(path, allowCurrentUser: true)!.Reason);
    }

    [Fact]
    public void RefusesAMissingDirectory()
    {
        Assert.Contains("does not exist", PathTrust.Check(Path.Combine(_dir, "none"), allowCurrentUser: true)!.Reason);
    }

    [Fact]
    public void AnOwnerOtherThanRootIsRefusedWhenOnlyRootIsAllowed()
    {
        if (PathTrust.CurrentUid == PathTrust.RootUid)
        {
            // As root the current user is root: see the Pester Security tests, which plant files as nobody.
            Assert.Null(PathTrust.Check(_dir, allowCurrentUser: false));
            return;
        }

        Assert.Contains("owned by uid", PathTrust.Check(_dir, allowCurrentUser: false)!.Reason);
    }

    [Fact]
    public void FStatSeesTheOpenedFileAndLStatSeesTheLink()
    {
        var file = Path.Combine(_dir, "f");
        File.WriteAllText(file, "x");
        var link = Path.Combine(_dir, "l");
        File.CreateSymbolicLink(link, file);
        using var stream = File.OpenRead(link);
        var opened = PathTrust.FStat(stream.SafeFileHandle);
        Assert.Equal(UnixFileKind.Regular, opened.Kind);
        Assert.True(opened.SameFile(PathTrust.LStat(file)!.Value));
        Assert.Equal(UnixFileKind.SymbolicLink, PathTrust.LStat(link)!.Value.Kind);
        Assert.False(opened.SameFile(PathTrust.LStat(link)!.Value));
        Assert.Null(PathTrust.LStat(Path.Combine(_dir, "none")));
    }
}
