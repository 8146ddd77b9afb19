using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace AcmCluster.Simulator.State;

// All mutation happens inside Locked(): the lock file is opened with
// FileShare.None, which .NET maps to flock(), so parallel simulator processes
// serialize on it. Callers must never sleep inside the callback.
internal sealed class StateStore
{
    public StateStore(string dir)
    {
        Dir = Path.GetFullPath(dir);
    }

    public string Dir { get; }
    public string StatePath => Path.Combine(Dir, "state.json");
    public string LockPath => Path.Combine(Dir, "state.lock");
    public string LogPath => Path.Combine(Dir, "calls.log");
    public string BinDir => Path.Combine(Dir, "bin");
    public string EtcDir => Path.Combine(Dir, "etc");
    public string DevicesDir => Path.Combine(Dir, "devices");

    public bool Exists => File.Exists(StatePath);

    public T Locked<T>(Func<SimState, T> body, bool save) => Locked(body, _ => save);

    public T Locked<T>(Func<SimState, T> body, Func<SimState, bool> saveIf)
    {
        using FileStream lockFile = AcquireLock();
        SimState state = Load();
        T result = body(state);
        if (saveIf(state))
        {
            Save(state);
        }
        return result;
    }

    public void Create(SimState state)
    {
        Directory.CreateDirectory(Dir);
        using FileStream lockFile = AcquireLock();
        Save(state);
    }

    private FileStream AcquireLock()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        int delay = 1;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 20);
            }
        }
    }

    private SimState Load()
    {
        if (!File.Exists(StatePath))
        {
            throw new SimException($"simulator state not found: {StatePath} (run 'sim setup --state DIR' first)", 125);
        }
        byte[] bytes = File.ReadAllBytes(StatePath);
        if (bytes.Length == 0)
        {
            throw new SimException($"simulator state is empty: {StatePath}", 125);
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, SimJsonContext.Default.SimState)
                ?? throw new SimException($"simulator state is null: {StatePath}", 125);
        }
        catch (JsonException e)
        {
            throw new SimException($"simulator state is not readable: {StatePath}: {e.Message}", 125);
        }
    }

    private void Save(SimState state)
    {
        string tmp = StatePath + ".tmp";
        File.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(state, SimJsonContext.Default.SimState));
        File.Move(tmp, StatePath, overwrite: true);
    }

    // LogCall and LogScript must be called while holding the lock so that seq order equals file order.
    public void LogCall(SimState state, string command, IReadOnlyList<string> args, string? swstgnode, string node)
    {
        var entry = new CallLogEntry
        {
            Seq = ++state.CallSeq,
            Time = Clock.Iso(Clock.Now()),
            Command = command,
            Args = args,
            Swstgnode = swstgnode,
            Node = node,
            Pid = Environment.ProcessId,
        };
        AppendLog(JsonSerializer.SerializeToUtf8Bytes(entry, CallLogJsonContext.Default.CallLogEntry));
    }

    public void LogScript(SimState state, string name, string device, string? logicalNode)
    {
        var entry = new ScriptLogEntry
        {
            Seq = ++state.CallSeq,
            Time = Clock.Iso(Clock.Now()),
            Name = name,
            Device = device,
            Path = string.IsNullOrEmpty(logicalNode)
                ? $"/etc/opt/FJSVswsts/sh/{name}"
                : $"/etc/opt/FJSVswsts/{logicalNode}/sh/{name}",
            Swstgnode = logicalNode,
            Pid = Environment.ProcessId,
        };
        AppendLog(JsonSerializer.SerializeToUtf8Bytes(entry, CallLogJsonContext.Default.ScriptLogEntry));
    }

    // One write per line, so that the lines of parallel calls never interleave.
    private void AppendLog(byte[] json)
    {
        byte[] line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        using var log = new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        log.Write(line);
    }

    public string ReadLogText() => File.Exists(LogPath) ? File.ReadAllText(LogPath, Encoding.UTF8) : "";
}

internal sealed class SimException : Exception
{
    public SimException(string message, int exitCode = 1) : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
