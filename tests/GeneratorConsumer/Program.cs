using System.Runtime.CompilerServices;
using KvmSharp;

// Uses only what every target's header has, so the same source builds for x86_64 and arm64.

Console.WriteLine($"KVM_API_VERSION: {KvmConstants.KVM_API_VERSION}");
Console.WriteLine($"KVM_RUN: 0x{KvmIoctls.Run:X}");
Console.WriteLine($"KVM_CAP_USER_MEMORY: {(int)KvmCapability.UserMemory}");
Console.WriteLine($"sizeof(struct kvm_run): {Unsafe.SizeOf<KvmRun>()}");
Console.WriteLine($"sizeof(struct kvm_userspace_memory_region): {Unsafe.SizeOf<KvmUserspaceMemoryRegion>()}");
