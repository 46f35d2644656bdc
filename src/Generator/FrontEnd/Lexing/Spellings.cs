namespace KvmSharp.Generator.FrontEnd.Lexing;

/// <summary>
/// One string per distinct token spelling of a read: kvm.h spells <c>__u32</c>, <c>struct</c> and <c>KVMIO</c>
/// hundreds of times, and a string for each would be most of what lexing allocates. Equal spellings also
/// become the same object, which the hide sets compare first.
/// </summary>
internal sealed class Spellings
{
    private string?[] slots = new string?[2048];
    private int count;

    /// <summary>The string of <paramref name="length"/> characters of <paramref name="text"/> at <paramref name="start"/>.</summary>
    public string Get(char[] text, int start, int length)
    {
        var span = text.AsSpan(start, length);
        var mask = slots.Length - 1;
        for (var i = Hash(span) & mask; ; i = (i + 1) & mask)
        {
            var known = slots[i];
            if (known is null)
            {
                known = span.ToString();
                slots[i] = known;
                if (++count * 2 > slots.Length)
                    Grow();
                return known;
            }
            if (known.Length == length && span.SequenceEqual(known.AsSpan()))
                return known;
        }
    }

    private void Grow()
    {
        var old = slots;
        slots = new string?[old.Length * 2];
        var mask = slots.Length - 1;
        foreach (var known in old)
        {
            if (known is null)
                continue;
            var i = Hash(known.AsSpan()) & mask;
            while (slots[i] is not null)
                i = (i + 1) & mask;
            slots[i] = known;
        }
    }

    // FNV-1a: spellings are short, and this needs no per-process seed to be the same on every read.
    private static int Hash(ReadOnlySpan<char> span)
    {
        var hash = 2166136261u;
        foreach (var c in span)
            hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7fffffff);
    }
}
