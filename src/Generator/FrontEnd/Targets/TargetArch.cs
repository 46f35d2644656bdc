namespace KvmSharp.Generator.FrontEnd.Targets;

/// <summary>
/// An LP64 Linux target: what its C compiler predefines (the part that uAPI headers test) and the few
/// ABI facts that differ between the targets.
/// </summary>
public sealed class TargetArch
{
    private TargetArch(string name, string triple, string debianTriple, string debianArch, string kernelArch, bool isBigEndian,
        bool charIsSigned, int longDoubleSize, int longDoubleAlign, IReadOnlyList<KeyValuePair<string, string>> archMacros)
    {
        Name = name;
        ClangTriple = triple;
        DebianTriple = debianTriple;
        DebianArch = debianArch;
        KernelArch = kernelArch;
        IsBigEndian = isBigEndian;
        CharIsSigned = charIsSigned;
        LongDoubleSize = longDoubleSize;
        LongDoubleAlign = longDoubleAlign;
        // AAPCS64 makes wchar_t unsigned int; the SysV psABIs of the others make it int.
        WCharIsSigned = name != "arm64";
        PredefinedMacros = CommonMacros(isBigEndian, charIsSigned, longDoubleSize).Concat(IntegerTypeMacros.For(WCharIsSigned)).Concat(archMacros).ToArray();
    }

    /// <summary>The name used by KvmSharp (<c>x86_64</c>, <c>arm64</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The triple for <c>clang --target=</c>.</summary>
    public string ClangTriple { get; }

    /// <summary>The Debian multiarch triple (<c>aarch64-linux-gnu</c>), which names the cross headers' folder.</summary>
    public string DebianTriple { get; }

    /// <summary>The Debian architecture name (<c>amd64</c>, <c>arm64</c>, <c>ppc64el</c>, ...), which names the cross package.</summary>
    public string DebianArch { get; }

    /// <summary>
    /// The kernel's name of the architecture (<c>ARCH=</c>: <c>x86</c>, <c>arm64</c>, <c>riscv</c>, <c>powerpc</c>,
    /// <c>s390</c>): Fedora's kernel-cross-headers puts this target's headers in <c>/usr/KERNELARCH-linux-gnu/include</c>.
    /// </summary>
    public string KernelArch { get; }

    /// <summary>Debian's cross package of this target's headers (<c>linux-libc-dev-arm64-cross</c>): before Debian 13 and
    /// Ubuntu 24.04 the only Debian package with them on a machine of another architecture.</summary>
    public string DebianCrossPackage => $"linux-libc-dev-{DebianArch}-cross";

    /// <summary>The Debian package that installs this target's uAPI headers on an amd64 Debian 12 machine.</summary>
    /// <remarks>Never linux-libc-dev-amd64-cross on x86_64: the native package is the reference there.</remarks>
    public string DebianHeaderPackage => this == X86_64 ? "linux-libc-dev"
        : this == Ppc64le ? "linux-libc-dev-ppc64el-cross"
        : $"linux-libc-dev-{(this == Arm64 ? "arm64" : Name)}-cross";

    /// <summary>
    /// Where Debian 12 puts the headers on an amd64 machine: the native package splits <c>linux/</c> and the multiarch
    /// <c>asm/</c>; the cross package has one folder. A fixed guess for code that cannot look at the disk (the
    /// generator without KvmIncludeDirectories); everything that can, searches with <see cref="HeaderSearch"/>.
    /// </summary>
    public IReadOnlyList<string> DefaultIncludeDirectories => this == X86_64
        ? new[] { "/usr/include", "/usr/include/" + DebianTriple }
        : new[] { "/usr/" + DebianTriple + "/include" };

    /// <summary>One sentence on how to get the headers, ending with <paramref name="alternative"/> (how to point elsewhere).</summary>
    public string InstallHint(string alternative)
        => $"install the Debian package {DebianHeaderPackage} (apt-get install {DebianHeaderPackage}), or {alternative}";

