namespace MicroVm.Machine;

/// <summary>How a run ended: the guest stopped itself (exit code 0), or the VMM met an exit it cannot handle.</summary>
/// <param name="Stop">How the guest asked to stop, when it did.</param>
/// <param name="Failure">What went wrong, naming the exit and the vCPU's registers, when the guest did not stop itself.</param>
internal sealed record MachineOutcome(Devices.GuestStop? Stop, string? Failure)
{
    /// <summary>The process's exit code: 0 for a power-off or reboot, 1 otherwise.</summary>
    public int ExitCode => Stop is not null ? 0 : 1;
}
