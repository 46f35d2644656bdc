using System.Text;
using KvmSharp;

namespace HelloVm;

/// <summary>Runs the greeting guest to its HLT, then prints what it wrote to the serial port and how many exits it took.</summary>
internal static class GreetingRun
{
    public static void Run()
    {
        using var machine = RealModeVm.Create(GreetingGuest.Code);
        var serial = new List<byte>();
        var portWrites = 0;
        var exits = 0;
        while (true)
        {
            var exit = machine.Vcpu.Run();
            // A signal ended KVM_RUN before the guest ran to an exit: not an exit of the guest, go on.
            if (exit.IsInterrupted)
                continue;
            exits++;
            if (exit.Reason == KvmExitReason.Hlt)
                break;
            if (exit.Reason != KvmExitReason.Io)
                throw new UnexpectedGuestExitException($"the guest stopped with exit reason {exit.Reason} after {exits - 1} exits");
            ref var io = ref exit.State.Io;
            if (io.Port != GreetingGuest.SerialPort || io.Direction != KvmExitIo.Out)
                throw new UnexpectedGuestExitException(
                    $"the guest {(io.Direction == KvmExitIo.Out ? "wrote to" : "read from")} port 0x{io.Port:x}; it only writes to 0x{GreetingGuest.SerialPort:x}");
            // A string instruction (rep outsb) could pass several bytes in one exit; this guest passes one.
            serial.AddRange(exit.IoData);
            portWrites++;
        }

        Console.WriteLine($"KVM API version {machine.ApiVersion}; the guest wrote to serial port 0x{GreetingGuest.SerialPort:x}:");
        // Latin-1 maps every byte to one character, so whatever the guest wrote is shown, not replaced.
        Console.Write(Encoding.Latin1.GetString(serial.ToArray()));
        Console.WriteLine($"VM exits: {exits} ({portWrites} port writes, 1 HLT)");
    }
}
