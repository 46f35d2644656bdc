using KvmSharp.Cli;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.Model;
using Xunit;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// Every uAPI header of the machine (<c>/usr/include/linux</c>), read as kvmgen reads it and compiled by clang-14 with
/// the same include folders (and clang's own resource headers, where the front-end has its built-in ones): the
/// front-end throws on none, and reports an error on exactly the headers clang rejects (but for errors inside function
/// bodies, which it skips by design; the list below says which). The front-end runs in-process, as kvmgen runs it.
/// </summary>
public sealed class UapiSweepTests
{
    private static readonly string[] Folders = { "/usr/include", "/usr/include/x86_64-linux-gnu" };

    // Headers clang rejects for an error inside a function body: the front-end skips bodies (they hold no ABI), so
    // it reads these cleanly. Each must still be one clang rejects, or the entry is stale.
    private static readonly Dictionary<string, string> ErrorsInFunctionBodies = new(StringComparer.Ordinal)
    {
        ["linux/usb/audio.h"] = "an inline function uses NULL without including <stddef.h>",
    };

    [SkippableFact]
    public void Every_uapi_header_reads_where_clang_compiles_it_and_fails_where_clang_fails()
    {
        Assert.True(ClangTool.UnavailableReason is null, ClangTool.UnavailableReason);
        Skip.IfNot(Directory.Exists("/usr/include/linux") && File.Exists("/usr/include/x86_64-linux-gnu/asm/kvm.h"),
            "the x86_64 uAPI headers are not installed at /usr/include (Debian's linux-libc-dev)");
        var resource = ClangTool.ResourceIncludeDirectory;
        var headers = Directory.EnumerateFiles("/usr/include/linux", "*.h", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath("/usr/include", p)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(headers.Length > 500, $"only {headers.Length} headers under /usr/include/linux");

        var disagreements = new List<string>();
        var rejected = 0;
        Parallel.ForEach(headers, new ParallelOptions { MaxDegreeOfParallelism = 2 }, header =>
        {
            var clang = ClangAccepts(header, resource);
            HeaderModel model;
            try
            {
                model = HeaderFrontEnd.Read(new HeaderRequest(TargetArch.X86_64, Folders, header), DiskHeaderFiles.Instance);
            }
            catch (Exception exception)
            {
                lock (disagreements)
                    disagreements.Add($"{header}: the front-end threw {exception}");
                return;
            }
            var error = model.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            lock (disagreements)
            {
                if (clang.Error is not null)
                    rejected++;
                if (clang.Error is null && error is not null)
                    disagreements.Add($"{header}: clang compiles it, the front-end reports {error}");
                else if (clang.Error is not null && error is null && !ErrorsInFunctionBodies.ContainsKey(header))
                    disagreements.Add($"{header}: clang rejects it ({clang.Error}), the front-end reports no error");
                else if (clang.Error is null && ErrorsInFunctionBodies.TryGetValue(header, out var reason))
                    disagreements.Add($"{header}: clang compiles it now; drop it from the list of bodies with errors ({reason})");
            }
        });
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {headers.Length} headers:\n" + string.Join("\n", disagreements.Order(StringComparer.Ordinal).Take(40)));
        // Some headers need another package's (drm/drm.h): the sweep must have seen clang reject something too.
        Assert.True(rejected < headers.Length / 2, $"clang rejected {rejected} of {headers.Length}: the sweep's clang command is broken");
    }

    private static (string? Error, int Unused) ClangAccepts(string header, string resource)
    {
        var source = Path.Combine(Path.GetTempPath(), $"kvmsharp-sweep-{Environment.ProcessId}-{header.Replace('/', '_')}.c");
        File.WriteAllText(source, $"#include <{header}>\n");
        try
        {
            var args = ClangTool.CommonArguments(TargetArch.X86_64.ClangTriple, Folders.Append(resource));
            args.AddRange(new[] { "-fsyntax-only", "-w", source });
            var run = ClangTool.Run(args);
            return (run.ExitCode == 0 ? null : run.Diagnostics.FirstOrDefault(d => d.IsError)?.ToString() ?? $"exit {run.ExitCode}", 0);
        }
        finally
        {
            File.Delete(source);
        }
    }
}
