using System.Runtime.InteropServices;
using KvmSharp.Generator.Targets;

namespace KvmSharp.Cli;

/// <summary>
/// Reads <c>kvmgen</c>'s arguments. Hand-written rather than a parsing package: four options do not
/// justify a dependency, and every mistake must come back as a <see cref="UsageError"/>, never an exception.
/// </summary>
internal static class CommandLine
{
    /// <summary>The synopsis printed after a usage error.</summary>
    public const string Usage =
        """
        Usage: kvmgen dump --arch ARCH [--include DIR ...] [--header HEADER] [-o FILE]
               kvmgen generate --arch ARCH [--include DIR ...] [--header HEADER] -o DIR [--namespace NS] [--public] [--runtime]
               kvmgen --help
        """;

    /// <summary>The text printed by <c>--help</c>.</summary>
    public const string Help = Usage + "\n\n" +
        """
        dump: reads the Linux KVM uAPI header for a target and prints what it defines as JSON:
        constants, struct/union layouts, ioctls, enums, typedefs and diagnostics.
        generate: writes the C# bindings the KvmSharp source generator would generate, one file
        each, into the folder given with -o, for projects that check their bindings in.

        Options:
          --arch ARCH        x86_64, arm64, riscv64, ppc64le or s390x (aliases: amd64, x64,
                             aarch64, ppc64el, powerpc64le)
          --include DIR      a folder to search for headers, in order; may be repeated (also -I DIR).
                             Default: the first of these that holds linux/kvm.h and the
                             target's asm/kvm.h: for another arch than this machine's,
                             /usr/TRIPLE/include (Debian, Ubuntu cross packages); then
                             /usr/include + /usr/include/TRIPLE (Debian, Ubuntu); for this
                             machine's arch, /usr/include (Fedora and others); then
                             /usr/KERNELARCH-linux-gnu/include (Fedora kernel-cross-headers)
          --header HEADER    the header to read, as #include <...> names it (default: linux/kvm.h)
          -o, --output PATH  dump: write the JSON to PATH instead of standard output;
                             generate: the folder to write the .cs files to (required)
          --namespace NS     generate: namespace of the generated code (default: KvmSharp)
          --public           generate: make the generated types public (default: internal)
          --runtime          generate: also the typed ioctl methods on KvmSystem, KvmVm, KvmVcpu and
                             KvmDevice, for a project that references the KvmSharp runtime
          -h, --help         print this text

        Exit status: 0 when the header was read without error, 1 when a header error was
        reported (the JSON is still written), 2 for a wrong command line.
        """;

    /// <summary>Reads <paramref name="args"/>.</summary>
    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
            return new UsageError("no command given");
        if (IsHelp(args[0]) || args[0] == "help")
            return new HelpRequest();
        if (args[0] is not ("dump" or "generate"))
            return new UsageError(args[0].StartsWith('-') ? $"unknown option '{args[0]}'" : $"unknown command '{args[0]}'");
        return ParseCommand(args[0], args.Skip(1).ToArray());
    }

    private static ParsedArguments ParseCommand(string command, string[] args)
    {
        var generate = command == "generate";
        string? arch = null, header = null, output = null, ns = null;
        var makePublic = false;
        var withRuntime = false;
        var includes = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (IsHelp(arg))
                return new HelpRequest();
            if (generate && arg == "--public")
            {
                makePublic = true;
                continue;
            }
            if (generate && arg == "--runtime")
            {
                withRuntime = true;
                continue;
            }
            if (!arg.StartsWith('-') || arg == "-")
                return new UsageError($"unexpected argument '{arg}'");

            // -IDIR is the C compilers' spelling; users type it out of habit.
            if (arg.StartsWith("-I", StringComparison.Ordinal) && arg.Length > 2)
            {
                includes.Add(arg.Substring(2));
                continue;
            }

            var (name, inlineValue) = SplitInlineValue(arg);
            if (name is not ("--arch" or "--include" or "-I" or "--header" or "-o" or "--output") && !(generate && name == "--namespace"))
                return new UsageError($"unknown option '{name}'");

            string value;
            if (inlineValue is not null)
                value = inlineValue;
            else if (i + 1 < args.Length)
                value = args[++i];
            else
                return new UsageError($"{name} needs a value");
            if (value.Length == 0)
                return new UsageError($"{name} needs a non-empty value");

            switch (name)
            {
                case "--arch":
                    if (arch is not null)
                        return new UsageError("--arch given twice");
                    arch = value;
                    break;
                case "--include" or "-I":
                    includes.Add(value);
                    break;
                case "--namespace":
                    ns = value;
                    break;
                case "--header":
                    if (header is not null)
                        return new UsageError("--header given twice");
                    header = value;
                    break;
                default:
                    if (output is not null)
                        return new UsageError($"{name} given twice");
                    output = value;
                    break;
            }
        }

        if (arch is null)
            return new UsageError($"{command} needs --arch (" + KnownArchitectures + ")");
        if (generate && output is null)
            return new UsageError("generate needs -o DIR, the folder to write the C# files to");
        var target = TargetArch.Find(arch);
        if (target is null)
            return new UsageError($"unknown architecture '{arch}' (known: {KnownArchitectures})");

        var includesGiven = includes.Count > 0;
        var cross = target != Host;
        var options = new HeaderOptions(
            target,
            includesGiven ? includes : HeaderSearch.Find(target, cross, File.Exists).IncludeDirectories,
            includesGiven,
            header ?? "linux/kvm.h",
            output is null or "-" ? null : output,
            cross);
        return generate ? new GenerateRequest(options, ns ?? "KvmSharp", makePublic, withRuntime) : new DumpRequest(options);
    }

    /// <summary>This machine's architecture as a target; null when KvmSharp has none for it (every target is then cross).</summary>
    internal static TargetArch? Host { get; } = TargetArch.FromProcessArchitecture(RuntimeInformation.OSArchitecture.ToString());

    private static string KnownArchitectures => string.Join(", ", TargetArch.All.Select(a => a.Name));

    private static bool IsHelp(string arg) => arg is "-h" or "--help" or "-?";

    // --arch=arm64 and --arch arm64 mean the same; only long options take the '=' form.
    private static (string Name, string? Value) SplitInlineValue(string arg)
    {
        var equals = arg.IndexOf('=');
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (arg.Substring(0, equals), arg.Substring(equals + 1))
            : (arg, null);
    }
}
