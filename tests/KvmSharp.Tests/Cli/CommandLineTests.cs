using KvmSharp.Cli;
using KvmSharp.Generator.Targets;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>kvmgen's command line: every mistake is exit 2 with a message, never an exception.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("dump", "--help")]
    [InlineData("dump", "--arch", "x86_64", "-h")]
    public void Help_prints_the_usage_and_succeeds(params string[] args)
    {
        var result = KvmgenInvocation.Run(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("kvmgen dump --arch ARCH", result.Stdout);
        Assert.Contains("--include", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData(new string[0], "no command given")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "--frob" }, "unknown option '--frob'")]
    [InlineData(new[] { "dump" }, "dump needs --arch")]
    [InlineData(new[] { "dump", "--arch" }, "--arch needs a value")]
    [InlineData(new[] { "dump", "--arch=" }, "--arch needs a non-empty value")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "--arch", "arm64" }, "--arch given twice")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "--include" }, "--include needs a value")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "-o" }, "-o needs a value")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "-o", "a", "--output", "b" }, "--output given twice")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "--header", "a.h", "--header=b.h" }, "--header given twice")]
    public void A_wrong_command_line_is_exit_2_with_the_reason_and_the_usage(string[] args, string reason)
    {
        var result = KvmgenInvocation.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kvmgen: " + reason, result.Stderr);
        Assert.Contains("Usage: kvmgen dump", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("sparc64")]
    [InlineData("x86")]
    [InlineData("arm")]
    public void An_unknown_architecture_is_a_usage_error_listing_the_known_ones(string arch)
    {
        var result = KvmgenInvocation.Run("dump", "--arch", arch);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"unknown architecture '{arch}'", result.Stderr);
        foreach (var known in TargetArch.All)
            Assert.Contains(known.Name, result.Stderr);
    }

    [Theory]
    [InlineData("x86_64", "x86_64")]
    [InlineData("amd64", "x86_64")]
    [InlineData("aarch64", "arm64")]
    [InlineData("ARM64", "arm64")]
    [InlineData("riscv64", "riscv64")]
    [InlineData("ppc64el", "ppc64le")]
    [InlineData("s390x", "s390x")]
    public void Arch_accepts_the_names_and_aliases_of_TargetArch(string given, string expected)
    {
        var parsed = Assert.IsType<DumpRequest>(CommandLine.Parse(new[] { "dump", "--arch", given }));

        Assert.Equal(expected, parsed.Options.Arch.Name);
    }

    [Fact]
    public void Defaults_are_the_kvm_header_the_Debian_folders_and_standard_output()
    {
        var x86 = Assert.IsType<DumpRequest>(CommandLine.Parse(new[] { "dump", "--arch", "x86_64" })).Options;
        var s390 = Assert.IsType<DumpRequest>(CommandLine.Parse(new[] { "dump", "--arch=s390x", "-o", "-" })).Options;

        Assert.Equal("linux/kvm.h", x86.Header);
        Assert.Null(x86.OutputFile);
        Assert.False(x86.IncludesGiven);
        Assert.Equal(new[] { "/usr/include", "/usr/include/x86_64-linux-gnu" }, x86.IncludeDirectories);
        Assert.Equal(new[] { "/usr/s390x-linux-gnu/include" }, s390.IncludeDirectories);
        Assert.Null(s390.OutputFile);
    }

    [Fact]
    public void Include_directories_keep_their_order_in_every_spelling()
    {
        var options = Assert.IsType<DumpRequest>(CommandLine.Parse(new[]
        {
            "dump", "--include", "/a", "--arch", "arm64", "-I", "/b", "-I/c", "--include=/d",
            "--header", "linux/kvm_para.h", "--output=out.json",
        })).Options;

        Assert.Equal(new[] { "/a", "/b", "/c", "/d" }, options.IncludeDirectories);
        Assert.True(options.IncludesGiven);
        Assert.Equal("linux/kvm_para.h", options.Header);
        Assert.Equal("out.json", options.OutputFile);
    }

    [Theory]
    [InlineData("x86_64", "linux-libc-dev")]
    [InlineData("arm64", "linux-libc-dev-arm64-cross")]
    [InlineData("riscv64", "linux-libc-dev-riscv64-cross")]
    [InlineData("ppc64le", "linux-libc-dev-ppc64el-cross")]
    [InlineData("s390x", "linux-libc-dev-s390x-cross")]
    public void A_missing_header_is_exit_1_naming_the_Debian_package_and_include(string arch, string package)
    {
        var missing = Path.Combine(Path.GetTempPath(), "kvmgen-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var result = KvmgenInvocation.Run("dump", "--arch", arch, "--include", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var message = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("linux/kvm.h not found in " + missing + " (no such directory)", message);
        Assert.Contains("apt-get install " + package, message);
        Assert.Contains("--include", message);
    }
}
