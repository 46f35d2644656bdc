using System.Reflection;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>
/// The headers a C compiler brings itself (<c>stddef.h</c>, <c>stdarg.h</c>, <c>stdbool.h</c>, <c>stdint.h</c>,
/// <c>limits.h</c>), built into the front-end as clang builds its resource headers into its installation: uAPI
/// headers that include the C library, which includes these, read with no gcc or clang on the machine. They are
/// KvmSharp's own text (<c>Freestanding/</c>), written with the target's predefined macros.
/// </summary>
/// <remarks>
/// They are searched after the include folders, as a last folder: a compiler's or C library's header of the same
/// name in a folder the project gives is read instead, and glibc's <c>limits.h</c> reaches this <c>limits.h</c>
/// with <c>#include_next</c>, as it reaches gcc's.
/// </remarks>
internal static class FreestandingHeaders
{
    /// <summary>The folder they appear in, in locations and messages; no file system has it.</summary>
    public const string Folder = "<kvmsharp>/include";

    private static readonly Dictionary<string, Lazy<string>> texts = new[] { "stddef.h", "stdarg.h", "stdbool.h", "stdint.h", "limits.h" }
        .ToDictionary(name => name, name => new Lazy<string>(() => Read(name)), StringComparer.Ordinal);

    /// <summary>The text of the built-in header <paramref name="name"/> (<c>stddef.h</c>), or null when there is none.</summary>
    public static string? TryRead(string name) => texts.TryGetValue(name, out var text) ? text.Value : null;

    private static string Read(string name)
    {
        var resource = "KvmSharp.Generator.Freestanding." + name;
        using var stream = typeof(FreestandingHeaders).GetTypeInfo().Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from the generator");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
