using KvmSharp.Generator.Emission;
using KvmSharp.Generator.FrontEnd;
using KvmSharp.Generator.Model;
using Microsoft.CodeAnalysis;

namespace KvmSharp.Generator.Generation;

/// <summary>
/// Generates the KVM bindings of the consumer's target from the header files the build gives as
/// AdditionalFiles: settings -> header files -> model -> C#. Every step's value is equatable, so an
/// edit to the consumer's C# reuses everything, and nothing here holds on to a compilation.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KvmBindingsGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var settings = context.AnalyzerConfigOptionsProvider
            .Select((options, _) => GeneratorSettings.From(options.GlobalOptions))
            .WithTrackingName(TrackingNames.Settings);

        var headerFiles = context.AdditionalTextsProvider
            .Where(AdditionalHeaderFiles.IsHeader)
            .Collect()
            .WithComparer(AdditionalTextSetComparer.Instance)
            .WithTrackingName(TrackingNames.HeaderFiles);

        var models = settings.Combine(headerFiles)
            .Select((input, cancellation) => ReadModel(input.Left, new AdditionalHeaderFiles(input.Right, cancellation)))
            .WithTrackingName(TrackingNames.Model);

        // A bool, so an edit to the consumer's code leaves it Unchanged and the emitted sources cached; the
        // compilation itself is never kept by a later step.
        var runtimeReferenced = context.CompilationProvider
            .Select((compilation, _) => compilation.GetTypeByMetadataName("KvmSharp.KvmFileDescriptor") is not null)
            .WithTrackingName(TrackingNames.RuntimeReferenced);

        var statedIoctls = context.AdditionalTextsProvider
            .Where(StatedIoctls.IsContractsFile)
            .Select(StatedIoctls.Read)
            .WithTrackingName(TrackingNames.ContractFile)
            .Collect()
            .Select((files, _) => StatedIoctls.Merge(files))
            .WithTrackingName(TrackingNames.StatedIoctls);

        // The placement warnings depend on the model and the statements only: an edit to C# leaves them cached.
        var placementProblems = models.Combine(statedIoctls)
            .Select((input, _) => PlacementProblems(input.Left, input.Right))
            .WithTrackingName(TrackingNames.Placement);

        var sources = models.Combine(settings).Combine(runtimeReferenced).Combine(statedIoctls)
            .Select((input, _) => Emit(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.Sources);

        // Each KvmUapiHeader item is a unit of its own: editing one header re-reads them all (the header files are one
        // set), but only the edited one's model changes, so only its C# is emitted again.
        var uapiRequests = settings
            .SelectMany((s, _) => UapiHeaderRequest.From(s))
            .WithTrackingName(TrackingNames.UapiHeader);
        var uapiModels = uapiRequests.Combine(headerFiles)
            .Select((input, cancellation) => UapiHeaderRun.Read(input.Left, new AdditionalHeaderFiles(input.Right, cancellation)))
            .WithTrackingName(TrackingNames.UapiModel);
        var uapiSources = uapiModels.Combine(runtimeReferenced)
            .Select((input, _) => input.Left.Emit(input.Right))
            .WithTrackingName(TrackingNames.UapiSources);

        context.RegisterSourceOutput(models, ReportProblems);
        context.RegisterSourceOutput(uapiModels, ReportUapiProblems);
        context.RegisterSourceOutput(uapiSources, (output, generated) =>
        {
            if (generated.Failure is { } failure)
                output.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.Internal, Location.None, failure));
            foreach (var source in generated.Sources)
                output.AddSource(source.HintName, source.Text);
        });
        context.RegisterSourceOutput(placementProblems, (output, problems) =>
        {
            foreach (var problem in problems)
                output.ReportDiagnostic(GeneratorDiagnostics.FromHeader(problem, null));
        });
        context.RegisterSourceOutput(sources, (output, generated) =>
        {
            if (generated.Failure is { } failure)
                output.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.Internal, Location.None, failure));
            foreach (var source in generated.Sources)
                output.AddSource(source.HintName, source.Text);
        });
    }

    private static GeneratorRun ReadModel(GeneratorSettings settings, IHeaderFiles files)
    {
        var arch = settings.Arch;
        if (arch is null)
            return new GeneratorRun(null, settings, $"KvmTargetArch '{settings.ArchName}'");
        if (!settings.HasValidNamespace)
            return new GeneratorRun(null, settings, $"KvmNamespace '{settings.Namespace}'");
        try
        {
            // A build whose header files are unchanged since an earlier build in this process (the compiler server) reuses its read.
            var model = RecentHeaderReads.OfThisProcess.Read(
                new HeaderRequest(arch, settings.IncludeDirectories, settings.Header) { AdditionalHeaders = settings.AdditionalHeaders }, files);
            return new GeneratorRun(model, settings, null);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // A bug of ours must not break the user's build with a crashed generator: say it, generate nothing.
            return new GeneratorRun(null, settings, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static void ReportUapiProblems(SourceProductionContext output, UapiHeaderRun run)
    {
        if (run.Model is null)
        {
            if (run.Failure is { } failure)
            {
                output.ReportDiagnostic(run.Request.Selection.HasValidNamespace(run.Request.RootNamespace)
                    ? Diagnostic.Create(GeneratorDiagnostics.Internal, Location.None, failure)
                    : Diagnostic.Create(GeneratorDiagnostics.BadNamespace, Location.None, failure));
            }
            return;
        }
        foreach (var diagnostic in run.Model.Diagnostics)
        {
            var hint = diagnostic.Id is Diagnostics.DiagnosticIds.HeaderNotFound or Diagnostics.DiagnosticIds.Include
                ? $"check the KvmUapiHeader item {run.Request.Selection.Header} (its IncludeFirst, and KvmAdditionalHeaderFolders for a folder besides linux/, asm/ and asm-generic/)"
                : null;
            output.ReportDiagnostic(GeneratorDiagnostics.FromHeader(diagnostic, hint));
        }
    }

    private static EquatableArray<HeaderDiagnostic> PlacementProblems(GeneratorRun run, StatedIoctls stated)
    {
        var problems = new List<HeaderDiagnostic>(stated.Problems);
        if (run.Model is not null)
            FrontEnd.Placement.IoctlPlacer.Place(run.Model, stated.Statements, Facts.IoctlFactTable.BuiltIn, problems);
        return problems.ToEquatableArray();
    }

    private static GeneratedBindings Emit(GeneratorRun run, GeneratorSettings settings, bool runtimeReferenced, StatedIoctls stated)
    {
        if (run.Model is null)
            return new GeneratedBindings(EquatableArray<GeneratedSource>.Empty, null);
        try
        {
            var options = new EmitOptions(settings.Namespace, settings.Public, runtimeReferenced, stated.Statements);
            return new GeneratedBindings(RecentHeaderReads.OfThisProcess.Emit(run.Model, options), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As for the front-end: a bug of ours is one diagnostic, never a crashed generator.
            return new GeneratedBindings(EquatableArray<GeneratedSource>.Empty, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static void ReportProblems(SourceProductionContext output, GeneratorRun run)
    {
        if (run.Failure is { } failure)
        {
            output.ReportDiagnostic(run.Settings switch
            {
                { Arch: null } => Diagnostic.Create(GeneratorDiagnostics.UnknownArch, Location.None, run.Settings.ArchName,
                    string.Join(", ", FrontEnd.Targets.TargetArch.All.Select(a => a.Name))),
                { HasValidNamespace: false } => Diagnostic.Create(GeneratorDiagnostics.BadNamespace, Location.None, run.Settings.Namespace),
                _ => Diagnostic.Create(GeneratorDiagnostics.Internal, Location.None, failure),
            });
            return;
        }
        var arch = run.Settings.Arch!;
        foreach (var diagnostic in run.Model!.Diagnostics)
        {
            var hint = FrontEnd.Preprocessing.MissingHeader.CallsForUapiPackage(diagnostic)
                ? arch.InstallHint("set KvmIncludeDirectories (and KvmHeader) to where the headers are; they reach the compiler as AdditionalFiles through KvmSharp's props")
                : null;
            output.ReportDiagnostic(GeneratorDiagnostics.FromHeader(diagnostic, hint));
        }
    }
}

/// <summary>The outcome of reading the header: a model, or why there is none.</summary>
internal sealed record GeneratorRun(HeaderModel? Model, GeneratorSettings Settings, string? Failure);

/// <summary>The outcome of emitting C# from the model: the sources, or why there are none.</summary>
internal sealed record GeneratedBindings(EquatableArray<GeneratedSource> Sources, string? Failure);
