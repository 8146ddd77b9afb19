using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AcmCluster.HelpCompiler.Model;

namespace AcmCluster.HelpCompiler.Validation;

/// <summary>The rules enforced by <c>--check</c>.</summary>
internal static partial class HelpChecker
{
    public const int MinimumExamples = 2;

    /// <summary>platyPS placeholders: <c>{{ Fill X Description }}</c>, <c>{{ Add example code here }}</c>, ...</summary>
    [GeneratedRegex(@"\{\{\s*[A-Z][^{}\r\n]*\}\}")]
    private static partial Regex PlaceholderRegex();

    /// <summary>Elided text in example code or output (<c>swstNNNN ...</c>, <c>failed: ...</c>).</summary>
    [GeneratedRegex(@"\b\w*(?:NNNN|XXXX)\w*\b|\.\.\.")]
    private static partial Regex ExamplePlaceholderRegex();

    public static List<string> FindPlaceholders(string markdown)
    {
        var problems = new List<string>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in PlaceholderRegex().Matches(lines[i]))
            {
                problems.Add($"line {i + 1}: placeholder text '{m.Value}'");
            }
        }

        return problems;
    }

    /// <summary>
    /// Get-Help shows the 5th line of an about file as the topic's synopsis (PowerShell's
    /// HelpFileHelpInfo), so the short description must be that line, and all of it.
    /// </summary>
    public static List<string> CheckAboutText(string helpText)
    {
        var lines = helpText.Split('\n');
        var problems = new List<string>();
        if (lines.Length < 5 || !lines[3].Equals("SHORT DESCRIPTION", StringComparison.Ordinal) || lines[4].Trim().Length == 0)
        {
            problems.Add("the page must start with '# about_Name' and '## SHORT DESCRIPTION' followed by its text");
        }
        else if (lines.Length > 5 && lines[5].Trim().Length > 0)
        {
            problems.Add("the SHORT DESCRIPTION must be one line: Get-Help shows only that line as the topic's synopsis");
        }

        return problems;
    }

    public static List<string> Check(CommandHelp help, string markdown)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(help.Synopsis))
        {
            problems.Add("missing SYNOPSIS");
        }

        if (help.Description.All(string.IsNullOrWhiteSpace))
        {
            problems.Add("missing DESCRIPTION");
        }

        if (help.Syntax.Count == 0)
        {
            problems.Add("missing SYNTAX");
        }

        if (help.Examples.Count < MinimumExamples)
        {
            problems.Add($"has {help.Examples.Count} example(s); at least {MinimumExamples} required");
        }

        foreach (var ex in help.Examples)
        {
            if (string.IsNullOrWhiteSpace(ex.Code))
            {
                problems.Add($"example '{ex.Title}' has no code block");
            }

            foreach (Match m in ExamplePlaceholderRegex().Matches(ex.Code ?? string.Empty))
            {
                problems.Add($"example '{ex.Title}' has the placeholder '{m.Value}': show what really runs or prints");
            }
        }

        foreach (var p in help.Parameters)
        {
            if (p.Description.All(string.IsNullOrWhiteSpace))
            {
                problems.Add($"parameter -{p.Name} has no description");
            }

            if (!p.HasMetadata)
            {
                problems.Add($"parameter -{p.Name} has no yaml metadata block");
            }
        }

        var undocumented = help.Syntax.SelectMany(s => s.Parameters)
            .Select(s => s.Name)
            .Where(n => help.FindParameter(n) is null)
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var name in undocumented)
        {
            problems.Add($"parameter -{name} appears in SYNTAX but not in PARAMETERS");
        }

        if (help.Outputs.Count == 0)
        {
            problems.Add("missing OUTPUTS entry ('### TypeName' or '### None')");
        }

        problems.AddRange(FindPlaceholders(markdown));
        return problems;
    }
}
