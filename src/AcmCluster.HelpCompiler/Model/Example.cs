using System.Collections.Generic;

namespace AcmCluster.HelpCompiler.Model;

internal sealed class Example
{
    public Example(string title) => Title = title;

    public string Title { get; }

    /// <summary>Paragraphs before the first code block.</summary>
    public List<string> Introduction { get; } = new();

    /// <summary>All code blocks of the example, joined by a blank line.</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>Paragraphs after the first code block.</summary>
    public List<string> Remarks { get; } = new();
}
