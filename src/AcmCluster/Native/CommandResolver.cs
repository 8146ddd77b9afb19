using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace AcmCluster.Native;

/// <summary>Finds a native command: the session first, then PATH, then the product's default directory.</summary>
internal static class CommandResolver
{
    public static ResolvedCommand Resolve(INativeCommandHost host, NativeCommand command)
    {
        if (command.Script is not null)
        {
            return new ResolvedCommand(command.Name, "ScriptBlock", IsSessionCommand: true);
        }

        var session = host.FindSessionCommand(command.Name);
        if (session is not null)
        {
            return new ResolvedCommand(command.Name, session, IsSessionCommand: true);
        }

        var searched = new List<string>();
        var pathDirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var dir in pathDirs.Concat(ProductDirectories.For(command.Product)))
        {
            searched.Add(dir);
            foreach (var candidate in Candidates(dir, command.Name))
            {
                if (IsExecutableFile(candidate))
                {
                    return new ResolvedCommand(command.Name, candidate, IsSessionCommand: false);
                }
            }
        }

        var defaults = string.Join(", ", ProductDirectories.For(command.Product));
        throw new Internal.AcmException(
            "NativeCommandNotFound",
            System.Management.Automation.ErrorCategory.ObjectNotFound,
            $"The command '{command.Name}' was not found as a PowerShell command, on PATH, or in the default directory ({(defaults.Length == 0 ? "none" : defaults)}).",
            command.Name)
        {
            RecommendedAction = $"Install the product that provides '{command.Name}', or add its directory to PATH.",
        };
    }

    private static IEnumerable<string> Candidates(string dir, string name)
    {
        if (OperatingSystem.IsWindows())
        {
            yield return Path.Combine(dir, name + ".exe");
            yield return Path.Combine(dir, name + ".cmd");
        }

        yield return Path.Combine(dir, name);
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            if (OperatingSystem.IsWindows())
            {
                return true;
            }

            var mode = File.GetUnixFileMode(path);
            return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

internal sealed record ResolvedCommand(string Name, string Source, bool IsSessionCommand);
