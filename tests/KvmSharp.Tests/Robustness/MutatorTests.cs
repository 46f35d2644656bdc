using KvmSharp.TestSupport.Mutation;
using Xunit;

namespace KvmSharp.Tests.Robustness;

/// <summary>The mutator itself: deterministic, varied, and its edits always apply cleanly.</summary>
public sealed class MutatorTests
{
    [Fact]
    public void TheSameSeedGivesTheSameCopy()
    {
        var set = RealHeaderSets.X86_64;
        for (var seed = 0; seed < 50; seed++)
        {
            var first = new HeaderMutator(set).Mutate(seed);
            var again = new HeaderMutator(set).Mutate(seed);
            Assert.Equal(first.Edits, again.Edits);
            Assert.Equal(first.Files[set.Main.Path], again.Files[set.Main.Path]);
        }
    }

    [Fact]
    public void CopiesDifferFromTheOriginalAndFromEachOther()
    {
        var set = RealHeaderSets.X86_64;
        var mutator = new HeaderMutator(set);
        var copies = Enumerable.Range(1, 500).Select(mutator.Mutate).ToArray();

        var changed = copies.Count(c => set.Paths.Any(p => c.Files[p] != set.Files[p].Text));
        Assert.True(changed >= 490, $"only {changed} of 500 copies differ from the original");
        var distinct = copies.Select(c => string.Join("|", c.Edits)).Distinct().Count();
        Assert.True(distinct >= 495, $"only {distinct} of 500 copies are distinct");
    }

    [Fact]
    public void EveryKindOfEditIsUsedAndTheArchHeaderIsSometimesMutated()
    {
        var set = RealHeaderSets.X86_64;
        Assert.NotNull(set.ArchHeader);
        var mutator = new HeaderMutator(set);
        var copies = Enumerable.Range(1, 2000).Select(mutator.Mutate).ToArray();

        var kinds = copies.SelectMany(c => c.Edits).Select(e => e.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<EditKind>().ToHashSet(), kinds);
        var archCopies = copies.Count(c => c.Edits.Any(e => e.File == set.ArchHeader!.Path));
        Assert.InRange(archCopies, 300, 500); // one in five
        Assert.All(copies, c => Assert.Contains(c.Edits, e => e.File == set.Main.Path));
        Assert.True(copies.Average(c => c.Edits.Count) > 2, "several edits per copy");
    }

    [Fact]
    public void EditsStayInsideTheTextAndDoNotOverlap()
    {
        var set = RealHeaderSets.X86_64;
        var mutator = new HeaderMutator(set);
        foreach (var copy in Enumerable.Range(1, 1000).Select(mutator.Mutate))
        {
            foreach (var file in copy.Edits.GroupBy(e => e.File))
            {
                var end = 0;
                foreach (var edit in file)
                {
                    Assert.True(edit.Start >= end, $"seed {copy.Seed}: overlapping edits");
                    Assert.True(edit.End <= set.Files[file.Key].Text.Length, $"seed {copy.Seed}: edit past the end");
                    end = edit.End;
                }
            }
        }
    }

    [Fact]
    public void ApplyingEditsReplacesExactlyTheirSpans()
    {
        var set = RealHeaderSets.X86_64;
        var main = set.Main;
        var edits = new[]
        {
            new HeaderEdit(main.Path, EditKind.ByteInsert, 0, 0, "@"),
            new HeaderEdit(main.Path, EditKind.ByteFlip, 10, 1, "}"),
            new HeaderEdit(main.Path, EditKind.ByteFlip, 10, 1, "{"), // overlaps the one before: dropped
            new HeaderEdit(main.Path, EditKind.Truncate, 100, main.Text.Length - 100, ""),
        };

        var text = set.Apply(edits)[main.Path];

        Assert.Equal("@" + main.Text[..10] + "}" + main.Text[11..100], text);
        Assert.Equal(3, HeaderSet.Normalize(edits).Count);
        Assert.Equal(set.Texts()[set.Paths[^1]], set.Apply(edits)[set.Paths[^1]]);
    }

    [Fact]
    public void TheTokenScannerSkipsCommentsAndKeepsLiteralsWhole()
    {
        const string text = "struct a { int b; /* c d */ }; // e\n#define X(a) a##b \"s\\\"t\" 1.5e3 ...";
        var tokens = CTokenScanner.Scan(text).Select(t => text.Substring(t.Start, t.Length));
        Assert.Equal(
            ["struct", "a", "{", "int", "b", ";", "}", ";", "#", "define", "X", "(", "a", ")", "a", "##", "b", "\"s\\\"t\"", "1.5e3", "..."],
            tokens);
    }

    [Fact]
    public void TheTokenScannerNeverFailsOnGarbage()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var garbage = new string(Enumerable.Range(0, random.Next(200)).Select(_ => "/*\"'\\\n{}#a1 \0"[random.Next(13)]).ToArray());
            var tokens = CTokenScanner.Scan(garbage);
            Assert.All(tokens, t => Assert.True(t.Start >= 0 && t.Length > 0 && t.End <= garbage.Length));
        }
    }

    [Fact]
    public void LinesAndColumnsAreOneBased()
    {
        Assert.Equal((1, 1), HeaderEdit.LineAndColumn("ab\ncd", 0));
        Assert.Equal((2, 2), HeaderEdit.LineAndColumn("ab\ncd", 4));
        Assert.Equal("\"a\\n\\u0000\\\"\"", HeaderEdit.Quote("a\n\0\""));
    }
}
