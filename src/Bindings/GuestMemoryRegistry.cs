using KvmSharp.Interop;

namespace KvmSharp;

/// <summary>
/// Which guest memory each of a VM's slots points at, holding a reference on every mapping so that none
/// is unmapped while the VM's kernel object may still reach it. Thread-safe.
/// </summary>
internal sealed class GuestMemoryRegistry
{
    // Keyed by KVM's 32-bit slot word as passed to the ioctl (address space in the high 16 bits on
    // architectures that have several), so two address spaces never collide.
    private readonly Dictionary<uint, MemoryMapping> _slots = new();
    private bool _closed;

    /// <summary>Points <paramref name="slot"/> at <paramref name="mapping"/>, letting go of what it pointed at.</summary>
    /// <exception cref="ObjectDisposedException">The mapping is already retired.</exception>
    public void Track(uint slot, MemoryMapping mapping)
    {
        // Taken before the lock and before anything is replaced: a retired mapping changes nothing.
        var added = false;
        mapping.DangerousAddRef(ref added);
        MemoryMapping? previous;
        lock (_slots)
        {
            if (_closed)
            {
                mapping.DangerousRelease();
                throw new ObjectDisposedException(nameof(KvmVm));
            }
            _slots.TryGetValue(slot, out previous);
            _slots[slot] = mapping;
        }
        previous?.DangerousRelease();
    }

    /// <summary>Forgets <paramref name="slot"/> (deleted in the kernel); false when it was not tracked.</summary>
    public bool Untrack(uint slot)
    {
        MemoryMapping? previous;
        lock (_slots)
        {
            if (!_slots.Remove(slot, out previous))
                return false;
        }
        previous.DangerousRelease();
        return true;
    }

    /// <summary>The slots tracked now.</summary>
    public IReadOnlyCollection<uint> Slots
    {
        get
        {
            lock (_slots)
                return _slots.Keys.ToArray();
        }
    }

    /// <summary>Lets go of every mapping: the VM's kernel object is gone. Later calls to Track throw.</summary>
    public void ReleaseAll()
    {
        MemoryMapping[] mappings;
        lock (_slots)
        {
            _closed = true;
            mappings = _slots.Values.ToArray();
            _slots.Clear();
        }
        foreach (var mapping in mappings)
            mapping.DangerousRelease();
    }
}
