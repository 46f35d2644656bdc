namespace KvmSharp.Cli;

/// <summary>The outcome of reading the command line: exactly one of these.</summary>
internal abstract record ParsedArguments;

/// <summary><c>--help</c>: print the usage and succeed.</summary>
internal sealed record HelpRequest : ParsedArguments;

/// <summary><c>kvmgen dump ...</c> with valid options.</summary>
internal sealed record DumpRequest(HeaderOptions Options) : ParsedArguments;

/// <summary><c>kvmgen generate ...</c>: write the C# bindings to <see cref="HeaderOptions.OutputFile"/>, a folder.</summary>
internal sealed record GenerateRequest(HeaderOptions Options, string Namespace, bool Public, bool RuntimeReferenced) : ParsedArguments;

/// <summary>The command line is wrong; <see cref="Message"/> says how, in one line.</summary>
internal sealed record UsageError(string Message) : ParsedArguments;
