using System.Text.RegularExpressions;
using KvmSharp.Generator.FrontEnd.Lexing;
using KvmSharp.Generator.Model;
using KvmSharp.Generator.FrontEnd.Parsing;
using KvmSharp.Generator.FrontEnd.Preprocessing;

namespace KvmSharp.Generator.FrontEnd.Extraction;

/// <summary>
/// Decodes ioctl request macros with the header's own <c>_IOC_DIR/_IOC_TYPE/_IOC_NR/_IOC_SIZE</c>
/// (so ppc64's three direction bits come out right), and reads from the header's comments which fd
/// the header says each one belongs to (a fallback: see Placement/IoctlPlacer) and which capabilities it needs.
/// </summary>
internal sealed class IoctlExtractor
{
    private static readonly Regex Capability = new(@"\bKVM_CAP_[A-Z0-9_]+\b", RegexOptions.CultureInvariant);
    private static readonly Regex DefineName = new(@"^#\s*define\s+(\w+)", RegexOptions.CultureInvariant);
    private static readonly Regex AvailableWith = new(@"\bavailable with\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly MacroConstants constants;
    private readonly DeclarationScope scope;
    private readonly CommentIndex comments;
    private readonly TypeReferences references;

    public IoctlExtractor(MacroConstants constants, DeclarationScope scope, CommentIndex comments, TypeReferences references)
    {
        this.constants = constants;
        this.scope = scope;
        this.comments = comments;
        this.references = references;
    }

    public List<IoctlModel> Extract(List<(MacroDefinition Macro, ConstantModel Constant, List<Token> Expansion)> candidates)
    {
        var result = new List<IoctlModel>();
        var readBit = Evaluate(Lex("_IOC_READ"));
        var writeBit = Evaluate(Lex("_IOC_WRITE"));
        var decoders = new[] { "_IOC_DIR", "_IOC_TYPE", "_IOC_NR", "_IOC_SIZE" }.Select(Decoder).ToArray();
        if (readBit is null || writeBit is null || decoders.Any(d => d is null))
            return result;
        foreach (var (macro, constant, expansion) in candidates)
        {
            // The request as a literal of its own C type decodes exactly as the macro would, without expanding it again.
            var request = Lex(Literal(constant));
            var dir = Decode(decoders[0]!, request);
            var type = Decode(decoders[1]!, request);
            var nr = Decode(decoders[2]!, request);
            var size = Decode(decoders[3]!, request);
            if (dir is null || type is null || nr is null || size is null)
                continue;
            var reads = readBit != 0 && (dir & readBit) == readBit;
            var writes = writeBit != 0 && (dir & writeBit) == writeBit;
            var direction = reads && writes ? IoctlDirection.ReadWrite : reads ? IoctlDirection.Read : writes ? IoctlDirection.Write : IoctlDirection.None;
            var location = macro.NameToken.Location;
            var (scope, sectionComment) = Scope(location);
            result.Add(new IoctlModel(macro.Name, constant.Value, direction, (uint)type, (uint)nr, (uint)size, Argument(expansion),
                scope, sectionComment, Requires(location, macro.Name).ToEquatableArray(), location, constant.Comment));
        }
        return result;
    }

    private static string Literal(ConstantModel constant) => constant.Type switch
    {
        CIntegerKind.UnsignedInt => $"{(uint)constant.Value}U",
        CIntegerKind.Long => $"{(long)constant.Value}L",
        CIntegerKind.UnsignedLong => $"{constant.Value}UL",
        CIntegerKind.LongLong => $"{(long)constant.Value}LL",
        CIntegerKind.UnsignedLongLong => $"{constant.Value}ULL",
        _ => $"(({constant.Type.Spelling()}){(long)constant.Value}LL)",
    };

    // Each decoding macro is expanded once, around a placeholder the request's tokens then replace.
    private const string Placeholder = "__kvmsharp_ioctl_request";

    private List<Token>? Decoder(string macro)
    {
        var expanded = constants.Expand(Lex($"{macro}({Placeholder})"), null, out var failure);
        return failure is null ? expanded : null;
    }

    private ulong? Decode(List<Token> decoder, List<Token> request)
    {
        var tokens = new List<Token>(decoder.Count + request.Count + 2);
        foreach (var token in decoder)
        {
            if (token.Kind == TokenKind.Identifier && token.Text == Placeholder)
            {
                tokens.Add(token.WithText(TokenKind.Punctuator, "("));
                tokens.AddRange(request);
                tokens.Add(token.WithText(TokenKind.Punctuator, ")"));
            }
            else
            {
                tokens.Add(token);
            }
        }
        return Evaluate(tokens);
    }

    private ulong? Evaluate(List<Token> tokens)
    {
        var expanded = constants.Expand(tokens, null, out var failure);
        if (failure is not null)
            return null;
        var result = constants.EvaluateExpanded(expanded, DecodingEnd);
        return result.Succeeded ? result.Value.Bits : null;
    }

    private static List<Token> Lex(string text)
    {
        var tokens = Lexer.Tokenize(new SourceFile(DecodingEnd.File.Path, text), new Diagnostics.DiagnosticBag());
        return tokens.GetRange(0, tokens.Count - 1);
    }

    private static readonly Token DecodingEnd = new(TokenKind.EndOfFile, "", new SourceFile("<ioctl decoding>", ""), 1, 1, true, false);

    // _IOC_TYPECHECK(t) is sizeof(t): the argument type is the operand of the sizeof in the expansion.
    private TypeReference? Argument(List<Token> expansion)
    {
        for (var i = 0; i + 1 < expansion.Count; i++)
        {
            if (!expansion[i].Is("sizeof") || !expansion[i + 1].Is("(") || !scope.StartsTypeName(expansion[i + 2 < expansion.Count ? i + 2 : i]))
                continue;
            var cursor = new TokenCursor(expansion, expansion[expansion.Count - 1]) { Position = i + 2 };
            var type = scope.ParseTypeName(cursor, out _, out _);
            if (type is not null)
                return references.Reference(type);
        }
        return null;
    }

    // The nearest section comment above: only a fallback now, for ioctls the facts do not know.
    private (IoctlScope Scope, string? Comment) Scope(SourceLocation at)
    {
        var file = comments.File(at.File);
        if (file is null)
            return (IoctlScope.Unknown, null);
        foreach (var comment in file.StandaloneBefore(at.Line))
        {
            if (SectionScope(comment.Text) is { } scope)
                return (scope, comment.Text);
        }
        return (IoctlScope.Unknown, null);
    }

    private static IoctlScope? SectionScope(string comment)
    {
        if (!comment.StartsWith("ioctl", StringComparison.OrdinalIgnoreCase) || comment.IndexOf(" for ", StringComparison.OrdinalIgnoreCase) < 0)
            return null;
        var text = comment.ToLowerInvariant();
        if (text.Contains("/dev/kvm"))
            return IoctlScope.System;
        if (text.Contains("kvm_create_device"))
            return IoctlScope.Device;
        if (text.Contains("vcpu"))
            return IoctlScope.Vcpu;
        if (text.Contains("vm"))
            return IoctlScope.Vm;
        return null;
    }

    // "Available with KVM_CAP_X" covers the #define right after it, and the #defines that follow that
    // one without a blank line, comment or other code between when they name the same operation: the
    // GET/SET pair of KVM_GET_PIT2 and KVM_SET_PIT2, or KVM_PPC_RESIZE_HPT_PREPARE and _COMMIT. The
    // header does not close these comments, so KVM_PPC_SVM_OFF, right under KVM_SET_PMU_EVENT_FILTER,
    // must not inherit KVM_CAP_PMU_EVENT_FILTER.
    private IEnumerable<string> Requires(SourceLocation at, string name)
    {
        var file = comments.File(at.File);
        var comment = file?.LastStandaloneBefore(at.Line);
        if (file is null || comment is null || !AvailableWith.IsMatch(comment.Text))
            yield break;
        var lines = file.Lines;
        string? first = null;
        for (var line = comment.Comment.EndLine + 1; line < at.Line; line++)
        {
            var text = lines[line - 1].TrimStart();
            var continued = line >= 2 && lines[line - 2].TrimEnd().EndsWith("\\", StringComparison.Ordinal);
            if (continued)
                continue;
            var define = DefineName.Match(text);
            if (!define.Success)
                yield break;
            first ??= define.Groups[1].Value;
        }
        if (first is not null && !SameOperation(first, name))
            yield break;
        foreach (Match match in Capability.Matches(comment.Text))
            yield return match.Value;
    }

    private static bool SameOperation(string first, string other)
    {
        var a = OperationWords(first);
        var b = OperationWords(other);
        if (a.SequenceEqual(b))
            return true;
        return a.Length >= 2 && b.Length >= 2 && a[0] == b[0] && a[1] == b[1];
    }

    private static string[] OperationWords(string name)
        => name.Split('_').Where(w => w.Length > 0 && w is not ("KVM" or "GET" or "SET" or "HAS")).ToArray();
}
