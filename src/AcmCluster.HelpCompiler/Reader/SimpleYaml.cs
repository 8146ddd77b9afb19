using System;
using System.Collections.Generic;

namespace AcmCluster.HelpCompiler.Reader;

/// <summary>
/// The YAML subset platyPS uses in parameter metadata blocks: top-level <c>Key: value</c>
/// pairs (v1), plus block lists of scalars or of small maps and flow lists like <c>[]</c> (v2).
/// </summary>
internal static class SimpleYaml
{
    /// <summary>Top-level keys map to a string, a List&lt;string&gt;, or a List&lt;Dictionary&lt;string,string&gt;&gt;.</summary>
    public static List<KeyValuePair<string, object>> Parse(string text)
    {
        var result = new List<KeyValuePair<string, object>>();
        var lines = MarkdownBlocks.SplitLines(text);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#') || char.IsWhiteSpace(line[0]) || line.StartsWith('-'))
            {
                continue;
            }
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }
            string key = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            if (value.Length > 0)
            {
                result.Add(new(key, ParseFlow(value)));
                continue;
            }

            // Block list: following lines that are indented or start with "- ".
            var scalars = new List<string>();
            var maps = new List<Dictionary<string, string>>();
            Dictionary<string, string>? current = null;
            while (i + 1 < lines.Length && (lines[i + 1].Length == 0 || char.IsWhiteSpace(lines[i + 1][0]) || lines[i + 1].StartsWith('-')))
            {
                string child = lines[++i].Trim();
                if (child.Length == 0)
                {
                    continue;
                }
                if (child.StartsWith('-'))
                {
                    child = child[1..].Trim();
                    int c = child.IndexOf(':');
                    if (c > 0 && !child.StartsWith('"') && !child.StartsWith('\''))
                    {
                        current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        maps.Add(current);
                        current[child[..c].Trim()] = Unquote(child[(c + 1)..].Trim());
                    }
                    else
                    {
                        current = null;
                        scalars.Add(Unquote(child));
                    }
                }
                else if (current is not null)
                {
                    int c = child.IndexOf(':');
                    if (c > 0)
                    {
                        current[child[..c].Trim()] = Unquote(child[(c + 1)..].Trim());
                    }
                }
            }
            result.Add(maps.Count > 0 ? new(key, maps) : new(key, scalars));
        }
        return result;
    }

    private static object ParseFlow(string value)
    {
        if (value.StartsWith('[') && value.EndsWith(']'))
        {
            var list = new List<string>();
            foreach (var part in value[1..^1].Split(','))
            {
                var item = Unquote(part.Trim());
                if (item.Length > 0)
                {
                    list.Add(item);
                }
            }
            return list;
        }
        return Unquote(value);
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && ((value[0] == '\'' && value[^1] == '\'') || (value[0] == '"' && value[^1] == '"')))
        {
            return value[1..^1];
        }
        return value;
    }
}
