using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AcmCluster.Simulator.Cluster;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

// util-linux 'findmnt -J' and coreutils 'stat' over the simulated mount table and devices: what AcmCluster reads
// to know which device (by major:minor) is mounted where, and whether a mount path is a directory only root owns.
internal static class MountInfo
{
    public static int RunFindmnt(ToolContext ctx)
    {
        if (!ctx.Args.Contains("-J"))
        {
            return ctx.Fail("findmnt: the simulator prints only -J -l output", 1);
        }
        string json = ctx.Store.Locked(s =>
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteStartArray("filesystems");
                for (int i = 0; i < s.Mounts.Count; i++)
                {
                    MountEntry m = s.Mounts[i];
                    w.WriteStartObject();
                    w.WriteString("target", m.MountPoint);
                    w.WriteString("source", m.Device);
                    w.WriteString("maj:min", DeviceNumber(s, m.Device) ?? $"0:{60 + i}");
                    w.WriteString("fstype", m.FsType);
                    w.WriteString("options", m.Options);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }, save: false);
        ctx.Out.WriteLine(json);
        return 0;
    }

    // stat [-L] -c FORMAT [--] PATH...: simulated devices are block devices, simulated mount points (and the
    // directories above them) root's 0755 directories, 'sim path' entries what they were declared; anything
    // else is the real file system's answer.
    public static int RunStat(ToolContext ctx)
    {
        string format = "%n";
        bool follow = false;
        var paths = new List<string>();
        string[] a = ctx.Args;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] == "-c" && i + 1 < a.Length)
            {
                format = a[++i];
            }
            else if (a[i] == "-L")
            {
                follow = true;
            }
            else if (a[i] != "--")
            {
                paths.Add(a[i]);
            }
        }
        int code = 0;
        foreach (string path in paths)
        {
            (int Mode, int Owner, string? Number)? found = ctx.Store.Locked(s => Lookup(ctx.Store, s, path, follow), save: false);
            if (found is { } f)
            {
                ctx.Out.WriteLine(Format(format, path, f.Mode, f.Owner, f.Number));
                continue;
            }
            (int rc, string output, string error) = RealStat(follow, format, path);
            ctx.Out.Write(output);
            ctx.Err.Write(error);
            code = Math.Max(code, rc);
        }
        return code;
    }

    // Devices: sdb<i> as 8:(16+i), shared disks as 253:<j>; null for anything else (a FUSE source, tmpfs).
    public static string? DeviceNumber(SimState s, string device)
    {
        int i = s.Devices.FindIndex(d => d.Name == device);
        if (i >= 0)
        {
            return $"8:{16 + i}";
        }
        int j = s.Disks.FindIndex(d => d.Device == device);
        return j >= 0 ? $"253:{j}" : null;
    }

    private static (int Mode, int Owner, string? Number)? Lookup(StateStore store, SimState s, string path, bool follow)
    {
        for (int hops = 0; hops < 8; hops++)
        {
            SimPath? declared = ReadPaths(store).LastOrDefault(p => p.Path == path);
            if (declared is { Target: { } target } && follow)
            {
                path = target;
                continue;
            }
            if (declared is not null)
            {
                return (declared.Mode, declared.Owner, null);
            }
            if (DeviceNumber(s, path) is { } number)
            {
                return (0x61b0, 0, number);
            }
            bool simulated = MountPoints(store, s).Any(mp => mp == path || mp.StartsWith(path == "/" ? "/" : path + "/", StringComparison.Ordinal));
            return simulated && !Directory.Exists(path) && !File.Exists(path) ? (0x41ed, 0, null) : null;
        }
        return null;
    }

    private static IEnumerable<string> MountPoints(StateStore store, SimState s) =>
        s.Devices.Select(d => d.MountPoint).Concat(s.Disks.Select(d => d.MountPoint)).Concat(s.Mounts.Select(m => m.MountPoint))
            .Concat(s.Resources.Select(r => r.MountPoint))
            .OfType<string>()
            .Where(mp => mp.StartsWith('/'));

    private static string Format(string format, string path, int mode, int owner, string? number)
    {
        string[] majmin = (number ?? "0:0").Split(':');
        var sb = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }
            char c = format[++i];
            sb.Append(c switch
            {
                'n' => path,
                'f' => mode.ToString("x", CultureInfo.InvariantCulture),
                'u' => owner.ToString(CultureInfo.InvariantCulture),
                't' => int.Parse(majmin[0], CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture),
                'T' => int.Parse(majmin[1], CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture),
                '%' => "%",
                _ => "?",
            });
        }
        return sb.ToString();
    }

    private static (int, string, string) RealStat(bool follow, string format, string path)
    {
        var psi = new ProcessStartInfo("/usr/bin/stat") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (follow)
        {
            psi.ArgumentList.Add("-L");
        }
        foreach (string arg in new[] { "-c", format, "--", path })
        {
            psi.ArgumentList.Add(arg);
        }
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, error);
    }

    // 'sim path' declarations, one a line: PATH<TAB>MODE-HEX<TAB>UID[<TAB>LINK-TARGET].
    internal sealed record SimPath(string Path, int Mode, int Owner, string? Target);

    internal static string PathsFile(StateStore store) => System.IO.Path.Combine(store.Dir, "paths.tsv");

    internal static List<SimPath> ReadPaths(StateStore store)
    {
        string file = PathsFile(store);
        if (!File.Exists(file))
        {
            return new List<SimPath>();
        }
        return File.ReadAllLines(file)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 3)
            .Select(f => new SimPath(f[0], int.Parse(f[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), f.Length > 3 ? f[3] : null))
            .ToList();
    }
}
