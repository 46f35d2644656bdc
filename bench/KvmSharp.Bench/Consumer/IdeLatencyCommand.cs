using System.Diagnostics;
using System.Text.Json.Nodes;
using KvmSharp.Tests.Ide;

namespace KvmSharp.Bench.Consumer;

/// <summary>
/// <c>ide [--rounds N] [--edits N] [--analyzers on|off]</c>: csharp-ls (the language server of the IDE tests) on a
/// console project with and without KvmSharp, alternating which goes first each round: the time from starting the
/// server to the first diagnostics of Program.cs (pulled, as an editor with pull diagnostics does), then the latency
/// of the diagnostics after each one-character edit (didChange, then textDocument/diagnostic, until its answer), and
/// the server's peak resident memory and its CPU time per edit (which load on a shared machine does not inflate as it
/// does latency). The first two edits of a session warm the server up and are not counted.
/// </summary>
internal static class IdeLatencyCommand
{
    private const int WarmUpEdits = 2;

    public static int Run(IReadOnlyList<string> args)
    {
        var options = BenchArguments.Parse(args, ["--rounds", "--edits", "--analyzers"], [], out var error);
        var rounds = options?.Int("--rounds", 3);
        var edits = options?.Int("--edits", 20);
        var analyzers = options?.Value("--analyzers") ?? "on";
        if (options is null || rounds is not > 0 || edits is not > 0 || analyzers is not ("on" or "off"))
        {
            Console.Error.WriteLine($"ide: {error ?? "bad option value"}\nusage: ide [--rounds N] [--edits N] [--analyzers on|off]");
            return 2;
        }
        var server = CsharpLsTool.Locate(out var reason);
        if (server is null)
        {
            Console.Error.WriteLine($"ide: {reason}");
            return 1;
        }

        using var projects = ConsumerProjects.Create();
        var first = (Plain: new Timings(), Kvm: new Timings());
        var edit = (Plain: new Timings(), Kvm: new Timings());
        var memory = (Plain: new List<long>(), Kvm: new List<long>());
        var cpu = (Plain: new Timings(), Kvm: new Timings());
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { false, true } : [true, false];
            foreach (var withKvm in order)
            {
                var folder = withKvm ? projects.Kvm : projects.Plain;
                var (opened, edited, editCpu, peak) = Session(server, projects, folder, analyzers == "on", edits.Value).GetAwaiter().GetResult();
                (withKvm ? first.Kvm : first.Plain).Add(opened);
                foreach (var latency in edited.Skip(WarmUpEdits))
                    (withKvm ? edit.Kvm : edit.Plain).Add(latency);
                (withKvm ? memory.Kvm : memory.Plain).Add(peak);
                foreach (var used in editCpu.Skip(WarmUpEdits))
                    (withKvm ? cpu.Kvm : cpu.Plain).Add(used);
                Console.WriteLine($"round {round + 1} {(withKvm ? "kvm  " : "plain")}: first diagnostics {opened.TotalMilliseconds:0} ms, " +
                    $"edits {string.Join(" ", edited.Select(e => e.TotalMilliseconds.ToString("0")))} ms, " +
                    $"server CPU per edit {editCpu.Skip(WarmUpEdits).Average(c => c.TotalMilliseconds):0} ms, peak RSS {peak / 1048576} MiB");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"csharp-ls {CsharpLsTool.Version}, csharp.analyzersEnabled={analyzers == "on"}, without and with KvmSharp:");
        Console.WriteLine($"  first diagnostics  without: {first.Plain}");
        Console.WriteLine($"                     with:    {first.Kvm}   ({Timings.Overhead(first.Plain, first.Kvm)})");
        Console.WriteLine($"  edit->diagnostics  without: {edit.Plain}");
        Console.WriteLine($"                     with:    {edit.Kvm}   ({Timings.Overhead(edit.Plain, edit.Kvm)})");
        Console.WriteLine($"  server CPU per edit without: {cpu.Plain}");
        Console.WriteLine($"                     with:    {cpu.Kvm}   ({Timings.Overhead(cpu.Plain, cpu.Kvm)})");
        Console.WriteLine($"  server peak RSS    without: {memory.Plain.Max() / 1048576} MiB, with: {memory.Kvm.Max() / 1048576} MiB");
        return 0;
    }

    private static async Task<(TimeSpan First, List<TimeSpan> Edits, List<TimeSpan> EditCpu, long PeakRss)> Session(
        string server, ConsumerProjects projects, string folder, bool analyzers, int edits)
    {
        var program = Path.Combine(folder, "Program.cs");
        File.WriteAllText(program, ConsumerProjects.Program);
        var clock = Stopwatch.StartNew();
        await using var editor = await EditorSession.Open(server, folder, new JsonObject { ["analyzersEnabled"] = analyzers },
            projects.Environment, TimeSpan.FromMinutes(10));
        await editor.OpenDocument(program, ConsumerProjects.Program);
        var diagnostics = await editor.Diagnostics(program);
        var first = clock.Elapsed;
        if (diagnostics.Any(d => d.Severity == 1))
            throw new InvalidOperationException($"Program.cs has errors in the server: {string.Join("; ", diagnostics)}");

        var latencies = new List<TimeSpan>();
        var processor = new List<TimeSpan>();
        for (var i = 0; i < edits; i++)
        {
            var text = ConsumerProjects.Program.Replace(ConsumerProjects.EditedLiteral,
                ConsumerProjects.EditedLiteral.Insert(1, ((char)('a' + i % 26)).ToString()));
            var cpuBefore = ProcessorTime.OfProcess(editor.Client.ProcessId);
            clock.Restart();
            await editor.ChangeDocument(program, text);
            await editor.Diagnostics(program);
            latencies.Add(clock.Elapsed);
            processor.Add(ProcessorTime.OfProcess(editor.Client.ProcessId) - cpuBefore);
        }
        return (first, latencies, processor, PeakResidentBytes(editor.Client.ProcessId));
    }

    // VmHWM of /proc/PID/status: the most memory the server process ever had resident.
    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
    }
}
