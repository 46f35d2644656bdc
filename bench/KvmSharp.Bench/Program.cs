using BenchmarkDotNet.Running;
using KvmSharp.Bench;
using KvmSharp.Bench.Consumer;

// soak, coldstart, hostile, build and ide are ours; anything else is BenchmarkDotNet's command line (--filter, --job, ...).
return args.FirstOrDefault() switch
{
    "soak" => SoakCommand.Run(args[1..]),
    "soak-worker" => SoakWorker.Run(args[1..]),
    "coldstart" => ColdStartCommand.Run(args[1..]),
    "hostile" => HostileCommand.Run(args[1..]),
    "build" => BuildCostCommand.Run(args[1..]),
    "ide" => IdeLatencyCommand.Run(args[1..]),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(FrontEndBenchmarks).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
