using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Tests.Oracle;

/// <summary>
/// The front-end does not run clang, so it carries the target's predefined macros in
/// <see cref="TargetArch.PredefinedMacros"/>; each must be what <c>clang --target=T -dM -E</c> defines,
/// or every <c>#if</c> that tests one would take the other branch than clang does.
/// </summary>
internal static class PredefinedMacroCheck
{
    public static void Compare(TargetArch arch, List<string> mismatches)
    {
        var run = ClangTool.Run(new[] { $"--target={arch.ClangTriple}", "-nostdinc", "-dM", "-E", "-x", "c", "/dev/null" });
        if (run.ExitCode != 0)
        {
            mismatches.Add($"predefined: clang -dM -E failed for {arch.ClangTriple}: {run.StandardError.Trim()}");
            return;
        }
        var defined = MacroInventory.Parse(run.StandardOutput).ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var (name, value) in arch.PredefinedMacros)
        {
            if (!defined.TryGetValue(name, out var m))
                mismatches.Add($"predefined: {arch.Name} {name}: model {value}, clang does not define it");
            else if (m.Body != value)
                mismatches.Add($"predefined: {arch.Name} {name}: model {value}, clang says {m.Body}");
        }
    }
}
