using System;
using System.Collections.Generic;

namespace AcmCluster.Native;

/// <summary>
/// Which product a native command belongs to; its default directories are searched last. The products every
/// cluster shares are here; each cluster product declares its own in its folder (Products/&lt;Product&gt;/).
/// </summary>
internal sealed class Product
{
    private readonly string[] _directories;
    private readonly string[] _windowsDirectories;

    public Product(string name, string[] directories, string[]? windowsDirectories = null)
    {
        Name = name;
        _directories = directories;
        _windowsDirectories = windowsDirectories ?? Array.Empty<string>();
    }

    public static Product System { get; } = new("the operating system", new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" });

    public static Product Acm { get; } = new("AdvancedCopy Manager", new[] { "/opt/FJSVswsts/bin" }, new[] { @"C:\Win32app\AdvancedCopyManager\bin" });

    /// <summary>PRIMECLUSTER Global Disk Services (sdxvolume, sdxinfo): a volume manager, whatever the cluster product.</summary>
    public static Product PrimeclusterGds { get; } = new("PRIMECLUSTER GDS", new[] { "/usr/sbin" });

    public static Product VxVm { get; } = new("Veritas Volume Manager", new[] { "/usr/sbin" });

    public string Name { get; }

    /// <summary>Where the product installs its commands on this operating system, searched after PATH.</summary>
    public IReadOnlyList<string> Directories => OperatingSystem.IsWindows() ? _windowsDirectories : _directories;

    /// <summary>The command by its absolute path on a Unix node (another node over ssh, whose non-interactive PATH is minimal).</summary>
    public string AbsolutePath(string command) => _directories[0] + "/" + command;

    public override string ToString() => Name;
}
