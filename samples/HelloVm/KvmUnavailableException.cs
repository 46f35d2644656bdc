namespace HelloVm;

/// <summary>This machine cannot run a VM at all: no <c>/dev/kvm</c>, no permission, or a KVM too old for the sample.</summary>
internal sealed class KvmUnavailableException(string message) : Exception(message);
