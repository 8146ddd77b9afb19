using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using AcmCluster.Internal;
using AcmCluster.Native;

namespace AcmCluster.Commands;

/// <summary>
/// Shared plumbing: the native-command runner bound to this cmdlet, Ctrl+C, interruptible sleeps,
/// ShouldProcess that names the native command line, and AcmException → ErrorRecord.
/// </summary>
public abstract class AcmCmdlet : PSCmdlet, IDisposable
{
    // Public only because PowerShell needs the cmdlets' base classes public; nothing outside the module derives from it.
    private protected AcmCmdlet() { }

    private readonly CancellationTokenSource _stopping = new();
    private NativeCommandRunner? _runner;

    private protected NativeCommandRunner Runner => _runner ??= new NativeCommandRunner(new CmdletCommandHost(this, _stopping.Token));

    internal CancellationToken StopToken => _stopping.Token;

    protected sealed override void BeginProcessing() => Guard(() =>
    {
        RefuseUnanswerablePrompt();
        Begin();
    });

    protected sealed override void ProcessRecord() => Guard(Process);

    protected sealed override void EndProcessing() => Guard(End);

    protected override void StopProcessing() => _stopping.Cancel();

    protected virtual void Begin()
    {
    }

    protected virtual void Process()
    {
    }

    protected virtual void End()
    {
    }

    /// <summary>
    /// A confirmation prompt nobody can answer (cron, Ansible, pwsh -NonInteractive, redirected input) would
    /// block or fail half-way; refuse at once, before any native command, and say how to proceed.
    /// </summary>
    private void RefuseUnanswerablePrompt()
    {
        var attribute = (CmdletAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute));
        if (attribute is null || !attribute.SupportsShouldProcess || !WouldPrompt(attribute.ConfirmImpact) || CanPrompt())
        {
            return;
        }

        var name = MyInvocation.MyCommand.Name;
        throw new AcmException(
            "ConfirmationRequired",
            ErrorCategory.InvalidOperation,
            $"{name} asks for confirmation ({attribute.ConfirmImpact} impact), but this session cannot answer a prompt.",
            name)
        {
            RecommendedAction = "Pass -Confirm:$false to run it, or -WhatIf to see what it would do.",
        };
    }

    /// <summary>-WhatIf given, or $WhatIfPreference set.</summary>
    protected bool IsWhatIf()
    {
        if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && value is SwitchParameter s)
        {
            return s.IsPresent;
        }

        return SessionState.PSVariable.GetValue("WhatIfPreference") is SwitchParameter { IsPresent: true } or true;
    }

    private bool WouldPrompt(ConfirmImpact impact)
    {
        if (IsWhatIf())
        {
            return false;
        }

        if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && confirm is SwitchParameter c)
        {
            return c.IsPresent;
        }

        var preference = SessionState.PSVariable.GetValue("ConfirmPreference") is ConfirmImpact p ? p : ConfirmImpact.High;
        return preference != ConfirmImpact.None && impact >= preference;
    }

    protected bool CanPrompt()
    {
        if (Host?.UI is null || Console.IsInputRedirected || !Environment.UserInteractive)
        {
            return false;
        }

        return !Environment.GetCommandLineArgs().Any(a => a.Length > 4 && "-noninteractive".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal));
    }

    /// <summary>ShouldProcess whose -WhatIf line is the exact native command that would run.</summary>
    private protected bool ShouldRun(NativeCommand command, string action)
    {
        var line = command.CommandLine;
        return ShouldProcess($"{action}: {line}", $"{action}? This runs: {line}", "Confirm");
    }

    /// <summary>Sleeps, but returns at once when the user presses Ctrl+C.</summary>
    protected void Sleep(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (_stopping.Token.WaitHandle.WaitOne(duration))
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>A progress bar written with this cmdlet's Write-Progress (nothing after Ctrl+C, when the pipeline refuses it); complete it in a finally.</summary>
    private protected ProgressBar NewProgressBar(int id, string activity) => new(id, activity, report =>
    {
        if (!_stopping.IsCancellationRequested)
        {
            WriteProgress(report.ToRecord());
        }
    });

    protected void ThrowIfStopping()
    {
        if (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (AcmException e)
        {
            ThrowTerminatingError(e.ToErrorRecord());
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
