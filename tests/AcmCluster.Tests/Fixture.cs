using System;
using System.IO;

namespace AcmCluster.Tests;

/// <summary>Native-output samples shared with the Pester suite (tests/fixtures).</summary>
internal static class Fixture
{
    public static string[] Lines(string name) => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "fixtures", name));

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);
}
