/*
 * The C reference for HelloVm's --exits N: the same guest bytes, the same VM setup (one vCPU in real
 * mode, CS:IP = 0000:1000, 64 KiB of guest memory at guest-physical 0), the same handling of every
 * port-I/O exit, and the same clock around the KVM_RUN loop only. What the two print is compared by run.sh.
 *
 * Build: gcc -O2 -o vmm vmm.c        Run: ./vmm N
 * Prints one line: "exits: N, ns/exit: X"
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define CODE_ADDRESS 0x1000
#define MEMORY_SIZE 0x10000
#define PORT 0x10

/* Byte for byte samples/HelloVm/ExitLoopGuest.cs; N goes into the imm32 at offset 5. */
static const uint8_t guest_code[] = {
    0xBA, 0x10, 0x00,             /* 1000: mov dx, 0x10 ; the port */
    0x66, 0xB9, 0, 0, 0, 0,       /* 1003: mov ecx, N   ; 0x66: a 32-bit operand in 16-bit code */
    0xEE,                         /* 1009: out dx, al   ; one VM exit */
    0x66, 0x49,                   /* 100A: dec ecx */
    0x75, 0xFB,                   /* 100C: jnz 0x1009   ; 100E - 5 */
    0xF4,                         /* 100E: hlt          ; after the N-th exit */
};
#define COUNT_OFFSET 5

static void die(const char *what)
{
    fprintf(stderr, "vmm: %s: %s\n", what, strerror(errno));
    exit(1);
}

int main(int argc, char **argv)
{
    char *end;
    unsigned long exit_count = argc == 2 ? strtoul(argv[1], &end, 10) : 0;
    if (argc != 2 || *end != '\0' || exit_count == 0 || exit_count > UINT32_MAX) {
        fprintf(stderr, "usage: vmm N   (N from 1 to %u port-I/O exits)\n", UINT32_MAX);
        return 2;
    }

    int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (kvm < 0)
        die("open(/dev/kvm)");
    if (ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION) {
        fprintf(stderr, "vmm: KVM API version is not %d\n", KVM_API_VERSION);
        return 1;
    }
    int vm = ioctl(kvm, KVM_CREATE_VM, 0);
    if (vm < 0)
        die("KVM_CREATE_VM");

    /* As GuestMemory maps it. */
    uint8_t *memory = mmap(NULL, MEMORY_SIZE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (memory == MAP_FAILED)
        die("mmap(guest memory)");
    memcpy(memory + CODE_ADDRESS, guest_code, sizeof guest_code);
    uint32_t count32 = (uint32_t)exit_count;
    memcpy(memory + CODE_ADDRESS + COUNT_OFFSET, &count32, sizeof count32); /* x86 is little-endian */

    struct kvm_userspace_memory_region region = {
        .slot = 0, .guest_phys_addr = 0, .memory_size = MEMORY_SIZE, .userspace_addr = (uint64_t)(uintptr_t)memory,
    };
    if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
        die("KVM_SET_USER_MEMORY_REGION");

    int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
    if (vcpu < 0)
        die("KVM_CREATE_VCPU");
    int run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
    if (run_size < 0)
        die("KVM_GET_VCPU_MMAP_SIZE");
    struct kvm_run *run = mmap(NULL, (size_t)run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
    if (run == MAP_FAILED)
        die("mmap(kvm_run)");

    /* Real mode at 0000:1000: CS from its reset value F000/FFFF0000 to 0/0; EFLAGS only the reserved bit 1. */
    struct kvm_sregs sregs;
    if (ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0)
        die("KVM_GET_SREGS");
    sregs.cs.base = 0;
    sregs.cs.selector = 0;
    if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0)
        die("KVM_SET_SREGS");
    struct kvm_regs regs;
    if (ioctl(vcpu, KVM_GET_REGS, &regs) < 0)
        die("KVM_GET_REGS");
    regs.rip = CODE_ADDRESS;
    regs.rflags = 0x2;
    if (ioctl(vcpu, KVM_SET_REGS, &regs) < 0)
        die("KVM_SET_REGS");

    /* The loop under measurement, as HelloVm's ExitLoopRun.RunToHalt: KVM_RUN and a look at kvm_run. */
    uint32_t handled = 0;
    struct timespec start, stop;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (ioctl(vcpu, KVM_RUN, 0) < 0) {
            if (errno == EINTR)
                continue;
            die("KVM_RUN");
        }
        if (run->exit_reason == KVM_EXIT_IO) {
            if (run->io.port != PORT || run->io.direction != KVM_EXIT_IO_OUT) {
                fprintf(stderr, "vmm: the guest used port 0x%x\n", run->io.port);
                return 1;
            }
            handled++;
            continue;
        }
        if (run->exit_reason == KVM_EXIT_HLT)
            break;
        fprintf(stderr, "vmm: the guest stopped with exit reason %u after %u port writes\n", run->exit_reason, handled);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &stop);

    if (handled != count32) {
        fprintf(stderr, "vmm: the guest halted after %u port writes, not %u\n", handled, count32);
        return 1;
    }
    double elapsed_ns = (double)(stop.tv_sec - start.tv_sec) * 1e9 + (double)(stop.tv_nsec - start.tv_nsec);
    printf("exits: %u, ns/exit: %.1f\n", handled, elapsed_ns / handled);
    return 0;
}
