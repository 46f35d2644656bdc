using System.Runtime.InteropServices;
using KvmSharp.Interop;

namespace KvmSharp;

/// <summary>What a user can do when <c>/dev/kvm</c> cannot be opened, by errno: the sentence <see cref="KvmSystem.Open"/> adds.</summary>
internal static class KvmDeviceAccess
{
    private const int AtCurrentDirectory = -100;   // AT_FDCWD
    private const uint StatxGid = 0x10;            // STATX_GID
    private const int StatxGidOffset = 20;         // struct statx: stx_mask, stx_blksize (u32), stx_attributes (u64), stx_nlink, stx_uid, stx_gid

    /// <summary>The remedy for open(<paramref name="path"/>) failing with <paramref name="errno"/>; null when there is none to give.</summary>
    public static string? Remedy(string path, int errno) => errno switch
    {
        LinuxErrno.ENOENT or LinuxErrno.ENODEV or LinuxErrno.ENXIO =>
            $"{path} does not exist: this machine has no KVM, or its module is not loaded. On bare metal, enable virtualization " +
            "(VT-x or AMD-V) in the firmware and load the module (sudo modprobe kvm_intel, or kvm_amd); in a VM, the host must offer nested virtualization",
        LinuxErrno.EACCES or LinuxErrno.EPERM => OwnerGroup(path) is { } group
            ? $"This user may not open {path}: add it to the group that owns it ({group}) with sudo usermod -aG {group} $USER, then log in again"
            : $"This user may not open {path}: add it to the group that owns the device (usually kvm), then log in again",
        _ => null,
    };

    /// <summary>The name of the group that owns <paramref name="path"/>, or its number when it has no name; null when unknown.</summary>
    internal static unsafe string? OwnerGroup(string path)
    {
        var buffer = stackalloc byte[256];
        new Span<byte>(buffer, 256).Clear();
        if (LibC.Statx(AtCurrentDirectory, path, 0, StatxGid, buffer) != 0)
            return null;
        var gid = *(uint*)(buffer + StatxGidOffset);
        var group = LibC.GetGroupById(gid);
        var name = group == 0 ? null : Marshal.PtrToStringUTF8(*(nint*)group);
        return string.IsNullOrEmpty(name) ? gid.ToString(System.Globalization.CultureInfo.InvariantCulture) : name;
    }
}
