using System.Collections.Generic;

namespace AcmCluster.HelpCompiler.Model;

/// <summary>An INPUTS or OUTPUTS entry: <c>### TypeName</c> plus description.</summary>
internal sealed class InputOutput
{
    public InputOutput(string typeName) => TypeName = typeName;

    public string TypeName { get; }

    public List<string> Description { get; } = new();
}
