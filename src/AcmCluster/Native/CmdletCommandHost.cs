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
    private const string InvokeScript = @"
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

    private readonly PSCmdlet _cmdlet;
    private ScriptBlock? _invoker;

    public CmdletCommandHost(PSCmdlet cmdlet, CancellationToken cancellation)
    {
        _cmdlet = cmdlet;
        Cancellation = cancellation;
    }

    public CancellationToken Cancellation { get; }

    public string? FindSessionCommand(string name)
    {
        var info = _cmdlet.SessionState.InvokeCommand.GetCommand(
            name, CommandTypes.Alias | CommandTypes.Function | CommandTypes.Filter | CommandTypes.Cmdlet);
        return info?.CommandType.ToString();
    }

    public SessionCommandOutput InvokeSessionCommand(string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        _invoker ??= _cmdlet.InvokeCommand.NewScriptBlock(InvokeScript);
        var saved = new Dictionary<string, string?>();
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

            var results = _cmdlet.InvokeCommand.InvokeScript(true, _invoker, null, name, args);
            var reply = (System.Collections.Hashtable)results[results.Count - 1].BaseObject;
            var output = new List<string>();
            var errors = new List<string>();
            foreach (var item in (IEnumerable)reply["Items"]!)
            {
                var value = item is PSObject ps ? ps.BaseObject : item;
                switch (value)
                {
                    case ErrorRecord record:
                        errors.Add(record.ToString());
                        break;
                    case null:
                        break;
                    default:
                        output.AddRange(NativeCommandRunner.SplitLines(value.ToString() ?? string.Empty));
                        break;
                }
            }

            var code = reply["ExitCode"] is PSObject p ? (int)p.BaseObject : (int)reply["ExitCode"]!;
            return new SessionCommandOutput(output, errors, code);
        }
        finally
        {
            // SWSTGNODE and the like belong to the child only, never to the user's session.
            foreach (var pair in saved)
            {
                Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }
        }
    }

    public void WriteVerbose(string text) => _cmdlet.WriteVerbose(text);
}
