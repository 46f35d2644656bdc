namespace KvmSharp.Cli;

/// <summary><c>kvmgen generate ...</c>: write the C# bindings to <see cref="HeaderOptions.OutputFile"/>, a folder.</summary>
internal sealed record GenerateRequest(HeaderOptions Options, string Namespace, bool Public, bool RuntimeReferenced);
