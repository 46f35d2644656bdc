using System.Runtime.InteropServices;
using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// The checks the lifetime tests rely on, against what the runtime's own threads may do between a munmap and
/// the check: map other memory in the hole it left.
/// </summary>
[Collection(ProcessResourceCollection.Name)]
public sealed class ProcessResourcesTests
{
    private const int ProtReadWrite = 0x1 | 0x2;
    private const int MapPrivateAnonymousFixedNoReplace = 0x02 | 0x20 | 0x100000;
    private const int EEXIST = 17;

    [Fact]
    public void MemoryMappedWhereAMarkedMappingWasIsNotTakenForIt()
    {
        var page = (nuint)Environment.SystemPageSize;
        var memory = new GuestMemory(page);
        var mark = ProcessResources.Mark(memory);
        memory.Dispose();

        var other = Mmap((nint)mark.Address, page, ProtReadWrite, MapPrivateAnonymousFixedNoReplace, -1, 0);
        if (other == -1) // something took the hole first: the case this check is for, just as good
            Assert.Equal(EEXIST, Marshal.GetLastPInvokeError());
        try
        {
            Assert.NotNull(ProcessResources.MappingAt(mark.Address));
            Assert.False(mark.IsMapped);
        }
        finally
        {
            if (other != -1)
                Assert.Equal(0, Munmap(other, page));
        }
    }

    [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static extern nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static extern int Munmap(nint address, nuint length);
}
