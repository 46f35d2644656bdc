using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Generation;

/// <summary>
/// The last few header reads of this process, each kept with every answer the front-end got from the header files
/// (a file's text, or that it was not there) and the C# emitted from its model. The compiler server (VBCSCompiler)
/// keeps this assembly loaded from one build to the next but runs the generator afresh in each, so without this every
/// build of a consumer, an edit of one line of its C# included, would read the header and emit the bindings again.
/// A build whose header files give the same answers reuses both. Replaying the answers is exact: the front-end's only
/// inputs are the request and those answers, so a changed file, a file that appears earlier in the include order or
/// one that goes away is a different answer and a fresh read. The IDE's incremental pipeline keeps its own steps and
/// only comes here when the header files changed.
/// </summary>
internal sealed class RecentHeaderReads(int capacity)
{
    private readonly object gate = new();
    private readonly LinkedList<Entry> entries = new();

    /// <summary>
    /// The reads of this process the generator shares: a few consumers (or targets) built in turn by one server; each
    /// entry holds some MB of header text and C#.
    /// </summary>
    public static RecentHeaderReads OfThisProcess { get; } = new(capacity: 4);

    /// <summary>The reads of the chosen uAPI headers (<c>KvmUapiHeader</c>): one entry each, a few projects' worth.</summary>
    public static RecentHeaderReads OfUapiHeaders { get; } = new(capacity: 32);

    /// <summary>The model of <paramref name="request"/>: a previous read whose answers still hold, else a new read.</summary>
    public HeaderModel Read(HeaderRequest request, IHeaderFiles files)
    {
        var key = Key(request);
        Entry[] candidates;
        lock (gate)
            candidates = entries.Where(e => e.Key == key).ToArray();
        foreach (var candidate in candidates)
        {
            if (candidate.StillAnswers(files))
            {
                lock (gate)
                    MoveToFront(candidate);
                return candidate.Model;
            }
        }

        var recording = new AnswerRecorder(files);
        var model = HeaderFrontEnd.Read(request, recording);
        lock (gate)
        {
            entries.AddFirst(new Entry(key, recording.Answers, model));
            while (entries.Count > capacity)
                entries.RemoveLast();
        }
        return model;
    }

    /// <summary>The C# of <paramref name="model"/> for <paramref name="options"/>: emitted once per model read here.</summary>
    public EquatableArray<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        Entry? entry;
        lock (gate)
        {
            entry = entries.FirstOrDefault(e => ReferenceEquals(e.Model, model));
            if (entry is not null && entry.Emitted.TryGetValue(options, out var emitted))
                return emitted;
        }
        var sources = BindingsEmitter.Emit(model, options).ToEquatableArray();
        if (entry is not null)
        {
            lock (gate)
                entry.Emitted[options] = sources;
        }
        return sources;
    }

    private static string Key(HeaderRequest request)
        => request.Arch.Name + "\n" + string.Join("\n", request.IncludeDirectories) + "\n\n" + request.Header
           // The additional headers are part of the unit: two projects that differ only by them must not share a read.
           + "\n\n" + string.Join("\n", request.AdditionalHeaders)
           + "\n\n" + string.Join("\n", request.IncludeFirst);

    private void MoveToFront(Entry entry)
    {
        var node = entries.Find(entry);
        if (node is null || node == entries.First)
            return;
        entries.Remove(node);
        entries.AddFirst(node);
    }

    private sealed class Entry(string key, IReadOnlyList<KeyValuePair<string, string?>> answers, HeaderModel model)
    {
        public string Key { get; } = key;

        public HeaderModel Model { get; } = model;

        /// <summary>Guarded by the cache's lock.</summary>
        public Dictionary<EmitOptions, EquatableArray<GeneratedSource>> Emitted { get; } = new();

        public bool StillAnswers(IHeaderFiles files)
            => answers.All(answer => string.Equals(files.TryRead(answer.Key), answer.Value, StringComparison.Ordinal));
    }

    /// <summary>Passes reads through, keeping the first answer for each path in the order asked.</summary>
    private sealed class AnswerRecorder(IHeaderFiles inner) : IHeaderFiles
    {
        private readonly HashSet<string> asked = new(StringComparer.Ordinal);
        private readonly List<KeyValuePair<string, string?>> answers = [];

        public IReadOnlyList<KeyValuePair<string, string?>> Answers => answers;

        public string? TryRead(string path)
        {
            var text = inner.TryRead(path);
            if (asked.Add(path))
                answers.Add(new KeyValuePair<string, string?>(path, text));
            return text;
        }
    }
}
