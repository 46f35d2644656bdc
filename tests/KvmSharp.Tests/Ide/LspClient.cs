using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KvmSharp.Tests.Ide;

/// <summary>
/// The client side of the Language Server Protocol, as an editor speaks it: JSON-RPC 2.0 framed by
/// <c>Content-Length</c> headers on a server process's standard input and output. It answers the server's own
/// requests as an editor does (<c>workspace/configuration</c> with the given settings, registrations and progress
/// with null) and keeps the server's log so a failure can show it. No xunit here: the IDE benchmark drives the
/// same client.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    private const int LogLines = 200;

    private readonly Process _process;
    private readonly Stream _input;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly JsonObject _settings;
    private readonly Task _reader;
    private long _nextId;

    private LspClient(Process process, JsonObject settings, TimeSpan bound)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _settings = settings;
        Bound = bound;
        _reader = Task.Run(ReadMessages);
        _ = Task.Run(ReadErrors);
    }

    /// <summary>
    /// How long one request may go unanswered before the server is taken for hung. Not a verdict on speed: a request
    /// that outlives it fails with <see cref="LspTimeoutException"/>, which says "timed out under load".
    /// </summary>
    public TimeSpan Bound { get; }

    /// <summary>The server's process id (for its memory and CPU figures).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines the server logged (standard error and <c>window/logMessage</c>).</summary>
    public string LogTail => string.Join('\n', _log);

    /// <summary>
    /// Starts <paramref name="program"/> in <paramref name="directory"/>; <paramref name="settings"/> is what the
    /// client answers to <c>workspace/configuration</c>, keyed by section (<c>{"csharp": {...}}</c>).
    /// </summary>
    public static LspClient Start(string program, IEnumerable<string> arguments, string directory,
        IReadOnlyDictionary<string, string> environment, JsonObject settings, TimeSpan bound)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        return new LspClient(Process.Start(info)!, settings, bound);
    }

    /// <summary>Sends a request and waits for its result (JSON null when the server answers null).</summary>
    public async Task<JsonElement> Request(string method, object? parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        await Write(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = ToNode(parameters) });
        using var bound = new CancellationTokenSource();
        var finished = await Task.WhenAny(answer.Task, Task.Delay(Bound, bound.Token), _reader);
        bound.Cancel();
        if (finished == answer.Task)
            return await answer.Task;
        _pending.TryRemove(id, out _);
        if (finished == _reader)
            throw new InvalidOperationException($"the language server ended while {method} was pending (exit code {ExitCode()}).\n{LogTail}");
        throw new LspTimeoutException(method, Bound, LogTail);
    }

    /// <summary>Sends a notification (no answer).</summary>
    public Task Notify(string method, object? parameters)
        => Write(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = ToNode(parameters) });

    /// <summary><c>shutdown</c> and <c>exit</c>, then the process is ended if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                var shutdown = Request("shutdown", null);
                if (await Task.WhenAny(shutdown, Task.Delay(TimeSpan.FromSeconds(10))) == shutdown)
                    await Notify("exit", null);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or LspTimeoutException or LspErrorException)
        {
            // The server is going away anyway.
        }
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node,
        _ => JsonSerializer.SerializeToNode(value),
    };

    private string ExitCode() => _process.HasExited ? _process.ExitCode.ToString() : "still running";

    private async Task Write(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync();
        try
        {
            await _input.WriteAsync(header);
            await _input.WriteAsync(body);
            await _input.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadMessages()
    {
        var output = _process.StandardOutput.BaseStream;
        while (await ReadMessage(output) is { } message)
        {
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            var hasId = root.TryGetProperty("id", out var id);
            if (root.TryGetProperty("method", out var method))
            {
                var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
                if (hasId)
                    await Answer(id.Clone(), method.GetString()!, parameters);
                else if (method.GetString() is "window/logMessage" or "window/showMessage")
                    Log(parameters.GetProperty("message").GetString() ?? "");
                continue;
            }
            if (!hasId || !_pending.TryRemove(id.GetInt64(), out var answer))
                continue;
            if (root.TryGetProperty("error", out var error))
                answer.SetException(new LspErrorException(error.GetRawText()));
            else
                answer.SetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
        }
    }

    // The server's requests, answered as an editor would: the settings it asks for, and null for the rest
    // (capability registrations, progress tokens, message boxes).
    private Task Answer(JsonElement id, string method, JsonElement parameters)
    {
        JsonNode? result = null;
        if (method == "workspace/configuration")
        {
            var items = new JsonArray();
            foreach (var item in parameters.GetProperty("items").EnumerateArray())
            {
                var section = item.TryGetProperty("section", out var s) ? s.GetString() : null;
                items.Add(section is not null && _settings[section] is { } value ? value.DeepClone() : null);
            }
            result = items;
        }
        return Write(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = result });
    }

    private static async Task<byte[]?> ReadMessage(Stream output)
    {
        var length = -1;
        while (true)
        {
            var line = await ReadHeaderLine(output);
            if (line is null)
                return null;
            if (line.Length == 0)
                break;
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(line["Content-Length:".Length..].Trim());
        }
        if (length < 0)
            throw new InvalidDataException("an LSP message without Content-Length");
        var body = new byte[length];
        await output.ReadExactlyAsync(body);
        return body;
    }

    private static async Task<string?> ReadHeaderLine(Stream output)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await output.ReadAsync(one) == 0)
                return null;
            if (one[0] == '\n')
                return line.ToString().TrimEnd('\r');
            line.Append((char)one[0]);
        }
    }

    private async Task ReadErrors()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
            Log(line);
    }

    private void Log(string line)
    {
        _log.Enqueue(line);
        while (_log.Count > LogLines)
            _log.TryDequeue(out _);
    }
}

/// <summary>A request the server did not answer within the client's bound: on a loaded machine, not a wrong answer.</summary>
public sealed class LspTimeoutException(string method, TimeSpan bound, string log)
    : TimeoutException($"timed out under load: the language server did not answer {method} within {bound.TotalSeconds:F0} s " +
                       $"(a bound that stops a hung server, not a verdict on its speed). Server log, last lines:\n{log}");

/// <summary>A JSON-RPC error the server answered with.</summary>
public sealed class LspErrorException(string error) : Exception($"the language server answered with an error: {error}");
