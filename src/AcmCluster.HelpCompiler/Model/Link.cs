namespace AcmCluster.HelpCompiler.Model;

/// <summary>A RELATED LINKS entry: <c>[Text](Uri)</c>, a bare URL, or plain text.</summary>
internal sealed class Link
{
    public Link(string text, string uri)
    {
        Text = text;
        Uri = uri;
    }

    public string Text { get; }

    /// <summary>Target as written (may be a relative .md file or empty).</summary>
    public string Uri { get; }
}