    /// <summary>
    /// One sentence on how to get the headers on the system <paramref name="os"/> describes, ending with
    /// <paramref name="alternative"/>: see <see cref="HeaderPackages"/>.
    /// </summary>
    public string InstallHint(string alternative, bool cross, OsRelease os)
        => $"{HeaderPackages.Describe(this, cross, os)}, or {alternative}";

    /// <summary>Big-endian byte order.</summary>
    public bool IsBigEndian { get; }

    /// <summary>Whether plain <c>char</c> is signed.</summary>
    public bool CharIsSigned { get; }

    /// <summary>sizeof(long double).</summary>
    public int LongDoubleSize { get; }

    /// <summary>_Alignof(long double).</summary>
    public int LongDoubleAlign { get; }

    /// <summary>
    /// Whether an unnamed bitfield's declared type counts toward the record's alignment. AAPCS64 says
    /// yes (<c>struct { char a; long :3; }</c> is 8-aligned on arm64); the SysV psABIs of the others say no.
    /// </summary>
    public bool UnnamedBitfieldAlignsRecord => this == Arm64;

    /// <summary>Whether <c>wchar_t</c> (the type of <c>L'x'</c>) is signed: it is <c>unsigned int</c> on arm64 only.</summary>
    public bool WCharIsSigned { get; }

    /// <summary>__BIGGEST_ALIGNMENT__: what <c>__attribute__((aligned))</c> without an argument means.</summary>
    public int BiggestAlignment => this == S390x ? 8 : 16;

    /// <summary>Macros the compiler defines before the first line, as <c>clang --target=T -dM -E</c> gives them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PredefinedMacros { get; }

    /// <summary>x86_64 (amd64).</summary>
    public static TargetArch X86_64 { get; } = new("x86_64", "x86_64-linux-gnu", "x86_64-linux-gnu", "amd64", "x86", false, true, 16, 16,
        Macros(("__x86_64__", "1"), ("__x86_64", "1"), ("__amd64__", "1"), ("__amd64", "1")));

    /// <summary>arm64 (aarch64).</summary>
    public static TargetArch Arm64 { get; } = new("arm64", "aarch64-linux-gnu", "aarch64-linux-gnu", "arm64", "arm64", false, false, 16, 16,
        Macros(("__aarch64__", "1"), ("__ARM_64BIT_STATE", "1"), ("__AARCH64EL__", "1"), ("__ARM_ARCH", "8")));

    /// <summary>riscv64.</summary>
    public static TargetArch Riscv64 { get; } = new("riscv64", "riscv64-linux-gnu", "riscv64-linux-gnu", "riscv64", "riscv", false, false, 16, 16,
        Macros(("__riscv", "1"), ("__riscv_xlen", "64")));

    /// <summary>ppc64le.</summary>
    public static TargetArch Ppc64le { get; } = new("ppc64le", "powerpc64le-linux-gnu", "powerpc64le-linux-gnu", "ppc64el", "powerpc", false, false, 16, 16,
        Macros(("__powerpc__", "1"), ("__powerpc64__", "1"), ("__PPC__", "1"), ("__PPC64__", "1"), ("_ARCH_PPC", "1"),
            ("_ARCH_PPC64", "1"), ("_LITTLE_ENDIAN", "1"), ("_CALL_ELF", "2")));

    /// <summary>s390x (big-endian).</summary>
    public static TargetArch S390x { get; } = new("s390x", "s390x-linux-gnu", "s390x-linux-gnu", "s390x", "s390", true, false, 16, 8,
        Macros(("__s390__", "1"), ("__s390x__", "1"), ("__zarch__", "1")));

    /// <summary>Every target KvmSharp knows.</summary>
    public static IReadOnlyList<TargetArch> All { get; } = new[] { X86_64, Arm64, Riscv64, Ppc64le, S390x };

