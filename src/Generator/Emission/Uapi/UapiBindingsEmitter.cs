using System.Collections.Immutable;
using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.Emission.Ioctls;
using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Facts;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Uapi;

/// <summary>
/// The C# of a chosen uAPI header (a <c>KvmUapiHeader</c> item) in its own namespace: constants by C name and
/// constant families as enums (<c>VhostConstants</c>, ...), records with the exact layout, ioctl request numbers
/// (<c>VhostIoctls</c>), and the typed methods of its ioctls on the runtime's device fds. The support types
/// (<c>NativeTypeName</c>, <c>KvmIoctl</c>...) are the KVM bindings', in the enclosing namespace; so is nothing else.
/// </summary>
public static class UapiBindingsEmitter
{
    /// <summary>
    /// Every generated file of <paramref name="model"/>, with hint names that start with <paramref name="options"/>'
    /// namespace, so that no two headers' files collide.
    /// </summary>
    /// <param name="model">The header's model.</param>
    /// <param name="options">Its namespace and class prefix.</param>
    /// <param name="supportNamespace">Where the KVM bindings' support types are (<c>KvmNamespace</c>): imported by each file,
    /// since an item's <c>Namespace</c> need not be inside it.</param>
    public static ImmutableArray<GeneratedSource> Emit(HeaderModel model, EmitOptions options, string supportNamespace)
    {
        var sources = ImmutableArray.CreateBuilder<GeneratedSource>();
        sources.AddRange(ConstantEmitter.Emit(model, options));
        sources.AddRange(RecordEmitter.Emit(model, options));
        sources.AddRange(IoctlEmitter.Emit(model, options));
        var import = $"using {supportNamespace};\n";
        var named = sources.Select(s => new GeneratedSource(options.Namespace + "." + s.HintName, Import(s.Text, import))).ToList();
        named.AddRange(DeviceIoctlEmitter.Emit(model, options, DeviceIoctlFactTable.BuiltIn));
        return named.ToImmutableArray();
    }

    // The using goes right before the file's namespace declaration, after its header comment and #nullable.
    private static string Import(string text, string import)
    {
        var at = text.StartsWith("namespace ", StringComparison.Ordinal) ? 0 : text.IndexOf("\nnamespace ", StringComparison.Ordinal) + 1;
        return at < 0 ? text : text.Insert(at, import);
    }
}
