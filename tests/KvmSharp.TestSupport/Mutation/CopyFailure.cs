namespace KvmSharp.TestSupport.Mutation;

/// <summary>What went wrong when the front-end read a copy.</summary>
internal enum FailureKind
{
    /// <summary>Read threw.</summary>
    Exception,

    /// <summary>Read did not return within the time limit.</summary>
    Hang,

    /// <summary>A diagnostic breaks the contract: unknown file, line or column out of the file, empty error message.</summary>
    BadDiagnostic,

    /// <summary>The model itself is malformed (null parts, files it claims to have read but could not have).</summary>
    BadModel,

    /// <summary>The process died during Read (stack overflow, fatal error): only a supervised soak sees this.</summary>
    Crash,
}

/// <summary>
/// One broken promise of the front-end on one copy. <see cref="Signature"/> is the same for every
/// copy that hits the same defect, so a soak can count distinct defects rather than copies.
/// </summary>
internal sealed record CopyFailure(FailureKind Kind, string Signature, string Detail)
{
    public override string ToString() => $"{Kind}: {Detail}";
}
