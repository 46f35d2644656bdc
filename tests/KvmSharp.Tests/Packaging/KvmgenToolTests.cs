using System.Text.Json;
using Xunit;

namespace KvmSharp.Tests.Packaging;

/// <summary>kvmgen as a user gets it: <c>dotnet tool install</c> from the local feed, then run by its command name.</summary>
[Collection(PackagingCollection.Name)]
public sealed class KvmgenToolTests(LocalFeed feed)
{
    [Fact]
    public void TheInstalledToolDumpsAndGenerates()
    {
        // `--add-source` and package source mapping do not mix: here the feed is the only source, as `<clear />` leaves it.
        var workspace = feed.NewWorkspace("tool", onlyTheFeed: true);
        var tools = Path.Combine(workspace, "tools");
        feed.Dotnet(workspace, "tool", "install", "KvmSharp.Kvmgen", "--version", feed.Version, "--tool-path", tools, "--add-source", feed.Feed).Succeeded();
        var kvmgen = Path.Combine(tools, "kvmgen");

        var dump = DotnetCommand.Run(workspace, feed.Packages, kvmgen, "dump", "--arch", "x86_64").Succeeded();
        using (var json = JsonDocument.Parse(dump.StandardOutput))
        {
            Assert.Equal("x86_64", json.RootElement.GetProperty("arch").GetString());
            Assert.Equal(0xAE80UL, json.RootElement.GetProperty("constants").GetProperty("KVM_RUN").GetUInt64());
        }

        var generated = Path.Combine(workspace, "generated");
        DotnetCommand.Run(workspace, feed.Packages, kvmgen, "generate", "--arch", "arm64", "-o", generated).Succeeded();
        Assert.Contains("KVM_CAP_ARM_MTE", File.ReadAllText(Path.Combine(generated, "KvmConstants.g.cs")));
    }
}
