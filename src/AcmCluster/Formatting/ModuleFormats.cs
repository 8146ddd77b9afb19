using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Xml;

namespace AcmCluster.Formatting;

/// <summary>
/// Loads AcmCluster.Format.ps1xml for the module and drops it when the module is removed.
/// The manifest does not list the file in FormatsToProcess because PowerShell's XML view loader runs cold
/// in a new pwsh (the PowerShell tool package ships without precompiled code); the same views handed over
/// as objects take the path pwsh's built-in views take at start-up. A file the reader cannot read exactly
/// goes to PowerShell's own loader, as before.
/// </summary>
/// <remarks>
/// Making views visible means rebuilding the runspace's whole formatting database, and the first rebuild
/// in a process runs cold code: it was most of what Import-Module cost. So import only checks that the
/// file is there; reading it and the rebuild wait for the first AcmCluster command in that runspace
/// (<see cref="Activate"/>), before it writes anything. Sessions that import without running a command
/// (tab completion, Get-Help, Get-Command) never pay for it.
/// </remarks>
public sealed class ModuleFormats : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string FileName = "AcmCluster.Format.ps1xml";

    private static readonly ConditionalWeakTable<InitialSessionState, List<SessionStateFormatEntry>> Added = new();

    /// <summary>Runspaces that imported the module but whose formatting database does not have its views yet, with the file to load.</summary>
    private static readonly ConditionalWeakTable<Runspace, string> Pending = new();

    internal static string FilePath => Path.Combine(Path.GetDirectoryName(typeof(ModuleFormats).Assembly.Location)!, FileName);

    /// <summary>Import-Module runs this on the pipeline thread of the runspace that imports the module.</summary>
    public void OnImport()
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace?.InitialSessionState is null || runspace.InitialSessionState.DisableFormatUpdates)
        {
            return;
        }

        // A missing file fails the import, as it would in FormatsToProcess.
        var path = FilePath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Could not find file '{path}'.", path);
        }

        Pending.AddOrUpdate(runspace, path);
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null)
        {
            return;
        }

        Pending.Remove(runspace);
        if (runspace.InitialSessionState is { } session && Remove(session))
        {
            UpdateFormatData(appendPath: null);
        }
    }

    /// <summary>
    /// Loads the views once per runspace, if this runspace's import left them pending. A failure costs
    /// the views, not the command: it comes back as a message for a warning.
    /// </summary>
    internal static string? Activate()
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace?.InitialSessionState is not { } session || !Pending.TryGetValue(runspace, out var path))
        {
            return null;
        }

        Pending.Remove(runspace);
        try
        {
            Load(session, path);
            return null;
        }
        catch (Exception e) when (e is RuntimeException or IOException or UnauthorizedAccessException)
        {
            return $"The AcmCluster table views could not be loaded; output uses PowerShell's default formatting. {e.Message}";
        }
    }

    private static void Load(InitialSessionState session, string path)
    {
        Remove(session);
        IReadOnlyList<ExtendedTypeDefinition> views;
        try
        {
            views = FormatFileReader.Read(path);
        }
        catch (Exception e) when (e is NotSupportedException or XmlException)
        {
            UpdateFormatData(path);
            Added.AddOrUpdate(session, session.Formats.Where(f => f.FileName == path).ToList());
            return;
        }

        var entries = views.Select(view => new SessionStateFormatEntry(view)).ToList();
        foreach (var entry in entries)
        {
            session.Formats.Add(entry);
        }

        Added.AddOrUpdate(session, entries);
        UpdateFormatData(appendPath: null);
    }

    /// <summary>Takes out the views an earlier load added, so that Import-Module -Force does not list them twice.</summary>
    private static bool Remove(InitialSessionState session)
    {
        if (!Added.TryGetValue(session, out var entries))
        {
            return false;
        }

        for (var i = session.Formats.Count - 1; i >= 0; i--)
        {
            if (entries.Contains(session.Formats[i]))
            {
                session.Formats.RemoveItem(i);
            }
        }

        Added.Remove(session);
        return true;
    }

    /// <summary>
    /// Rebuilds the session's views from its InitialSessionState, inside the running command (a script
    /// block, not a nested pipeline, which would cost more cold code). The cmdlet is run by its type so that
    /// loading views does not first import Microsoft.PowerShell.Utility.
    /// </summary>
    private static void UpdateFormatData(string? appendPath)
    {
        var type = Type.GetType("Microsoft.PowerShell.Commands.UpdateFormatDataCommand, Microsoft.PowerShell.Commands.Utility", throwOnError: false);
        object command = type is null ? "Microsoft.PowerShell.Utility\\Update-FormatData" : new CmdletInfo("Update-FormatData", type);
        var script = ScriptBlock.Create(appendPath is null ? "& $args[0] -ErrorAction Stop" : "& $args[0] -AppendPath $args[1] -ErrorAction Stop");
        script.Invoke(command, appendPath);
    }
}
