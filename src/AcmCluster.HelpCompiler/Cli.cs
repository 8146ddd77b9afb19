using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AcmCluster.HelpCompiler.Model;
using AcmCluster.HelpCompiler.Reader;
using AcmCluster.HelpCompiler.Validation;
using AcmCluster.HelpCompiler.Writer;

namespace AcmCluster.HelpCompiler;

/// <summary>Command-line front end. Exit codes: 0 ok, 1 problems, 2 usage error.</summary>
internal static class Cli
{
    public const int Success = 0;
    public const int Problems = 1;
    public const int UsageError = 2;

    public const string Usage =
        "Usage:\n" +
        "  AcmCluster.HelpCompiler --input <dir> --output <file.xml> [--check]\n" +
        "  AcmCluster.HelpCompiler --about <about_X.md> --about-output <about_X.help.txt> [--check]\n" +
        "\n" +
        "  --input <dir>          directory with platyPS cmdlet pages (*.md; about_*.md and README skipped)\n" +
        "  --output <file>        MAML file to write, e.g. en-US/AcmCluster.dll-Help.xml\n" +
        "  --check                fail (exit 1) on incomplete pages instead of writing them\n" +
        "  --about <file>         about-topic markdown page to convert\n" +
        "  --about-output <file>  plain-text help file to write\n" +
        "Exit codes: 0 success, 1 problems found, 2 usage error.";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? input = null, output = null, about = null, aboutOutput = null;
        var check = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg.ToLowerInvariant())
            {
                case "-h":
                case "--help":
                case "-?":
                    stdout.WriteLine(Usage);
                    return Success;
                case "--check":
                    check = true;
                    break;
                case "--input":
                case "--output":
                case "--about":
                case "--about-output":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        return Fail(stderr, $"{arg} needs a value");
                    }

                    var value = args[++i];
                    switch (arg.ToLowerInvariant())
                    {
                        case "--input": input = value; break;
                        case "--output": output = value; break;
                        case "--about": about = value; break;
                        default: aboutOutput = value; break;
                    }

                    break;
                default:
                    return Fail(stderr, $"unknown argument '{arg}'");
            }
        }

        if (input is null && about is null)
        {
            return Fail(stderr, "give --input <dir> --output <file.xml> and/or --about <file> --about-output <file>");
        }

        if ((input is null) != (output is null))
        {
            return Fail(stderr, "--input and --output must be used together");
        }

        if ((about is null) != (aboutOutput is null))
        {
            return Fail(stderr, "--about and --about-output must be used together");
        }

        if (input is not null && !Directory.Exists(input))
        {
            return Fail(stderr, $"input directory '{input}' does not exist");
        }

        if (about is not null && !File.Exists(about))
        {
            return Fail(stderr, $"about file '{about}' does not exist");
        }

        var rc = Success;
        if (input is not null)
        {
            rc = Math.Max(rc, CompileDirectory(input, output!, check, stdout, stderr));
        }

        if (about is not null)
        {
            rc = Math.Max(rc, ConvertAbout(about, aboutOutput!, check, stdout, stderr));
        }

        return rc;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine(Usage);
        return UsageError;
    }

    /// <summary>The *.md files of <paramref name="dir"/> that are cmdlet pages, sorted by name.</summary>
    public static List<string> FindCommandPages(string dir)
    {
        return Directory.GetFiles(dir, "*.md", SearchOption.TopDirectoryOnly)
            .Where(f =>
            {
                var name = Path.GetFileName(f);
                return !name.StartsWith("about_", StringComparison.OrdinalIgnoreCase) &&
                       !name.StartsWith("README", StringComparison.OrdinalIgnoreCase);
            })
            .Where(f => CommandHelpReader.LooksLikeCommandPage(File.ReadAllText(f)))
            .OrderBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static int CompileDirectory(string input, string output, bool check, TextWriter stdout, TextWriter stderr)
    {
        var files = FindCommandPages(input);
        if (files.Count == 0)
        {
            stderr.WriteLine($"error: no cmdlet help pages found in '{input}'");
            return Problems;
        }

        var commands = new List<CommandHelp>();
        var problemsByFile = new List<(string File, List<string> Problems)>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var name = Path.GetFileName(file);
            CommandHelp help;
            try
            {
                help = CommandHelpReader.Read(text);
            }
            catch (HelpFormatException ex)
            {
                problemsByFile.Add((name, new List<string> { ex.Message }));
                continue;
            }

            foreach (var warning in help.Warnings)
            {
                stderr.WriteLine($"warning: {name}: {warning}");
            }

            if (commands.Any(c => c.Name.Equals(help.Name, StringComparison.OrdinalIgnoreCase)))
            {
                problemsByFile.Add((name, new List<string> { $"command '{help.Name}' is documented by more than one page" }));
                continue;
            }

            if (check)
            {
                var problems = HelpChecker.Check(help, text);
                if (problems.Count > 0)
                {
                    problemsByFile.Add((name, problems));
                }
            }

            commands.Add(help);
        }

        if (problemsByFile.Count > 0)
        {
            foreach (var (file, problems) in problemsByFile)
            {
                stderr.WriteLine($"{file}:");
                foreach (var p in problems)
                {
                    stderr.WriteLine($"  - {p}");
                }
            }

            stderr.WriteLine($"{problemsByFile.Count} of {files.Count} page(s) have problems; '{output}' not written");
            return Problems;
        }

        MamlWriter.WriteFile(commands, output);
        stdout.WriteLine($"wrote {commands.Count} command(s) to {output}");
        return Success;
    }

    private static int ConvertAbout(string about, string output, bool check, TextWriter stdout, TextWriter stderr)
    {
        var text = File.ReadAllText(about);
        var helpText = AboutTextWriter.Convert(text);
        if (check)
        {
            var problems = HelpChecker.FindPlaceholders(text);
            problems.AddRange(HelpChecker.CheckAboutText(helpText));
            if (problems.Count > 0)
            {
                stderr.WriteLine($"{Path.GetFileName(about)}:");
                foreach (var p in problems)
                {
                    stderr.WriteLine($"  - {p}");
                }

                return Problems;
            }
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(output, helpText, new UTF8Encoding(false));
        stdout.WriteLine($"wrote {output}");
        return Success;
    }
}
