using System.Management.Automation;
using AcmCluster.Internal;

namespace AcmCluster.Parsing;

internal static class ParseError
{
    /// <summary>Output we do not understand is an error quoting the line, never a guessed object.</summary>
    public static AcmException At(string command, string line, string why)
        => new("NativeOutputUnrecognized", ErrorCategory.ParserError, $"Could not read the output of '{command}': {why}. Line: \"{line}\"", line)
        {
            RecommendedAction = "Check that the tool's version and locale match what AcmCluster supports (LANG=C), and report the line.",
        };
}
