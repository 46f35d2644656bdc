using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace KvmSharp.Tests.Emission;

/// <summary>
/// Golden files in tests/KvmSharp.Tests/Baselines: a mismatch fails with a line diff;
/// <c>UPDATE_BASELINES=1</c> rewrites them instead.
/// </summary>
internal static class Baseline
{
    public static void Verify(string name, string actual, [CallerFilePath] string caller = "")
    {
        var directory = Path.Combine(TestsDirectory(caller), "Baselines");
        var path = Path.Combine(directory, name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no baseline {path}: run the tests with UPDATE_BASELINES=1 to write it, then review it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
            Assert.Fail($"{name} differs from its baseline (UPDATE_BASELINES=1 rewrites it):\n{Diff(expected, actual)}");
    }

    private static string TestsDirectory(string caller)
    {
        var directory = Path.GetDirectoryName(caller);
        while (directory is not null && !File.Exists(Path.Combine(directory, "KvmSharp.Tests.csproj")))
            directory = Path.GetDirectoryName(directory);
        return directory ?? throw new InvalidOperationException($"cannot find the test project above {caller}");
    }

    // A plain line diff: enough to see what moved, without a diff library.
    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var text = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(a.Length, b.Length) && shown < 40; i++)
        {
            var left = i < a.Length ? a[i] : null;
            var right = i < b.Length ? b[i] : null;
            if (left == right)
                continue;
            if (left is not null)
                text.Append($"-{i + 1}: {left}\n");
            if (right is not null)
                text.Append($"+{i + 1}: {right}\n");
            shown++;
        }
        return text.ToString();
    }
}
