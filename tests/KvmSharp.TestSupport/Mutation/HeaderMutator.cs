namespace KvmSharp.TestSupport.Mutation;

/// <summary>A mutated copy of a header set: the seed that made it, its edits, and the resulting texts.</summary>
internal sealed record MutatedCopy(int Seed, IReadOnlyList<HeaderEdit> Edits, IReadOnlyDictionary<string, string> Files);

/// <summary>
/// Damages a header set the way a bad checkout, a half-applied patch or a hand edit would: byte flips,
/// deleted, duplicated and moved tokens and lines, truncation. Deterministic: a seed always gives the
/// same copy, so a failure is replayed from its seed alone.
/// </summary>
internal sealed class HeaderMutator(HeaderSet set)
{
    // What a flipped or inserted byte becomes: mostly characters that matter to a C reader
    // (brackets, directives, quotes, comment openers, splices), plus line ends and NUL-ish bytes.
    private const string Interesting = "{}()[]#\"'/*\\;,<>=!&|?:~^%+-.@$`\n\n\r\t\0\v\f\u001a\u007f\u00ff\u00e9\ufffd";

    private static readonly (EditKind Kind, int Weight)[] Weights =
    [
        (EditKind.ByteFlip, 25), (EditKind.ByteInsert, 10), (EditKind.TokenDelete, 20), (EditKind.TokenDuplicate, 12),
        (EditKind.TokenTransplant, 8), (EditKind.LineDelete, 10), (EditKind.LineDuplicate, 10), (EditKind.Truncate, 5),
    ];

    private static readonly int TotalWeight = Weights.Sum(w => w.Weight);

    /// <summary>One to four edits to the main header; one copy in five also gets one or two in <c>asm/kvm.h</c>.</summary>
    public MutatedCopy Mutate(int seed)
    {
        var random = new Random(seed);
        var edits = new List<HeaderEdit>();
        var mainEdits = 1 + random.Next(4);
        for (var i = 0; i < mainEdits; i++)
            edits.Add(NextEdit(set.Main, random));
        if (set.ArchHeader is { } arch && random.Next(5) == 0)
        {
            var archEdits = 1 + random.Next(2);
            for (var i = 0; i < archEdits; i++)
                edits.Add(NextEdit(arch, random));
        }

        var kept = HeaderSet.Normalize(edits);
        return new MutatedCopy(seed, kept, set.Apply(kept));
    }

    /// <summary>One edit of <paramref name="kind"/> to <paramref name="header"/>.</summary>
    public static HeaderEdit NextEdit(HeaderText header, Random random, EditKind? kind = null)
    {
        kind ??= PickKind(random);
        var text = header.Text;
        if (text.Length == 0 || header.Tokens.Count == 0)
            return new HeaderEdit(header.Path, EditKind.ByteInsert, 0, 0, PickChar(random));

        switch (kind.Value)
        {
            case EditKind.ByteFlip:
            {
                var at = PickPosition(header, random);
                var replacement = PickChar(random);
                if (replacement[0] == text[at])
                    replacement = PickChar(random);
                return new HeaderEdit(header.Path, EditKind.ByteFlip, at, 1, replacement);
            }
            case EditKind.ByteInsert:
                return new HeaderEdit(header.Path, EditKind.ByteInsert, PickPosition(header, random), 0, PickChar(random));
            case EditKind.TokenDelete:
            {
                // Usually one token, sometimes a short run (a lost "struct kvm_run {").
                var first = random.Next(header.Tokens.Count);
                var last = Math.Min(header.Tokens.Count - 1, first + (random.Next(4) == 0 ? random.Next(1, 3) : 0));
                var start = header.Tokens[first].Start;
                return new HeaderEdit(header.Path, EditKind.TokenDelete, start, header.Tokens[last].End - start, "");
            }
            case EditKind.TokenDuplicate:
            {
                var token = PickToken(header, random);
                var separator = (random.Next(3)) switch { 0 => "", 1 => " ", _ => "\n" };
                return new HeaderEdit(header.Path, EditKind.TokenDuplicate, token.End, 0, separator + Slice(text, token));
            }
            case EditKind.TokenTransplant:
            {
                var token = PickToken(header, random);
                var target = PickToken(header, random);
                return new HeaderEdit(header.Path, EditKind.TokenTransplant, target.Start, 0, Slice(text, token) + " ");
            }
            case EditKind.LineDelete:
            {
                var first = random.Next(header.Lines.Count);
                var last = Math.Min(header.Lines.Count - 1, first + (random.Next(4) == 0 ? random.Next(1, 3) : 0));
                var start = header.Lines[first].Start;
                return new HeaderEdit(header.Path, EditKind.LineDelete, start, header.Lines[last].End - start, "");
            }
            case EditKind.LineDuplicate:
            {
                // Half the time in place, half the time elsewhere: a copied "#endif" or "};" far from home.
                var line = header.Lines[random.Next(header.Lines.Count)];
                var at = random.Next(2) == 0 ? line.Start : header.Lines[random.Next(header.Lines.Count)].Start;
                var copy = Slice(text, line);
                if (!copy.EndsWith('\n'))
                    copy += "\n";
                return new HeaderEdit(header.Path, EditKind.LineDuplicate, at, 0, copy);
            }
            default:
            {
                var at = random.Next(text.Length);
                return new HeaderEdit(header.Path, EditKind.Truncate, at, text.Length - at, "");
            }
        }
    }

    private static EditKind PickKind(Random random)
    {
        var roll = random.Next(TotalWeight);
        foreach (var (kind, weight) in Weights)
        {
            if (roll < weight)
                return kind;
            roll -= weight;
        }

        return EditKind.ByteFlip;
    }

    // Half the positions inside code tokens: most of a header's bytes are comments, where a flip says little.
    private static int PickPosition(HeaderText header, Random random)
    {
        if (random.Next(2) == 0)
            return random.Next(header.Text.Length);
        var token = PickToken(header, random);
        return token.Start + random.Next(token.Length);
    }

    private static TokenSpan PickToken(HeaderText header, Random random) => header.Tokens[random.Next(header.Tokens.Count)];

    private static string PickChar(Random random)
    {
        // One in four is an ordinary character, so identifiers and numbers also get bent.
        if (random.Next(4) == 0)
            return ((char)random.Next(' ', '\u007f')).ToString();
        return Interesting[random.Next(Interesting.Length)].ToString();
    }

    private static string Slice(string text, TokenSpan span) => text.Substring(span.Start, span.Length);
}
