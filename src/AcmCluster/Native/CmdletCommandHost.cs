using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;

namespace AcmCluster.Native;

/// <summary>
/// Resolves and invokes commands through the calling cmdlet's session state, so a user's wrapper
/// function or a Pester mock of 'hvutil' is what runs.
/// </summary>
internal sealed class CmdletCommandHost : INativeCommandHost
{
    // $LASTEXITCODE is reset so a function that never sets it reads as success, like a mock that returns text.
    // '&' takes a script block as well as a name: a Generic cluster's script runs the same way.
    internal const string InvokeScript = @"
param($__acmName, [string[]]$__acmArgs)
# A caller's -ErrorAction Stop must not turn the tool's stderr into an exception: it is output to capture.
$ErrorActionPreference = 'Continue'
$global:LASTEXITCODE = 0
$__acmItems = [System.Collections.Generic.List[object]]::new()
$__acmFailed = $false
try {
    & $__acmName @__acmArgs 2>&1 | ForEach-Object { $__acmItems.Add($_) }
} catch {
    $__acmItems.Add($_)
    $__acmFailed = $true
}
$__acmCode = $global:LASTEXITCODE
if ($null -eq $__acmCode) { $__acmCode = 0 }
if ($__acmFailed -and $__acmCode -eq 0) { $__acmCode = 1 }
@{ Items = $__acmItems.ToArray(); ExitCode = [int]$__acmCode }
";

    // PowerShell reads the auto-loading preference from the global scope only.
    private const string AutoLoading = "global:PSModuleAutoLoadingPreference";

    // The process environment is one for every runspace: SWSTGNODE set for one session command is seen by
    // any code running in the process meanwhile. This lock keeps two AcmCluster calls from seeing (or
    // restoring) each other's values; code of other runspaces can still read it while the call runs.
    // A native binary never has this problem: its environment is its own (ProcessStartInfo.Environment).
    private static readonly object EnvironmentGate = new();

    private readonly PSCmdlet _cmdlet;
    private ScriptBlock? _invoker;

    public CmdletCommandHost(PSCmdlet cmdlet, CancellationToken cancellation)
    {
        _cmdlet = cmdlet;
        Cancellation = cancellation;
    }

    public CancellationToken Cancellation { get; }

    /// <summary>Where the session defines <paramref name="name"/>; always null with $env:ACMCLUSTER_NATIVE_ONLY=1.</summary>
    public string? FindSessionCommand(string name)
    {
        if (CommandResolver.NativeOnly)
        {
            return null;
        }

        // Module auto-loading is off for the lookup: a module on PSModulePath that exports 'hvdisp' must not
        // be imported (and then run as root) because the name was looked up. Functions and aliases of the
        // caller's scopes (a wrapper, a Pester mock) and cmdlets of loaded modules are still found. The
        // preference is the runspace's own, and nothing else runs in this runspace meanwhile.
        var variables = _cmdlet.SessionState.PSVariable;
        var saved = variables.Get(AutoLoading);
        var savedValue = saved?.Value;
        variables.Set(AutoLoading, "None");
        try
        {
            var info = _cmdlet.SessionState.InvokeCommand.GetCommand(
                name, CommandTypes.Alias | CommandTypes.Function | CommandTypes.Filter | CommandTypes.Cmdlet);
            return info?.CommandType.ToString();
        }
        finally
        {
            if (saved is null)
            {
                variables.Remove(AutoLoading);
            }
            else
            {
                variables.Set(AutoLoading, savedValue);
            }
        }
    }

    public SessionCommandOutput InvokeSessionCommand(NativeCommand command)
    {
        _invoker ??= _cmdlet.InvokeCommand.NewScriptBlock(InvokeScript);
        var environment = command.Environment;
        var arguments = command.Arguments;
        var saved = new Dictionary<string, string?>();
        var gated = environment.Count > 0;
        if (gated)
        {
            Monitor.Enter(EnvironmentGate);
        }

        foreach (var pair in environment)
        {
            saved[pair.Key] = Environment.GetEnvironmentVariable(pair.Key);
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }

        try
        {
            var args = new string[arguments.Count];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = arguments[i];
            }

            return Collect(_cmdlet.InvokeCommand.InvokeScript(true, _invoker, null, (object?)command.Script ?? command.Name, args), command.Script is not null);
        }
        catch (ExitException e)
        {
            // 'exit' in a script leaves the wrapper before it can answer: the exit code is all there is.
            var code = LanguagePrimitives.TryConvertTo<int>(e.Argument, out var c) ? c : 0;
            return new SessionCommandOutput(Array.Empty<string>(), code == 0 ? Array.Empty<string>() : new[] { $"The script called exit {code}." }, code);
        }
        finally
        {
            // SWSTGNODE and the like belong to the child only, never to the user's session.
            foreach (var pair in saved)
            {
                Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }

            if (gated)
            {
                Monitor.Exit(EnvironmentGate);
            }
        }
    }

    public void WriteVerbose(string text) => _cmdlet.WriteVerbose(text);

    /// <summary>
    /// Splits what <see cref="InvokeScript"/> returned into text lines, error lines, the objects themselves and
    /// the exit code. A user's script (<paramref name="isScript"/>) that writes an error of its own (Write-Error,
    /// not a native tool's stderr) has failed even when no exit code says so: a refused freeze must not read as done.
    /// </summary>
    internal static SessionCommandOutput Collect(IList<PSObject> results, bool isScript)
    {
        if (results.Count == 0 || results[results.Count - 1].BaseObject is not Hashtable reply)
        {
            return new SessionCommandOutput(Array.Empty<string>(), new[] { "The script ended (exit) before its result could be read." }, 1);
        }

        var exitCode = reply["ExitCode"] is PSObject p ? (int)p.BaseObject : (int)reply["ExitCode"]!;
        var output = new List<string>();
        var errors = new List<string>();
        var objects = new List<object>();
        var scriptError = false;
        foreach (var item in (IEnumerable)reply["Items"]!)
        {
            var value = item is PSObject ps ? ps.BaseObject : item;
            switch (value)
            {
                case ErrorRecord record:
                    errors.Add(record.ToString());
                    scriptError |= record.Exception is not RemoteException;
                    break;
                case null:
                    break;
                default:
                    objects.Add(item!);
                    output.AddRange(NativeCommandRunner.SplitLines(value.ToString() ?? string.Empty));
                    break;
            }
        }

        return new SessionCommandOutput(output, errors, isScript && scriptError && exitCode == 0 ? 1 : exitCode, objects);
    }
}
