using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Extraction;

/// <summary>A comment that stands on lines of its own, with its cleaned text.</summary>
internal sealed record StandaloneComment(SourceComment Comment, string Text);
