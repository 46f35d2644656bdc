using KvmSharp.Tests.Oracle;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary><c>kvmgen dump --include-first</c>: a header read before <c>--header</c>, as clang's <c>-include</c>.</summary>
public sealed class IncludeFirstTests
{
    [Fact]
    public void If_tun_h_has_its_ioctls_only_with_linux_ioctl_h_first_and_clang_agrees_on_their_numbers()
    {
        var without = KvmgenInvocation.Run("dump", "--arch", "x86_64", "--header", "linux/if_tun.h");
        Assert.Equal(0, without.ExitCode);
        Assert.False(without.Json.GetProperty("ioctls").TryGetProperty("TUNGETFEATURES", out _), "TUNGETFEATURES without linux/ioctl.h");

        var with = KvmgenInvocation.Run("dump", "--arch", "x86_64", "--header", "linux/if_tun.h", "--include-first", "linux/ioctl.h");
        Assert.True(with.ExitCode == 0, with.ToString());
        var request = with.Json.GetProperty("constants").GetProperty("TUNGETFEATURES").GetUInt64();
        var unit = Path.Combine(Directory.CreateTempSubdirectory("kvmsharp-include-first-").FullName, "check.c");
        try
        {
            File.WriteAllText(unit, $"#include <linux/if_tun.h>\n_Static_assert(TUNGETFEATURES == {request}u, \"TUNGETFEATURES\");\n");
            var clang = ClangTool.Run(ClangTool.CommonArguments(TargetArch.X86_64.ClangTriple, TargetArch.X86_64.DefaultIncludeDirectories)
                .Concat(["-include", "linux/ioctl.h", "-fsyntax-only", unit]));
            Assert.True(clang.ExitCode == 0, clang.StandardError);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(unit)!, recursive: true);
        }
    }

    [Fact]
    public void An_empty_include_first_is_a_command_line_error()
    {
        var result = KvmgenInvocation.Run("dump", "--arch", "x86_64", "--include-first", "");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--include-first needs a non-empty value", result.Stderr, StringComparison.Ordinal);
    }
}
