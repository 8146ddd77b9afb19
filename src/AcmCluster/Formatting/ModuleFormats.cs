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
/// Loads AcmCluster.Format.ps1xml when the module is imported and drops it when the module is removed.
/// The manifest does not list the file in FormatsToProcess because PowerShell's XML view loader runs cold
/// in a new pwsh (the PowerShell tool package ships without precompiled code) and was a large part of
/// Import-Module's own work; the same views handed over as objects take the path pwsh's built-in views
/// take at start-up. A file the reader cannot read exactly goes to PowerShell's own loader, as before.
/// </summary>
public sealed class ModuleFormats : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string FileName = "AcmCluster.Format.ps1xml";

    private static readonly ConditionalWeakTable<InitialSessionState, List<SessionStateFormatEntry>> Added = new();

    internal static string FilePath => Path.Combine(Path.GetDirectoryName(typeof(ModuleFormats).Assembly.Location)!, FileName);

    /// <summary>Import-Module runs this on the pipeline thread of the runspace that imports the module.</summary>
    public void OnImport() => Register(FilePath);

    public void OnRemove(PSModuleInfo psModuleInfo) => Unregister();

    private static void Register(string path)
    {
        var session = Runspace.DefaultRunspace?.InitialSessionState;
        if (session is null || session.DisableFormatUpdates)
        {
            return;
        }

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

    private static void Unregister()
    {
        var session = Runspace.DefaultRunspace?.InitialSessionState;
        if (session is not null && Remove(session))
        {
            UpdateFormatData(appendPath: null);
        }
    }

    /// <summary>Takes out the views an earlier import added, so that Import-Module -Force does not list them twice.</summary>
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
    /// Rebuilds the session's views from its InitialSessionState, inside the running Import-Module (a
    /// script block, not a nested pipeline, which would cost more cold code). The cmdlet is run by its type
    /// so that loading views does not first import Microsoft.PowerShell.Utility.
    /// </summary>
    private static void UpdateFormatData(string? appendPath)
    {
        var type = Type.GetType("Microsoft.PowerShell.Commands.UpdateFormatDataCommand, Microsoft.PowerShell.Commands.Utility", throwOnError: false);
        object command = type is null ? "Microsoft.PowerShell.Utility\\Update-FormatData" : new CmdletInfo("Update-FormatData", type);
        var script = ScriptBlock.Create(appendPath is null ? "& $args[0] -ErrorAction Stop" : "& $args[0] -AppendPath $args[1] -ErrorAction Stop");
        script.Invoke(command, appendPath);
    }
}
