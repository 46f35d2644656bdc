using KvmSharp.Cli;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>kvmgen's command line: every mistake is exit 2 with a message, never an exception.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Help_lists_the_commands_and_the_exit_statuses_and_succeeds(string flag)
    {
        var result = KvmgenInvocation.Run(flag);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dump", result.Stdout);
        Assert.Contains("generate", result.Stdout);
        Assert.Contains("--version", result.Stdout);
        Assert.Contains("2 a wrong command line", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData("dump", "--help")]
    [InlineData("dump", "--arch", "x86_64", "-h")]
    [InlineData("generate", "--help")]
    public void Each_command_has_its_own_help(params string[] args)
    {
        var result = KvmgenInvocation.Run(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"kvmgen {args[0]} [options]", result.Stdout);
        Assert.Contains("--include", result.Stdout);
        Assert.Equal(args[0] == "generate", result.Stdout.Contains("--namespace"));
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Version_prints_the_version_the_packages_are_built_with()
    {
        // Directory.Build.props is where both packages take their version from.
        var props = File.ReadAllText(Path.Combine(KvmSharp.Tests.Packaging.LocalFeed.RepositoryRoot(), "Directory.Build.props"));
        var version = System.Text.RegularExpressions.Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;

        var result = KvmgenInvocation.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(version, result.Stdout.Trim());
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'")]
    [InlineData(new[] { "--frob" }, "Unrecognized command or argument '--frob'")]
    [InlineData(new[] { "dump", "--arch" }, "Required argument missing for option: '--arch'")]
    [InlineData(new[] { "dump", "--arch=" }, "Required argument missing for option: '--arch'")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "--arch", "arm64" }, "Option '--arch' expects a single argument but 2 were provided")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "--verbose" }, "Unrecognized command or argument '--verbose'")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "extra" }, "Unrecognized command or argument 'extra'")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "--include" }, "Required argument missing for option: '--include'")]
    [InlineData(new[] { "dump", "--include=" }, "Required argument missing for option: '--include'")]
    [InlineData(new[] { "dump", "--header", "" }, "--header needs a non-empty value")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "-o" }, "Required argument missing for option: '-o'")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "-o", "a", "--output", "b" }, "Option '-o' expects a single argument but 2 were provided")]
    [InlineData(new[] { "dump", "--arch", "x86_64", "--header", "a.h", "--header=b.h" }, "Option '--header' expects a single argument but 2 were provided")]
    [InlineData(new[] { "generate", "--arch", "x86_64" }, "Option '--output' is required")]
    [InlineData(new[] { "generate", "--publik", "-o", "out" }, "Unrecognized command or argument '--publik'")]
    public void A_wrong_command_line_is_exit_2_with_the_reason_and_the_usage_on_standard_error(string[] args, string reason)
    {
        var result = KvmgenInvocation.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("kvmgen: " + reason, result.Stderr);
        Assert.Contains("Usage:", result.Stderr);
        Assert.Contains(args.Length > 0 && args[0] is "dump" or "generate" ? $"kvmgen {args[0]} [options]" : "kvmgen [command] [options]", result.Stderr);
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
        var options = DumpOptions("dump", "--arch", given);

        Assert.Equal(expected, options.Arch.Name);
    }

    [Fact]
    public void Arch_defaults_to_this_machines_as_the_build_does()
    {
        Assert.NotNull(CommandLine.Host);
        var options = DumpOptions("dump");

        Assert.Same(CommandLine.Host, options.Arch);
        Assert.False(options.Cross);
    }

    [Fact]
    public void Defaults_are_the_kvm_header_the_Debian_folders_and_standard_output()
    {
        var x86 = DumpOptions("dump", "--arch", "x86_64");
        var s390 = DumpOptions("dump", "--arch=s390x", "-o", "-");

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
        var options = DumpOptions(
            "dump", "--include", "/a", "--arch", "arm64", "-I", "/b", "-I/c", "--include=/d",
            "--header", "linux/kvm_para.h", "--output=out.json");

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
        // What the help promises for this case is what happened: status 1 and nothing written.
        Assert.Contains("the header was not found (nothing is written)", KvmgenInvocation.Run("--help").Stdout.ReplaceLineEndings(" "));
    }

    private static HeaderOptions DumpOptions(params string[] args)
    {
        var result = CommandLine.Parse(args);
        Assert.Empty(result.Errors);
        return CommandLine.DumpOptions(result);
    }
}
