using System.Collections.Immutable;
using KvmSharp.Generator.FrontEnd;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Generator.Generation;

/// <summary>
/// The headers the compiler was given as AdditionalFiles, read only when the front-end opens them:
/// the props file adds whole include folders, and kvm.h needs a few dozen of their files.
/// </summary>
internal sealed class AdditionalHeaderFiles : IHeaderFiles
{
    private readonly Dictionary<string, AdditionalText> byPath = new(StringComparer.Ordinal);
    private readonly CancellationToken cancellation;

    public AdditionalHeaderFiles(ImmutableArray<AdditionalText> texts, CancellationToken cancellation)
    {
        this.cancellation = cancellation;
        foreach (var text in texts)
            byPath[Normalize(text.Path)] = text;
    }

    public string? TryRead(string path)
    {
        cancellation.ThrowIfCancellationRequested();
        return byPath.TryGetValue(Normalize(path), out var text) ? text.GetText(cancellation)?.ToString() : null;
    }

    public static bool IsHeader(AdditionalText text) => text.Path.EndsWith(".h", StringComparison.OrdinalIgnoreCase);

    // MSBuild may hand paths with doubled or Windows separators; the preprocessor builds "dir/name".
    private static string Normalize(string path) => path.Replace('\\', '/').Replace("//", "/");
}

/// <summary>
/// Compares the sets of header AdditionalFiles by identity: the compiler keeps an AdditionalText
/// object for as long as its file is unchanged, so an edit anywhere else leaves the set equal.
/// </summary>
internal sealed class AdditionalTextSetComparer : IEqualityComparer<ImmutableArray<AdditionalText>>
{
    public static AdditionalTextSetComparer Instance { get; } = new();

    public bool Equals(ImmutableArray<AdditionalText> x, ImmutableArray<AdditionalText> y)
    {
        if (x.Length != y.Length)
            return false;
        for (var i = 0; i < x.Length; i++)
        {
            if (!ReferenceEquals(x[i], y[i]))
                return false;
        }
        return true;
    }

    public int GetHashCode(ImmutableArray<AdditionalText> texts)
    {
        var hash = texts.Length;
        foreach (var text in texts)
            hash = unchecked(hash * 31 + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(text));
        return hash;
    }
}
