namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>How a wrapper passes the argument of an <c>_IOR</c>/<c>_IOW</c>/<c>_IOWR</c> ioctl.</summary>
internal enum ArgumentKind
{
    /// <summary>A generated record struct, passed by reference (<c>in</c>/<c>ref</c>/<c>out</c>).</summary>
    Record,

    /// <summary>An integer (or pointer) the kernel reads or writes through a pointer: by value for <c>_IOW</c>.</summary>
    Integer,

    /// <summary>A type C# has no struct for: the caller passes the address.</summary>
    Address,
}
