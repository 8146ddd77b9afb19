using System.Collections.Generic;

namespace AcmCluster.HelpCompiler.Model;

/// <summary>One cmdlet help page (platyPS schema), independent of the markdown it came from.</summary>
internal sealed class CommandHelp
{
    public CommandHelp(string name) => Name = name;

    /// <summary>Command name from the H1 heading, e.g. <c>Enter-AcmMaintenance</c>.</summary>
    public string Name { get; }

    public string Verb => Name.Contains('-') ? Name[..Name.IndexOf('-')] : Name;

    public string Noun => Name.Contains('-') ? Name[(Name.IndexOf('-') + 1)..] : string.Empty;

    /// <summary>Front-matter keys and values as written (e.g. <c>external help file</c>, <c>Module Name</c>).</summary>
    public Dictionary<string, string> Metadata { get; } = new(System.StringComparer.OrdinalIgnoreCase);

    public string? ModuleName => Metadata.TryGetValue("Module Name", out var v) && v.Length > 0 ? v : null;

    public string? ExternalHelpFile => Metadata.TryGetValue("external help file", out var v) && v.Length > 0 ? v : null;

    public string? OnlineVersion => Metadata.TryGetValue("online version", out var v) && v.Length > 0 ? v : null;

    public string? Synopsis { get; set; }

    /// <summary>Description paragraphs; a fenced code block is one entry that keeps its line breaks.</summary>
    public List<string> Description { get; } = new();

    public List<SyntaxItem> Syntax { get; } = new();

    /// <summary>Text of the v2 <c>## ALIASES</c> section, if any (informational only).</summary>
    public List<string> Aliases { get; } = new();

    public List<Example> Examples { get; } = new();

    public List<Parameter> Parameters { get; } = new();

    /// <summary>True when the PARAMETERS section has a <c>### CommonParameters</c> entry.</summary>
    public bool HasCommonParameters { get; set; }

    public List<InputOutput> Inputs { get; } = new();

    public List<InputOutput> Outputs { get; } = new();

    public List<string> Notes { get; } = new();

    public List<Link> RelatedLinks { get; } = new();

    /// <summary>Non-fatal problems found while reading (unknown sections, unclosed fences...).</summary>
    public List<string> Warnings { get; } = new();

    public Parameter? FindParameter(string name)
    {
        foreach (var p in Parameters)
        {
            if (string.Equals(p.Name, name, System.StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }
}
