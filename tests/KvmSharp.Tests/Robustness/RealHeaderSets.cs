using KvmSharp.TestSupport.Mutation;
using KvmSharp.Generator.FrontEnd.Targets;
using Xunit;

namespace KvmSharp.Tests.Robustness;

/// <summary>The real header sets, read from the disk once per test run and shared by every robustness test.</summary>
internal static class RealHeaderSets
{
    private static readonly Lazy<HeaderSet> X86Set = new(() => HeaderSetLoader.Load(TargetArch.X86_64));
    private static readonly Lazy<HeaderSet> Arm64Set = new(() => HeaderSetLoader.Load(TargetArch.Arm64));

    public static HeaderSet X86_64 => X86Set.Value;

    public static HeaderSet Arm64 => Arm64Set.Value;

    public static HeaderSet For(string arch) => arch == "arm64" ? Arm64 : X86_64;

    /// <summary>Where <paramref name="needle"/> first stands in <paramref name="header"/>; fails the test when the header has no such text.</summary>
    public static int Find(HeaderText header, string needle, int from = 0)
    {
        var at = header.Text.IndexOf(needle, from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{header.Path} no longer holds {HeaderEdit.Quote(needle)}: the test needs a new anchor");
        return at;
    }

    /// <summary>The start of the line that holds <paramref name="offset"/>.</summary>
    public static int LineStart(HeaderText header, int offset) => header.Text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;

    /// <summary>The start of the line after the one that holds <paramref name="offset"/>.</summary>
    public static int NextLineStart(HeaderText header, int offset)
    {
        var newline = header.Text.IndexOf('\n', offset);
        return newline < 0 ? header.Text.Length : newline + 1;
    }
}
