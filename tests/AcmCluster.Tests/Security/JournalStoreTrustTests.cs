using System;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using AcmCluster.Internal;
using AcmCluster.Procedures;
using Xunit;

namespace AcmCluster.Tests.Security;

/// <summary>The state directory, journals and locks as root must find them: checked, private, never followed through a link.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class JournalStoreTrustTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("acmstore").FullName;

    private string State => Path.Combine(_dir, "state");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JournalEntry Entry(string id, string app = "app1")
        => new() { Result = new ProcedureResult { Id = id, UserApplication = app, Procedure = "SnapshotBackup" } };

    [Fact]
    public void CreatesEveryDirectory0700AndEveryJournal0600()
    {
        var store = new JournalStore(State);
        store.Save(Entry("p-1"));
        foreach (var d in new[] { "", "procedures", "locks", "claims" })
        {
            Assert.Equal(PrivateFile.PrivateDirectory, File.GetUnixFileMode(Path.Combine(State, d)));
        }

        Assert.Equal(PrivateFile.OwnerOnly, File.GetUnixFileMode(store.PathFor("p-1")));
        Assert.Single(Directory.GetFiles(Path.Combine(State, "procedures")));
    }

    [Fact]
    public void ALinkAtTheOldPredictableTempNameIsNeverFollowed()
    {
        var store = new JournalStore(State);
        var victim = Path.Combine(_dir, "victim");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(store.PathFor("p-2") + ".tmp", victim);
        store.Save(Entry("p-2"));
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal("p-2", store.Load("p-2")!.Result.Id);
    }

    [Fact]
    public void AJournalReplacedByALinkIsReplacedOnSaveAndNotFollowed()
    {
        var store = new JournalStore(State);
        var victim = Path.Combine(_dir, "victim");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(store.PathFor("p-3"), victim);
        Assert.Throws<AcmException>(() => store.Load("p-3"));
        store.Save(Entry("p-3"));
        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.NotNull(store.Load("p-3"));
    }

    [Fact]
    public async System.Threading.Tasks.Task AJournalRenamedOverWhileItIsReadIsStillTrusted()
    {
        // Get-AcmProcedure in one process while a procedure saves in another: a rename is no tampering.
        var store = new JournalStore(State);
        var entry = Entry("p-8");
        store.Save(entry);
        var saving = System.Threading.Tasks.Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                entry.Result.DurationSeconds = i;
                store.Save(entry);
            }
        });
        var reader = new JournalStore(State);
        while (!saving.IsCompleted)
        {
            Assert.Equal("p-8", reader.Load("p-8")!.Result.Id);
        }

        await saving;
    }

    [Fact]
    public void AGroupWritableJournalIsListedAsUntrustedAndNotLoaded()
    {
        var store = new JournalStore(State);
        store.Save(Entry("p-4"));
        store.Save(Entry("p-5"));
        File.SetUnixFileMode(store.PathFor("p-4"), PrivateFile.OwnerOnly | UnixFileMode.GroupWrite);
        Assert.Equal(new[] { "p-5" }, store.All().Select(e => e.Result.Id).ToArray());
        var untrusted = Assert.Single(store.UntrustedJournals);
        Assert.Equal(store.PathFor("p-4"), untrusted.Path);
        Assert.Contains("chmod go-w", untrusted.Fix);
        Assert.Equal("JournalUntrusted", Assert.Throws<AcmException>(() => store.Load("p-4")).ErrorId);
    }

    [Fact]
    public void AJournalWhoseIdIsNotItsFileNameIsUntrusted()
    {
        var store = new JournalStore(State);
        store.Save(Entry("p-6"));
        File.Copy(store.PathFor("p-6"), store.PathFor("p-7"));
        Assert.Equal("JournalUntrusted", Assert.Throws<AcmException>(() => store.Load("p-7")).ErrorId);
    }

    [Fact]
    public void TheLockProbeCreatesNothingAndTheLockIsExclusive()
    {
        var store = new JournalStore(State);
        Assert.False(store.IsLocked("app1"));
        Assert.Empty(Directory.GetFiles(Path.Combine(State, "locks")));
        using (var held = store.TryLock("app1"))
        {
            Assert.NotNull(held);
            Assert.True(store.IsLocked("app1"));
            Assert.Null(store.TryLock("app1"));
        }

        Assert.False(store.IsLocked("app1"));
        Assert.Equal(PrivateFile.OwnerOnly, File.GetUnixFileMode(Path.Combine(State, "locks", "app1.lock")));
    }

    [Fact]
    public void ALockNameIsNeverAPath()
    {
        var store = new JournalStore(State);
        Assert.Equal("InvalidName", Assert.Throws<AcmException>(() => store.TryLock("../../x")).ErrorId);
        Assert.Equal("InvalidName", Assert.Throws<AcmException>(() => store.IsLocked("a/b")).ErrorId);
    }

    [Fact]
    public void AnExistingLockFileIsNeitherTruncatedNorWritten()
    {
        var store = new JournalStore(State);
        var path = Path.Combine(State, "locks", "app1.lock");
        File.WriteAllText(path, "kept");
        File.SetUnixFileMode(path, PrivateFile.OwnerOnly);
        using (var held = store.TryLock("app1"))
        {
            Assert.NotNull(held);
            Assert.Equal(4, new FileInfo(path).Length); // a stat: opening it would meet the lock
        }

        Assert.Equal("kept", File.ReadAllText(path));
    }

    [Fact]
    public void AStateDirectoryOthersMayWriteIsRefusedWithTheFix()
    {
        Directory.CreateDirectory(State);
        File.SetUnixFileMode(State, (UnixFileMode)0x1FF); // 0777
        var e = Assert.Throws<AcmException>(() => new JournalStore(State));
        Assert.Equal("StateDirectoryUntrusted", e.ErrorId);
        Assert.Equal($"Run: chmod go-w '{State}'", e.RecommendedAction);
    }

    [Fact]
    public void ASubdirectoryThatIsALinkIsRefused()
    {
        Directory.CreateDirectory(State, PrivateFile.PrivateDirectory);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere"), PrivateFile.PrivateDirectory).FullName;
        File.CreateSymbolicLink(Path.Combine(State, "locks"), elsewhere);
        var e = Assert.Throws<AcmException>(() => new JournalStore(State));
        Assert.Equal("StateDirectoryUntrusted", e.ErrorId);
        Assert.Contains("locks is a symbolic link", e.Message);
    }
}
