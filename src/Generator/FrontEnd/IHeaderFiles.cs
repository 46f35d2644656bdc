namespace KvmSharp.Generator.FrontEnd;

/// <summary>
/// Where the front-end reads header files from. The generator gives it the compilation's AdditionalFiles
/// so the compiler tracks every header; the command line and the tests read the disk.
/// </summary>
public interface IHeaderFiles
{
    /// <summary>Returns the text of <paramref name="path"/>, or null when there is no such file.</summary>
    string? TryRead(string path);
}
