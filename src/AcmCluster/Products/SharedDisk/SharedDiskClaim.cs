using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using AcmCluster.Internal;

namespace AcmCluster.Products.SharedDisk;

/// <summary>
/// The stopped-cluster procedure's claim on a userApplication's shared disks: a file
/// <c>claims/&lt;app&gt;.claim</c> in the state directory with the node, pid, procedure id and time.
/// While it exists, no other node may enable the disks (9.1.7.1: never from both nodes), and this node's
/// ACM cmdlets refuse -ComputerName (the manual forbids -h then).
/// </summary>
internal sealed class SharedDiskClaim
{
    public string Node { get; init; } = string.Empty;

    public int ProcessId { get; init; }

    public string ProcedureId { get; init; } = string.Empty;

    public string Time { get; init; } = string.Empty;

    public string Path { get; init; } = string.Empty;

    /// <summary>The name the claim records for this node: the host name.</summary>
    public static string ThisNode => Environment.MachineName;

    public static string Directory(string stateDirectory) => System.IO.Path.Combine(stateDirectory, "claims");

    public static string PathFor(string stateDirectory, string userApplication) => System.IO.Path.Combine(Directory(stateDirectory), InputValidator.Name(userApplication, "UserApplication") + ".claim");

    public bool IsThisNode => string.Equals(Node, ThisNode, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the claim is this node's and its process has ended (a crash): this node may take it over.</summary>
    public bool IsStaleHere
    {
        get
        {
            if (!IsThisNode)
            {
                return false;
            }

            try
            {
                using var process = Process.GetProcessById(ProcessId);
                return process.HasExited;
            }
            catch (ArgumentException)
            {
                return true;
            }
        }
    }

    public static SharedDiskClaim? Read(string path)
    {
        var text = PrivateFile.ReadAllText(path, out var problem);
        if (problem is not null)
        {
            throw problem.ToException("StateDirectoryUntrusted", $"the shared-disk claim {path}");
        }

        if (text is null)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text.Split('\n'))
        {
            var eq = line.IndexOf('=');
            if (eq > 0)
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        return new SharedDiskClaim
        {
            Node = values.GetValueOrDefault("node", "(unknown)"),
            ProcessId = int.TryParse(values.GetValueOrDefault("pid"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : 0,
            ProcedureId = values.GetValueOrDefault("procedure", string.Empty),
            Time = values.GetValueOrDefault("time", string.Empty),
            Path = path,
        };
    }

    /// <summary>Every claim held by this node (any userApplication).</summary>
    public static IReadOnlyList<SharedDiskClaim> HeldHere(string stateDirectory)
    {
        var dir = Directory(stateDirectory);
        if (!System.IO.Directory.Exists(dir))
        {
            return Array.Empty<SharedDiskClaim>();
        }

        return System.IO.Directory.GetFiles(dir, "*.claim").Select(Read).Where(c => c is not null && c.IsThisNode).Cast<SharedDiskClaim>().ToList();
    }

    /// <summary>
    /// The claim that keeps procedure <paramref name="procedureId"/> from enabling the application's shared disks: another
    /// node's, or a running process's of this node; null when there is none, it is this procedure's, or its process here
    /// has ended (a crash: this node takes it over). Only reads.
    /// </summary>
    public static SharedDiskClaim? Blocking(string stateDirectory, string userApplication, string procedureId)
    {
        var existing = Read(PathFor(stateDirectory, userApplication));
        return existing is not null && existing.ProcedureId != procedureId && !existing.IsStaleHere ? existing : null;
    }

    /// <summary>SharedDiskClaimed: the disks of <paramref name="userApplication"/> are this claim's.</summary>
    public AcmException Refusal(string userApplication) => new(
        "SharedDiskClaimed",
        ErrorCategory.ResourceBusy,
        $"The shared disks of '{userApplication}' are claimed by node {Node} (pid {ProcessId}, procedure {ProcedureId}, since {Time}); enabling them here as well would enable them from both nodes (ACM V15.1, 9.1.7.1).",
        Node)
    {
        RecommendedAction = $"Wait for the procedure on {Node} to finish. If it is certainly over and the disks are released on every node, delete {Path}.",
    };

    /// <summary>Takes the claim, or refuses with SharedDiskClaimed naming the node that holds it.</summary>
    public static SharedDiskClaim Take(string stateDirectory, string userApplication, string procedureId)
    {
        PrivateFile.EnsureDirectory(Directory(stateDirectory), "StateDirectoryUntrusted", $"the claims directory {Directory(stateDirectory)}");
        var path = PathFor(stateDirectory, userApplication);
        if (Blocking(stateDirectory, userApplication, procedureId) is { } existing)
        {
            throw existing.Refusal(userApplication);
        }

        var claim = new SharedDiskClaim
        {
            Node = ThisNode,
            ProcessId = Environment.ProcessId,
            ProcedureId = procedureId,
            Time = DateTime.Now.ToString("o", CultureInfo.InvariantCulture),
            Path = path,
        };
        var text = new StringBuilder()
            .Append("node=").Append(claim.Node).Append('\n')
            .Append("pid=").Append(claim.ProcessId.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("procedure=").Append(procedureId).Append('\n')
            .Append("time=").Append(claim.Time).Append('\n')
            .Append("userApplication=").Append(userApplication).Append('\n');
        PrivateFile.WriteAtomically(path, Encoding.UTF8.GetBytes(text.ToString()), flushToDisk: false);
        return claim;
    }

    /// <summary>Drops the claim if it is this procedure's; true when a file was removed.</summary>
    public static bool Release(string stateDirectory, string userApplication, string procedureId)
    {
        var path = PathFor(stateDirectory, userApplication);
        var existing = Read(path);
        if (existing is null || existing.ProcedureId != procedureId)
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
