using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AcmCluster.Internal;

namespace AcmCluster.Native;

/// <summary>
/// Finds a native command: the session first (unless $env:ACMCLUSTER_NATIVE_ONLY is 1), then the absolute
/// directories on PATH, then the product's default directory. A file found there runs only if root could
/// trust it (<see cref="PathTrust.CheckExecutable"/>), else NativeCommandUntrusted: see SECURITY.md.
/// </summary>
internal static class CommandResolver
{
    /// <summary>Set to 1 on production hosts: no function, alias or cmdlet of the session stands in for a native tool.</summary>
    public const string NativeOnlyVariable = "ACMCLUSTER_NATIVE_ONLY";

    public static bool NativeOnly => Environment.GetEnvironmentVariable(NativeOnlyVariable) == "1";

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

        // A relative entry ('.', 'bin', an empty one) names a different directory in every working directory.
        var pathDirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Path.IsPathFullyQualified);
        foreach (var dir in pathDirs.Concat(command.Product.Directories))
        {
            foreach (var candidate in Candidates(dir, command.Name))
            {
                if (IsExecutableFile(candidate))
                {
                    if (PathTrust.CheckExecutable(candidate, allowCurrentUser: true) is { } problem)
                    {
                        throw problem.ToException("NativeCommandUntrusted", $"'{candidate}' as {command.Name}");
                    }

                    return new ResolvedCommand(command.Name, candidate, IsSessionCommand: false);
                }
            }
        }

        var defaults = string.Join(", ", command.Product.Directories);
        throw new Internal.AcmException(
            "NativeCommandNotFound",
            System.Management.Automation.ErrorCategory.ObjectNotFound,
            $"The command '{command.Name}' was not found as a PowerShell command{(NativeOnly ? $" (not looked for: {NativeOnlyVariable}=1)" : string.Empty)}, in an absolute directory on PATH, or in the default directory ({(defaults.Length == 0 ? "none" : defaults)}).",
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
