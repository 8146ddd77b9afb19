using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Xunit;

namespace AcmCluster.Tests.Runner;

/// <summary>In-process: a function in the caller's session shadows the native tool, like a Pester mock.</summary>
public sealed class SessionCommandTests : System.IDisposable
{
    public SessionCommandTests() => System.Environment.SetEnvironmentVariable("SWSTGNODE", null);

    public void Dispose() => System.Environment.SetEnvironmentVariable("SWSTGNODE", null);

    private static Collection<PSObject> Run(string script)
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[] { typeof(AcmCluster.Commands.AcmCmdlet).Assembly.Location });
        using var ps = PowerShell.Create(iss);
        ps.AddScript(script);
        var result = ps.Invoke();
        if (ps.HadErrors)
        {
            throw ps.Streams.Error[0].Exception;
        }

        return result;
    }

    [Fact]
    public void AFunctionNamedLikeTheToolIsWhatRuns()
    {
        var result = Run(@"
            function hvdisp { Get-Content '" + Fixture.PathOf("hvdisp-a.txt") + @"' }
            $global:seen = $null
            function hvutil { $global:seen = ""$args|$env:SWSTGNODE"" }
            Enter-AcmMaintenance -UserApplication app1
            $global:seen");
        var maintenance = (MaintenanceResult)result[0].BaseObject;
        Assert.True(maintenance.Changed);
        Assert.Equal("hvutil -m on app1", maintenance.NativeCommand!.CommandLine);
        Assert.Equal("Function", maintenance.NativeCommand.Source);
        Assert.Equal("-m on app1|", result[1].BaseObject);
    }

    [Fact]
    public void LastExitCodeOfAFunctionIsTheExitCode()
    {
        var e = Assert.ThrowsAny<System.Exception>(() => Run(@"
            function swstbackup { 'swstbackup: ERROR: swst0634 nope'; $global:LASTEXITCODE = 4 }
            Invoke-AcmBackup -Device /dev/sdb1"));
        Assert.Contains("exit code 4", e.Message);
        Assert.Contains("swst0634", e.Message);
    }

    [Fact]
    public void EnvironmentIsSetDuringTheCallAndRestoredAfter()
    {
        var result = Run(@"
            $env:SWSTGNODE = 'before'
            function swstbackup { ""$($args[-1]) swstbackup completed""; ""node=$env:SWSTGNODE"" }
            $r = Invoke-AcmBackup -Device /dev/sdb1 -LogicalNode nodeA
            $r.NativeCommand.Output[1]
            $env:SWSTGNODE");
        Assert.Equal(new[] { "node=nodeA", "before" }, result.Select(r => r.BaseObject.ToString()));
    }
}
