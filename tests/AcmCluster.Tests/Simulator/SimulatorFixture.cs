using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace AcmCluster.Tests.Simulator;

public sealed record ProcResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

// Runs the built simulator as a real process against a fresh temp state dir.
// The test project does not reference the simulator assembly, so the dll is
// located relative to the repository root (found by walking up to the .sln).
public sealed class SimulatorFixture : IDisposable
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    public SimulatorFixture(params string[] setupArgs)
    {
        StateDir = Path.Combine(Path.GetTempPath(), "acmsim-test-" + Guid.NewGuid().ToString("N")[..12]);
        ProcResult r = Sim(new[] { "setup", "--state", StateDir }.Concat(setupArgs).ToArray());
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"sim setup failed ({r.ExitCode}): {r.Stderr}");
        }
        Summary = JsonNode.Parse(r.Stdout)!.AsObject();
    }

    public string StateDir { get; }
    public JsonObject Summary { get; }
    public string BinDir => Path.Combine(StateDir, "bin");

    public static string RepoRoot => RepoRootLazy.Value;

    public static string SimulatorDll
    {
        get
        {
#if DEBUG
            string[] configs = { "Debug", "Release" };
#else
            string[] configs = { "Release", "Debug" };
#endif
            // bin/<config>/<tfm>/: the simulator's tfm follows the SDK (see its csproj); the newest build wins.
            foreach (string c in configs)
            {
                var dir = new DirectoryInfo(Path.Combine(RepoRoot, "src", "AcmCluster.Simulator", "bin", c));
                FileInfo? newest = null;
                foreach (DirectoryInfo tfm in dir.Exists ? dir.GetDirectories("net*") : Array.Empty<DirectoryInfo>())
                {
                    var f = new FileInfo(Path.Combine(tfm.FullName, "AcmCluster.Simulator.dll"));
                    if (f.Exists && (newest is null || f.LastWriteTimeUtc > newest.LastWriteTimeUtc))
                    {
                        newest = f;
                    }
                }
                if (newest is not null)
                {
                    return newest.FullName;
                }
            }
            throw new FileNotFoundException("AcmCluster.Simulator.dll not built; run dotnet build AcmCluster.sln");
        }
    }

    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";

    public string DataPath(string device) => Sim("datapath", device).Stdout.Trim();

    public ProcResult Sim(params string[] args) => Exec(DotnetHost, new[] { SimulatorDll, "sim" }.Concat(args), null, includeStateEnv: true);

    // An impersonated tool, run directly through the dll (no SWSTGNODE).
    public ProcResult Tool(string tool, params string[] args) => ToolAs(null, tool, args);

    public ProcResult Acm(string tool, params string[] args) => ToolAs("nodeA", tool, args);

    public ProcResult ToolAs(string? swstgnode, string tool, params string[] args)
    {
        var env = new Dictionary<string, string?> { ["SWSTGNODE"] = swstgnode };
        return Exec(Program[0], Program.Skip(1).Append(tool).Concat(args), env, includeStateEnv: true);
    }

    // An impersonated tool acting as another cluster node (ACMSIM_NODE).
    public ProcResult ToolOn(string node, string tool, params string[] args)
    {
        var env = new Dictionary<string, string?> { ["SWSTGNODE"] = null, ["ACMSIM_NODE"] = node };
        return Exec(Program[0], Program.Skip(1).Append(tool).Concat(args), env, includeStateEnv: true);
    }

    // What the shims run, as sim setup reports it: the simulator's native build when build.ps1 made one of these
    // sources (a few ms a call), else the dll through dotnet.
    private string[] Program => Summary["Program"]!.AsArray().Select(w => (string)w!).ToArray();

    // Through the generated /bin/sh shim, with nothing simulator-related in the environment.
    public ProcResult Shim(string tool, params string[] args) =>
        Exec(Path.Combine(BinDir, tool), args, new Dictionary<string, string?> { ["SWSTGNODE"] = null }, includeStateEnv: false);

    public JsonObject State() => JsonNode.Parse(Sim("state").Stdout)!.AsObject();

    public List<JsonObject> Log() =>
        File.ReadAllLines(Path.Combine(StateDir, "calls.log")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    private ProcResult Exec(string file, IEnumerable<string> args, Dictionary<string, string?>? env, bool includeStateEnv)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("SWSTGNODE");
        psi.Environment.Remove("ACMSIM_NODE");
        if (includeStateEnv)
        {
            psi.Environment["ACMSIM_STATE"] = StateDir;
        }
        else
        {
            psi.Environment.Remove("ACMSIM_STATE");
        }
        foreach (KeyValuePair<string, string?> kv in env ?? new Dictionary<string, string?>())
        {
            if (kv.Value is null)
            {
                psi.Environment.Remove(kv.Key);
            }
            else
            {
                psi.Environment[kv.Key] = kv.Value;
            }
        }
        var sw = Stopwatch.StartNew();
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(" ", args)} did not finish");
        }
        p.WaitForExit();
        return new ProcResult(p.ExitCode, stdout.Result, stderr.Result, sw.Elapsed);
    }

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "AcmCluster.sln")))
            {
                return d.FullName;
            }
        }
        throw new DirectoryNotFoundException("AcmCluster.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(StateDir))
            {
                Directory.Delete(StateDir, recursive: true);
            }
        }
        catch (IOException)
        {
            // A hung fault process may still hold a file; the temp dir is disposable.
        }
    }
}

// Column parsing by header position, the way the module is told to parse.
public static class TableParser
{
    public static List<Dictionary<string, string>> Parse(string headerLine, IEnumerable<string> lines, params string[] headers)
    {
        int[] starts = headers.Select(h => headerLine.IndexOf(h, StringComparison.Ordinal)).ToArray();
        if (starts.Any(s => s < 0))
        {
            throw new FormatException("header not found in: " + headerLine);
        }
        var rows = new List<Dictionary<string, string>>();
        foreach (string line in lines)
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }
            var row = new Dictionary<string, string>();
            for (int i = 0; i < headers.Length; i++)
            {
                int start = starts[i];
                int end = i + 1 < headers.Length ? starts[i + 1] : int.MaxValue;
                row[headers[i]] = start >= line.Length ? "" : line[start..Math.Min(end, line.Length)].Trim();
            }
            rows.Add(row);
        }
        return rows;
    }

    public static string[] Lines(string text) => text.Replace("\r\n", "\n").Split('\n');
}
