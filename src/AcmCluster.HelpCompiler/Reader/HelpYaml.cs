using System;
using System.Collections.Generic;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace AcmCluster.HelpCompiler.Reader;

/// <summary>Thrown when a page's front matter or a parameter's metadata block is not YAML.</summary>
internal sealed class HelpYamlException : Exception
{
    public HelpYamlException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>
/// The YAML of platyPS pages, read with YamlDotNet into the shapes the reader needs: a top-level key maps
/// to a string, a list of strings (v2 lists such as <c>Aliases: []</c>) or a list of string maps
/// (v2 <c>ParameterSets:</c>). Keys keep their order; an empty value is an empty string.
/// </summary>
internal static class HelpYaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static List<KeyValuePair<string, object>> Read(string yaml)
    {
        Dictionary<object, object?>? map;
        try
        {
            map = Deserializer.Deserialize<Dictionary<object, object?>?>(yaml);
        }
        catch (YamlException ex)
        {
            throw new HelpYamlException($"not valid YAML ({ex.Message})", ex);
        }

        return (map ?? new Dictionary<object, object?>())
            .Select(kv => new KeyValuePair<string, object>(Scalar(kv.Key), Shape(kv.Value)))
            .ToList();
    }

    public static Dictionary<string, string> ReadFrontMatter(string yaml)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Read(yaml))
        {
            values[key] = value as string ?? string.Empty;
        }

        return values;
    }

    private static object Shape(object? value) => value switch
    {
        List<object?> list when list.Any(i => i is Dictionary<object, object?>) => list
            .OfType<Dictionary<object, object?>>()
            .Select(m => m.ToDictionary(kv => Scalar(kv.Key), kv => Scalar(kv.Value), StringComparer.OrdinalIgnoreCase))
            .ToList(),
        List<object?> list => list.Select(Scalar).ToList(),
        _ => Scalar(value),
    };

    private static string Scalar(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        List<object?> list => string.Join(", ", list.Select(Scalar)),
        _ => value.ToString() ?? string.Empty,
    };
}
