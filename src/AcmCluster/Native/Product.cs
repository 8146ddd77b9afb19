using System;
using System.Collections.Generic;

namespace AcmCluster.Native;

/// <summary>Which product a native command belongs to; it decides the default directory searched last.</summary>
internal enum Product
{
    System,
    Acm,
    PrimeclusterRms,
    PrimeclusterGds,
    Vcs,
    VxVm,
}

internal static class ProductDirectories
{
    public static IReadOnlyList<string> For(Product product)
    {
        if (OperatingSystem.IsWindows())
        {
            return product == Product.Acm ? new[] { @"C:\Win32app\AdvancedCopyManager\bin" } : Array.Empty<string>();
        }

        return product switch
        {
            Product.Acm => new[] { "/opt/FJSVswsts/bin" },
            Product.PrimeclusterRms => new[] { "/opt/SMAW/SMAWRrms/bin", "/opt/SMAW/bin" },
            Product.PrimeclusterGds => new[] { "/usr/sbin" },
            Product.Vcs => new[] { "/opt/VRTSvcs/bin" },
            Product.VxVm => new[] { "/usr/sbin" },
            _ => new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" },
        };
    }
}
