using System.Diagnostics;

namespace KvmSharp.Bench;

/// <summary>Starts this program again as a child process, for work that may crash or must start cold.</summary>
internal static class SelfProcess
{
    /// <summary>The heap limit given to children: a runaway allocation meets OutOfMemoryException, not the OOM killer.</summary>
    public const string ChildHeapLimit = "0x80000000";

    /// <summary>Starts <c>this-program args...</c> with stdout and stderr redirected.</summary>
    public static Process Start(IEnumerable<string> args, bool limitHeap = true)
    {
        // Through the apphost when there is one, else through "dotnet <this dll>".
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            info.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        if (limitHeap)
            info.Environment["DOTNET_GCHeapHardLimit"] = ChildHeapLimit;
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {host}");
    }

    /// <summary>
    /// What killed a child, from its stderr. For a cyclic recursion the runtime prints the block of frames
    /// that repeats; where that block starts depends on where the stack ran out, so the signature names
    /// the block's alphabetically first front-end method: the same runaway recursion, the same signature.
    /// </summary>
    public static string CrashSignature(int exitCode, string stderr)
    {
        var lines = CrashReport(stderr).Split('\n').Select(l => l.Trim()).ToArray();
        if (lines.Length > 0 && lines[0].StartsWith("Stack overflow", StringComparison.Ordinal))
        {
            var repeated = lines.Length > 1 && lines[1].StartsWith("Repeated", StringComparison.Ordinal);
            var frames = lines.Skip(1).SkipWhile(l => !l.StartsWith("at ", StringComparison.Ordinal))
                .TakeWhile(l => !repeated || l.StartsWith("at ", StringComparison.Ordinal))
                .Where(l => l.StartsWith("at ", StringComparison.Ordinal)).Select(Method).ToArray();
            var ours = frames.Where(f => f.StartsWith("KvmSharp.Generator.", StringComparison.Ordinal)).ToArray();
            // Without a repeated block (a deep but not cyclic recursion) the method printed most often is the runaway one.
            var culprit = repeated
                ? ours.Order(StringComparer.Ordinal).FirstOrDefault()
                : ours.GroupBy(f => f).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
            return $"stack overflow in {culprit ?? frames.FirstOrDefault() ?? "?"}";
        }

        var first = lines.FirstOrDefault(l => l.Length > 0) ?? "";
        return $"crash (exit {exitCode}): {(first.Length > 100 ? first[..100] : first)}";
    }

    /// <summary>The runtime's account of the crash: stderr from "Stack overflow" or "Unhandled exception" on, else all of it.</summary>
    public static string CrashReport(string stderr)
    {
        foreach (var marker in new[] { "Stack overflow", "Unhandled exception", "Fatal error", "Process terminated" })
        {
            var at = stderr.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
                return stderr[at..];
        }

        return stderr;
    }

    // "at A.B.C(args)" -> "A.B.C"
    private static string Method(string frame)
    {
        var text = frame[3..];
        var paren = text.IndexOf('(');
        return paren < 0 ? text : text[..paren];
    }
}
