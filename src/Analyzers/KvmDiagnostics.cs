using KvmSharp.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Analyzers;

/// <summary>Every diagnostic the analyzers report. Each ID has a page under <c>docs/diagnostics/</c>.</summary>
internal static class KvmDiagnostics
{
    private const string Usage = "KvmSharp.Usage";

    public static readonly DiagnosticDescriptor MissingMandatoryBit = Rule("KVM0001", Usage, DiagnosticSeverity.Error,
        "A mandatory flag is missing",
        "args[{0}] of {1} with {2} must contain {3}: the kernel returns EINVAL without it");

    public static readonly DiagnosticDescriptor FlagOfOtherAction = Rule("KVM0002", Usage, DiagnosticSeverity.Warning,
        "A flag of another action is used",
        "{0} is a flag of {1}, not of {2}{3}");

    public static readonly DiagnosticDescriptor ReservedArgumentNotZero = Rule("KVM0003", Usage, DiagnosticSeverity.Error,
        "A reserved argument is not zero",
        "args[{0}] of {1} is reserved and must be 0: the kernel returns EINVAL");

    public static readonly DiagnosticDescriptor NotOneAction = Rule("KVM0004", Usage, DiagnosticSeverity.Error,
        "flags is not exactly one action",
        "flags of {0} must be exactly one of {1}, but is 0x{2:X}: the kernel returns EINVAL");

    public static readonly DiagnosticDescriptor UndefinedBits = Rule("KVM0005", Usage, DiagnosticSeverity.Warning,
        "Bits that no flag defines",
        "args[{0}] of {1}{2} has bits 0x{3:X} that no flag defines");

    public static readonly DiagnosticDescriptor WriteLockOfProtectedSlot = Rule("KVM0006", Usage, DiagnosticSeverity.Warning,
        "Locking for write a memslot that refuses it",
        "memslot {0} was registered with {1} in this method, so {2} with {3} fails with EPERM");

    public static readonly DiagnosticDescriptor DeleteOfLockedSlot = Rule("KVM0007", Usage, DiagnosticSeverity.Warning,
        "Deleting a locked memslot",
        "memslot {0} is deleted (memory_size 0) while it is locked by {1} in this method; the kernel refuses: unlock it first");

    public static readonly DiagnosticDescriptor FlagsNotDefined = Rule("KVM0008", Usage, DiagnosticSeverity.Warning,
        "KVM_ENABLE_CAP flags for a capability without flags",
        "{0} defines no flags, but flags is 0x{1:X}: the kernel rejects nonzero flags");

    public static readonly DiagnosticDescriptor UnguardedCapability = Rule("KVM0009", Usage, DiagnosticSeverity.Warning,
        "Call not guarded by a capability check",
        "{0} needs {1}, but this call can be reached without a successful CheckExtension of {1} before it");

    public static readonly DiagnosticDescriptor ForbiddenBit = Rule("KVM0010", Usage, DiagnosticSeverity.Error,
        "A forbidden flag is set",
        "args[{0}] of {1}{2} must not contain {3}");

    public static readonly DiagnosticDescriptor BadContractFile = Rule("KVM0011", "KvmSharp.Configuration", DiagnosticSeverity.Warning,
        "Capability contract file has an error",
        "{0}");

    private static DiagnosticDescriptor Rule(string id, string category, DiagnosticSeverity severity, string title, string message)
        => new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: DiagnosticHelp.Link(id));
}
