namespace KvmSharp.Cli.Review;

/// <summary>
/// The stable IDs of <c>kvmgen review</c>'s checks (README, "For kernel developers"). An ID never changes meaning;
/// a new check gets the next number.
/// </summary>
internal static class ReviewIds
{
    /// <summary>api.rst mentions a <c>KVM_*</c> name the header does not define (and the kernel does not document as removed).</summary>
    public const string UndefinedName = "KVMR0001";

    /// <summary>A merge-conflict marker, or a leftover of one, in api.rst or a header.</summary>
    public const string ConflictMarker = "KVMR0002";

    /// <summary>A capability or ioctl the patch adds has no api.rst section.</summary>
    public const string Undocumented = "KVMR0003";

    /// <summary>The api.rst section of a new capability or ioctl lacks a field its chapter says every section gives.</summary>
    public const string MissingField = "KVMR0004";

    /// <summary>A section's <c>:Type:</c> (or a capability's <c>:Target:</c>) names another fd than the one the ioctl is issued on.</summary>
    public const string WrongFd = "KVMR0005";

    /// <summary>Two capabilities share a number, or two ioctls a (type, nr) pair, in the header.</summary>
    public const string DuplicateNumber = "KVMR0006";

    /// <summary>A number the patch gives a new capability or ioctl is taken in the base tree: the rebase collision.</summary>
    public const string RebaseCollision = "KVMR0007";

    /// <summary>Two flags of one group (the same run of <c>#define</c>s, under the same parent) share a bit.</summary>
    public const string SharedBit = "KVMR0008";

    /// <summary>An ioctl documented <c>(in)</c>, <c>(out)</c> or <c>(in/out)</c> whose <c>_IOW</c>/<c>_IOR</c>/<c>_IOWR</c> says otherwise.</summary>
    public const string Direction = "KVMR0009";
}
