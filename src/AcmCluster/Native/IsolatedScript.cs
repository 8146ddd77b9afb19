using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;

namespace AcmCluster.Native;

/// <summary>
/// Runs a Generic cluster's script block where the caller's session cannot: during the undo after Ctrl+C,
/// when the stopping pipeline refuses every script. The script runs from its text in a runspace of its own,
/// so it sees none of the session's variables or functions — help says so.
/// </summary>
internal static class IsolatedScript
{
    public static SessionCommandOutput Invoke(ScriptBlock script, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        using var shell = PowerShell.Create();
        using var stop = cancellation.Register(() => shell.Stop());
        var args = new string[arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = arguments[i];
        }

        // Recreated from its text: the block itself belongs to the session that made it.
        shell.AddScript(CmdletCommandHost.InvokeScript).AddArgument(ScriptBlock.Create(script.ToString())).AddArgument(args);
        var results = shell.Invoke();
        cancellation.ThrowIfCancellationRequested();
        return CmdletCommandHost.Collect(results, isScript: true);
    }
}
