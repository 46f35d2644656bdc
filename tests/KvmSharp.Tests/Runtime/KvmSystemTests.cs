using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>System ioctls on <c>/dev/kvm</c> with request numbers from the C compiler, and how failures read.</summary>
public sealed class KvmSystemTests
{
    [SkippableFact]
    public void TheApiVersionIsTheOneTheHeaderDeclares()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        using var system = KvmSystem.Open();

        var version = system.Ioctl(probe["KVM_GET_API_VERSION"], 0ul, "KVM_GET_API_VERSION");

        Assert.Equal(12, version);
        Assert.Equal(probe["KVM_API_VERSION"], (ulong)version);
    }

    [SkippableFact]
    public void UserMemoryIsASupportedExtension()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        using var system = KvmSystem.Open();

        var supported = system.Ioctl(probe["KVM_CHECK_EXTENSION"], probe["KVM_CAP_USER_MEMORY"], "KVM_CHECK_EXTENSION");

        Assert.True(supported > 0, $"KVM_CHECK_EXTENSION(KVM_CAP_USER_MEMORY) returned {supported}");
    }

    [SkippableFact]
    public void AnUnknownRequestThrowsWithTheErrnoAndTheIoctlName()
    {
        KvmTestHost.RequireKvm();
        using var system = KvmSystem.Open();

        // Request 0 is no KVM ioctl: KVM answers EINVAL on /dev/kvm (ENOTTY on some fds and arches).
        var error = Assert.Throws<KvmException>(() => system.Ioctl(0, 0ul, "KVM_NOT_A_REQUEST"));

        Assert.Contains(error.ErrnoName, new[] { "EINVAL", "ENOTTY" });
        Assert.Equal(LinuxErrno.GetName(error.Errno), error.ErrnoName);
        Assert.Equal("KVM_NOT_A_REQUEST", error.Operation);
        Assert.Contains("KVM_NOT_A_REQUEST", error.Message);
        Assert.Contains(error.ErrnoName, error.Message);
    }

    [SkippableFact]
    public void TheTryFormReturnsTheErrnoInsteadOfThrowing()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        using var system = KvmSystem.Open();

        Assert.Equal(0, system.TryIoctl(probe["KVM_GET_API_VERSION"], 0ul, out var version));
        Assert.Equal(12, version);
        var errno = system.TryIoctl(0, 0ul, out var result);
        Assert.True(errno is LinuxErrno.EINVAL or LinuxErrno.ENOTTY, $"errno {errno}");
        Assert.Equal(-1, result);
    }

    [SkippableFact]
    public void ASystemUsedAfterDisposeThrowsObjectDisposed()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        var system = KvmSystem.Open();
        var request = probe["KVM_GET_API_VERSION"];

        system.Dispose();

        Assert.Throws<ObjectDisposedException>(() => system.Ioctl(request, 0ul, "KVM_GET_API_VERSION"));
        Assert.Throws<ObjectDisposedException>(() => system.TryIoctl(request, 0ul, out _));
        Assert.Throws<ObjectDisposedException>(() => system.IoctlCreateVm(probe["KVM_CREATE_VM"], 0, "KVM_CREATE_VM"));
        Assert.Throws<ObjectDisposedException>(() => system.FileDescriptor);
        system.Dispose(); // a second dispose is harmless
    }

    [Fact]
    public void OpeningAMissingDeviceReportsENOENTAndThePath()
    {
        var error = Assert.Throws<KvmException>(() => KvmSystem.Open("/nonexistent/kvm"));

        Assert.Equal(LinuxErrno.ENOENT, error.Errno);
        Assert.Equal("ENOENT", error.ErrnoName);
        Assert.Equal("open(/nonexistent/kvm)", error.Operation);
    }

    [Fact]
    public void ANegativeFileDescriptorIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KvmSystem.FromFileDescriptor(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KvmVm.FromFileDescriptor(-5));
    }
}
