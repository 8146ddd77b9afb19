using System.Collections.Generic;

namespace AcmCluster.HelpCompiler.Model;

/// <summary>One syntax line (one parameter set) from the SYNTAX section.</summary>
internal sealed class SyntaxItem
{
    public SyntaxItem(string? parameterSetName, bool isDefault, string text)
    {
        ParameterSetName = parameterSetName;
        IsDefault = isDefault;
        Text = text;
    }

    /// <summary>Set name from the <c>### Name (Default)</c> heading; null when SYNTAX has no subsections.</summary>
    public string? ParameterSetName { get; }

    public bool IsDefault { get; }

    /// <summary>The syntax line as written (continuation lines joined with a space).</summary>
    public string Text { get; }

    public List<SyntaxParameter> Parameters { get; } = new();

    /// <summary>True when the line ends with <c>[&lt;CommonParameters&gt;]</c>.</summary>
    public bool HasCommonParameters { get; set; }
}

/// <summary>What the syntax line itself says about one parameter.</summary>
internal sealed class SyntaxParameter
{
    public SyntaxParameter(string name) => Name = name;

    public string Name { get; }

    /// <summary>Value type inside &lt;...&gt; (or a {A | B} value list); null for a switch.</summary>
    public string? TypeName { get; set; }

    public bool IsSwitch => TypeName is null;

    /// <summary>False when the whole parameter is wrapped in [...].</summary>
    public bool IsRequired { get; set; }

    /// <summary>True for <c>[-Name] &lt;T&gt;</c>: the name itself is optional.</summary>
    public bool IsPositional { get; set; }

    /// <summary>Zero-based position among the positional parameters of the line, or null.</summary>
    public int? Position { get; set; }
}
