namespace KvmSharp.Generator.Emission;

/// <summary>One generated C# file: its hint name (unique in the compilation) and text.</summary>
public sealed record GeneratedSource(string HintName, string Text);

/// <summary>What the emitted code looks like beyond the header: its namespace, and public or internal types.</summary>
/// <param name="Namespace">The namespace of every generated type (<c>KvmSharp</c> by default).</param>
/// <param name="Public">Whether generated types are public; internal by default, as CsWin32 does.</param>
public sealed record EmitOptions(string Namespace = "KvmSharp", bool Public = false)
{
    /// <summary>The accessibility keyword of generated types.</summary>
    public string Accessibility => Public ? "public" : "internal";
}
