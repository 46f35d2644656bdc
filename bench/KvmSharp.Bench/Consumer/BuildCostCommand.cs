namespace KvmSharp.Bench.Consumer;

/// <summary>
/// <c>build [--rounds N] [--cpu]</c>: what the package adds to a console project's <c>dotnet build</c>: a first build (no bin/
/// or obj/: restore included), a no-op build (nothing changed) and a build after a one-character edit of Program.cs,
/// with and without KvmSharp, alternating which goes first each round so load on the machine falls on both alike.
/// Builds run as a user's do (compiler server on), without MSBuild node reuse so no node outlives the run.
/// <c>--cpu</c> measures CPU time (user + system) instead, which load on a shared machine does not inflate: the
/// compiler then runs in the build's own process tree (<c>UseSharedCompilation=false</c>), so its start-up is counted too.
/// </summary>
internal static class BuildCostCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var options = BenchArguments.Parse(args, ["--rounds"], ["--cpu"], out var error);
        var rounds = options?.Int("--rounds", 5);
        if (options is null || rounds is not > 0)
        {
            Console.Error.WriteLine($"build: {error ?? "bad option value"}\nusage: build [--rounds N] [--cpu]");
            return 2;
        }

        var cpu = options.Has("--cpu");
        string[] build = cpu ? ["build", "-nodeReuse:false", "-p:UseSharedCompilation=false"] : ["build", "-nodeReuse:false"];
        TimeSpan Build(ConsumerProjects projects, string folder)
        {
            var before = ProcessorTime.OfEndedChildren();
            var wall = projects.Dotnet(folder, build);
            return cpu ? ProcessorTime.OfEndedChildren() - before : wall;
        }

        using var projects = ConsumerProjects.Create();
        var steps = new[] { "first", "no-op", "edit" };
        var timings = steps.ToDictionary(s => s, _ => (Plain: new Timings(), Kvm: new Timings()));
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { false, true } : [true, false];
            foreach (var withKvm in order)
            {
                var folder = withKvm ? projects.Kvm : projects.Plain;
                Directory.Delete(Path.Combine(folder, "bin"), recursive: true);
                Directory.Delete(Path.Combine(folder, "obj"), recursive: true);
                var first = Build(projects, folder);
                var noop = Build(projects, folder);
                EditProgram(folder, round);
                var edit = Build(projects, folder);
                foreach (var (step, elapsed) in new[] { ("first", first), ("no-op", noop), ("edit", edit) })
                {
                    var pair = timings[step];
                    (withKvm ? pair.Kvm : pair.Plain).Add(elapsed);
                }
                Console.WriteLine($"round {round + 1} {(withKvm ? "kvm  " : "plain")}: first {first.TotalMilliseconds:0} ms, no-op {noop.TotalMilliseconds:0} ms, edit {edit.TotalMilliseconds:0} ms");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"dotnet build of a console project, without and with KvmSharp ({(cpu ? "CPU time, no compiler server" : "wall time, compiler server")}):");
        foreach (var step in steps)
        {
            var (plain, kvm) = timings[step];
            Console.WriteLine($"  {step,-6} without: {plain}");
            Console.WriteLine($"  {"",-6} with:    {kvm}   ({Timings.Overhead(plain, kvm)})");
        }
        return 0;
    }

    /// <summary>A one-character edit of the program's literal (a different character each round, so it always changes).</summary>
    internal static string EditProgram(string folder, int edit)
    {
        var text = ConsumerProjects.Program.Replace(ConsumerProjects.EditedLiteral,
            ConsumerProjects.EditedLiteral.Insert(1, ((char)('a' + edit % 26)).ToString()));
        File.WriteAllText(Path.Combine(folder, "Program.cs"), text);
        return text;
    }
}
