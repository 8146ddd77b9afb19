using System;
using System.Collections.Generic;
using System.Text;
using AcmCluster.HelpCompiler.Model;

namespace AcmCluster.HelpCompiler.Reader;

/// <summary>
/// Parses a PowerShell syntax line such as
/// <c>Get-X [-Name] &lt;String[]&gt; [[-Id] &lt;Int32&gt;] -Path &lt;String&gt; [-Force] [-Mode {A | B}] [&lt;CommonParameters&gt;]</c>.
/// </summary>
internal static class SyntaxLineParser
{
    private abstract record Node;

    private sealed record NameNode(string Name) : Node;

    private sealed record TypeNode(string Type) : Node;

    private sealed record GroupNode(List<Node> Children) : Node;

    public static void Parse(SyntaxItem item, string commandName, ICollection<string> warnings)
    {
        var text = item.Text.Trim();
        if (text.StartsWith(commandName, StringComparison.OrdinalIgnoreCase))
        {
            text = text[commandName.Length..];
        }
        else
        {
            warnings.Add($"syntax line does not start with '{commandName}': {item.Text}");
            var space = text.IndexOf(' ');
            text = space < 0 ? string.Empty : text[space..];
        }

        var pos = 0;
        var nodes = ParseSequence(text, ref pos, '\0');
        var positional = 0;

        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var next = i + 1 < nodes.Count ? nodes[i + 1] : null;
            switch (node)
            {
                case NameNode name when next is TypeNode t:
                    // -Name <T>
                    Add(item, name.Name, t.Type, required: true, positional: false, ref positional);
                    i++;
                    break;
                case NameNode name:
                    // -Switch
                    Add(item, name.Name, null, required: true, positional: false, ref positional);
                    break;
                case GroupNode g when g.Children.Count == 1 && g.Children[0] is NameNode n && next is TypeNode t:
                    // [-Name] <T>
                    Add(item, n.Name, t.Type, required: true, positional: true, ref positional);
                    i++;
                    break;
                case GroupNode g when g.Children.Count == 1 && g.Children[0] is NameNode n:
                    // [-Switch]
                    Add(item, n.Name, null, required: false, positional: false, ref positional);
                    break;
                case GroupNode g when g.Children.Count == 2 && g.Children[0] is NameNode n && g.Children[1] is TypeNode t:
                    // [-Name <T>]
                    Add(item, n.Name, t.Type, required: false, positional: false, ref positional);
                    break;
                case GroupNode g when g.Children.Count == 2 && g.Children[0] is GroupNode inner &&
                                      inner.Children.Count == 1 && inner.Children[0] is NameNode n && g.Children[1] is TypeNode t:
                    // [[-Name] <T>]
                    Add(item, n.Name, t.Type, required: false, positional: true, ref positional);
                    break;
                case GroupNode g when g.Children.Count == 1 && g.Children[0] is TypeNode t && IsCommon(t.Type):
                    item.HasCommonParameters = true;
                    break;
                case TypeNode t when IsCommon(t.Type):
                    item.HasCommonParameters = true;
                    break;
                default:
                    warnings.Add($"cannot understand part of syntax line: {item.Text}");
                    break;
            }
        }
    }

    private static bool IsCommon(string type) =>
        type.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase) ||
        type.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase);

    private static void Add(SyntaxItem item, string name, string? type, bool required, bool positional, ref int position)
    {
        item.Parameters.Add(new SyntaxParameter(name)
        {
            TypeName = type,
            IsRequired = required,
            IsPositional = positional,
            Position = positional ? position++ : null,
        });
    }

    private static List<Node> ParseSequence(string s, ref int pos, char terminator)
    {
        var nodes = new List<Node>();
        while (pos < s.Length)
        {
            var c = s[pos];
            if (char.IsWhiteSpace(c))
            {
                pos++;
            }
            else if (c == terminator)
            {
                pos++;
                return nodes;
            }
            else if (c == '[')
            {
                pos++;
                nodes.Add(new GroupNode(ParseSequence(s, ref pos, ']')));
            }
            else if (c == '<')
            {
                nodes.Add(new TypeNode(ReadBalanced(s, ref pos, '<', '>')));
            }
            else if (c == '{')
            {
                nodes.Add(new TypeNode(ReadBalanced(s, ref pos, '{', '}')));
            }
            else
            {
                var start = pos;
                while (pos < s.Length && !char.IsWhiteSpace(s[pos]) && s[pos] != ']' && s[pos] != '[' && s[pos] != '<')
                {
                    pos++;
                }

                var word = s[start..pos];
                if (word.StartsWith('-') && word.Length > 1)
                {
                    nodes.Add(new NameNode(word[1..]));
                }
                else if (word.Length > 0)
                {
                    nodes.Add(new TypeNode(word));
                }
                else
                {
                    pos++; // stray ']' with no matching '['
                }
            }
        }

        return nodes;
    }

    /// <summary>Reads &lt;...&gt; or {...} with nesting; returns the inner text ("String[]", "A | B").</summary>
    private static string ReadBalanced(string s, ref int pos, char open, char close)
    {
        var depth = 0;
        var sb = new StringBuilder();
        for (; pos < s.Length; pos++)
        {
            var c = s[pos];
            if (c == open)
            {
                depth++;
                if (depth == 1)
                {
                    continue;
                }
            }
            else if (c == close)
            {
                depth--;
                if (depth == 0)
                {
                    pos++;
                    break;
                }
            }

            sb.Append(c);
        }

        var inner = sb.ToString().Trim();
        return open == '{' ? "{" + inner + "}" : inner;
    }
}
