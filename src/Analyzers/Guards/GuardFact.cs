namespace KvmSharp.Analyzers.Guards;

/// <summary>A condition that tells whether a capability is present: when it has the value <c>WhenTrue</c>, it is.</summary>
internal readonly struct GuardFact
{
    public GuardFact(ulong capability, bool whenTrue)
    {
        Capability = capability;
        WhenTrue = whenTrue;
    }

    public ulong Capability { get; }

    public bool WhenTrue { get; }

    public GuardFact Negated => new(Capability, !WhenTrue);
}
