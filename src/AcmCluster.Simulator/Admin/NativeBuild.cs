using System;
using System.IO;
using System.Security.Cryptography;

namespace AcmCluster.Simulator.Admin;

// The simulator compiled ahead of time: build.ps1 publishes it with Native AOT to native/ beside the dll when
// the machine has a C compiler and linker. A simulated call then costs a few milliseconds instead of the
// ~100 ms of starting the runtime and JIT-compiling System.Text.Json's generic code, so `sim setup` run
// through the dll points the shims at it. Only the native build of the same sources will do (a `dotnet build`
// alone leaves an older one behind): build.ps1 writes beside it the SHA-256 of the dll built in the same run.
internal static class NativeBuild
{
    public const string Folder = "native";

    public const string Program = "AcmCluster.Simulator";

    // What build.ps1 writes: the lower-case hex SHA-256 of the dll that the native build was made with.
    public const string Stamp = "AcmCluster.Simulator.dll.sha256";

    // The native build beside this dll when it was made with this very dll, else null.
    public static string? Find(string dll)
    {
        string dir = Path.Combine(Path.GetDirectoryName(dll)!, Folder);
        string program = Path.Combine(dir, Program);
        string stamp = Path.Combine(dir, Stamp);
        if (!File.Exists(program) || !File.Exists(stamp) || !File.Exists(dll)
            || (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(program) & UnixFileMode.UserExecute) == 0))
        {
            return null;
        }
        string built = File.ReadAllText(stamp).Trim();
        string mine = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dll)));
        return string.Equals(built, mine, StringComparison.Ordinal) ? program : null;
    }
}
