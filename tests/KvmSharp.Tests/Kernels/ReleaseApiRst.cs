using System.Collections.Concurrent;
using KvmSharp.Cli.ApiRst;

namespace KvmSharp.Tests.Kernels;

/// <summary>The api.rst of each release, read with kvmgen's reader once per test run.</summary>
public static class ReleaseApiRst
{
    private static readonly ConcurrentDictionary<string, ApiRstDocument> Loaded = new();

    /// <summary>The api.rst of <paramref name="release"/>, read once per test run.</summary>
    public static ApiRstDocument Of(KernelRelease release) => Loaded.GetOrAdd(release.Version, _ => Load(release));

    /// <summary>Reads the api.rst of <paramref name="release"/>.</summary>
    public static ApiRstDocument Load(KernelRelease release) => ApiRstDocument.Parse(File.ReadAllText(release.ApiRst));
}
