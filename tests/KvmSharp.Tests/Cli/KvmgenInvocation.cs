using System.Text.Json;
using KvmSharp.Cli;

namespace KvmSharp.Tests.Cli;

/// <summary>What one in-process run of kvmgen produced.</summary>
internal sealed record KvmgenResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output parsed as JSON (fails the test when it is not JSON).</summary>
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    /// <summary>For assertion messages: everything the run said.</summary>
    public override string ToString() => $"exit {ExitCode}\nstderr:\n{Stderr}\nstdout (start):\n{Stdout[..Math.Min(Stdout.Length, 2000)]}";
}

/// <summary>Runs kvmgen in-process, the way Main does, capturing both streams.</summary>
internal static class KvmgenInvocation
{
    public static KvmgenResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = KvmgenCommand.Run(args, stdout, stderr);
        return new KvmgenResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    // The real headers take a moment to read; every test that only looks at the default dump shares one run.
    private static readonly Lazy<KvmgenResult> X86Dump = new(() => Run("dump", "--arch", "x86_64"));
    private static readonly Lazy<KvmgenResult> Arm64Dump = new(() => Run("dump", "--arch", "arm64"));

    /// <summary><c>kvmgen dump --arch x86_64</c> with the default include directories.</summary>
    public static KvmgenResult DefaultX86_64Dump => X86Dump.Value;

    /// <summary><c>kvmgen dump --arch arm64</c> with the default include directories.</summary>
    public static KvmgenResult DefaultArm64Dump => Arm64Dump.Value;
}
