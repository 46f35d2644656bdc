namespace KvmSharp.Cli;

/// <summary>kvmgen's exit statuses; scripts and CI test them, so they do not change.</summary>
internal static class ExitStatus
{
    /// <summary>The header was read without an error.</summary>
    public const int Success = 0;

    /// <summary>A header error was reported (the JSON or files are still written), or the header was not found (nothing is
    /// written: nothing was read), or an output file could not be written.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;
}
