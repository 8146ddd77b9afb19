using System.Globalization;

namespace AcmCluster.Parsing;

internal static class Percent
{
    /// <summary>'75%' → 75; '----' or missing → null; anything else is an error, not a guess.</summary>
    public static int? Parse(string command, string? text)
    {
        if (text is null || text.Trim('-').Length == 0)
        {
            return null;
        }

        var digits = text.EndsWith('%') ? text[..^1] : text;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 100)
        {
            return value;
        }

        throw ParseError.At(command, text, "the Execute column is neither a percentage nor '----'");
    }
}
