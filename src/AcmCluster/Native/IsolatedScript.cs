using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;

namespace AcmCluster.Native;

/// <summary>
/// Runs a Generic cluster's script block where the caller's session cannot: on a worker thread, or while
/// the undo runs after Ctrl+C (a stopping pipeline refuses every script). The script runs from its text in
/// a runspace of its own, so it sees none of the session's variables or functions — help says so.
/// </summary>
internal static class IsolatedScript
{
    public static SessionCommandOutput Invoke(ScriptBlock script, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellation)
    {
        var saved = new Dictionary<string, string?>();
        foreach (var pair in environment)
        {
            saved[pair.Key] = Environment.GetEnvironmentVariable(pair.Key);
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }

        try
        {
            using var shell = PowerShell.Create();
            using var stop = cancellation.Register(() => shell.BeginStop(null, null));
            var args = new string[arguments.Count];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = arguments[i];
            }

            // Recreated from its text: the block itself belongs to the session that made it.
            shell.AddScript(CmdletCommandHost.InvokeScript).AddArgument(ScriptBlock.Create(script.ToString())).AddArgument(args);
            var results = shell.Invoke();
            cancellation.ThrowIfCancellationRequested();
            return CmdletCommandHost.Collect(results);
        }
        finally
        {
            foreach (var pair in saved)
            {
                Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }
        }
    }
}
