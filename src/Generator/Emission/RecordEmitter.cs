using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission;

internal static class RecordEmitter
{
    public static IEnumerable<GeneratedSource> Emit(HeaderModel model, EmitOptions options) => Array.Empty<GeneratedSource>();
}
