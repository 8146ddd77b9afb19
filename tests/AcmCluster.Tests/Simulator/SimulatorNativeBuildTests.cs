using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace AcmCluster.Tests.Simulator;

// sim setup run through the dll hands the shims to native/AcmCluster.Simulator (build.ps1's Native AOT build) only
// when build.ps1 stamped it with the SHA-256 of that very dll: a native build of older sources must never answer
// for the dll's. The native program here is a stand-in script that runs the dll, so the test does not depend on
// whether this machine could compile the real one; it leaves a mark so the test sees which program answered.
[UnsupportedOSPlatform("windows")]
public sealed class SimulatorNativeBuildTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "acmsim-native-" + Guid.NewGuid().ToString("N")[..12]);

    public SimulatorNativeBuildTests()
    {
        // A copy of the built simulator (dll, runtimeconfig, deps), without any native build of its own.
        string bin = Path.GetDirectoryName(SimulatorFixture.SimulatorDll)!;
        Directory.CreateDirectory(Path.Combine(_dir, "sim", "native"));
        foreach (string file in Directory.GetFiles(bin, "AcmCluster.Simulator.*"))
        {
            File.Copy(file, Path.Combine(_dir, "sim", Path.GetFileName(file)));
        }
        File.WriteAllText(Native, $"#!/bin/sh\necho native >> '{Mark}'\nexec '{SimulatorFixture.DotnetHost}' '{Dll}' \"$@\"\n");
        File.SetUnixFileMode(Native, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string Dll => Path.Combine(_dir, "sim", "AcmCluster.Simulator.dll");

    private string Native => Path.Combine(_dir, "sim", "native", "AcmCluster.Simulator");

    private string Stamp => Path.Combine(_dir, "sim", "native", "AcmCluster.Simulator.dll.sha256");

    private string Mark => Path.Combine(_dir, "mark");

    [Fact]
    public void Setup_ShimsRunTheNativeBuild_WhenItIsStampedWithThisDll()
    {
        File.WriteAllText(Stamp, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Dll))) + "\n");
        JsonObject summary = Setup();
        Assert.Equal(new[] { Native }, Program(summary));
        Assert.Contains($"exec '{Native}' hvdisp", File.ReadAllText(Path.Combine(_dir, "state", "bin", "hvdisp")), StringComparison.Ordinal);
        ProcResult r = Shim("hvdisp", "-a");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Fsystem_tran1", r.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Mark), "the shim did not run the native build");
    }

    [Theory]
    [InlineData("stale")]
    [InlineData("unstamped")]
    [InlineData("not executable")]
    public void Setup_ShimsRunTheDll_WhenTheNativeBuildIsNotOfThisDll(string why)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Dll)));
        switch (why)
        {
            case "stale":
                // The native build of other sources: a `dotnet build` after build.ps1 changed the dll.
                File.WriteAllText(Stamp, new string('0', 64) + "\n");
                break;
            case "unstamped":
                break;
            default:
                File.WriteAllText(Stamp, hash + "\n");
                File.SetUnixFileMode(Native, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                break;
        }
        JsonObject summary = Setup();
        string[] program = Program(summary);
        Assert.Equal(2, program.Length);
        Assert.Equal(Dll, program[1]);
        Assert.Equal(0, Shim("hvdisp", "-a").ExitCode);
        Assert.False(File.Exists(Mark), "the shim ran a native build that is not of this dll");
    }

    private static string[] Program(JsonObject summary) => summary["Program"]!.AsArray().Select(w => (string)w!).ToArray();

    private JsonObject Setup()
    {
        ProcResult r = Run(SimulatorFixture.DotnetHost, Dll, "sim", "setup", "--state", Path.Combine(_dir, "state"), "--volumes", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonNode.Parse(r.Stdout)!.AsObject();
    }

    private ProcResult Shim(string tool, params string[] args) => Run(Path.Combine(_dir, "state", "bin", tool), args);

    private static ProcResult Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("ACMSIM_STATE");
        var sw = Stopwatch.StartNew();
        using Process p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return new ProcResult(p.ExitCode, stdout, stderr, sw.Elapsed);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Temporary; nothing holds it after the calls above, but a leftover is harmless.
        }
    }
}
