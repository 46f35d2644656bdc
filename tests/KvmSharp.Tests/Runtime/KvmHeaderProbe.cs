using System.Diagnostics;
using System.Globalization;

namespace KvmSharp.Tests.Runtime;

/// <summary>
/// The few request numbers, constants and layouts the runtime tests need, taken from the machine's C
/// compiler and <c>linux/kvm.h</c> (until generated code exists, nothing is typed by hand). Compiled and
/// run once per test run.
/// </summary>
internal sealed class KvmHeaderProbe
{
    // gcc first: what the kernel and most VMMs are built with; clang-14 is what CI installs.
    private static readonly string[] Compilers = { "gcc", "cc", "clang-14", "clang" };

    // Each line prints "key value"; layout keys are "sizeof:struct" and "offsetof:struct.member".
    private const string Program = """
        #include <stdio.h>
        #include <stddef.h>
        #include <linux/kvm.h>
        #define VALUE(x) printf("%s %llu\n", #x, (unsigned long long)(x))
        #define SIZE(s) printf("sizeof:%s %zu\n", #s, sizeof(struct s))
        #define OFFSET(s, m) printf("offsetof:%s.%s %zu\n", #s, #m, offsetof(struct s, m))
        int main(void)
        {
            VALUE(KVM_API_VERSION);
            VALUE(KVM_GET_API_VERSION);
            VALUE(KVM_CREATE_VM);
            VALUE(KVM_CHECK_EXTENSION);
            VALUE(KVM_GET_VCPU_MMAP_SIZE);
            VALUE(KVM_CREATE_VCPU);
            VALUE(KVM_SET_USER_MEMORY_REGION);
            VALUE(KVM_CAP_USER_MEMORY);
            VALUE(KVM_CAP_NR_MEMSLOTS);
            VALUE(KVM_GET_MP_STATE);
            VALUE(KVM_SET_MP_STATE);
            VALUE(KVM_MP_STATE_RUNNABLE);
            VALUE(KVM_CREATE_DEVICE);
            VALUE(KVM_CREATE_DEVICE_TEST);
            VALUE(KVM_DEV_TYPE_VFIO);
            SIZE(kvm_userspace_memory_region);
            OFFSET(kvm_userspace_memory_region, slot);
            OFFSET(kvm_userspace_memory_region, flags);
            OFFSET(kvm_userspace_memory_region, guest_phys_addr);
            OFFSET(kvm_userspace_memory_region, memory_size);
            OFFSET(kvm_userspace_memory_region, userspace_addr);
            SIZE(kvm_mp_state);
            SIZE(kvm_create_device);
            OFFSET(kvm_create_device, type);
            OFFSET(kvm_create_device, fd);
            OFFSET(kvm_create_device, flags);
        #ifdef KVM_GET_MSR_INDEX_LIST
            VALUE(KVM_GET_MSR_INDEX_LIST);
            SIZE(kvm_msr_list);
            OFFSET(kvm_msr_list, indices);
        #endif
            return 0;
        }
        """;

    private static readonly Lazy<(KvmHeaderProbe? Probe, string? Problem)> Shared = new(Run);

    private readonly Dictionary<string, ulong> _values;

    private KvmHeaderProbe(Dictionary<string, ulong> values) => _values = values;

    /// <summary>The probe, or null with <see cref="UnavailableReason"/> saying why it cannot run here.</summary>
    public static KvmHeaderProbe? Instance => Shared.Value.Probe;

    /// <summary>Why there is no probe (no compiler, no header), or null.</summary>
    public static string? UnavailableReason => Shared.Value.Problem;

    /// <summary>A macro's value, for example <c>this["KVM_CREATE_VM"]</c>.</summary>
    public ulong this[string key] =>
        _values.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"the probe did not print {key}");

    /// <summary>Whether the header defines <paramref name="key"/> for this architecture.</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>sizeof(struct <paramref name="record"/>).</summary>
    public int SizeOf(string record) => checked((int)this["sizeof:" + record]);

    /// <summary>offsetof(struct <paramref name="record"/>, <paramref name="member"/>).</summary>
    public int OffsetOf(string record, string member) => checked((int)this[$"offsetof:{record}.{member}"]);

    private static (KvmHeaderProbe?, string?) Run()
    {
        if (!File.Exists("/usr/include/linux/kvm.h"))
            return (null, "needs linux-libc-dev (/usr/include/linux/kvm.h) to learn request numbers from the C compiler");
        var compiler = FindCompiler();
        if (compiler is null)
            return (null, "needs a C compiler (gcc or clang) on PATH to learn request numbers from linux/kvm.h");
        var folder = Directory.CreateTempSubdirectory("kvmsharp-runtime-probe-").FullName;
        try
        {
            var source = Path.Combine(folder, "probe.c");
            var program = Path.Combine(folder, "probe");
            File.WriteAllText(source, Program);
            Execute(compiler, "-std=gnu11", "-o", program, source);
            var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (var line in Execute(program).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ');
                values[parts[0]] = ulong.Parse(parts[1], CultureInfo.InvariantCulture);
            }
            return (new KvmHeaderProbe(values), null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? FindCompiler()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return Compilers
            .SelectMany(name => path.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(folder => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }

    private static string Execute(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{file} exited with {process.ExitCode}:\n{errors.Result}");
    }
}
