using System;
using System.Collections.Generic;
using System.Linq;

namespace AcmCluster.HelpCompiler.Model;

/// <summary>A documented parameter (one <c>### -Name</c> entry of the PARAMETERS section).</summary>
internal sealed class Parameter
{
    public const string AllParameterSets = "(All)";

    public Parameter(string name) => Name = name;

    /// <summary>Name without the leading dash.</summary>
    public string Name { get; }

    public List<string> Description { get; } = new();

    public string Type { get; set; } = "Object";

    public List<string> Aliases { get; } = new();

    public List<string> AcceptedValues { get; } = new();

    public string? DefaultValue { get; set; }

    public bool SupportsWildcards { get; set; }

    public bool DontShow { get; set; }

    /// <summary>False when the entry has no yaml metadata block at all.</summary>
    public bool HasMetadata { get; set; }

    /// <summary>Per-parameter-set metadata, in document order; the first entry is the "primary" one.</summary>
    public List<ParameterSetMetadata> Sets { get; } = new();

    public bool IsSwitch =>
        Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
        Type.Equals("System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);

    public bool Required => Sets.Count > 0 && Sets[0].Required;

    public string Position => Sets.Count > 0 ? Sets[0].Position : "Named";

    public string PipelineInput => Sets.Count > 0 ? Sets[0].PipelineInput : "False";

    public IEnumerable<string> ParameterSetNames => Sets.Select(s => s.Name);

    /// <summary>Metadata that applies to <paramref name="setName"/>: an exact match, else the (All) entry, else null.</summary>
    public ParameterSetMetadata? ForSet(string? setName)
    {
        if (!string.IsNullOrEmpty(setName))
        {
            var exact = Sets.FirstOrDefault(s => string.Equals(s.Name, setName, StringComparison.OrdinalIgnoreCase));
            if (exact is not null)
            {
                return exact;
            }
        }

        return Sets.FirstOrDefault(s => s.IsAll);
    }
}

internal sealed class ParameterSetMetadata
{
    public ParameterSetMetadata(string name) => Name = name;

    public string Name { get; }

    public bool IsAll =>
        Name.Equals(Parameter.AllParameterSets, StringComparison.OrdinalIgnoreCase) ||
        Name.Equals("__AllParameterSets", StringComparison.OrdinalIgnoreCase);

    public bool Required { get; set; }

    /// <summary>"Named" or a zero-based number, as written.</summary>
    public string Position { get; set; } = "Named";

    /// <summary>platyPS text, e.g. "False" or "True (ByPropertyName)".</summary>
    public string PipelineInput { get; set; } = "False";
}
