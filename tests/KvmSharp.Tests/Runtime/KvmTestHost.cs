using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// What the runtime tests need from the machine: an openable <c>/dev/kvm</c> and the header probe.
/// Where either is missing the test is reported as skipped, with the reason, never as passed.
/// </summary>
internal static class KvmTestHost
{
    private static readonly Lazy<string?> KvmProblem = new(FindKvmProblem);

    /// <summary>Skips the calling test unless <c>/dev/kvm</c> can be opened.</summary>
    public static void RequireKvm() => Skip.If(KvmProblem.Value is not null, KvmProblem.Value);

    /// <summary>Skips the calling test unless <c>/dev/kvm</c> can be opened and the header probe runs.</summary>
    public static KvmHeaderProbe RequireKvmAndProbe()
    {
        RequireKvm();
        Skip.If(KvmHeaderProbe.Instance is null, KvmHeaderProbe.UnavailableReason);
        return KvmHeaderProbe.Instance!;
    }

    /// <summary>Opens <c>/dev/kvm</c> and creates a VM of the default type.</summary>
    public static (KvmSystem System, KvmVm Vm) CreateVm(KvmHeaderProbe probe)
    {
        var system = KvmSystem.Open();
        try
        {
            return (system, system.IoctlCreateVm(probe["KVM_CREATE_VM"], 0, "KVM_CREATE_VM"));
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    private static string? FindKvmProblem()
    {
        if (!File.Exists("/dev/kvm"))
            return "needs /dev/kvm: KVM is not available on this machine";
        try
        {
            using var system = KvmSystem.Open();
            return null;
        }
        catch (KvmException e)
        {
            return $"needs access to /dev/kvm: open failed with {e.ErrnoName}";
        }
    }
}
