using System;
using System.Collections.Generic;
using System.IO;
using AcmCluster.Simulator.State;

namespace AcmCluster.Simulator.Tools;

internal sealed class ToolContext
{
    public ToolContext(string tool, string[] args, StateStore store)
    {
        Tool = tool;
        Args = args;
        Store = store;
        string? node = Environment.GetEnvironmentVariable("SWSTGNODE");
        SwstgNode = string.IsNullOrEmpty(node) ? null : node;
    }

    public string Tool { get; }
    public string[] Args { get; }
    public StateStore Store { get; }
    public string? SwstgNode { get; }
    public TextWriter Out => Console.Out;
    public TextWriter Err => Console.Error;

    public int Fail(string message, int code = 1)
    {
        Err.WriteLine(message);
        return code;
    }
}

internal static class ToolTable
{
    public static readonly Dictionary<string, Func<ToolContext, int>> Tools = new()
    {
        ["hvdisp"] = RmsHvdisp.Run,
        ["hvutil"] = RmsHvutil.Run,
        ["hvassert"] = RmsHvassert.Run,
        ["hvswitch"] = RmsHvswitch.Run,
        ["swstbackup"] = AcmBackup.Run,
        ["swstrestore"] = AcmRestore.Run,
        ["swststartsync"] = AcmSync.StartSync,
        ["swstsyncstat"] = AcmSync.SyncStat,
        ["swstcancelsync"] = AcmSync.CancelSync,
        ["swsthistdisp"] = AcmDisplay.HistDisp,
        ["swstdevdisp"] = AcmDisplay.DevDisp,
        ["mount"] = Mount.RunMount,
        ["umount"] = Mount.RunUmount,
        ["fuser"] = Fuser.Run,
    };

    public static readonly string[] MountTools = { "mount", "umount", "fuser" };

    public static IEnumerable<string> Names => Tools.Keys;
}
