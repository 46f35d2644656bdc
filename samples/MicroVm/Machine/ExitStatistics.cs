using MicroVm.Kvm;

namespace MicroVm.Machine;

/// <summary>
/// One vCPU's VM exits by reason and I/O exits by port, and what its thread allocated once past the warm-up: counted on
/// the vCPU's own thread in preallocated arrays, so counting allocates nothing.
/// </summary>
internal sealed class ExitStatistics
{
    /// <summary>Exits before the allocation measurement starts: the first ones JIT-compile the exit paths.</summary>
    public const int WarmUpExits = 2000;

    private readonly long[] _byReason = new long[64];
    private readonly long[] _byPort = new long[65536];
    private long _total;
    private long _allocatedAtWarmUp = -1;
    private long _exitsAtWarmUp;
    private long _allocatedAtEnd;

    /// <summary>Counts one exit.</summary>
    public void Count(KvmExitReason reason)
    {
        _total++;
        var index = (int)reason;
        if ((uint)index < (uint)_byReason.Length)
            _byReason[index]++;
        if (_total == WarmUpExits)
        {
            _allocatedAtWarmUp = GC.GetAllocatedBytesForCurrentThread();
            _exitsAtWarmUp = _total;
        }
    }

    /// <summary>Counts an I/O exit's port.</summary>
    public void CountPort(ushort port) => _byPort[port]++;

    /// <summary>Marks the end of the run, on the vCPU's thread.</summary>
    public void Finish() => _allocatedAtEnd = GC.GetAllocatedBytesForCurrentThread();

    /// <summary>All exits.</summary>
    public long Total => _total;

    /// <summary>Exits of <paramref name="reason"/>.</summary>
    public long Of(KvmExitReason reason) => (uint)(int)reason < (uint)_byReason.Length ? _byReason[(int)reason] : 0;

    /// <summary>Reasons with at least one exit.</summary>
    public IEnumerable<(KvmExitReason Reason, long Count)> Reasons() =>
        _byReason.Select((count, i) => ((KvmExitReason)i, count)).Where(x => x.count > 0);

    /// <summary>Ports with at least one I/O exit.</summary>
    public IEnumerable<(ushort Port, long Count)> Ports() =>
        _byPort.Select((count, i) => ((ushort)i, count)).Where(x => x.count > 0);

    /// <summary>Exits after the warm-up, and the bytes the thread allocated over them; (0, 0) for a short run.</summary>
    public (long Exits, long Bytes) SteadyState => _allocatedAtWarmUp < 0 ? (0, 0) : (_total - _exitsAtWarmUp, _allocatedAtEnd - _allocatedAtWarmUp);
}