    /// <summary>Finds a target by its name or a common alias (<c>aarch64</c>, <c>amd64</c>, <c>x64</c>, <c>ppc64el</c>).</summary>
    public static TargetArch? Find(string name)
    {
        switch (name.ToLowerInvariant())
        {
            case "x86_64": case "amd64": case "x64": return X86_64;
            case "arm64": case "aarch64": return Arm64;
            case "riscv64": return Riscv64;
            case "ppc64le": case "ppc64el": case "powerpc64le": return Ppc64le;
            case "s390x": return S390x;
            default: return null;
        }
    }

    /// <summary>
    /// The target of a process architecture, as <c>System.Runtime.InteropServices.Architecture</c> names it
    /// (<c>X64</c>, <c>Arm64</c>, <c>RiscV64</c>, <c>Ppc64le</c>, <c>S390x</c>); null for one KvmSharp has no target for.
    /// KvmSharp.targets maps <c>OSArchitecture</c> the same way.
    /// </summary>
    public static TargetArch? FromProcessArchitecture(string architecture)
    {
        switch (architecture)
        {
            case "X64": return X86_64;
            case "Arm64": return Arm64;
            case "RiscV64": return Riscv64;
            case "Ppc64le": return Ppc64le;
            case "S390x": return S390x;
            default: return null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static KeyValuePair<string, string>[] Macros(params (string Name, string Value)[] macros)
        => macros.Select(m => new KeyValuePair<string, string>(m.Name, m.Value)).ToArray();

    // Only what uAPI headers test; the values are those of clang 14 for every LP64 Linux target.
    private static IEnumerable<KeyValuePair<string, string>> CommonMacros(bool bigEndian, bool charIsSigned, int longDoubleSize)
    {
        var macros = new List<(string, string)>
        {
            ("__STDC__", "1"), ("__STDC_VERSION__", "201710L"), ("__STDC_HOSTED__", "1"),
            ("__GNUC__", "4"), ("__GNUC_MINOR__", "2"), ("__GNUC_PATCHLEVEL__", "1"), ("__clang__", "1"),
            ("__linux__", "1"), ("__linux", "1"), ("linux", "1"), ("__unix__", "1"), ("__unix", "1"), ("unix", "1"),
            ("__gnu_linux__", "1"), ("__ELF__", "1"),
            ("__LP64__", "1"), ("_LP64", "1"), ("__CHAR_BIT__", "8"),
            ("__SIZEOF_SHORT__", "2"), ("__SIZEOF_INT__", "4"), ("__SIZEOF_LONG__", "8"), ("__SIZEOF_LONG_LONG__", "8"),
            ("__SIZEOF_POINTER__", "8"), ("__SIZEOF_FLOAT__", "4"), ("__SIZEOF_DOUBLE__", "8"),
            ("__SIZEOF_LONG_DOUBLE__", longDoubleSize.ToString()), ("__SIZEOF_SIZE_T__", "8"), ("__SIZEOF_WCHAR_T__", "4"),
            ("__SIZEOF_WINT_T__", "4"), ("__SIZEOF_PTRDIFF_T__", "8"), ("__SIZEOF_INT128__", "16"),
            ("__ORDER_LITTLE_ENDIAN__", "1234"), ("__ORDER_BIG_ENDIAN__", "4321"), ("__ORDER_PDP_ENDIAN__", "3412"),
            ("__BYTE_ORDER__", bigEndian ? "__ORDER_BIG_ENDIAN__" : "__ORDER_LITTLE_ENDIAN__"),
            ("__INT_MAX__", "2147483647"), ("__LONG_MAX__", "9223372036854775807L"), ("__LONG_LONG_MAX__", "9223372036854775807LL"),
            ("__SCHAR_MAX__", "127"), ("__SHRT_MAX__", "32767"),
        };
        macros.Add(bigEndian ? ("__BIG_ENDIAN__", "1") : ("__LITTLE_ENDIAN__", "1"));
        if (!charIsSigned)
            macros.Add(("__CHAR_UNSIGNED__", "1"));
        return macros.Select(m => new KeyValuePair<string, string>(m.Item1, m.Item2));
    }
}
