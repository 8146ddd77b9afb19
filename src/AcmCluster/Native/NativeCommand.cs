using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace AcmCluster.Native;

/// <summary>
/// A native command to run: a name, an argument list that is never joined into a shell string,
/// and environment variables for the child only. A Generic cluster's step is a user's script block
/// instead of an executable; it goes through the same runner so that plans, journals and errors show it alike.
/// </summary>
internal sealed class NativeCommand
{
    public NativeCommand(string name, IEnumerable<string> arguments, Product? product = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        Name = name;
        Arguments = arguments.ToArray();
        Product = product ?? Product.System;
        Environment = environment ?? new Dictionary<string, string>();
    }

    /// <summary>A user's script block (a Generic cluster's GetStateScript, ...) that runs instead of an executable.</summary>
    public static NativeCommand ForScript(string name, ScriptBlock script, IEnumerable<string> arguments)
        => new(name, arguments) { Script = script };

    public string Name { get; }

    public ScriptBlock? Script { get; private init; }

    public IReadOnlyList<string> Arguments { get; }

    public Product Product { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The command as an operator would type it, environment prefix included.</summary>
    public string CommandLine => Script is null ? Format(Name, Arguments, Environment) : FormatScript(Script, Arguments);

    public override string ToString() => CommandLine;

    internal static string Format(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var sb = new StringBuilder();
        foreach (var pair in environment.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(pair.Key).Append('=').Append(Quote(pair.Value)).Append(' ');
        }

        sb.Append(Quote(name));
        foreach (var argument in arguments)
        {
            sb.Append(' ').Append(Quote(argument));
        }

        return sb.ToString();
    }

    /// <summary>What runs, on one line: '&amp; { text } arguments', as a PowerShell user would type it.</summary>
    internal static string FormatScript(ScriptBlock script, IEnumerable<string> arguments)
    {
        var sb = new StringBuilder("& { ");
        sb.Append(OneLine(script.ToString()));
        sb.Append(" }");
        foreach (var argument in arguments)
        {
            // PowerShell quoting: a quote inside single quotes is doubled.
            sb.Append(' ').Append(Quote(argument) == argument ? argument : "'" + argument.Replace("'", "''", StringComparison.Ordinal) + "'");
        }

        return sb.ToString();
    }

    // Lines become statements ('; '), except where the line break only continues one (after '{', '|', ...).
    internal static string OneLine(string text)
    {
        var sb = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            // A comment would swallow the rest of the one line.
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (sb.Length > 0)
            {
                var previous = sb[^1];
                var continues = "{(|,`;".Contains(previous) || line[0] is '}' or ')' or '|';
                if (previous == '`')
                {
                    sb.Length--;
                }

                sb.Append(continues ? " " : "; ");
            }

            sb.Append(line);
        }

        return sb.ToString();
    }

    /// <summary>POSIX single-quoting, only where needed, so a copied line runs as shown.</summary>
    internal static string Quote(string value)
    {
        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c)))
        {
            return value;
        }

        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
