using KvmSharp.Generator.Emission;
using KvmSharp.Generator.Emission.Uapi;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.FrontEnd.Targets;
using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Generation;

/// <summary>
/// One chosen uAPI header to read, with the settings its unit depends on and nothing else: a change to another item,
/// or to the KVM header's settings, leaves it equal, so its model and C# stay cached.
/// </summary>
internal sealed record UapiHeaderRequest(string ArchName, EquatableArray<string> IncludeDirectories, UapiHeaderSelection Selection, string RootNamespace, bool Public)
{
    /// <summary>One request per <c>KvmUapiHeader</c> item, in item order.</summary>
    public static EquatableArray<UapiHeaderRequest> From(GeneratorSettings settings)
        => settings.UapiHeaders.Select(h => new UapiHeaderRequest(settings.ArchName, settings.IncludeDirectories, h, settings.Namespace, settings.Public)).ToEquatableArray();

    /// <summary>The namespace of the header's API (<c>KvmSharp.Uapi.Vhost</c>).</summary>
    public string Namespace => Selection.NamespaceUnder(RootNamespace);
}

/// <summary>The outcome of reading one chosen uAPI header: its model, or why there is none.</summary>
internal sealed record UapiHeaderRun(UapiHeaderRequest Request, HeaderModel? Model, string? Failure)
{
    /// <summary>
    /// Reads the request's header in a unit of its own, the include-first headers before it. An unknown arch is left to the
    /// KVM header's step, which reports it (KVMG0001); a namespace that is no C# namespace is this item's failure.
    /// </summary>
    public static UapiHeaderRun Read(UapiHeaderRequest request, IHeaderFiles files)
    {
        if (TargetArch.Find(request.ArchName) is not { } arch)
            return new UapiHeaderRun(request, null, null);
        if (!request.Selection.HasValidNamespace(request.RootNamespace))
            return new UapiHeaderRun(request, null, request.Namespace);
        try
        {
            var headerRequest = new HeaderRequest(arch, request.IncludeDirectories, request.Selection.Header)
            {
                IncludeFirst = request.Selection.IncludeFirst,
            };
            return new UapiHeaderRun(request, RecentHeaderReads.OfUapiHeaders.Read(headerRequest, files), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As for the KVM header: a bug of ours is one diagnostic, never a crashed generator.
            return new UapiHeaderRun(request, null, $"{request.Selection.Header}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The header's C#, or why there is none.</summary>
    public GeneratedBindings Emit(bool runtimeReferenced)
    {
        if (Model is null)
            return new GeneratedBindings(EquatableArray<GeneratedSource>.Empty, null);
        try
        {
            var options = new EmitOptions(Request.Namespace, Request.Public, runtimeReferenced)
            {
                ClassPrefix = Request.Selection.ClassPrefix(Request.RootNamespace),
                HeaderDescription = $"<c>{IndentedWriter.XmlEscape(Request.Selection.Header)}</c>",
            };
            return new GeneratedBindings(UapiBindingsEmitter.Emit(Model, options, Request.RootNamespace).ToEquatableArray(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new GeneratedBindings(EquatableArray<GeneratedSource>.Empty, $"{Request.Selection.Header}: {e.GetType().Name}: {e.Message}");
        }
    }
}
