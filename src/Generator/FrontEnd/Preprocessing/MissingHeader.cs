using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>
/// The message of an <c>#include</c> that found no file, written here and read back by whoever adds advice to it:
/// installing the target's uAPI package is the answer only when the missing header is a uAPI one (<c>linux/</c>,
/// <c>asm/</c>, <c>asm-generic/</c>); <c>drm/drm.h</c> or glibc's <c>bits/</c> come from other packages.
/// </summary>
public static class MissingHeader
{
    private const string Suffix = "' file not found";

    /// <summary>Whether <paramref name="name"/>, as <c>#include</c> names it, is shipped by the kernel's uAPI packages.</summary>
    public static bool IsUapi(string name)
        => name.StartsWith("linux/", StringComparison.Ordinal) || name.StartsWith("asm/", StringComparison.Ordinal)
           || name.StartsWith("asm-generic/", StringComparison.Ordinal);

    /// <summary>The message for <paramref name="name"/> searched in <paramref name="directories"/>.</summary>
    internal static string Message(string name, IEnumerable<string> directories, string archName)
    {
        var advice = IsUapi(name)
            ? (name.StartsWith("asm/", StringComparison.Ordinal)
                ? $"; the {archName} kernel headers are missing: install the Debian package of the target's uAPI headers or add its include directory"
                : "")
            : "; it is not a uAPI header: add the folder of the package that provides it to the include folders (libc6-dev for the C library's)";
        return $"'{name}{Suffix} (searched {string.Join(", ", directories)}){advice}";
    }

    /// <summary>
    /// Whether <paramref name="diagnostic"/> says that the header asked for, or a uAPI header it includes, was not found:
    /// then the advice is to install the target's uAPI headers.
    /// </summary>
    public static bool CallsForUapiPackage(HeaderDiagnostic diagnostic)
    {
        if (diagnostic.Id == DiagnosticIds.HeaderNotFound)
            return true;
        if (diagnostic.Id != DiagnosticIds.Include || !diagnostic.Message.StartsWith("'", StringComparison.Ordinal))
            return false;
        var end = diagnostic.Message.IndexOf(Suffix, StringComparison.Ordinal);
        return end > 1 && IsUapi(diagnostic.Message.Substring(1, end - 1));
    }
}
