using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission;

internal static class SupportTypesEmitter
{
    public static IEnumerable<GeneratedSource> Emit(EmitOptions options) => Array.Empty<GeneratedSource>();
}
