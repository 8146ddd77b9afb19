using System.Collections.Generic;

namespace AcmCluster.Products.Acm;

/// <summary>
/// ACM's words as results show them: its placeholders ('----' for "none", '?????' for "cannot tell")
/// become null, and its lower-case status words the PascalCase every other AcmCluster status uses
/// (the raw word stays in RawStatus). A word not listed here is kept as ACM printed it.
/// </summary>
internal static class AcmWords
{
    private static readonly Dictionary<string, string> Statuses = new()
    {
        ["succeeded"] = "Succeeded",
        ["executing"] = "Executing",
        ["equivalent"] = "Equivalent",
        ["suspend"] = "Suspend",
        ["failed"] = "Failed",
        ["nosession"] = "NoSession",
        ["halt"] = "Halt",
    };

    public static bool IsPlaceholder(string? value) => value is null || value == "----" || value == "?????";

    /// <summary>The value, or null for a placeholder.</summary>
    public static string? Value(string? value) => IsPlaceholder(value) ? null : value;

    /// <summary>The status word in PascalCase, or null for a placeholder.</summary>
    public static string? Status(string? raw) => IsPlaceholder(raw) ? null : Statuses.GetValueOrDefault(raw!, raw!);
}
