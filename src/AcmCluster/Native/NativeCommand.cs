using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AcmCluster.Native;

/// <summary>
/// A native command to run: a name, an argument list that is never joined into a shell string,
/// and environment variables for the child only.
/// </summary>
public sealed class NativeCommand
{
    public NativeCommand(string name, IEnumerable<string> arguments, Product product = Product.System, IReadOnlyDictionary<string, string>? environment = null)
    {
        Name = name;
        Arguments = arguments.ToArray();
        Product = product;
        Environment = environment ?? new Dictionary<string, string>();
    }

    public string Name { get; }

    public IReadOnlyList<string> Arguments { get; }

    public Product Product { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The command as an operator would type it, environment prefix included.</summary>
    public string CommandLine => Format(Name, Arguments, Environment);

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
