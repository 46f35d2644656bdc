using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>One open <c>#if</c> group: whether its current branch is live, and what it has already seen.</summary>
internal sealed class ConditionalRegion
{
    public ConditionalRegion(Token opening, bool parentActive, bool active)
    {
        Opening = opening;
        ParentActive = parentActive;
        Active = active;
        AnyTaken = active;
    }

    /// <summary>The <c>#if</c>/<c>#ifdef</c>/<c>#ifndef</c> that opened the group, for "unterminated" errors.</summary>
    public Token Opening { get; }

    public bool ParentActive { get; }

    public bool Active { get; set; }

    public bool AnyTaken { get; set; }

    public bool SeenElse { get; set; }
}
