namespace KvmSharp.Generator.FrontEnd.Lexing;

/// <summary>A comment as it stands in the file: its text without delimiters and the lines it spans.</summary>
internal sealed record SourceComment(string Text, int StartLine, int EndLine, int Column);
