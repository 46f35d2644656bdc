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
    EquatableArray<string> Files)
{
    /// <summary>The kernel release of <c>linux/version.h</c> in the include folders; null when there is none, or it
    /// defines no <c>LINUX_VERSION_CODE</c>. Read beside the header, not included by it: it says which headers these are.</summary>
    public LinuxVersionModel? LinuxVersion { get; init; }
}

/// <summary>
/// What <c>linux/version.h</c> says: <c>LINUX_VERSION_CODE</c> and, where the header has them (from 5.14-ish on),
/// <c>LINUX_VERSION_MAJOR</c>, <c>_PATCHLEVEL</c> and <c>_SUBLEVEL</c>, which keep a sublevel above 255 that the
/// code clamps.
/// </summary>
/// <param name="Path">The file read, as the include folder and <c>linux/version.h</c> made it.</param>
/// <param name="Code">LINUX_VERSION_CODE: <c>(major &lt;&lt; 16) + (minor &lt;&lt; 8) + min(sublevel, 255)</c>.</param>
/// <param name="Major">LINUX_VERSION_MAJOR, else from the code.</param>
/// <param name="Minor">LINUX_VERSION_PATCHLEVEL, else from the code.</param>
/// <param name="Sublevel">LINUX_VERSION_SUBLEVEL, else from the code.</param>
public sealed record LinuxVersionModel(string Path, int Code, int Major, int Minor, int Sublevel)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Major}.{Minor}.{Sublevel}";
}
