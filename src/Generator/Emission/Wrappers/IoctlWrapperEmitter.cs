using KvmSharp.Generator.Model;

namespace KvmSharp.Generator.Emission.Wrappers;

/// <summary>
/// A typed method for every ioctl of the header, as an extension method on the runtime type of its fd:
/// <c>KvmSystemIoctls</c>, <c>KvmVmIoctls</c>, <c>KvmVcpuIoctls</c>, <c>KvmDeviceIoctls</c> (one file each), plus
/// <c>KvmExit</c>. Named like the request constant (<c>KVM_SET_USER_MEMORY_REGION</c> is <c>SetUserMemoryRegion</c>);
/// an ioctl that no architecture of the target handles, or that nothing places, gets none (its request number and
/// the raw <c>Ioctl(request, ...)</c> remain). Only emitted when the
/// compilation references the runtime (<see cref="EmitOptions.RuntimeReferenced"/>), since every method calls it.
/// </summary>
/// <remarks>
/// The forms: <see cref="IoctlWrapperMethods"/> by direction, <see cref="IoctlWrapperSpecials"/> for ioctls whose
/// meaning the direction does not tell, <see cref="IoctlWrapperRun"/> for <c>KVM_RUN</c>; which fds an ioctl goes
/// on: <see cref="FrontEnd.Placement.IoctlPlacer"/>.
/// </remarks>
internal static class IoctlWrapperEmitter
{
    public static IEnumerable<GeneratedSource> Emit(HeaderModel model, EmitOptions options)
    {
        if (!options.RuntimeReferenced)
            yield break;
        var context = new IoctlWrapperContext(model, options);
        foreach (var scope in IoctlWrapperScopes.All)
        {
            var ioctls = context.Ioctls.Where(i => context.Placement(i).MethodFds.Contains(scope)).ToList();
            if (ioctls.Count > 0)
                yield return Class(context, scope, ioctls);
        }
        if (EnableCapValueEmitter.Applies(context) && context.Find("KVM_ENABLE_CAP") is not null)
            yield return EnableCapValueEmitter.Emit(context);
        if (IoctlWrapperRun.Supported(context) && context.Find("KVM_RUN") is { } run && context.Placement(run).MethodFds.Contains(IoctlScope.Vcpu))
            yield return IoctlWrapperRun.ExitType(context);
    }

    private static GeneratedSource Class(IoctlWrapperContext context, IoctlScope scope, IReadOnlyList<IoctlModel> ioctls)
    {
        var w = new IndentedWriter();
        SupportFile.Header(w);
        var className = IoctlWrapperScopes.ClassName(scope);
        using (w.Open($"namespace {context.Options.Namespace}"))
        {
            IoctlWrapperWriter.XmlSummary(w, $"The ioctls of {IoctlWrapperScopes.Describe(scope)} in the KVM header for {context.Model.Arch}, as typed methods on\n" +
                $"<c>{IoctlWrapperScopes.Receiver(scope).Substring("global::".Length)}</c>. Each throws <c>KvmException</c> naming the C ioctl when the kernel refuses.");
            using (w.Open($"{context.Options.Accessibility} static partial class {className}"))
            {
                var writer = new IoctlWrapperWriter(w, context, scope);
                foreach (var ioctl in ioctls)
                {
                    if (!IoctlWrapperSpecials.TryWrite(writer, ioctl))
                        IoctlWrapperMethods.Write(writer, ioctl);
                }
            }
        }
        return new GeneratedSource($"KvmSharp.Ioctls.{className}.g.cs", w.ToString());
    }
}
