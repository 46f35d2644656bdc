using System.Text.Json;
using System.Text.Json.Nodes;

namespace KvmSharp.Tests.Ide;

/// <summary>
/// What an editor does with a C# language server on one project folder: initialize with the folder as its workspace,
/// open, change and close documents (whole-text sync), and ask for diagnostics (pull, <c>textDocument/diagnostic</c>),
/// completion, hover and code actions. Positions are LSP's: 0-based line and UTF-16 column.
/// </summary>
public sealed class EditorSession : IAsyncDisposable
{
    private readonly Dictionary<string, int> _versions = new(StringComparer.Ordinal);

    private EditorSession(LspClient client) => Client = client;

    /// <summary>The connection to the server.</summary>
    public LspClient Client { get; }

    /// <summary>
    /// Starts csharp-ls (<paramref name="server"/>) on <paramref name="folder"/> with <paramref name="csharpSettings"/> as its
    /// <c>csharp</c> configuration section, and initializes it as an editor with pull diagnostics does.
    /// </summary>
    public static async Task<EditorSession> Open(string server, string folder, JsonObject csharpSettings,
        IReadOnlyDictionary<string, string> environment, TimeSpan bound)
    {
        var client = LspClient.Start(server, ["--loglevel", "info"], folder, environment,
            new JsonObject { ["csharp"] = csharpSettings }, bound);
        var session = new EditorSession(client);
        var root = Uri(folder);
        await client.Request("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = root,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = root, ["name"] = Path.GetFileName(folder) }),
            ["capabilities"] = JsonNode.Parse("""
                {
                  "workspace": { "configuration": true, "didChangeWatchedFiles": { "dynamicRegistration": true } },
                  "textDocument": {
                    "diagnostic": { "dynamicRegistration": false },
                    "completion": { "completionItem": { "documentationFormat": ["markdown", "plaintext"] } },
                    "hover": { "contentFormat": ["markdown", "plaintext"] },
                    "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix", "refactor"] } },
                                    "resolveSupport": { "properties": ["edit"] } }
                  }
                }
                """),
        });
        await client.Notify("initialized", new JsonObject());
        return session;
    }

    /// <summary>The <c>file://</c> URI of a path.</summary>
    public static string Uri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    /// <summary><c>textDocument/didOpen</c> with the document's text.</summary>
    public Task OpenDocument(string path, string text)
    {
        _versions[path] = 1;
        return Client.Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri(path), ["languageId"] = "csharp", ["version"] = 1, ["text"] = text },
        });
    }

    /// <summary><c>textDocument/didChange</c>: the document's whole new text, as the next version.</summary>
    public Task ChangeDocument(string path, string text)
    {
        var version = _versions[path] = _versions.GetValueOrDefault(path) + 1;
        return Client.Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri(path), ["version"] = version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });
    }

    /// <summary>The document's diagnostics, pulled (<c>textDocument/diagnostic</c>): the server computes them for the text it has.</summary>
    public async Task<IReadOnlyList<LspDiagnostic>> Diagnostics(string path)
    {
        var report = await Client.Request("textDocument/diagnostic", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri(path) },
        });
        if (report.ValueKind != JsonValueKind.Object || !report.TryGetProperty("items", out var items))
            return [];
        return items.EnumerateArray().Select(LspDiagnostic.From).ToList();
    }

    /// <summary>The labels of the completion items at a position.</summary>
    public async Task<IReadOnlyList<string>> Completion(string path, int line, int character)
    {
        var result = await Client.Request("textDocument/completion", Position(path, line, character));
        var items = result.ValueKind switch
        {
            JsonValueKind.Array => result,
            JsonValueKind.Object => result.GetProperty("items"),
            _ => default,
        };
        return items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => i.GetProperty("label").GetString()!).ToList()
            : [];
    }

    /// <summary>The hover text at a position (markdown or plain), empty when there is none.</summary>
    public async Task<string> Hover(string path, int line, int character)
    {
        var result = await Client.Request("textDocument/hover", Position(path, line, character));
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("contents", out var contents))
            return "";
        return contents.ValueKind switch
        {
            JsonValueKind.String => contents.GetString()!,
            JsonValueKind.Object => contents.GetProperty("value").GetString()!,
            JsonValueKind.Array => string.Join("\n", contents.EnumerateArray()
                .Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetProperty("value").GetString())),
            _ => "",
        };
    }

    /// <summary>The titles of the code actions offered for a diagnostic.</summary>
    public async Task<IReadOnlyList<string>> CodeActionTitles(string path, LspDiagnostic diagnostic)
    {
        var result = await Client.Request("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri(path) },
            ["range"] = diagnostic.Range.ToJson(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(JsonNode.Parse(diagnostic.Json)) },
        });
        return result.ValueKind == JsonValueKind.Array
            ? result.EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList()
            : [];
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private static JsonObject Position(string path, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = Uri(path) },
        ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
    };
}

/// <summary>An LSP range: 0-based lines and UTF-16 columns, end exclusive.</summary>
public readonly record struct LspRange(int StartLine, int StartCharacter, int EndLine, int EndCharacter)
{
    /// <summary>As LSP writes it.</summary>
    public JsonObject ToJson() => new()
    {
        ["start"] = new JsonObject { ["line"] = StartLine, ["character"] = StartCharacter },
        ["end"] = new JsonObject { ["line"] = EndLine, ["character"] = EndCharacter },
    };

    /// <summary>From LSP's JSON.</summary>
    public static LspRange From(JsonElement range)
    {
        var start = range.GetProperty("start");
        var end = range.GetProperty("end");
        return new(start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32(),
            end.GetProperty("line").GetInt32(), end.GetProperty("character").GetInt32());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{StartLine + 1}:{StartCharacter + 1}-{EndLine + 1}:{EndCharacter + 1}";
}

/// <summary>One diagnostic as the server reported it: code, range, severity (1 error ... 4 hint), message, and its JSON.</summary>
public sealed record LspDiagnostic(string Code, LspRange Range, int Severity, string Message, string Json)
{
    /// <summary>From LSP's JSON.</summary>
    public static LspDiagnostic From(JsonElement diagnostic)
    {
        var code = diagnostic.TryGetProperty("code", out var c) ? c.ToString() : "";
        var severity = diagnostic.TryGetProperty("severity", out var s) ? s.GetInt32() : 1;
        return new(code, LspRange.From(diagnostic.GetProperty("range")), severity,
            diagnostic.GetProperty("message").GetString() ?? "", diagnostic.GetRawText());
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Code} at {Range}: {Message}";
}
