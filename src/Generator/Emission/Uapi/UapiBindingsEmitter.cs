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
    public static ImmutableArray<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        var sources = ImmutableArray.CreateBuilder<GeneratedSource>();
        sources.AddRange(ConstantEmitter.Emit(model, options));
        sources.AddRange(RecordEmitter.Emit(model, options));
        sources.AddRange(IoctlEmitter.Emit(model, options));
        var named = sources.Select(s => s with { HintName = options.Namespace + "." + s.HintName }).ToList();
        named.AddRange(DeviceIoctlEmitter.Emit(model, options, DeviceIoctlFactTable.BuiltIn));
        return named.ToImmutableArray();
    }
}
