using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
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
        return StateCodec.Read(bytes);
    }

    private void Save(SimState state)
    {
        string tmp = StatePath + ".tmp";
        File.WriteAllBytes(tmp, StateCodec.Write(state));
        File.Move(tmp, StatePath, overwrite: true);
    }

    // Must be called while holding the lock so that seq order equals file order.
    public void AppendLog(SimState state, Action<IJsonSink> fields)
    {
        state.CallSeq++;
        long seq = state.CallSeq;
        string time = Clock.Iso(Clock.Now());
        byte[] line = FastJsonWriter.Render(false, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("seq", seq);
            w.WriteString("time", time);
            fields(w);
            w.WriteNumber("pid", Environment.ProcessId);
            w.WriteEndObject();
        });
        byte[] bytes = new byte[line.Length + 1];
        line.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        using var log = new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        log.Write(bytes);
    }

    public void LogCall(SimState state, string command, IReadOnlyList<string> args, string? swstgnode, string node)
    {
        AppendLog(state, w =>
        {
            w.WriteString("kind", "call");
            w.WriteString("command", command);
            w.WriteStartArray("args");
            foreach (string a in args)
            {
                w.WriteStringValue(a);
            }
            w.WriteEndArray();
            if (swstgnode is null)
            {
                w.WriteNull("swstgnode");
            }
            else
            {
                w.WriteString("swstgnode", swstgnode);
            }
            w.WriteString("node", node);
        });
    }

    public void LogScript(SimState state, string name, string device, string? logicalNode)
    {
        string path = string.IsNullOrEmpty(logicalNode)
            ? $"/etc/opt/FJSVswsts/sh/{name}"
            : $"/etc/opt/FJSVswsts/{logicalNode}/sh/{name}";
        AppendLog(state, w =>
        {
            w.WriteString("kind", "script");
            w.WriteString("name", name);
            w.WriteString("device", device);
            w.WriteString("path", path);
            if (logicalNode is null)
            {
                w.WriteNull("swstgnode");
            }
            else
            {
                w.WriteString("swstgnode", logicalNode);
            }
        });
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
