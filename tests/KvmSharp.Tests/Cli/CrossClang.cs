using System.Diagnostics;

namespace KvmSharp.Tests.Cli;

/// <summary>
/// clang-14 as a cross compiler, for targets whose programs cannot run here: facts are checked with
/// <c>_Static_assert</c> at compile time instead of printed.
/// </summary>
internal static class CrossClang
{
    private static readonly string[] Candidates = { "clang-14", "clang" };

    /// <summary>The clang found on PATH, or null.</summary>
    public static string? Path { get; } = Candidates
        .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, name)))
        .FirstOrDefault(File.Exists);

    /// <summary>
    /// Compiles <paramref name="source"/> for <paramref name="triple"/> with only <paramref name="includeDirectory"/>
    /// to search (the host's /usr/include must not leak in), and returns clang's diagnostics; empty when it compiled.
    /// </summary>
    public static string Check(string triple, string includeDirectory, string source)
    {
        var folder = Directory.CreateTempSubdirectory("kvmgen-clang-").FullName;
        try
        {
            var sourcePath = System.IO.Path.Combine(folder, "check.c");
            File.WriteAllText(sourcePath, source);
            var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--target=" + triple, "-std=gnu11", "-fsyntax-only", "-nostdinc", "-isystem", includeDirectory, sourcePath })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? "" : stderr + stdout.Result;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
