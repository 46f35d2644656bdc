using KvmSharp.TestSupport.Mutation;

namespace KvmSharp.Bench;

/// <summary>
/// <c>hostile [--arch A] [--timeout SECONDS]</c>: reads every <see cref="HostileInputs"/> case, each in a
/// child process so that a stack overflow or a runaway allocation is reported as a crash of that case
/// instead of ending the run. <c>hostile --case NAME</c> reads one case in this process.
/// </summary>
internal static class HostileCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var options = BenchArguments.Parse(args, ["--arch", "--case", "--timeout"], [], out var error);
        var timeout = options?.Int("--timeout", 30);
        var arch = options?.Arch();
        if (options is null || timeout is not > 0 || arch is null)
        {
            Console.Error.WriteLine($"hostile: {error ?? "bad option value"}");
            Console.Error.WriteLine("usage: hostile [--arch x86_64|arm64|...] [--case NAME] [--timeout SECONDS]");
            return 2;
        }

        if (options.Value("--case") is { } name)
            return RunOne(name, arch, timeout.Value);

        var failed = 0;
        foreach (var input in HostileInputs.All)
        {
            var (status, output) = RunChild(input.Name, arch.Name, timeout.Value);
            Console.WriteLine($"{(status == "ok" ? "ok     " : "FAILED ")} {input.Name}: {status}");
            if (status != "ok")
            {
                failed++;
                Console.WriteLine("    " + output.Trim().Replace("\n", "\n    "));
            }
        }

        Console.WriteLine($"{HostileInputs.All.Count - failed} of {HostileInputs.All.Count} hostile inputs read without failure");
        return failed == 0 ? 0 : 1;
    }

    private static int RunOne(string name, Generator.FrontEnd.Targets.TargetArch arch, int timeout)
    {
        var input = HostileInputs.Find(name);
        if (input is null)
        {
            Console.Error.WriteLine($"hostile: no case named \"{name}\"; cases: {string.Join(", ", HostileInputs.All.Select(h => h.Name))}");
            return 2;
        }

        var set = HeaderSetLoader.Load(arch);
        var outcome = new MutationRunner(set, TimeSpan.FromSeconds(timeout)).RunEdits(0, input.Edits(set));
        if (outcome.Failed)
        {
            Console.WriteLine(FailureReport.Describe(set, outcome, fromSeed: false));
            return 1;
        }

        var model = outcome.Model!;
        Console.WriteLine($"{outcome.Diagnostics} diagnostics ({outcome.Errors} errors), {model.Records.Count} records, "
            + $"{model.Constants.Count} constants, {outcome.Elapsed.TotalMilliseconds:0} ms");
        foreach (var diagnostic in model.Diagnostics.Where(d => d.Message.Contains("KVMSHARP", StringComparison.OrdinalIgnoreCase)
                     || d.Location.Line >= set.Main.Lines.Count - 2).Take(5))
            Console.WriteLine($"  {diagnostic}");
        return 0;
    }

    private static (string Status, string Output) RunChild(string name, string arch, int timeout)
    {
        using var child = SelfProcess.Start(["hostile", "--case", name, "--arch", arch, "--timeout", timeout.ToString()]);
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        // The child times the read out itself; this margin covers loading the headers and a wedged child.
        if (!child.WaitForExit(TimeSpan.FromSeconds(timeout + 60)))
        {
            child.Kill(entireProcessTree: true);
            return ("child did not exit", "");
        }

        var output = stdout.Result + FirstLines(SelfProcess.CrashReport(stderr.Result), 12);
        return child.ExitCode switch
        {
            0 => ("ok", output),
            1 => ("front-end failure", output),
            var code => (SelfProcess.CrashSignature(code, stderr.Result), output),
        };
    }

    private static string FirstLines(string text, int count) => string.Join("\n", text.Split('\n').Take(count));
}
