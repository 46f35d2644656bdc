namespace KvmSharp.Generator.ContractFormat;

/// <summary>What <c>kvm_enable_cap.flags</c> means for a capability.</summary>
internal enum FlagsMeaning
{
    /// <summary>The contract says nothing about flags.</summary>
    Unspecified,

    /// <summary>The capability defines no flags; the kernel rejects nonzero ones.</summary>
    None,

    /// <summary>flags selects an action: exactly one of the contract's actions.</summary>
    Actions,
}
