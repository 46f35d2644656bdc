namespace KvmSharp.Tests.Analyzers;

/// <summary>Test sources: a method on a VM whose body is the case, after a guard so KVM0009 stays out of the way.</summary>
internal static class LockSources
{
    public const string Cap = "KvmCapability.ArmLockUserMemoryRegion";

    /// <summary>A class with <c>M(KvmVm vm, ulong unknown, GuestMemory memory)</c> running <paramref name="body"/>.</summary>
    public static string Method(string body, string guard = Cap) => $$"""
        using KvmSharp;
        using static KvmSharp.KvmConstants;

        internal static class Case
        {
            internal static void M(KvmVm vm, ulong unknown, uint unknownFlags, bool condition, GuestMemory memory)
            {
                if (vm.CheckExtension({{guard}}) == 0 || vm.CheckExtension(KvmCapability.ArmMte) == 0 || vm.CheckExtension(KvmCapability.ArmNisvToUser) == 0)
                    return;
        {{body}}
            }
        }
        """;
}
