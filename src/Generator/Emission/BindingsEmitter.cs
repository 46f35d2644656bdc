using System.Collections.Immutable;
using KvmSharp.Generator.Emission.Constants;
using KvmSharp.Generator.Emission.Contracts;
using KvmSharp.Generator.Emission.Ioctls;
using KvmSharp.Generator.Emission.Records;
using KvmSharp.Generator.Emission.Wrappers;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission;

/// <summary>The C# of a header model: support types, constants and enums, records, ioctl data, and
/// typed ioctl methods when the runtime is referenced.</summary>
public static class BindingsEmitter
{
    /// <summary>Every generated file for <paramref name="model"/>, in a stable order.</summary>
    public static ImmutableArray<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        var sources = ImmutableArray.CreateBuilder<GeneratedSource>();
        sources.AddRange(SupportTypesEmitter.Emit(options));
        sources.AddRange(ConstantEmitter.Emit(model, options));
        sources.AddRange(RecordEmitter.Emit(model, options));
        sources.AddRange(IoctlEmitter.Emit(model, options));
        sources.AddRange(IoctlWrapperEmitter.Emit(model, options));
        sources.AddRange(ContractEmitter.Emit(model, options));
        sources.AddRange(HeaderInfoEmitter.Emit(model, options));
        return sources.ToImmutable();
    }
}
