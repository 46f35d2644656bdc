using System.CommandLine;
using System.CommandLine.Parsing;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Cli;

/// <summary>
/// The options every command that reads a header takes (<c>--arch</c>, <c>--include</c>/<c>-I</c>, <c>--header</c>,
/// <c>-o</c>), one set per command, and how they become <see cref="HeaderOptions"/>.
/// </summary>
internal sealed class HeaderOptionSymbols
{
    /// <summary><c>--arch</c>: the target, by name or alias; the build host's when not given, as the MSBuild default.</summary>
    public Option<TargetArch?> Arch { get; } = new("--arch")
    {
        Description = "x86_64, arm64, riscv64, ppc64le or s390x (aliases: amd64, x64, aarch64, ppc64el, powerpc64le); default: this machine's",
        HelpName = "ARCH",
        DefaultValueFactory = _ => CommandLine.Host,
        CustomParser = ParseArch,
    };

    /// <summary><c>--include</c>, <c>-I</c>: the folders to search, in order, repeatable (<c>-IDIR</c> as the C compilers spell it).</summary>
    public Option<string[]> Include { get; } = new("--include", "-I")
    {
        Description = "a folder to search for headers, in order; repeatable. Default: the first layout that holds linux/kvm.h and the target's asm/kvm.h " +
            "(cross: /usr/TRIPLE/include; then /usr/include + /usr/include/TRIPLE; for this machine's arch /usr/include; then /usr/KERNELARCH-linux-gnu/include)",
        HelpName = "DIR",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>--header</c>: the header as <c>#include &lt;...&gt;</c> names it.</summary>
    public Option<string> Header { get; } = new("--header")
    {
        Description = "the header to read, as #include <...> names it",
        HelpName = "HEADER",
        DefaultValueFactory = _ => "linux/kvm.h",
    };

    /// <summary><c>--include-first</c>: headers read before <see cref="Header"/>, as clang's <c>-include</c>.</summary>
    public Option<string[]> IncludeFirst { get; } = new("--include-first")
    {
        Description = "a header to read before --header, as #include <...> names it, as clang's -include does; repeatable " +
            "(for a header that is not self-contained: linux/if_tun.h and linux/userfaultfd.h need linux/ioctl.h)",
        HelpName = "HEADER",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>-o</c>, <c>--output</c>: the command's output file or folder.</summary>
    public Option<string?> Output { get; }

    /// <summary>Whether the command cannot run without <see cref="Output"/>.</summary>
    public bool OutputRequired { get; init; }

    public HeaderOptionSymbols(string outputDescription)
    {
        Output = new Option<string?>("--output", "-o") { Description = outputDescription, HelpName = "PATH" };
    }

    /// <summary>Adds the options to <paramref name="command"/>, with the checks that need more than one of them.</summary>
    public void AddTo(Command command)
    {
        Output.Required = OutputRequired;
        foreach (var option in new Option[] { Arch, Include, Header, IncludeFirst, Output })
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            // A host KvmSharp has no target for (say, a 32-bit ARM board) leaves --arch without a default.
            if (CommandLine.Host is null && result.GetResult(Arch) is null or { Implicit: true })
                result.AddError($"{command.Name} needs --arch on this machine ({KnownArchitectures})");
            // Tokens, not values: a value is not there to read when the option already has an error.
            foreach (var option in new Option[] { Include, Header, IncludeFirst, Output })
            {
                if (result.GetResult(option) is { } given && given.Tokens.Any(token => token.Value.Length == 0))
                    result.AddError($"{option.Name} needs a non-empty value");
            }
        });
    }

    /// <summary>The options of a parse without errors.</summary>
    public HeaderOptions Read(ParseResult result)
    {
        var target = result.GetValue(Arch)!;
        var includes = result.GetValue(Include) ?? [];
        var includesGiven = includes.Length > 0;
        var cross = target != CommandLine.Host;
        var output = result.GetValue(Output);
        return new HeaderOptions(
            target,
            includesGiven ? includes : HeaderSearch.Find(target, cross, File.Exists).IncludeDirectories,
            includesGiven,
            result.GetValue(Header)!,
            output is null or "-" ? null : output,
            cross)
        {
            IncludeFirst = result.GetValue(IncludeFirst) ?? [],
        };
    }

    private static string KnownArchitectures => "known: " + string.Join(", ", TargetArch.All.Select(a => a.Name));

    private static TargetArch? ParseArch(ArgumentResult result)
    {
        // No token: the default (System.CommandLine asks the custom parser for it too).
        if (result.Tokens.Count == 0)
            return CommandLine.Host;
        var name = result.Tokens[0].Value;
        var arch = TargetArch.Find(name);
        if (arch is null)
            result.AddError($"unknown architecture '{name}' ({KnownArchitectures})");
        return arch;
    }
}
