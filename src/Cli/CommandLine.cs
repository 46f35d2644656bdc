using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using KvmSharp.Generator.FrontEnd.Targets;

namespace KvmSharp.Cli;

/// <summary>
/// kvmgen's commands and options on System.CommandLine: per-command help, <c>--version</c>, typo suggestions,
/// and every mistake a parse error (exit 2, see <see cref="KvmgenCommand"/>), never an exception.
/// </summary>
internal static class CommandLine
{
    /// <summary>The exit statuses as help and README state them.</summary>
    internal const string ExitStatuses =
        "Exit status: 0 success; 1 a header error was reported (dump still writes the JSON, generate the files), the header was not found (nothing is written) or a file could not be written; 2 a wrong command line.";

    /// <summary>This machine's architecture as a target; null when KvmSharp has none for it (every target is then cross).</summary>
    internal static TargetArch? Host { get; } = TargetArch.FromProcessArchitecture(RuntimeInformation.OSArchitecture.ToString());

    /// <summary>The <c>dump</c> command: options in <see cref="DumpOptions"/>.</summary>
    internal static readonly HeaderOptionSymbols DumpSymbols = new(
        "the file to write the JSON to (default, or -: standard output)");

    /// <summary>The <c>generate</c> command's header options.</summary>
    internal static readonly HeaderOptionSymbols GenerateSymbols = new(
        "the folder to write the .cs files to") { OutputRequired = true };

    private static readonly Option<string> Namespace = new("--namespace")
    {
        Description = "namespace of the generated code",
        DefaultValueFactory = _ => "KvmSharp",
        HelpName = "NS",
    };

    private static readonly Option<bool> Public = new("--public")
    {
        Description = "make the generated types public (default: internal)",
    };

    private static readonly Option<bool> Runtime = new("--runtime")
    {
        Description = "also the typed ioctl methods on KvmSystem, KvmVm, KvmVcpu and KvmDevice, for a project that references the KvmSharp runtime",
    };

    /// <summary>The whole command tree; built once (it holds no state of a run).</summary>
    internal static Command Root { get; } = BuildRoot();

    /// <summary>Parses <paramref name="args"/> against <see cref="Root"/>.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    /// <summary>What <c>dump</c> was asked to do; call only on a result without errors.</summary>
    public static HeaderOptions DumpOptions(ParseResult result) => DumpSymbols.Read(result);

    /// <summary>What <c>generate</c> was asked to do; call only on a result without errors.</summary>
    public static GenerateRequest GenerateRequest(ParseResult result)
        => new(GenerateSymbols.Read(result), result.GetValue(Namespace)!, result.GetValue(Public), result.GetValue(Runtime));

    private static Command BuildRoot()
    {
        // A RootCommand would take its name from the process (testhost under the tests); the tool is kvmgen wherever it runs.
        var root = new Command("kvmgen",
            "kvmgen: reads the Linux KVM uAPI header of a target with KvmSharp's C front-end (the one its source generator runs) " +
            "and prints what it defines, or writes the C# the generator would. " + ExitStatuses)
        {
            Options = { new HelpOption(), new VersionOption { Action = new VersionAction() } },
        };

        var dump = new Command("dump",
            "Print what the header defines as JSON: constants, struct/union layouts, ioctls, enums, typedefs and diagnostics.");
        DumpSymbols.AddTo(dump);
        dump.SetAction(result => DumpCommand.Run(DumpOptions(result), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        root.Subcommands.Add(dump);

        var generate = new Command("generate",
            "Write the C# bindings the KvmSharp source generator would generate, one file each, for projects that check their bindings in.");
        GenerateSymbols.AddTo(generate);
        generate.Options.Add(Namespace);
        generate.Options.Add(Public);
        generate.Options.Add(Runtime);
        generate.SetAction(result => GenerateCommand.Run(GenerateRequest(result), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        root.Subcommands.Add(generate);
        Diff.DiffCommandLine.AddTo(root);
        Review.ReviewCommandLine.AddTo(root);
        return root;
    }
}
