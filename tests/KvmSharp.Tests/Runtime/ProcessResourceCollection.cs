using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// Tests that count this process's fds or look at its address space. They run alone, after the parallel
/// tests, so that no other test opens an fd or reuses an unmapped address in the middle of a check.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessResourceCollection
{
    public const string Name = "Runtime: process resources";
}
