namespace KvmSharp.Generator.Emission.Contracts;

/// <summary>
/// The attributes the capability analyzers read: a contract's text, a user's guard method, and the ioctl a
/// typed method issues. Not <c>[Conditional]</c>: analyzers read them from referenced assemblies too.
/// </summary>
internal static class ContractSupportTypes
{
    public static void Write(IndentedWriter w, EmitOptions options)
    {
        w.Summary("A capability contract in the line format of docs/diagnostics/capability-contracts.md.");
        w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Field, AllowMultiple = false, Inherited = false)]");
        using (w.Open($"{options.Accessibility} sealed partial class {GeneratedNames.CapabilityContractAttribute} : global::System.Attribute"))
        {
            w.Line("/// <summary>Records the contract <paramref name=\"text\"/>.</summary>");
            w.Line("/// <param name=\"text\">The contract, one directive a line.</param>");
            w.Line("public KvmCapabilityContractAttribute(string text) => Text = text;");
            w.Line();
            w.Line("/// <summary>The contract, one directive a line.</summary>");
            w.Line("public string Text { get; }");
        }
        w.Line();
        w.Summary("Marks a bool method that returns true only when a capability is present, so that KVM0009 counts\nits true branch as a check: the capability is named here, or passed to the method as a KvmCapability.");
        w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = false, Inherited = false)]");
        using (w.Open($"{options.Accessibility} sealed partial class {GeneratedNames.CapabilityGuardAttribute} : global::System.Attribute"))
        {
            w.Line("/// <summary>The capability comes from the method's KvmCapability argument.</summary>");
            w.Line("public KvmCapabilityGuardAttribute() { }");
            w.Line();
            w.Line("/// <summary>The method checks <paramref name=\"capability\"/>.</summary>");
            w.Line("/// <param name=\"capability\">The KVM_CAP_* macro name.</param>");
            w.Line("public KvmCapabilityGuardAttribute(string capability) => Capability = capability;");
            w.Line();
            w.Line("/// <summary>The KVM_CAP_* macro name, or null when the method takes it as an argument.</summary>");
            w.Line("public string? Capability { get; }");
        }
        w.Line();
        w.Summary("On a typed ioctl method: the macro name of the ioctl it issues, for analyzers.");
        w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = false, Inherited = false)]");
        using (w.Open($"{options.Accessibility} sealed partial class {GeneratedNames.IoctlMethodAttribute} : global::System.Attribute"))
        {
            w.Line("/// <summary>Records the ioctl <paramref name=\"ioctl\"/>.</summary>");
            w.Line("/// <param name=\"ioctl\">The ioctl's macro name.</param>");
            w.Line("public KvmIoctlMethodAttribute(string ioctl) => Ioctl = ioctl;");
            w.Line();
            w.Line("/// <summary>The ioctl's macro name.</summary>");
            w.Line("public string Ioctl { get; }");
        }
    }
}
