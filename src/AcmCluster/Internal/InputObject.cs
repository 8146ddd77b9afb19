using System;
using System.Collections;
using System.Management.Automation;

namespace AcmCluster.Internal;

/// <summary>
/// Reads a named value from what users pass as a volume or disk: a typed object, a PSObject
/// (Import-Csv rows), or a hashtable, with names matched case-insensitively as PowerShell does.
/// </summary>
internal static class InputObject
{
    public static string? Property(object value, string name) => Value(value, name)?.ToString();

    /// <summary>The value itself (a bool stays a bool), unwrapped from its PSObject.</summary>
    public static object? Value(object value, string name)
    {
        var item = value is PSObject ps ? ps.BaseObject : value;
        object? found = null;
        if (item is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (string.Equals(entry.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
                {
                    found = entry.Value;
                    break;
                }
            }
        }
        else
        {
            found = PSObject.AsPSObject(value).Properties[name]?.Value;
        }

        return found is PSObject wrapped ? wrapped.BaseObject : found;
    }
}
