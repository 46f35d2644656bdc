using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KvmSharp.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace KvmSharp.Analyzers.CodeFixes;

/// <summary>
/// The fixes of the capability rules. Each diagnostic says in its properties what to write (the analyzer had the
/// symbols); this provider only edits syntax: zero a value (KVM0003, KVM0008), add the mandatory bit (KVM0001),
/// write the action's own flag (KVM0002), or wrap the call in a capability check (KVM0009).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CapabilityCodeFixProvider)), Shared]
public sealed class CapabilityCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create("KVM0001", "KVM0002", "KVM0003", "KVM0008", "KVM0009");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(Fix.Kind, out var kind))
                continue;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is ArgumentSyntax argument)
                node = argument.Expression;
            var edit = Edit(kind, node, diagnostic.Properties);
            if (edit is null)
                continue;
            var (title, target, replacement) = edit.Value;
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Replace(context.Document, root, target, replacement, ct), equivalenceKey: diagnostic.Id + kind),
                diagnostic);
        }
    }

    private static (string Title, SyntaxNode Target, SyntaxNode Replacement)? Edit(string? kind, SyntaxNode node, ImmutableDictionary<string, string?> properties)
    {
        properties.TryGetValue(Fix.Expression, out var text);
        switch (kind)
        {
            case Fix.ZeroKind when node is ExpressionSyntax expression:
                return ("Write 0", expression, Zero().WithTriviaFrom(expression));
            case Fix.ReplaceKind when node is ExpressionSyntax expression && text is not null:
                return ($"Write {Short(text)}", expression, Parse(text).WithTriviaFrom(expression));
            case Fix.AddBitKind when text is not null:
                return AddBit(node, text, properties);
            case Fix.GuardKind when text is not null && properties.TryGetValue(Fix.Receiver, out var receiver) && receiver is not null:
                return Guard(node, receiver, text);
            default:
                return null;
        }
    }

    private static (string, SyntaxNode, SyntaxNode)? AddBit(SyntaxNode node, string bit, ImmutableDictionary<string, string?> properties)
    {
        var title = $"Add {Short(bit)}";
        if (properties.TryGetValue(Fix.Parameter, out var parameter) && parameter is not null)
        {
            // The argument was omitted: pass it by name.
            if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation)
                return null;
            var added = SyntaxFactory.Argument(Parse(bit)).WithNameColon(SyntaxFactory.NameColon(parameter));
            return (title, invocation.ArgumentList, invocation.ArgumentList.AddArguments(added));
        }
        if (node is not ExpressionSyntax expression)
            return null;
        if (expression is LiteralExpressionSyntax { Token.ValueText: "0" })
            return (title, expression, Parse(bit).WithTriviaFrom(expression));
        var left = expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.BitwiseOrExpression } or IdentifierNameSyntax or MemberAccessExpressionSyntax or LiteralExpressionSyntax or CastExpressionSyntax or ParenthesizedExpressionSyntax
            ? expression.WithoutTrivia()
            : SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia());
        var combined = SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, left, Parse(bit));
        return (title, expression, combined.WithTriviaFrom(expression));
    }

    private static (string, SyntaxNode, SyntaxNode)? Guard(SyntaxNode node, string receiver, string capability)
    {
        if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>()?.Parent is not ExpressionStatementSyntax statement)
            return null;
        var condition = SyntaxFactory.ParseExpression($"{receiver}.CheckExtension({capability}) != 0");
        var guarded = SyntaxFactory.IfStatement(condition, SyntaxFactory.Block(statement.WithoutTrivia()))
            .WithTriviaFrom(statement)
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        return ($"Call only when {Short(capability)} is present", statement, guarded);
    }

    private static async Task<Document> Replace(Document document, SyntaxNode root, SyntaxNode target, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return document.WithSyntaxRoot(root.ReplaceNode(target, replacement));
    }

    private static ExpressionSyntax Zero()
        => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0));

    private static ExpressionSyntax Parse(string text)
        => SyntaxFactory.ParseExpression(text).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary><c>KVM_ARM_LOCK_MEM_READ</c> for <c>global::KvmSharp.KvmConstants.KVM_ARM_LOCK_MEM_READ</c>.</summary>
    private static string Short(string expression) => expression.Split('.').Last();
}
