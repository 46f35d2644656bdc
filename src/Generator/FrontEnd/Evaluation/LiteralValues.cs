using System.Globalization;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.FrontEnd.Evaluation;

/// <summary>The value and type of integer literals (C11 6.4.4.1) and character constants (6.4.4.4).</summary>
internal static class LiteralValues
{
    public static bool TryParseInteger(string text, out ulong value, out CIntegerKind kind, out string? error)
    {
        value = 0;
        kind = CIntegerKind.Int;
        error = null;
        var end = text.Length;
        var unsigned = false;
        var longs = 0;
        while (end > 0)
        {
            var c = text[end - 1];
            if ((c == 'u' || c == 'U') && !unsigned)
            {
                unsigned = true;
                end--;
            }
            else if ((c == 'l' || c == 'L') && longs == 0)
            {
                longs = end >= 2 && text[end - 2] == c ? 2 : 1;
                end -= longs;
            }
            else
            {
                break;
            }
        }
        var digits = text.Substring(0, end);
        int radix;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            radix = 16;
            digits = digits.Substring(2);
        }
        else if (digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
        {
            radix = 2;
            digits = digits.Substring(2);
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            radix = 8;
            digits = digits.Substring(1);
        }
        else
        {
            radix = 10;
        }
        if (digits.Length == 0 && radix != 8)
        {
            error = $"'{text}' is not a valid integer constant";
            return false;
        }
        foreach (var c in digits)
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (digit >= radix)
            {
                error = radix == 10 && (c == '.' || c == 'e' || c == 'E')
                    ? $"'{text}' is a floating constant, not an integer constant expression"
                    : $"'{text}' is not a valid integer constant (invalid digit '{c}')";
                return false;
            }
            var next = unchecked(value * (ulong)radix + (ulong)digit);
            if ((next - (ulong)digit) / (ulong)radix != value)
            {
                error = $"integer constant '{text}' is too large for any integer type";
                return false;
            }
            value = next;
        }
        kind = ChooseType(value, unsigned, longs, radix == 10);
        return true;
    }

    // C11 6.4.4.1's list, in order; a candidate is skipped when the literal's suffix or base rules it out.
    private static readonly CIntegerKind[] Candidates =
    {
        CIntegerKind.Int, CIntegerKind.UnsignedInt, CIntegerKind.Long, CIntegerKind.UnsignedLong, CIntegerKind.LongLong, CIntegerKind.UnsignedLongLong,
    };

    // The first type of the C11 6.4.4.1 list that can represent the value.
    private static CIntegerKind ChooseType(ulong value, bool unsigned, int longs, bool decimalBase)
    {
        foreach (var candidate in Candidates)
        {
            var signed = candidate.IsSigned(true);
            var rank = candidate is CIntegerKind.Int or CIntegerKind.UnsignedInt ? 0 : candidate is CIntegerKind.Long or CIntegerKind.UnsignedLong ? 1 : 2;
            // An L suffix starts the list at long, LL at long long; U keeps only unsigned types; a decimal
            // literal without U keeps only signed ones.
            if (rank < longs || (signed ? unsigned : !unsigned && decimalBase))
                continue;
            var bits = candidate.Size() * 8;
            var max = signed ? (1UL << (bits - 1)) - 1 : bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
            if (value <= max)
                return candidate;
        }
        // clang: "integer literal is too large to be represented in a signed integer type, interpreting as unsigned"
        return CIntegerKind.UnsignedLongLong;
    }

    public static bool TryParseCharacter(string text, bool charIsSigned, bool wcharIsSigned, out ulong value, out CIntegerKind kind, out string? error)
    {
        value = 0;
        kind = CIntegerKind.Int;
        error = null;
        var start = text.IndexOf('\'');
        var prefix = text.Substring(0, start);
        var body = text.Length >= start + 2 && text[text.Length - 1] == '\'' ? text.Substring(start + 1, text.Length - start - 2) : null;
        if (body is null || body.Length == 0)
        {
            error = $"'{text}' is not a valid character constant";
            return false;
        }
        var chars = new List<ulong>();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                chars.Add(body[i]);
                continue;
            }
            if (++i >= body.Length)
            {
                error = $"'{text}' ends in a lone backslash";
                return false;
            }
            var c = body[i];
            switch (c)
            {
                case 'n': chars.Add('\n'); break;
                case 't': chars.Add('\t'); break;
                case 'r': chars.Add('\r'); break;
                case 'a': chars.Add(7); break;
                case 'b': chars.Add(8); break;
                case 'f': chars.Add(12); break;
                case 'v': chars.Add(11); break;
                case 'e': chars.Add(27); break;
                case 'x':
                    {
                        var j = i + 1;
                        while (j < body.Length && Uri.IsHexDigit(body[j]))
                            j++;
                        chars.Add(j == i + 1 ? 0 : ulong.Parse(body.Substring(i + 1, Math.Min(j - i - 1, 16)), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i = j - 1;
                        break;
                    }
                case >= '0' and <= '7':
                    {
                        ulong octal = 0;
                        var j = i;
                        while (j < body.Length && j < i + 3 && body[j] is >= '0' and <= '7')
                            octal = octal * 8 + (ulong)(body[j++] - '0');
                        chars.Add(octal);
                        i = j - 1;
                        break;
                    }
                default:
                    chars.Add(c);
                    break;
            }
        }
        switch (prefix)
        {
            case "L":
                kind = wcharIsSigned ? CIntegerKind.Int : CIntegerKind.UnsignedInt;
                value = wcharIsSigned ? (ulong)(int)chars[chars.Count - 1] : chars[chars.Count - 1] & 0xffffffff;
                return true;
            case "u":
                kind = CIntegerKind.UnsignedShort;
                value = chars[chars.Count - 1] & 0xffff;
                return true;
            case "U":
                kind = CIntegerKind.UnsignedInt;
                value = chars[chars.Count - 1] & 0xffffffff;
                return true;
        }
        if (chars.Count == 1)
        {
            var b = chars[0] & 0xff;
            value = charIsSigned && b >= 0x80 ? unchecked((ulong)(long)(sbyte)b) : b;
            return true;
        }
        // A multi-character constant is an int built from the bytes, first byte most significant (GCC, clang).
        uint packed = 0;
        foreach (var c in chars)
            packed = unchecked((packed << 8) | (uint)(c & 0xff));
        value = unchecked((ulong)(long)(int)packed);
        return true;
    }
}
