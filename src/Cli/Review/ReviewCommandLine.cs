using System.CommandLine;

namespace KvmSharp.Cli.Review;

/// <summary><c>kvmgen review</c>'s options on System.CommandLine, and how they become <see cref="ReviewOptions"/>.</summary>
internal static class ReviewCommandLine
{
    // --arch, --include/-I and --header as every command spells them; -o does not apply.
    private static readonly HeaderOptionSymbols Header = new("unused");

    private static readonly Option<string> ApiRst = new("--api-rst")
    {
        Description = "the patched tree's Documentation/virt/kvm/api.rst",
        HelpName = "FILE",
        Required = true,
    };

    private static readonly Option<string[]> Base = new("--base")
    {
        Description = "include folders of the tree the patch is for (upstream's newest): what the patch adds, and which numbers are taken",
        HelpName = "DIR",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string[]> OtherInclude = new("--other-include")
    {
        Description = "include folders of other architectures' headers: names api.rst mentions that their asm/ headers define are not reported missing",
        HelpName = "DIR",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Adds the <c>review</c> command to <paramref name="root"/>.</summary>
    public static void AddTo(Command root)
    {
        Header.Include.Required = true;
        Header.Include.Description = "the patched tree's include folders, in search order; repeatable";
        var review = new Command("review",
            "The checks a reviewer of a KVM uAPI patch makes by eye, on the patched tree: one line per finding, file:line:col: KVMR000N: message. " +
            "Exit status 1 when there is a finding (or an input cannot be read), 0 when there is none.")
        {
            Options = { Header.Arch, Header.Include, ApiRst, Base, OtherInclude, Header.Header },
        };
        review.Validators.Add(result =>
        {
            if (CommandLine.Host is null && result.GetResult(Header.Arch) is null or { Implicit: true })
                result.AddError("review needs --arch on this machine");
        });
        review.SetAction(result => ReviewCommand.Run(
            new ReviewOptions(result.GetValue(Header.Arch)!, result.GetValue(Header.Include)!, result.GetValue(ApiRst)!, result.GetValue(Base),
                result.GetValue(OtherInclude), result.GetValue(Header.Header)!),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        root.Subcommands.Add(review);
    }
}
