using KvmSharp.Generator.Emission;

namespace KvmSharp.Cli;

/// <summary><c>kvmgen generate</c>: the C# that the source generator would add to a compilation, as files.</summary>
internal static class GenerateCommand
{
    /// <summary>Runs the command; returns the exit status.</summary>
    public static int Run(GenerateRequest request, TextWriter stdout, TextWriter stderr)
    {
        var options = request.Options;
        var model = HeaderReading.Read(options, stderr);
        if (model is null)
            return ExitStatus.Failure;
        var directory = options.OutputFile!;
        var sources = BindingsEmitter.Emit(model, new EmitOptions(request.Namespace, request.Public, request.RuntimeReferenced));
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var source in sources)
                File.WriteAllText(Path.Combine(directory, source.HintName), source.Text);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"kvmgen: error: cannot write to {directory}: {exception.Message}");
            return ExitStatus.Failure;
        }
        stdout.WriteLine($"kvmgen: wrote {sources.Length} files for {options.Arch.Name} to {directory}");
        return HeaderReading.Status(model);
    }
}
