using System.Text;

namespace MicroVm.Guest;

/// <summary>
/// Writes a cpio archive in the "new ASCII" (newc) format, the one the kernel unpacks as an initramfs
/// (Documentation/driver-api/early-userspace/buffer-format.rst): per entry a 110-byte header of "070701" and
/// thirteen 8-digit hex fields, the NUL-terminated name padded to 4 bytes, the data padded to 4 bytes; the
/// archive ends with the entry "TRAILER!!!".
/// </summary>
internal sealed class CpioNewcWriter
{
    private const string Magic = "070701";
    private const int HeaderSize = 110;

    // Type bits of st_mode (the kernel's include/uapi/linux/stat.h).
    public const uint Directory = 0x4000;    // S_IFDIR 0040000
    public const uint RegularFile = 0x8000;  // S_IFREG 0100000
    public const uint CharDevice = 0x2000;   // S_IFCHR 0020000

    private readonly MemoryStream _archive = new();
    private uint _inode = 1;

    /// <summary>Adds a directory.</summary>
    public void AddDirectory(string name, uint permissions = 0x1ED) => Add(name, Directory | permissions, ReadOnlySpan<byte>.Empty, 0, 0, 2);

    /// <summary>Adds a regular file with <paramref name="data"/>.</summary>
    public void AddFile(string name, ReadOnlySpan<byte> data, uint permissions = 0x1ED) => Add(name, RegularFile | permissions, data, 0, 0, 1);

    /// <summary>Adds a character device node (the kernel creates it with mknod while unpacking).</summary>
    public void AddCharDevice(string name, uint major, uint minor, uint permissions = 0x180) =>
        Add(name, CharDevice | permissions, ReadOnlySpan<byte>.Empty, major, minor, 1);

    /// <summary>Ends the archive with its trailer and returns it.</summary>
    public byte[] Finish()
    {
        Add("TRAILER!!!", 0, ReadOnlySpan<byte>.Empty, 0, 0, 1, inode: 0);
        return _archive.ToArray();
    }

    private void Add(string name, uint mode, ReadOnlySpan<byte> data, uint rdevMajor, uint rdevMinor, uint links, uint? inode = null)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var header = new StringBuilder(HeaderSize);
        header.Append(Magic);
        foreach (var field in new uint[]
        {
            inode ?? _inode++, mode, 0 /* uid */, 0 /* gid */, links, 0 /* mtime */, (uint)data.Length,
            0 /* devmajor */, 0 /* devminor */, rdevMajor, rdevMinor, (uint)nameBytes.Length + 1, 0 /* check */,
        })
            header.Append(field.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        _archive.Write(Encoding.ASCII.GetBytes(header.ToString()));
        _archive.Write(nameBytes);
        _archive.WriteByte(0);
        Pad();
        _archive.Write(data);
        Pad();
    }

    private void Pad()
    {
        while (_archive.Length % 4 != 0)
            _archive.WriteByte(0);
    }
}
