using System;
using System.Collections.Generic;
using System.Globalization;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Admin;

internal sealed class AdminArgs
{
    private readonly Dictionary<string, List<string>> _values = new();
    private readonly HashSet<string> _flags = new();

    public AdminArgs(string[] args, params string[] flagNames)
    {
        var flags = new HashSet<string>(flagNames);
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(a);
            }
            else if (flags.Contains(a))
            {
                _flags.Add(a);
            }
            else if (i + 1 < args.Length)
            {
                if (!_values.TryGetValue(a, out List<string>? list))
                {
                    _values[a] = list = new List<string>();
                }
                list.Add(args[++i]);
            }
            else
            {
                throw new SimException($"sim: option {a} needs a value", 2);
            }
        }
    }

    public List<string> Positional { get; } = new();

    public IEnumerable<string> Keys => _values.Keys;

    public bool Flag(string name) => _flags.Contains(name);

    public string? Get(string name) => _values.TryGetValue(name, out List<string>? l) ? l[^1] : null;

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out List<string>? l) ? l : Array.Empty<string>();

    public double Double(string name, double fallback)
    {
        string? v = Get(name);
        if (v is null)
        {
            return fallback;
        }
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= 0
            ? d
            : throw new SimException($"sim: {name} expects a non-negative number, got '{v}'", 2);
    }

    public int Int(string name, int fallback)
    {
        string? v = Get(name);
        if (v is null)
        {
            return fallback;
        }
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0
            ? n
            : throw new SimException($"sim: {name} expects a non-negative integer, got '{v}'", 2);
    }

    public void OnlyKnown(params string[] known)
    {
        foreach (string k in _values.Keys)
        {
            if (Array.IndexOf(known, k) < 0)
            {
                throw new SimException($"sim: unknown option {k}", 2);
            }
        }
    }

    public string StateDir()
    {
        // "sim fault --stuck R --state Offline" reuses --state for an RMS state name.
        string? dir = null;
        foreach (string v in All("--state"))
        {
            if (!Cluster.Rms.IsKnownState(v) && !Cluster.Vcs.IsResourceState(v))
            {
                dir = v;
            }
        }
        dir ??= Environment.GetEnvironmentVariable("ACMSIM_STATE");
        return string.IsNullOrEmpty(dir)
            ? throw new SimException("sim: no state directory (use --state DIR or set ACMSIM_STATE)", 2)
            : dir;
    }
}
