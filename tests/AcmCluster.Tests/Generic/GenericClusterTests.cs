using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using AcmCluster.Internal;
using AcmCluster.Native;
using AcmCluster.Products.Generic;
using Xunit;

namespace AcmCluster.Tests.Generic;

/// <summary>
/// A Generic cluster's pieces in process: how a script shows as one command line, how the state script's
/// objects are read (and refused), and the private runspace that runs scripts where no session can.
/// </summary>
public sealed class GenericClusterTests
{
    [Fact]
    public void AScriptShowsAsOneLineAPowerShellUserCouldType()
    {
        var script = ScriptBlock.Create("param($App)\n    # comment dropped\n    if ($App) {\n        hvutil -m on $App\n    }\n    Get-Item x |\n        Out-Null");
        var command = NativeCommand.ForScript("EnterMaintenanceScript", script, new[] { "app 1", "it's" });
        Assert.Equal("& { param($App); if ($App) { hvutil -m on $App }; Get-Item x | Out-Null } 'app 1' 'it''s'", command.CommandLine);
    }

    [Fact]
    public void ReadsApplicationsAndResourcesWithDefaults()
    {
        var items = new object[]
        {
            new Hashtable { ["Type"] = "Application", ["Name"] = "app1", ["State"] = "online", ["InMaintenance"] = "True" },
            new Hashtable { ["Type"] = "ClusterService", ["Name"] = "app1", ["State"] = "Offline", ["Node"] = "nodeB" },
            PSObject.AsPSObject(new { Name = "fs1", State = "OFFLINE", StateDetails = "x" }),
        };
        var view = GenericStateReader.Read(items, "nodeA", "Test");
        Assert.Equal(2, view.Applications.Count);
        var local = view.Applications[0];
        Assert.Equal(("app1", "nodeA", true, "Online", true, "Generic"), (local.Name, local.Node, local.IsLocal, local.State, local.InMaintenance, local.ClusterType));
        Assert.False(view.Applications[1].IsLocal);
        var resource = Assert.Single(view.Resources);
        Assert.Equal(("fs1", "Resource", "Offline", "x", true), (resource.Name, resource.Type, resource.State, resource.StateDetails, resource.IsLocal));
    }

    [Theory]
    [InlineData("just text")]
    [InlineData(null)]
    public void RefusesWhatDoesNotFitTheContract(string? text)
    {
        object item = text is null ? new Hashtable { ["Name"] = "fs1" } : text;
        var e = Assert.Throws<AcmException>(() => GenericStateReader.Read(new[] { item }, "n", "Test"));
        Assert.Equal("GenericStateInvalid", e.ErrorId);
        Assert.Contains("Name and a State", e.Message);
    }

    [Fact]
    public void RefusesAMaintenanceFlagThatIsNotABoolean()
    {
        var item = new Hashtable { ["Type"] = "Application", ["Name"] = "a", ["State"] = "Online", ["InMaintenance"] = 1 };
        var e = Assert.Throws<AcmException>(() => GenericStateReader.Read(new object[] { item }, "n", "Test"));
        Assert.Contains("InMaintenance must be $true or $false", e.Message);
    }

    [Fact]
    public void WithoutASessionAScriptRunsInARunspaceOfItsOwnWithObjectsAndExitCode()
    {
        var runner = new NativeCommandRunner(new ProcessOnlyHost());
        var ok = runner.Run(NativeCommand.ForScript("S", ScriptBlock.Create("param($a) [pscustomobject]@{ Name = $a; State = 'Online' }"), new[] { "app1" }), "X");
        Assert.Equal("ScriptBlock", ok.Source);
        var item = Assert.Single(ok.Objects);
        Assert.Equal("app1", InputObject.Property(item, "Name"));

        var thrown = runner.Run(NativeCommand.ForScript("S", ScriptBlock.Create("throw 'nope'"), Array.Empty<string>()), "X", allowFailure: true);
        Assert.Equal(1, thrown.ExitCode);
        Assert.Contains("nope", thrown.Message);

        var native = runner.Run(NativeCommand.ForScript("S", ScriptBlock.Create("sh -c 'exit 4'"), Array.Empty<string>()), "X", allowFailure: true);
        Assert.Equal(4, native.ExitCode);
    }

    [Fact]
    public void ADefinitionSurvivesTheJournalAsText()
    {
        var cluster = new GenericCluster { Name = "SynfinityCLUSTER", GetStateScript = ScriptBlock.Create("'state'"), StartScript = ScriptBlock.Create("'start'") };
        var again = GenericCluster.FromTexts(cluster.ToTexts());
        Assert.Equal("SynfinityCLUSTER", again.Name);
        Assert.Equal("'state'", again.GetStateScript!.ToString());
        Assert.Null(again.EnterMaintenanceScript);
        Assert.Equal(new[] { "GetStateScript", "StartScript" }, again.Scripts);
    }

    [Fact]
    public void ProviderRefusesHalfAResourcePairAndAMissingStateScript()
    {
        Assert.Equal("GenericClusterInvalid", Assert.Throws<AcmException>(() => GenericProvider.Validated(new GenericCluster { GetStateScript = ScriptBlock.Create(""), ResourceOnlineScript = ScriptBlock.Create("") })).ErrorId);
        Assert.Equal("GenericScriptMissing", Assert.Throws<AcmException>(() => GenericProvider.Validated(new GenericCluster())).ErrorId);
    }
}
