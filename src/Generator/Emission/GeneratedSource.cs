namespace KvmSharp.Generator.Emission;

/// <summary>One generated C# file: its hint name (unique in the compilation) and text.</summary>
public sealed record GeneratedSource(string HintName, string Text);
