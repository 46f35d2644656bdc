using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace KvmSharp.Cli;

/// <summary>
/// <c>kvmgen --version</c>: kvmgen's own version (System.CommandLine's default reads the entry assembly, which is the
/// test host when the tests run kvmgen in-process).
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>The informational version the build stamps: the package version, then <c>+</c> and the commit.</summary>
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitStatus.Success;
    }
}
