using System.Text.RegularExpressions;
using Xunit;

namespace KvmSharp.Tests.Runtime;

/// <summary>The errno name table against the asm-generic headers it was written from.</summary>
public sealed partial class LinuxErrnoTests
{
    private static readonly string[] Headers = { "/usr/include/asm-generic/errno-base.h", "/usr/include/asm-generic/errno.h" };

    [SkippableFact]
    public void EveryNumberedErrnoOfAsmGenericHasItsName()
    {
        Skip.IfNot(Headers.All(File.Exists), "needs linux-libc-dev (asm-generic/errno*.h)");
        var defined = Headers
            .SelectMany(File.ReadLines)
            .Select(line => NumberedDefine().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => int.Parse(match.Groups[2].Value), match => match.Groups[1].Value);

        Assert.Equal(defined.Keys.Max(), LinuxErrno.MaxKnown);
        foreach (var (number, name) in defined)
            Assert.Equal(name, LinuxErrno.GetName(number));
    }

    [Fact]
    public void TheNamedConstantsAgreeWithTheTable()
    {
        foreach (var field in typeof(LinuxErrno).GetFields().Where(field => field.IsLiteral))
            Assert.Equal(field.Name, LinuxErrno.GetName((int)field.GetRawConstantValue()!));
    }

    [Theory]
    [InlineData(0, "E0")]
    [InlineData(41, "E41")]
    [InlineData(4095, "E4095")]
    [InlineData(-3, "E-3")]
    public void ANumberWithoutANameIsSpelledOut(int errno, string expected) =>
        Assert.Equal(expected, LinuxErrno.GetName(errno));

    [GeneratedRegex(@"^#define\s+(E\w+)\s+(\d+)\b")]
    private static partial Regex NumberedDefine();
}
