using System.Text.RegularExpressions;
using KvmSharp.Generator.Facts;
using KvmSharp.Tests.Kernels;
using Xunit;

namespace KvmSharp.Tests.Uapi;

/// <summary>
/// DeviceIoctlFacts.txt against the kernel: each fact's SOURCE names files and functions (or ioctl tables) of the newest
/// release, and the ioctl must be a <c>case</c> label, an <c>IOCTL_OP</c> entry or a compared value (<c>ioctl == NAME</c>, or <c>cmd != NAME</c> before refusing every other)
/// in the body of every one of them. The sources are Debian's linux-source package, which .ci/kernels unpacks into
/// devices-VERSION of the kernels cache.
/// </summary>
public sealed class DeviceIoctlFactSourceTests
{
    private const string Version = "7.2";

    private static string Sources
    {
        get
        {
            var folder = Path.Combine(KernelRelease.Cache, "devices-" + Version);
            Assert.True(File.Exists(Path.Combine(folder, ".complete")),
                $"the device dispatchers of {Version} are not in {KernelRelease.Cache}: run .ci/kernels (it fetches linux-source-{Version})");
            return Path.Combine(folder, "src");
        }
    }

    [Fact]
    public void The_shipped_table_reads_without_a_problem()
    {
        var problems = new List<string>();
        var table = DeviceIoctlFactTable.Parse(File.ReadAllText(FactsFile), problems);
        Assert.Empty(problems);
        Assert.True(table.All.Count >= 60, $"only {table.All.Count} facts");
    }

    [Fact]
    public void A_bad_line_is_a_problem_with_its_number()
    {
        var problems = new List<string>();
        DeviceIoctlFactTable.Parse("# c\nTUNGETFEATURES | tun | - | - | GetFeatures | x\nVHOST_X | nowhere | - | - | X | y\nTUNX | tun | - | fd kvm | X | z\n", problems);
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("line 3: 'nowhere' is not a comma list of", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 4: returns 'fd kvm'", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_fact_is_handled_by_the_dispatchers_its_source_names()
    {
        var root = Sources;
        var wrong = new List<string>();
        foreach (var fact in DeviceIoctlFactTable.BuiltIn.All)
        {
            // "drivers/vhost/net.c vhost_net_ioctl; drivers/vhost/vsock.c vhost_vsock_dev_ioctl (why)"
            foreach (var part in Regex.Replace(fact.Source, @"\(.*?\)", "").Split(';'))
            {
                var words = part.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length != 2)
                {
                    wrong.Add($"{fact.Name}: source '{part}' is not FILE FUNCTION");
                    continue;
                }
                var path = Path.Combine(root, words[0]);
                if (!File.Exists(path))
                {
                    wrong.Add($"{fact.Name}: {words[0]} is not in linux-source-{Version}");
                    continue;
                }
                var body = Body(CSourceText.StripCommentsAndLiterals(File.ReadAllText(path)), words[1]);
                if (body is null)
                    wrong.Add($"{fact.Name}: {words[0]} has no function or table {words[1]}");
                else if (!Regex.IsMatch(body, $@"(case\s+{fact.Name}\s*:|IOCTL_OP\(\s*{fact.Name}\s*,|[!=]=\s*{fact.Name}\b)"))
                    wrong.Add($"{fact.Name}: not handled by {words[0]} {words[1]}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Every_ioctl_a_dispatcher_handles_in_the_chosen_headers_is_a_fact_or_known_to_be_left_out()
    {
        // The tun and userfaultfd dispatchers are small: every ioctl of theirs has a method, but for the ones left out on
        // purpose (a method of little use, or one whose argument the header does not define well enough).
        var leftOut = new HashSet<string>(StringComparer.Ordinal)
        {
            "TUNSETNOCSUM", "TUNSETDEBUG", "TUNSETTXFILTER", "TUNATTACHFILTER", "TUNDETACHFILTER", "TUNGETFILTER",
            "TUNSETVNETLE", "TUNGETVNETLE", "TUNSETVNETBE", "TUNGETVNETBE", "TUNSETSTEERINGEBPF", "TUNSETFILTEREBPF",
            "TUNGETDEVNETNS", "SIOCGIFFLAGS", "SIOCSIFFLAGS", "SIOCGIFHWADDR", "SIOCSIFHWADDR", "UFFDIO_SET_MODE",
            "TUNSETIFINDEX", "TUNGETVNETHASHCAP", "TUNSETVNETHASH",
        };
        var missing = new List<string>();
        foreach (var (file, function) in new[] { ("drivers/net/tun.c", "__tun_chr_ioctl"), ("mm/userfaultfd.c", "userfaultfd_ioctl") })
        {
            var body = Body(CSourceText.StripCommentsAndLiterals(File.ReadAllText(Path.Combine(Sources, file))), function)!;
            foreach (Match match in Regex.Matches(body, @"case\s+([A-Z][A-Z0-9_]+)\s*:"))
            {
                var name = match.Groups[1].Value;
                if (DeviceIoctlFactTable.BuiltIn.Find(name) is null && !leftOut.Contains(name))
                    missing.Add($"{name} ({file} {function})");
            }
        }
        Assert.True(missing.Count == 0, "handled by the kernel but neither a fact nor left out: " + string.Join(", ", missing));
    }

    // The text from the line that defines NAME (a function, or a table "NAME[] = {") at the start of a line to the
    // first line that starts with '}'.
    private static string? Body(string code, string name)
    {
        var start = Regex.Match(code, $@"^[^\s#].*\b{Regex.Escape(name)}\s*(\(|\[\])", RegexOptions.Multiline);
        if (!start.Success)
            return null;
        var end = Regex.Match(code.Substring(start.Index), @"^\}", RegexOptions.Multiline);
        return end.Success ? code.Substring(start.Index, end.Index) : code.Substring(start.Index);
    }

    private static string FactsFile
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bindings.sln")))
                dir = dir.Parent;
            return Path.Combine(dir!.FullName, "src", "Generator", "Facts", "DeviceIoctlFacts.txt");
        }
    }
}
