namespace KvmSharp.Generator.FrontEnd.Placement;

/// <summary>Where the fds of an ioctl's placement come from, most trusted first.</summary>
public enum PlacementOrigin
{
    /// <summary>An <c>ioctl</c> statement of the project's <c>*.kvmcontracts</c>.</summary>
    Statement,
    /// <summary>KvmSharp's built-in facts (api.rst and the kernel's dispatchers).</summary>
    Facts,
    /// <summary>Inferred from a section comment of the header: a warning says so.</summary>
    HeaderComment,
    /// <summary>Nothing says: the ioctl gets no method, a warning says so.</summary>
    Unknown,
}
