using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using AcmCluster.Internal;
using AcmCluster.Native;
using Xunit;

namespace AcmCluster.Tests.Runner;

/// <summary>The runner against real processes (/bin/sh scripts written per test).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NativeCommandRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("acmrunner").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static NativeCommandRunner Runner(CancellationToken token = default) => new(new ProcessOnlyHost(cancellation: token));

    [Fact]
    public void CapturesOutputErrorExitCodeAndDuration()
    {
        var tool = Script("tool", "echo out1; echo out2; echo err1 >&2; exit 3");
        var result = Runner().Run(new NativeCommand(tool, Array.Empty<string>()), "X", allowFailure: true);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(new[] { "out1", "out2" }, result.Output);
        Assert.Equal(new[] { "err1" }, result.ErrorOutput);
        Assert.True(result.DurationSeconds > 0);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void PassesArgumentsVerbatimWithoutAShell()
    {
        var tool = Script("args", "for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done");
        var args = new[] { "a b", "it's", "\"q\"", "$(id)", "; rm -rf /", "*", "" };
        var result = Runner().Run(new NativeCommand(tool, args), "X");
        Assert.Equal(Array.ConvertAll(args, a => $"<{a}>"), result.Output);
    }

    [Fact]
    public void NonZeroExitThrowsWithTheToolsMessageAndTheGivenId()
    {
        var tool = Script("swstfail", "echo 'swstbackup: ERROR: swst0634 cannot' >&2; exit 2");
        var e = Assert.Throws<AcmException>(() => Runner().Run(new NativeCommand(tool, new[] { "/dev/sdb1" }), "BackupFailed"));
        Assert.Equal("BackupFailed", e.ErrorId);
        Assert.Contains("swst0634 cannot", e.Message);
        Assert.Contains("swst0634", e.RecommendedAction);
    }

    [Fact]
    public void SetsEnvironmentForTheChildOnly()
    {
        var tool = Script("env", "echo \"[$SWSTGNODE]\"");
        Environment.SetEnvironmentVariable("SWSTGNODE", null);
        var env = new System.Collections.Generic.Dictionary<string, string> { ["SWSTGNODE"] = "nodeA" };
        var result = Runner().Run(new NativeCommand(tool, Array.Empty<string>(), Product.Acm, env), "X");
        Assert.Equal(new[] { "[nodeA]" }, result.Output);
        Assert.Null(Environment.GetEnvironmentVariable("SWSTGNODE"));
    }

    [Fact]
    public void TimeoutKillsTheChild()
    {
        var tool = Script("hang", "sleep 30");
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<AcmException>(() => Runner().Run(new NativeCommand(tool, Array.Empty<string>()), "X", TimeSpan.FromMilliseconds(300)));
        Assert.Equal("NativeCommandTimeout", e.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, e.Category);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void CancellationKillsTheChild()
    {
        var marker = Path.Combine(_dir, "survived");
        var tool = Script("long", $"sleep 3; touch '{marker}'");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Assert.ThrowsAny<OperationCanceledException>(() => Runner(cts.Token).Run(new NativeCommand(tool, Array.Empty<string>()), "X"));
        Thread.Sleep(3500);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void ResolvesFromPathThenReportsWhereItLooked()
    {
        Script("acmfaketool", "echo found");
        var saved = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", _dir + Path.PathSeparator + saved);
            Assert.Equal(new[] { "found" }, Runner().Run(new NativeCommand("acmfaketool", Array.Empty<string>()), "X").Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", saved);
        }

        var e = Assert.Throws<AcmException>(() => Runner().Run(new NativeCommand("acmnosuchtool", Array.Empty<string>(), Product.Acm), "X"));
        Assert.Equal("NativeCommandNotFound", e.ErrorId);
        Assert.Contains("/opt/FJSVswsts/bin", e.Message);
    }

    [Fact]
    public void ANativeToolCannotWaitForInput()
    {
        var tool = Script("reads", "read answer; echo \"got [$answer]\"");
        var result = Runner().Run(new NativeCommand(tool, Array.Empty<string>()), "X", TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { "got []" }, result.Output);
    }

    [Fact]
    public void CommandLineQuotesOnlyWhatNeedsIt()
    {
        var c = new NativeCommand("mount", new[] { "-o", "rw,noatime", "/dev/sdb1", "/mnt/with blank", "it's" });
        Assert.Equal("mount -o rw,noatime /dev/sdb1 '/mnt/with blank' 'it'\\''s'", c.CommandLine);
    }
}
