using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AcmCluster.Internal;

namespace AcmCluster.Native;

/// <summary>
/// The module's only way to run a native command. Everything else builds a <see cref="NativeCommand"/>
/// and hands it here, so resolution, capture, timeouts and Ctrl+C behave the same everywhere.
/// </summary>
internal sealed class NativeCommandRunner
{
    private readonly INativeCommandHost _host;

    public NativeCommandRunner(INativeCommandHost host) => _host = host;

    public INativeCommandHost Host => _host;

    /// <summary>
    /// Runs the command. A non-zero exit becomes an <see cref="AcmException"/> with <paramref name="failureErrorId"/>
    /// unless <paramref name="allowFailure"/>; then the caller reads the exit code itself.
    /// </summary>
    public NativeCommandResult Run(NativeCommand command, string failureErrorId, TimeSpan? timeout = null, bool allowFailure = false)
    {
        var resolved = CommandResolver.Resolve(_host, command);
        _host.WriteVerbose($"Running: {command.CommandLine}" + (resolved.IsSessionCommand ? $" ({resolved.Source})" : string.Empty));
        var result = resolved.IsSessionCommand ? RunSessionCommand(command, resolved) : RunProcess(command, resolved, timeout);
        return Finish(command, result, failureErrorId, timeout, allowFailure);
    }

    /// <summary>Where the command would run from (a session command or a file); NativeCommandNotFound when nowhere.</summary>
    public string Locate(NativeCommand command)
    {
        var resolved = CommandResolver.Resolve(_host, command);
        return resolved.IsSessionCommand ? $"session command ({resolved.Source})" : resolved.Source;
    }

    /// <summary>
    /// Starts a query now and returns what collects its result, so that independent queries overlap. An
    /// executable runs on a worker thread meanwhile; a PowerShell command (a wrapper, a test's mock) can run
    /// only on the pipeline thread, so it runs when the result is collected. Call both on the pipeline thread.
    /// While the collector waits for an executable, it calls <paramref name="waiting"/> about once a second (a wait's progress bar).
    /// </summary>
    public Func<NativeCommandResult> Begin(NativeCommand command, string failureErrorId, bool allowFailure = false, Action? waiting = null)
    {
        var resolved = CommandResolver.Resolve(_host, command);
        if (resolved.IsSessionCommand)
        {
            return () => Run(command, failureErrorId, allowFailure: allowFailure);
        }

        _host.WriteVerbose($"Running: {command.CommandLine}");
        // Its own thread, not a pool thread, which the process's I/O completions need (see ProcedureEngine).
        var running = Task.Factory.StartNew(() => RunProcess(command, resolved, null), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return () =>
        {
            while (waiting is not null && !((IAsyncResult)running).AsyncWaitHandle.WaitOne(WaitLoop.Tick))
            {
                waiting();
            }

            return Finish(command, running.GetAwaiter().GetResult(), failureErrorId, null, allowFailure);
        };
    }

    private NativeCommandResult Finish(NativeCommand command, NativeCommandResult result, string failureErrorId, TimeSpan? timeout, bool allowFailure)
    {
        _host.WriteVerbose($"Exit code {result.ExitCode} after {result.DurationSeconds:0.###} s: {command.CommandLine}");
        if (result.TimedOut)
        {
            throw new AcmException(
                "NativeCommandTimeout",
                ErrorCategory.OperationTimeout,
                $"'{command.CommandLine}' did not finish within {timeout!.Value.TotalSeconds:0.###} s and was stopped.",
                result);
        }

        if (!result.Succeeded && !allowFailure)
        {
            throw Failure(failureErrorId, result);
        }

        return result;
    }

    /// <summary>The error for a failed native command: its own message first, because that is what operators look up.</summary>
    public static AcmException Failure(string errorId, NativeCommandResult result, ErrorCategory category = ErrorCategory.InvalidOperation)
    {
        var message = result.Message;
        var text = $"'{result.CommandLine}' failed with exit code {result.ExitCode}" + (message.Length > 0 ? $": {message}" : ".");
        var acmId = System.Text.RegularExpressions.Regex.Match(message, @"\bswst[0-9]{4}\b");
        return new AcmException(errorId, category, text, result)
        {
            RecommendedAction = acmId.Success ? $"Look up {acmId.Value} in the ETERNUS SF AdvancedCopy Manager Messages guide." : null,
        };
    }

    private NativeCommandResult RunSessionCommand(NativeCommand command, ResolvedCommand resolved)
    {
        var start = DateTime.Now;
        var watch = Stopwatch.StartNew();
        var output = _host.InvokeSessionCommand(command);
        return new NativeCommandResult
        {
            Command = command.Name,
            Source = resolved.Source,
            Arguments = ToArray(command.Arguments),
            CommandLine = command.CommandLine,
            ExitCode = output.ExitCode,
            Output = ToArray(output.Output),
            ErrorOutput = ToArray(output.ErrorOutput),
            Objects = output.Objects ?? Array.Empty<object>(),
            StartTime = start,
            DurationSeconds = watch.Elapsed.TotalSeconds,
        };
    }

    private NativeCommandResult RunProcess(NativeCommand command, ResolvedCommand resolved, TimeSpan? timeout)
    {
        var psi = new ProcessStartInfo(resolved.Source)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // An interactive prompt in a native tool must never block a cron job or an Ansible task.
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in command.Arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var pair in command.Environment)
        {
            psi.Environment[pair.Key] = pair.Value;
        }

        var start = DateTime.Now;
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var timeoutSource = timeout is { } t && t > TimeSpan.Zero ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, _host.Cancellation);
        var timedOut = false;
        try
        {
            process.WaitForExitAsync(linked.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (_host.Cancellation.IsCancellationRequested)
            {
                throw;
            }

            timedOut = true;
        }

        // Grandchildren may keep the pipes open after a kill; never wait on them forever.
        Task.WaitAll(new Task[] { stdout, stderr }, TimeSpan.FromSeconds(5));
        return new NativeCommandResult
        {
            Command = command.Name,
            Source = resolved.Source,
            Arguments = ToArray(command.Arguments),
            CommandLine = command.CommandLine,
            ExitCode = timedOut ? -1 : process.ExitCode,
            Output = SplitLines(stdout.IsCompletedSuccessfully ? stdout.Result : string.Empty),
            ErrorOutput = SplitLines(stderr.IsCompletedSuccessfully ? stderr.Result : string.Empty),
            StartTime = start,
            DurationSeconds = watch.Elapsed.TotalSeconds,
            TimedOut = timedOut,
        };
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It exited between the cancel and the kill.
        }
    }

    internal static string[] SplitLines(string text)
    {
        if (text.Length == 0)
        {
            return Array.Empty<string>();
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static string[] ToArray(IReadOnlyList<string> list)
    {
        var array = new string[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            array[i] = list[i];
        }

        return array;
    }
}
