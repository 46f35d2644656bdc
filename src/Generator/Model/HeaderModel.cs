namespace KvmSharp.Generator.Model;

/// <summary>
/// Everything the front-end read from one header for one target: the single input of every later stage
/// (C# emitter, ioctl wrappers, analyzers). Immutable and compared by value, so the incremental
/// generator can cache it.
/// </summary>
/// <param name="Arch">The target's name (<c>x86_64</c>, <c>arm64</c>, ...).</param>
/// <param name="CharIsSigned">Whether plain <c>char</c> is signed on this target.</param>
/// <param name="IsBigEndian">Whether the target is big-endian (bit offsets then count from the most significant bit).</param>
/// <param name="Constants">Object-like macros that are integer constants, in definition order.</param>
/// <param name="NonConstants">Object-like macros of the header files that are not, with the reason.</param>
/// <param name="Records">Every complete struct and union with a tag or typedef name, in definition order.</param>
/// <param name="Ioctls">The subset of <see cref="Constants"/> that are ioctl requests, decoded.</param>
/// <param name="Files">The files read, in the order they were first opened.</param>
public sealed record HeaderModel(
    string Arch,
    bool CharIsSigned,
    bool IsBigEndian,
    EquatableArray<ConstantModel> Constants,
    EquatableArray<NonConstantMacro> NonConstants,
    EquatableArray<RecordModel> Records,
    EquatableArray<EnumModel> Enums,
    EquatableArray<TypedefModel> Typedefs,
    EquatableArray<IoctlModel> Ioctls,
    EquatableArray<HeaderDiagnostic> Diagnostics,
    EquatableArray<string> Files);
