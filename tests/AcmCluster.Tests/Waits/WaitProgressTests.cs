using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AcmCluster.Cluster;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Products.Acm;
using AcmCluster.Products.Primecluster;
using Xunit;

namespace AcmCluster.Tests.Waits;

/// <summary>
/// What the waits show while they run, on a fake clock that only their sleeps move: the settle time counted down,
/// the seconds waited of the timeout, the copy percentage swstsyncstat reports; and a progress bar's own rules
/// (at most about one update a second, nothing after Completed, a Completed record only for a bar that was shown).
/// </summary>
public sealed class WaitProgressTests
{
    private readonly FakeTime _time = new();
    private readonly List<ProgressReport> _shown = new();

    private ProgressBar Bar() => new(7, "Wait until Offline", _shown.Add, parentId: 1, clock: _time.Now);

    [Fact]
    public void TheSettleTimeCountsDownASecondAtATimeThenTheWaitShowsTheSecondsWaitedOfTheTimeout()
    {
        var host = new ScriptedHost();
        host.Answer("hvdisp -a", Fixture.Lines("hvdisp-a.txt"));
        host.Answer("hvassert -w Fsystem_tran1 Offline", Array.Empty<string>());
        var provider = new PrimeclusterProvider(new NativeCommandRunner(host));
        var loop = ResourceWaiter.NewLoop("Offline", 1, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(1)) with { Clock = _time.Now };
        var reached = new List<ResourceStateResult>();

        ResourceWaiter.Wait(provider, new NativeCommandRunner(host), loop, new[] { "Fsystem_tran1" }, "Offline", TimeSpan.FromSeconds(2.5), _time.Sleep, Bar(), reached.Add, confirmed: true);

        Assert.Equal(
            new[] { "Settling: 3 s left", "Settling: 2 s left", "Settling: 1 s left", "Waiting for Offline: 2 s of 300 s" },
            _shown.Select(r => r.Status));
        Assert.Equal(new[] { 0, 40, 80 }, _shown.Take(3).Select(r => r.Percent));
        Assert.Equal(new[] { 3, 2, 1, 298 }, _shown.Select(r => r.SecondsRemaining));
        Assert.Equal("0 of 1 resources Offline; not yet: Fsystem_tran1", _shown[3].CurrentOperation);
        Assert.All(_shown, r => Assert.Equal((7, 1, false), (r.Id, r.ParentId, r.Completed)));

        // The countdown only slices the settle time: the sleeps add up to it, and nothing else sleeps.
        Assert.Equal(new[] { 1.0, 1.0, 0.5 }, _time.Sleeps.Select(s => s.TotalSeconds));
        Assert.Equal("Fsystem_tran1", Assert.Single(reached).Resource);
        Assert.Equal(new[] { "hvdisp -a", "hvassert -w Fsystem_tran1 Offline 5" }, host.Ran);
    }

    [Fact]
    public void AWaitWithoutAProgressBarRunsAsBefore()
    {
        var host = new ScriptedHost();
        host.Answer("hvdisp -a", Fixture.Lines("hvdisp-a.txt"));
        var provider = new PrimeclusterProvider(new NativeCommandRunner(host));
        var loop = ResourceWaiter.NewLoop("Online", 1, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)) with { Clock = _time.Now };
        var reached = new List<ResourceStateResult>();

        ResourceWaiter.Wait(provider, new NativeCommandRunner(host), loop, new[] { "Fsystem_tran1" }, "Online", TimeSpan.FromSeconds(2), _time.Sleep, ProgressBar.None, reached.Add, confirmed: true);
        ResourceWaiter.Wait(provider, new NativeCommandRunner(host), loop, new[] { "Fsystem_tran1" }, "Online", TimeSpan.Zero, _time.Sleep, new ProgressBar(1, "no host", null), reached.Add);

