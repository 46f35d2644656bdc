using System.Collections.Generic;

namespace KvmSharp.Generator.ContractFormat;

/// <summary><c>Bit</c> in <c>args[Argument]</c> is refused (EPERM) for a memslot registered with any of <c>MemslotFlags</c>.</summary>
internal sealed class MemslotConflict
{
    public MemslotConflict(int argument, string bit, IReadOnlyList<string> memslotFlags)
    {
        Argument = argument;
        Bit = bit;
        MemslotFlags = memslotFlags;
    }

    public int Argument { get; }

    public string Bit { get; }

    public IReadOnlyList<string> MemslotFlags { get; }
}
