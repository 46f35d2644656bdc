using System.CommandLine;

namespace KvmSharp.Cli.Diff;

/// <summary><c>kvmgen diff</c>'s options on System.CommandLine, and how they become <see cref="DiffOptions"/>.</summary>
internal static class DiffCommandLine
{
    // --arch and --header as every command spells them; --include and -o do not apply.
    private static readonly HeaderOptionSymbols Header = new("unused");

    private static readonly Option<string[]> Old = new("--old")
    {
        Description = "the old header's include folders, in search order (as --include takes them for dump)",
        HelpName = "DIR",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
        Required = true,
    };

    private static readonly Option<string[]> New = new("--new")
    {
        Description = "the new header's include folders, in search order",
        HelpName = "DIR",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
        Required = true,
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "write JSON for tools instead of text for people",
    };

    /// <summary>Adds the <c>diff</c> command to <paramref name="root"/>.</summary>
    public static void AddTo(Command root)
    {
        var diff = new Command("diff",
            "What changed in the uAPI between two header trees of one target: constants, capabilities, flags, ioctls, records and enumerators " +
            "added, removed and changed, ABI breaks first. Exit status 1 when something breaks the ABI (or a header cannot be read), 0 when nothing does.")
        {
            Options = { Header.Arch, Old, New, Header.Header, Json },
        };
        diff.Validators.Add(result =>
        {
            if (CommandLine.Host is null && result.GetResult(Header.Arch) is null or { Implicit: true })
                result.AddError("diff needs --arch on this machine");
        });
        diff.SetAction(result => DiffCommand.Run(
            new DiffOptions(result.GetValue(Header.Arch)!, result.GetValue(Old)!, result.GetValue(New)!, result.GetValue(Header.Header)!, result.GetValue(Json)),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        root.Subcommands.Add(diff);
    }
}
