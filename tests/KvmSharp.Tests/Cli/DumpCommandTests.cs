using System.Text.Json;
using Xunit;

namespace KvmSharp.Tests.Cli;

/// <summary>
/// <c>kvmgen dump</c> end to end on small headers written for the test, whose values any C compiler agrees on:
/// the wiring of options, output, diagnostics and exit status.
/// </summary>
public sealed class DumpCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kvmgen-dump-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void WriteHeader(string relativePath, string text)
    {
        var path = Path.Combine(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private const string SmallHeader = """
        #define SMALL_ANSWER 42
        #define SMALL_MINUS_ONE (-1)
        #define SMALL_SHIFTED (1UL << 40)
        struct small_pair {
            int a;
            char b;
        };
        """;

    [Fact]
    public void A_clean_header_is_exit_0_with_its_constants_and_records_and_nothing_on_stderr()
    {
        WriteHeader("small/small.h", SmallHeader);

        var result = KvmgenInvocation.Run("dump", "--arch", "x86_64", "--include", folder, "--header", "small/small.h");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        var json = result.Json;
        Assert.Equal("x86_64", json.GetProperty("arch").GetString());
        var constants = json.GetProperty("constants");
        Assert.Equal(42UL, constants.GetProperty("SMALL_ANSWER").GetUInt64());
        Assert.Equal(ulong.MaxValue, constants.GetProperty("SMALL_MINUS_ONE").GetUInt64());
        Assert.Equal(1UL << 40, constants.GetProperty("SMALL_SHIFTED").GetUInt64());
        var pair = DumpedRecords.Record(json, "small_pair");
        Assert.Equal("struct", pair.GetProperty("kind").GetString());
        Assert.Equal(8, pair.GetProperty("size").GetInt64());
        Assert.Equal(4, pair.GetProperty("align").GetInt32());
        Assert.Equal(4, DumpedRecords.Member(pair, "b").Offset);
        Assert.Empty(json.GetProperty("diagnostics").EnumerateArray());
    }

    [Fact]
    public void Every_top_level_key_is_there_in_order()
    {
        WriteHeader("small/small.h", SmallHeader);

        var result = KvmgenInvocation.Run("dump", "--arch", "arm64", "-I", folder, "--header", "small/small.h");

        Assert.Equal(
            new[] { "arch", "constants", "records", "ioctls", "non_constants", "enums", "typedefs", "diagnostics" },
            result.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("arm64", result.Json.GetProperty("arch").GetString());
    }

    [Fact]
    public void Header_errors_go_to_stderr_as_compiler_lines_and_make_exit_1_with_the_json_still_written()
    {
        WriteHeader("broken/broken.h", "#define BROKEN_OK 1\nstruct broken { int a; int ; @ };\n");

        var result = KvmgenInvocation.Run("dump", "--arch", "x86_64", "--include", folder, "--header", "broken/broken.h");

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = result.Stderr.Split('\n').First(l => l.Contains(": error KVMH", StringComparison.Ordinal));
        Assert.Matches(@"^.*broken\.h:\d+:\d+: error KVMH\d{4}: .+$", line);
        var diagnostics = result.Json.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Contains(diagnostics, d => d.GetProperty("severity").GetString() == "error");
        Assert.All(diagnostics, d => Assert.Equal(
            new[] { "id", "severity", "message", "location" }, d.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(1UL, result.Json.GetProperty("constants").GetProperty("BROKEN_OK").GetUInt64());
    }

    [Fact]
    public void A_missing_nested_include_adds_the_package_hint()
    {
        WriteHeader("outer/outer.h", "#include <asm/nowhere.h>\n#define OUTER 1\n");

        var result = KvmgenInvocation.Run("dump", "--arch", "riscv64", "--include", folder, "--header", "outer/outer.h");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("asm/nowhere.h", result.Stderr);
        Assert.Contains("linux-libc-dev-riscv64-cross", result.Stderr);
    }

    [Fact]
    public void Output_option_writes_the_same_json_to_the_file_and_nothing_to_stdout()
    {
        WriteHeader("small/small.h", SmallHeader);
        var output = Path.Combine(folder, "out.json");
        var args = new[] { "dump", "--arch", "x86_64", "--include", folder, "--header", "small/small.h" };

        var toFile = KvmgenInvocation.Run(args.Append("-o").Append(output).ToArray());
        var toStdout = KvmgenInvocation.Run(args);

        Assert.True(toFile.ExitCode == 0, toFile.ToString());
        Assert.Equal("", toFile.Stdout);
        Assert.Equal(toStdout.Stdout, File.ReadAllText(output));
    }

    [Fact]
    public void An_unwritable_output_file_is_exit_1_with_a_message()
    {
        WriteHeader("small/small.h", SmallHeader);
        var output = Path.Combine(folder, "no-such-folder", "out.json");

        var result = KvmgenInvocation.Run("dump", "--arch", "x86_64", "--include", folder, "--header", "small/small.h", "-o", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("kvmgen: error: cannot write " + output, result.Stderr);
    }

    [Fact]
    public void Include_folders_are_searched_in_the_order_given()
    {
        WriteHeader("first/linux/kvm.h", "#define WHICH 1\n");
        WriteHeader("second/linux/kvm.h", "#define WHICH 2\n");

        var result = KvmgenInvocation.Run("dump", "--arch", "x86_64",
            "--include", Path.Combine(folder, "second"), "--include", Path.Combine(folder, "first"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2UL, result.Json.GetProperty("constants").GetProperty("WHICH").GetUInt64());
    }
}
