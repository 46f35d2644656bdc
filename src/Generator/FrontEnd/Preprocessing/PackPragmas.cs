using KvmSharp.Generator.Diagnostics;
using KvmSharp.Generator.FrontEnd.Lexing;

namespace KvmSharp.Generator.FrontEnd.Preprocessing;

/// <summary>
/// <c>#pragma pack</c> as GCC and clang read it: <c>pack(N)</c>, <c>pack()</c>, <c>pack(push[, label][, N])</c>,
/// <c>pack(pop[, label | N])</c>. The value in effect is kept by position in the preprocessed tokens, so the
/// parser can ask what applies to the record whose body starts at a token: it caps the alignment of every
/// member of that record, <c>aligned</c> attributes included.
/// </summary>
internal sealed class PackPragmas
{
    private readonly List<(int TokenIndex, int? MaxFieldAlign)> changes = new();
    private readonly Stack<(string? Label, int? MaxFieldAlign)> pushed = new();
    private int? current;

    /// <summary>The cap in bytes at <paramref name="tokenIndex"/> of the preprocessed tokens, or null when no pack applies.</summary>
    public int? At(int tokenIndex)
    {
        // Changes are in token order; a header of many pragmas and records must not make this quadratic.
        int low = 0, high = changes.Count - 1;
        int? value = null;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            if (changes[middle].TokenIndex <= tokenIndex)
            {
                value = changes[middle].MaxFieldAlign;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return value;
    }

    /// <summary>Reads <c>pack ( ... )</c> (macro-expanded, after <c>#pragma</c>) met before preprocessed token <paramref name="tokenIndex"/>.</summary>
    public void Read(Token pack, List<Token> operands, int tokenIndex, DiagnosticBag diagnostics)
    {
        if (operands.Count < 2 || !operands[0].Is("(") || !operands[operands.Count - 1].Is(")"))
        {
            Ignored(diagnostics, pack, "expected '(' after '#pragma pack' and ')' at its end");
            return;
        }
        var arguments = Split(operands.GetRange(1, operands.Count - 2));
        if (arguments is null)
        {
            Ignored(diagnostics, pack, "expected an integer or identifier in '#pragma pack'");
            return;
        }
        var verb = arguments.Count > 0 && arguments[0].Kind == TokenKind.Identifier ? arguments[0].Text : null;
        switch (verb)
        {
            case null when arguments.Count == 0:
                Set(tokenIndex, null);
                return;
            case null when arguments.Count == 1:
                if (Alignment(arguments[0], diagnostics) is { } value)
                    Set(tokenIndex, value == 0 ? null : value);
                return;
            case "push":
            {
                string? label = null;
                var rest = arguments.Skip(1).ToList();
                if (rest.Count > 0 && rest[0].Kind == TokenKind.Identifier)
                {
                    label = rest[0].Text;
                    rest.RemoveAt(0);
                }
                if (rest.Count > 1)
                    break;
                pushed.Push((label, current));
                if (rest.Count == 1 && Alignment(rest[0], diagnostics) is { } pushedAs)
                    Set(tokenIndex, pushedAs == 0 ? null : pushedAs);
                return;
            }
            case "pop" when arguments.Count <= 2:
            {
                var operand = arguments.Count == 2 ? arguments[1] : null;
                if (operand is { Kind: TokenKind.Identifier })
                {
                    // Pop down to the push of that label; without one, nothing is popped (clang warns the same).
                    if (!pushed.Any(p => p.Label == operand.Text))
                    {
                        Ignored(diagnostics, operand, $"no '#pragma pack(push, {operand.Text})' to pop");
                        return;
                    }
                    while (pushed.Peek().Label != operand.Text)
                        pushed.Pop();
                    Set(tokenIndex, pushed.Pop().MaxFieldAlign);
                    return;
                }
                if (pushed.Count == 0)
                {
                    Ignored(diagnostics, arguments[0], "'#pragma pack(pop)' without a push");
                    return;
                }
                Set(tokenIndex, pushed.Pop().MaxFieldAlign);
                if (operand is not null && Alignment(operand, diagnostics) is { } poppedTo)
                    Set(tokenIndex, poppedTo == 0 ? null : poppedTo);
                return;
            }
            case "show" when arguments.Count == 1:
                return;
        }
        Ignored(diagnostics, arguments.Count > 0 ? arguments[0] : pack, "expected 'push', 'pop' or an alignment in '#pragma pack'");
    }

    private void Set(int tokenIndex, int? maxFieldAlign)
    {
        current = maxFieldAlign;
        if (changes.Count > 0 && changes[changes.Count - 1].TokenIndex == tokenIndex)
            changes[changes.Count - 1] = (tokenIndex, maxFieldAlign);
        else
            changes.Add((tokenIndex, maxFieldAlign));
    }

    // One token per argument, separated by commas; null when an argument is not a single token.
    private static List<Token>? Split(List<Token> inside)
    {
        var arguments = new List<Token>();
        for (var i = 0; i < inside.Count; i++)
        {
            if (i % 2 == 1)
            {
                if (!inside[i].Is(","))
                    return null;
                continue;
            }
            if (inside[i].Kind is not (TokenKind.Identifier or TokenKind.Number))
                return null;
            arguments.Add(inside[i]);
        }
        return inside.Count % 2 == 0 && inside.Count > 0 ? null : arguments;
    }

    // clang: "alignment must be a small power of two; the value is ignored" for anything but 0, 1, 2, 4, 8, 16.
    private static int? Alignment(Token token, DiagnosticBag diagnostics)
    {
        if (token.Kind == TokenKind.Number && Evaluation.LiteralValues.TryParseInteger(token.Text, out var value, out _, out _)
            && value is 0 or 1 or 2 or 4 or 8 or 16)
            return (int)value;
        Ignored(diagnostics, token, $"'{token.Text}' is not an alignment '#pragma pack' takes (1, 2, 4, 8 or 16)");
        return null;
    }

    private static void Ignored(DiagnosticBag diagnostics, Token at, string why)
        => diagnostics.Warning(DiagnosticIds.IgnoredPragma, why + "; the pragma is ignored", at.Location);
}
