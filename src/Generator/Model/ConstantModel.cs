namespace KvmSharp.Generator.Model;

/// <summary>An object-like macro whose expansion is an integer constant expression on this target.</summary>
/// <param name="Name">The macro name.</param>
/// <param name="Value">The value as an unsigned 64-bit number; a negative C value as two's complement.</param>
/// <param name="Type">The C type of the expression.</param>
/// <param name="Location">Where the macro name stands in its <c>#define</c>.</param>
/// <param name="Comment">The comment just before the <c>#define</c>, or on its line.</param>
/// <param name="Parent">
/// The constant this one is indented under, as the kernel writes a flag's own sub-flags
/// (<c>#define   KVM_ARM_LOCK_MEM_READ</c> under <c>KVM_ARM_LOCK_USER_MEMORY_REGION_FLAGS_LOCK</c>): the
/// nearest less indented <c>#define</c> above it in the same block of <c>#define</c> lines.
/// </param>
/// <param name="Block">
/// Which run of consecutive <c>#define</c> lines the constant stands in, numbered in definition order: a
/// blank line, a comment or any other line starts a new run. The kernel writes the values of one thing
/// together, so families of constants are found within these runs.
/// </param>
public sealed record ConstantModel(string Name, ulong Value, CIntegerKind Type, SourceLocation Location, string? Comment, string? Parent = null, int Block = 0);

/// <summary>An object-like macro of the header that is not an integer constant on this target, and why.</summary>
public sealed record NonConstantMacro(string Name, string Reason, SourceLocation Location, string? Comment);
