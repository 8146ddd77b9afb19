using System;
using System.IO;
using AcmCluster.Simulator.Admin;
using AcmCluster.Simulator.State;
using AcmCluster.Simulator.Tools;

namespace AcmCluster.Simulator;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Out.NewLine = "\n";
        Console.Error.NewLine = "\n";
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: AcmCluster.Simulator <tool> [args...] | sim <verb> [options]");
            Console.Error.WriteLine("tools: " + string.Join(" ", ToolTable.Names));
            return 2;
        }
        string tool = Path.GetFileName(args[0]);
        string[] rest = args[1..];
        try
        {
            if (tool == "sim")
            {
                return AdminVerbs.Run(rest);
            }
            return ToolRunner.Run(tool, rest);
        }
        catch (SimException e)
        {
            (ToolContext.IsVcsMessage(e.Message) ? Console.Out : Console.Error).WriteLine(e.Message);
            return e.ExitCode;
        }
    }
}
