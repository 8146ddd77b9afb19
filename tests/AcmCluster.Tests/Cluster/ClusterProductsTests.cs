using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AcmCluster.Cluster;
using AcmCluster.Internal;
using AcmCluster.Native;
using Xunit;

namespace AcmCluster.Tests.Cluster;

/// <summary>
/// The registration of the cluster products (Cluster/ClusterProducts.cs): every value users can type after
/// -ClusterType has exactly one product, and every product has its facts, a way to be detected (or its own
/// parameter), and a driver whose commands agree with those facts.
/// </summary>
public sealed class ClusterProductsTests
{
    public static TheoryData<ClusterType> Types()
    {
        var data = new TheoryData<ClusterType>();
        foreach (var type in Enum.GetValues<ClusterType>())
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void ClusterTypeValuesAndRegistrationsMatchOneToOne()
    {
        var registered = ClusterProducts.All.Select(p => p.Capabilities.Type).ToList();
        Assert.Equal(registered.Count, registered.Distinct().Count());
        Assert.Equal(Enum.GetValues<ClusterType>().OrderBy(t => t), registered.OrderBy(t => t));
        Assert.All(Enum.GetValues<ClusterType>(), t => Assert.Equal(t, ClusterProducts.For(t).Capabilities.Type));
    }

    [Fact]
    public void AnUnknownTypeIsRefused()
        => Assert.Equal("ClusterTypeNotSupported", Assert.Throws<AcmException>(() => ClusterProducts.For((ClusterType)99)).ErrorId);

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryProductHasCapabilities(ClusterType type)
    {
        var facts = ClusterProducts.For(type).Capabilities;
        Assert.All(new[] { facts.DisplayName, facts.ApplicationNoun, facts.ServiceName, facts.StateQueryHint }, s => Assert.False(string.IsNullOrWhiteSpace(s)));

        // The states the procedures wait for are spelled as the product spells them, among those it can be waited for.
        Assert.Contains(facts.OfflineState, facts.ResourceStates);
        Assert.Contains(facts.OnlineState, facts.ResourceStates);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryProductIsDetectedByItsCommandOrChosenByItsOwnParameter(ClusterType type)
    {
        var product = ClusterProducts.For(type);
        var runner = new NativeCommandRunner(new ProcessOnlyHost());
        if (product.DetectionCommand is { } command)
        {
            // The command is looked for in the product's own directories after PATH.
            Assert.NotSame(Product.System, command.Product);
            Assert.NotEmpty(command.Product.Directories);
            Assert.NotNull(product.CreateDriver(runner, new ClusterOptions()));
        }
        else
        {
            // Never detected: then it cannot work without what its own parameter gives (-GenericCluster).
            Assert.IsType<AcmException>(Record.Exception(() => product.CreateDriver(runner, new ClusterOptions())), exactMatch: false);
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryDriverKeepsItsProductsFactsAndHasOfflineCommandsExactlyWhenTheClusterControlsTheMounts(ClusterType type)
    {
        var product = ClusterProducts.For(type);
        foreach (var options in Options())
        {
            // Building commands runs nothing: a host without a session is enough.
            var driver = product.CreateDriver(new NativeCommandRunner(new ProcessOnlyHost()), options);
            var facts = driver.Capabilities;
            Assert.Equal(
                (product.Capabilities.Type, product.Capabilities.DisplayName, product.Capabilities.ApplicationNoun, product.Capabilities.OfflineState, product.Capabilities.OnlineState, product.Capabilities.LiveCompletion),
                (facts.Type, facts.DisplayName, facts.ApplicationNoun, facts.OfflineState, facts.OnlineState, facts.LiveCompletion));
            Assert.Equal(product.Capabilities.ResourceStates, facts.ResourceStates);
            Assert.Equal(facts.ControlsMountResources, driver.ResourceOfflineCommand("res1") is not null);
            Assert.Equal(facts.ControlsMountResources, driver.ResourceOnlineCommand("res1") is not null);
            Assert.NotEmpty(driver.MaintenanceCommands("app1", on: true, force: false, persistent: false));
            Assert.NotEmpty(driver.MaintenanceCommands("app1", on: false, force: false, persistent: false));
            Assert.NotNull(driver.CheckResourcesCommand(new[] { "res1" }, facts.OnlineState));
        }
    }

    [Fact]
    public void TheProductWhoseCommandAloneResolvesIsDetected()
    {
        var detectable = ClusterProducts.All.Where(p => p.DetectionCommand is not null).ToList();
        Assert.True(detectable.Count >= 2, "detection chooses between products");
        WithEmptyPath(() =>
        {
            foreach (var product in detectable)
            {
                Assert.Equal(product.Capabilities.Type, ClusterDetector.Detect(new SessionHost(product.DetectionCommand!.Name)));
            }

            var none = Assert.Throws<AcmException>(() => ClusterDetector.Detect(new SessionHost()));
            Assert.Equal("ClusterTypeNotDetected", none.ErrorId);
            Assert.All(detectable, p => Assert.Contains($"{p.Capabilities.DisplayName}'s {p.DetectionCommand!.Name}", none.Message));
            Assert.All(ClusterProducts.All, p => Assert.Contains(p.Capabilities.Type.ToString(), none.Message));

            var all = Assert.Throws<AcmException>(() => ClusterDetector.Detect(new SessionHost(detectable.Select(p => p.DetectionCommand!.Name).ToArray())));
            Assert.Contains("both", all.Message);
        });
    }

    // Every product gets every kind of definition: a Generic cluster without and with resource scripts.
    private static IEnumerable<ClusterOptions> Options()
    {
        var basic = new GenericCluster
        {
            Name = "Test",
            GetStateScript = ScriptBlock.Create("@()"),
            EnterMaintenanceScript = ScriptBlock.Create("param($App)"),
            ExitMaintenanceScript = ScriptBlock.Create("param($App)"),
        };
        yield return new ClusterOptions("node1", basic);
        yield return new ClusterOptions("node1", new GenericCluster
        {
            Name = "Test",
            GetStateScript = basic.GetStateScript,
            EnterMaintenanceScript = basic.EnterMaintenanceScript,
            ExitMaintenanceScript = basic.ExitMaintenanceScript,
            ResourceOfflineScript = ScriptBlock.Create("param($Resource, $Node)"),
            ResourceOnlineScript = ScriptBlock.Create("param($Resource, $Node)"),
        });
    }

    // Only the session's functions resolve: no directory on PATH holds a cluster command.
    private static void WithEmptyPath(Action test)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var empty = Directory.CreateTempSubdirectory("acm-detect-");
        try
        {
            Environment.SetEnvironmentVariable("PATH", empty.FullName);
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            empty.Delete();
        }
    }

    /// <summary>A session that defines exactly the named functions and runs nothing.</summary>
    private sealed class SessionHost : INativeCommandHost
    {
        private readonly string[] _functions;

        public SessionHost(params string[] functions) => _functions = functions;

        public CancellationToken Cancellation => CancellationToken.None;

        public string? FindSessionCommand(string name) => _functions.Contains(name) ? "Function" : null;

        public SessionCommandOutput InvokeSessionCommand(NativeCommand command) => throw new InvalidOperationException($"detection must run nothing: {command.CommandLine}");

        public void WriteVerbose(string text)
        {
        }
    }
}
