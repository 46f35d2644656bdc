using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission;

internal static class IoctlEmitter
{
    public static IEnumerable<GeneratedSource> Emit(HeaderModel model, EmitOptions options) => Array.Empty<GeneratedSource>();
}
