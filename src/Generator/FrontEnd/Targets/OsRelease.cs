using System.Text.RegularExpressions;

namespace KvmSharp.Generator.FrontEnd.Targets;

/// <summary>
/// The fields of <c>/etc/os-release</c> that say which packages hold the headers: <c>ID</c>, <c>ID_LIKE</c> and
/// <c>VERSION_ID</c>. Read with the same regular expressions KvmSharp.targets uses, so the two agree on any file.
/// </summary>
/// <param name="Id">The distribution (<c>debian</c>, <c>ubuntu</c>, <c>fedora</c>, ...); empty when unknown.</param>
/// <param name="IdLike">The distributions it derives from, space-separated as in the file (<c>rhel centos fedora</c>).</param>
/// <param name="VersionId">Its version (<c>12</c>, <c>24.04</c>, <c>41</c>); empty on Debian testing and sid.</param>
public sealed record OsRelease(string Id, string IdLike, string VersionId)
{
    /// <summary>Nothing known: no os-release file, or one without these fields.</summary>
    public static OsRelease Unknown { get; } = new("", "", "");

    /// <summary>Reads the text of an os-release file; never throws (a null or garbled text gives <see cref="Unknown"/> fields).</summary>
    public static OsRelease Parse(string? text)
        => text is null ? Unknown : new OsRelease(Field(text, "ID"), Field(text, "ID_LIKE"), Field(text, "VERSION_ID"));

    /// <summary>Whether the distribution is <paramref name="id"/> or derives from it.</summary>
    public bool IsLike(string id)
        => Id == id || IdLike.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries).Contains(id);

    /// <summary>Whether <see cref="VersionId"/> is a number of at least <paramref name="major"/>.<paramref name="minor"/>;
    /// false when it is empty or not a dotted number.</summary>
    public bool VersionAtLeast(int major, int minor = 0)
        => Regex.IsMatch(VersionId, @"^\d+(\.\d+)*$") && Version.TryParse(VersionId.IndexOf('.') >= 0 ? VersionId : VersionId + ".0", out var version)
            && version >= new Version(major, minor);

    // KvmSharp.targets: (?m)^NAME=["']?([^"'\r\n]*) on the whole file, value trimmed.
    private static string Field(string text, string name)
    {
        var match = Regex.Match(text, "(?m)^" + name + "=[\"']?([^\"'\\r\\n]*)", RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value.Trim() : "";
    }
}
