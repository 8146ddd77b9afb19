using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AcmCluster.Cluster;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Products.Acm;
using AcmCluster.Products.Primecluster;
using AcmCluster.Products.Vcs;
using Xunit;

namespace AcmCluster.Tests.Parsers;

/// <summary>The providers' decisions on the fixtures (fidelity-evidence.md), through a host that answers like the products.</summary>
public class ClusterProviderTests
{
    [Fact]
    public void ApplicationsAreReadOnADisplayWithAndOpRows()
    {
        var host = new CannedHost { ["hvdisp -a"] = new(Fixture.Lines("hvdisp-a-andop.txt")) };
        var provider = new PrimeclusterProvider(new NativeCommandRunner(host));
        var view = provider.Query();
        var app1 = view.Application("app1", "userApplication");
        Assert.True(app1.IsLocal);
        Assert.True(provider.IsActive(app1));
        Assert.Equal(4, view.Applications.Count);
        Assert.DoesNotContain(view.Resources, r => r.Name == "app1" || r.Type == "SysNode");
    }

    [Fact]
    public void AnApplicationRowWithoutStateIsRefusedOnlyWhenItIsNeeded()
    {
        var lines = Fixture.Lines("hvdisp-a-andop.txt").Append("app3                userApp                     Sleeping").ToArray();
        var host = new CannedHost { ["hvdisp -a"] = new(lines) };
        var provider = new PrimeclusterProvider(new NativeCommandRunner(host));
        var view = provider.Query();

        // Another node's row without a state: not active there, and listing it is no error.
        Assert.False(provider.IsActive(view.Applications.Single(a => a.Name == "app2" && !a.IsLocal)));

        // This node's row is the decision itself: refused, quoting the line.
        var e = Assert.Throws<AcmException>(() => provider.IsActive(view.Application("app3", "userApplication")));
        Assert.Equal("NativeOutputUnrecognized", e.ErrorId);
        Assert.Contains("app3                userApp                     Sleeping", e.Message);
    }

    [Fact]
    public void ResourceStatesAreReadByNameOnAWideColumn()
    {
        var host = new CannedHost { ["hvdisp -a"] = new(Fixture.Lines("hvdisp-a-andop.txt")) };
        IClusterProvider provider = new PrimeclusterProvider(new NativeCommandRunner(host));
        var states = provider.CurrentStates(new[] { "Fsystem_transaction_vol01", "Fsystem_tran2" });
        Assert.Equal("Online", states["Fsystem_transaction_vol01"]);
        var e = Assert.Throws<AcmException>(() => provider.CurrentStates(new[] { "Fsystem_none" }));
        Assert.Equal(("ResourceNotFound", System.Management.Automation.ErrorCategory.ObjectNotFound), (e.ErrorId, e.Category));
    }

    [Fact]
    public void MaintenanceExitIsBlockedByTheApplicationRowAndNamesTheResourceNotBack()
    {
        var host = new CannedHost { ["hvdisp -a"] = new(Fixture.Lines("hvdisp-a-maintenance.txt")) };
        var provider = new PrimeclusterProvider(new NativeCommandRunner(host));
        var view = provider.Query();
        Assert.True(view.Application("app1", "userApplication").InMaintenance);
        var blockers = provider.MaintenanceExitBlockers(view, "app1");
        var blocker = Assert.Single(blockers);
        Assert.Equal(("Fsystem_tran1", "Offline"), (blocker.Name, blocker.State));
    }

    [Fact]
    public void MaintenanceExitIsFreeWhenTheApplicationRowHasNoExclamationMarks()
    {
        var host = new CannedHost { ["hvdisp -a"] = new(Fixture.Lines("hvdisp-a-maintenance-clean.txt")) };
        var provider = new PrimeclusterProvider(new NativeCommandRunner(host));
        Assert.Empty(provider.MaintenanceExitBlockers(provider.Query(), "app1"));
    }

    [Fact]
    public void HvassertNamingAMissingResourceEndsTheWait()
    {
        IClusterProvider provider = new PrimeclusterProvider(new NativeCommandRunner(new CannedHost()));
        var missing = new NativeCommandResult { ExitCode = 1, ErrorOutput = Fixture.Lines("hvassert-missing.stderr") };
        Assert.Contains("does not exist", provider.WaitRefusal(missing));
        Assert.Null(provider.WaitRefusal(new NativeCommandResult { ExitCode = 1 }));
    }

    [Fact]
    public void VcsSysQueriesAnswerBareValues()
    {
        var host = new CannedHost
        {
            ["hares -state mnt_tran1 -sys node1"] = new(Fixture.Lines("hares-state-sys.txt")),
            ["hares -state mnt_tran2 -sys node1"] = new(new[] { "ONLINE|RESTARTING" }),
            ["hares -state"] = new(Fixture.Lines("hares-state.txt")),
        };
        IClusterProvider provider = new VcsProvider(new NativeCommandRunner(host), "node1");
        Assert.True(provider.IsInState("mnt_tran1", "Online"));
        Assert.True(provider.IsInState("mnt_tran2", "ONLINE"));
        Assert.Equal("FAULTED", provider.CurrentStates(new[] { "mnt_tran1", "mnt_tran2" })["mnt_tran2"]);
    }

    [Fact]
    public void VcsCombinedGroupValueIsReadFromABareAnswer()
        => Assert.Equal(new[] { "OFFLINE", "FAULTED" }, VcsStateParser.ParseFlags(VcsStateParser.SysValue(Fixture.Lines("hagrp-state-sys.txt"), "hagrp -state sg1 -sys node1", "sg1", "node1")));