        Assert.Equal(2, reached.Count);
    }

    [Fact]
    public void TheSynchronousWaitShowsTheCopyPercentageSwstsyncstatReportsAndTheSecondsWaited()
    {
        var host = new ScriptedHost();
        host.Answer("swstsyncstat /dev/sdb6", Session("executing 10%"), Session("executing 45%"), Session("executing 80%"), Session("equivalent 100%"));
        var loop = SyncEquivalence.NewLoop(1, TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(2)) with { Clock = _time.Now };
        var reached = new List<SyncStatus>();

        SyncEquivalence.Wait(new NativeCommandRunner(host), loop, new[] { "/dev/sdb6" }, null, null, _time.Sleep, Bar(), reached.Add);

        Assert.Equal(new[] { 10, 45, 80 }, _shown.Select(r => r.Percent));
        Assert.Equal(new[] { "Copying: 0 s of 300 s", "Copying: 2 s of 300 s", "Copying: 4 s of 300 s" }, _shown.Select(r => r.Status));
        Assert.Equal(new[] { "/dev/sdb6 10 %", "/dev/sdb6 45 %", "/dev/sdb6 80 %" }, _shown.Select(r => r.CurrentOperation));
        Assert.Equal("equivalent", Assert.Single(reached).RawStatus);
    }

    [Fact]
    public void WithSeveralDevicesTheBarShowsTheLowestPercentageOfThoseStillCopying()
    {
        var host = new ScriptedHost();
        host.Answer("swstsyncstat /dev/sdb6", Session("executing 30%"), Session("equivalent 100%"));
        host.Answer("swstsyncstat /dev/sdb7", Session("executing 20%", "/dev/sdb7"), Session("executing 60%", "/dev/sdb7"), Session("equivalent 100%", "/dev/sdb7"));
        var loop = SyncEquivalence.NewLoop(2, null, TimeSpan.FromSeconds(1)) with { Clock = _time.Now };

        SyncEquivalence.Wait(new NativeCommandRunner(host), loop, new[] { "/dev/sdb6", "/dev/sdb7" }, null, null, _time.Sleep, Bar(), _ => { });

        Assert.Equal(new[] { 20, 60 }, _shown.Select(r => r.Percent));
        Assert.Equal(new[] { "/dev/sdb6 30 %, /dev/sdb7 20 %", "/dev/sdb7 60 %" }, _shown.Select(r => r.CurrentOperation));
        Assert.Equal(new[] { "Copying: 0 s", "Copying: 1 s" }, _shown.Select(r => r.Status));
    }

    [Fact]
    public void ABarWritesAtMostAboutOnceASecondAndNothingAfterItIsCompleted()
    {
        var bar = Bar();
        foreach (var at in new[] { 0.0, 0.5, 0.89, 0.95, 1.5, 2.0 })
        {
            _time.At = TimeSpan.FromSeconds(at);
            bar.Report(FormattableString.Invariant($"Waiting: {at} s"));
        }

        // A new phase shows at once.
        bar.Report("Copying: 2 s");
        bar.Complete();
        bar.Report("Copying: 3 s");
        bar.Complete();

        Assert.Equal(new[] { "Waiting: 0 s", "Waiting: 0.95 s", "Waiting: 2 s", "Copying: 2 s", "Done" }, _shown.Select(r => r.Status));
        Assert.True(_shown[^1].Completed);
        Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, _shown[^1].ToRecord().RecordType);
        Assert.Equal(1, _shown[^1].ToRecord().ParentActivityId);
    }

    [Fact]
    public void ABarThatWasNeverShownIsNotCompleted()
    {
        Bar().Complete();
        Assert.Empty(_shown);
    }

    // A row of tests/fixtures/swstsyncstat.txt with another status and copy percentage.
    private static string[] Session(string statusAndPercent, string device = "/dev/sdb6")
    {
        var sample = Fixture.Lines("swstsyncstat.txt");
        return new[] { sample[0], sample[2].Replace("/dev/sdb6", device, StringComparison.Ordinal).Replace("executing  75%", statusAndPercent, StringComparison.Ordinal) };
    }

    private sealed class FakeTime
    {
        public TimeSpan At { get; set; }

        public List<TimeSpan> Sleeps { get; } = new();

        public TimeSpan Now() => At;

        public void Sleep(TimeSpan duration)
        {
            Sleeps.Add(duration);
            At += duration;
        }
    }

    /// <summary>Answers each command line (or one that starts with the given text) with its answers in turn, the last one again and again.</summary>
    private sealed class ScriptedHost : INativeCommandHost
    {
        private readonly List<(string Prefix, Queue<string[]> Answers)> _answers = new();

        public List<string> Ran { get; } = new();

        public CancellationToken Cancellation => CancellationToken.None;

        public void Answer(string prefix, params string[][] answers) => _answers.Add((prefix, new Queue<string[]>(answers)));

        public string? FindSessionCommand(string name) => "Function";

        public SessionCommandOutput InvokeSessionCommand(NativeCommand command)
        {
            Ran.Add(command.CommandLine);
            var (_, answers) = _answers.FirstOrDefault(a => command.CommandLine.StartsWith(a.Prefix, StringComparison.Ordinal));
            if (answers is null)
            {
                throw new InvalidOperationException($"unexpected command: {command.CommandLine}");
            }

            return new SessionCommandOutput(answers.Count > 1 ? answers.Dequeue() : answers.Peek(), Array.Empty<string>(), 0);
        }

        public void WriteVerbose(string text)
        {
        }
    }
}
