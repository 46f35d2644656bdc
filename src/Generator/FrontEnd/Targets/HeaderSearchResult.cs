namespace KvmSharp.Generator.FrontEnd.Targets;

/// <summary>Where the search found the headers, or, when nowhere, which layouts it tried.</summary>
/// <param name="Found">The first layout that holds both files; null when none does.</param>
/// <param name="Searched">Every layout tried, in order.</param>
public sealed record HeaderSearchResult(HeaderLayout? Found, IReadOnlyList<HeaderLayout> Searched)
{
    /// <summary>The folders to use: the found layout's, else the first one tried (what a message names as missing).</summary>
    public IReadOnlyList<string> IncludeDirectories => (Found ?? Searched[0]).IncludeDirectories;
}
