using System.Runtime.InteropServices;
using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>Header-plus-entries buffers, on their own and with a real flexible-array ioctl.</summary>
public sealed class FlexibleArrayBufferTests
{
    [Fact]
    public void EntriesFollowTheHeaderAtTheDefaultOffset()
    {
        using var buffer = new FlexibleArrayBuffer<ulong, uint>(3);

        Assert.Equal(8, buffer.EntriesOffset);
        Assert.Equal(8 + 3 * 4, buffer.ByteLength);
        Assert.Equal(3, buffer.Entries.Length);
        Assert.True(buffer.Bytes.IndexOfAnyExcept((byte)0) < 0, "the buffer is not zeroed");
        Assert.Equal(0, buffer.Pointer % 16);

        buffer.Header = ulong.MaxValue;
        buffer.Entries[0] = 0x01020304;
        Assert.Equal(0xFF, buffer.Bytes[7]);
        Assert.Equal(0x01020304u, MemoryMarshal.Read<uint>(buffer.Bytes[8..]));
    }

    [Fact]
    public void AnExplicitOffsetMayPlaceEntriesInTheHeadersTailPadding()
    {
        // As C does for struct { __u64 a; __u8 b; __u8 c[]; }: sizeof is 16 but c starts at 9.
        using var buffer = new FlexibleArrayBuffer<Int128, byte>(2, entriesOffset: 9);

        Assert.Equal(9, buffer.EntriesOffset);
        Assert.Equal(16, buffer.ByteLength); // the header is still fully backed
        buffer.Entries.Fill(0x77);
        Assert.Equal(0x77, buffer.Bytes[10]);
    }

    [Fact]
    public void AnEmptyArrayStillBacksTheHeaderAndBadSizesAreRefused()
    {
        using var buffer = new FlexibleArrayBuffer<uint, ulong>(0);

        Assert.Equal(4, buffer.ByteLength);
        Assert.True(buffer.Entries.IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlexibleArrayBuffer<uint, ulong>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlexibleArrayBuffer<uint, ulong>(1, entriesOffset: -4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlexibleArrayBuffer<uint, ulong>(int.MaxValue / 4));
    }

    [Fact]
    public void ADisposedBufferRefusesAccess()
    {
        var buffer = new FlexibleArrayBuffer<uint, uint>(1);

        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => buffer.Pointer);
        Assert.Throws<ObjectDisposedException>(() => buffer.Entries.Length);
        Assert.Throws<ObjectDisposedException>(() => buffer.Header);
        buffer.Dispose();
    }

    [SkippableFact]
    public void TheMsrIndexListIsReadThroughTheTooSmallThenRetryProtocol()
    {
        var probe = KvmTestHost.RequireKvmAndProbe();
        Skip.IfNot(probe.Has("KVM_GET_MSR_INDEX_LIST"), "KVM_GET_MSR_INDEX_LIST is an x86 ioctl");
        // struct kvm_msr_list { __u32 nmsrs; __u32 indices[]; }: a __u32 header, checked against the compiler.
        Assert.Equal(sizeof(uint), probe.SizeOf("kvm_msr_list"));
        var request = probe["KVM_GET_MSR_INDEX_LIST"];
        using var system = KvmSystem.Open();

        using var probing = new FlexibleArrayBuffer<uint, uint>(0, probe.OffsetOf("kvm_msr_list", "indices"));
        var tooSmall = system.TryIoctl(request, probing.Pointer, out _);
        var count = (int)probing.Header; // KVM writes back how many entries it needs
        using var list = new FlexibleArrayBuffer<uint, uint>(count, probe.OffsetOf("kvm_msr_list", "indices"));
        list.Header = (uint)count;
        system.Ioctl(request, list.Pointer, "KVM_GET_MSR_INDEX_LIST");

        Assert.Equal(LinuxErrno.E2BIG, tooSmall);
        Assert.True(count > 0);
        Assert.Equal((uint)count, list.Header);
        Assert.Contains(0x10u, list.Entries.ToArray()); // MSR_IA32_TSC, listed by every x86 KVM
    }
}
