namespace KvmSharp.Generator.FrontEnd.Targets;

/// <summary>
/// One place a distribution puts a target's uAPI headers: the include folders to pass, and the two files that
/// must exist for the layout to count as installed (<c>linux/kvm.h</c> and the target's <c>asm/kvm.h</c>).
/// </summary>
/// <param name="Name">What the layout is, for messages (<c>debian-multiarch</c>, ...).</param>
/// <param name="IncludeDirectories">The folders, in search order.</param>
/// <param name="LinuxHeader">The <c>linux/kvm.h</c> the layout must hold.</param>
/// <param name="AsmHeader">The target's <c>asm/kvm.h</c> the layout must hold.</param>
public sealed record HeaderLayout(string Name, IReadOnlyList<string> IncludeDirectories, string LinuxHeader, string AsmHeader);