    [Fact]
    public void VcsMessagesOnStdoutAreRecognisedByTheirId()
    {
        var host = new CannedHost
        {
            ["hares -state mnt_x -sys node1"] = new(new[] { "VCS WARNING V-16-1-40132 Resource mnt_x does not exist in the local cluster" }, 1),
            ["hagrp -state sg9"] = new(Fixture.Lines("vcs-message-stdout.txt"), 1),
        };
        IClusterProvider provider = new VcsProvider(new NativeCommandRunner(host), "node1");
        Assert.Equal("ResourceNotFound", Assert.Throws<AcmException>(() => provider.CurrentStates(new[] { "mnt_x" })).ErrorId);
        Assert.Equal("ClusterApplicationNotFound", Assert.Throws<AcmException>(() => provider.ServiceStates("sg9", out _)).ErrorId);
        Assert.Equal("V-16-1-40131", VcsStateParser.MessageId(Fixture.Lines("vcs-message-stdout.txt")));
    }

    [Fact]
    public void APersistentFreezeClosesTheConfigurationOnlyWhenThisCallOpenedIt()
    {
        var host = new CannedHost
        {
            ["haconf -makerw"] = new(new[] { "VCS WARNING V-16-1-10364 Cluster already writable." }, 1),
            ["hagrp -freeze sg1 -persistent"] = new(Array.Empty<string>()),
        };
        IClusterProvider provider = new VcsProvider(new NativeCommandRunner(host), "node1");
        Assert.True(provider.SetMaintenance("sg1", on: true, force: false, persistent: true).Succeeded);
        Assert.Equal(new[] { "haconf -makerw", "hagrp -freeze sg1 -persistent" }, host.Ran);

        var opened = new CannedHost
        {
            ["haconf -makerw"] = new(Array.Empty<string>()),
            ["hagrp -freeze sg1 -persistent"] = new(Array.Empty<string>()),
            ["haconf -dump -makero"] = new(Array.Empty<string>()),
        };
        Assert.True(new VcsProvider(new NativeCommandRunner(opened), "node1").SetMaintenance("sg1", true, false, true).Succeeded);
        Assert.Equal("haconf -dump -makero", opened.Ran[^1]);
    }

    [Fact]
    public void OnlyASucceededGenerationIsRestorable()
    {
        var history = HistoryParser.Parse(Fixture.Lines("swsthistdisp-failed.txt"));
        Assert.Equal("failed-OPC", history.Single(h => h.Generation == 1).Status);
        Assert.False(history.Single(h => h.Generation == 1).Restorable);
        Assert.True(history.Single(h => h.Generation == 2).Restorable);
        Assert.False(HistoryParser.IsRestorable("executing"));
    }

    [Fact]
    public void AnAcmErrorIsReportedWithItsMessageIdAndACompletedBackupIsNot()
    {
        var failed = new NativeCommandResult { CommandLine = "swstbackup /dev/sdb1", ExitCode = 1, ErrorOutput = Fixture.Lines("swst0601.stderr") };
        var e = NativeCommandRunner.Failure("BackupFailed", failed);
        Assert.Contains("swst0601 This Command cannot be run", e.Message);
        Assert.Contains("swst0601", e.RecommendedAction);
        var done = new NativeCommandResult { CommandLine = "swstbackup /dev/sdb1", Output = Fixture.Lines("swstbackup-completed.txt") };
        Assert.True(done.Succeeded);
        Assert.Equal("/dev/sdb1 swstbackup completed", done.Message);
    }

    [Fact]
    public void EveryFixtureNamesItsSource()
    {
        var dir = System.IO.Path.GetDirectoryName(Fixture.PathOf("x"))!;
        var fixtures = System.IO.Directory.GetFiles(dir).Where(f => !f.EndsWith(".source", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(fixtures);
        Assert.All(fixtures, f =>
        {
            var source = f + ".source";
            Assert.True(System.IO.File.Exists(source), $"{f} has no {source}");
            var line = System.IO.File.ReadAllLines(source).First();
            // A native sample names its evidence; a journal fixture names the release of this module that wrote it.
            Assert.Matches(@"^(fidelity-evidence\.md item [0-9]+|assumed|written by release [0-9]+\.[0-9]+\.[0-9]+ of this module)", line);
        });
    }

    /// <summary>Every command is a session command whose output is canned by its command line; anything else fails the test.</summary>
    private sealed class CannedHost : INativeCommandHost
    {
        private readonly Dictionary<string, (string[] Lines, int Exit)> _answers = new();

        public Answer this[string commandLine] { set => _answers[commandLine] = (value.Lines, value.Exit); }

        public CancellationToken Cancellation => CancellationToken.None;

        public string? FindSessionCommand(string name) => "Function";

        public List<string> Ran { get; } = new();

        public SessionCommandOutput InvokeSessionCommand(NativeCommand command)
        {
            Ran.Add(command.CommandLine);
            return _answers.TryGetValue(command.CommandLine, out var a)
                ? new SessionCommandOutput(a.Lines, Array.Empty<string>(), a.Exit)
                : throw new InvalidOperationException($"unexpected command: {command.CommandLine}");
        }

        public void WriteVerbose(string text)
        {
        }
    }

    private sealed record Answer(string[] Lines, int Exit = 0);
}
