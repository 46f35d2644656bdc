using System.Collections;

namespace KvmSharp.Generator.FrontEnd.Lexing;

/// <summary>
/// A growing list of tokens kept in arrays small enough to stay off the large object heap. A plain
/// <see cref="List{T}"/> of kvm.h's 15,000 tokens, or of the translation unit's, is a large object, and
/// allocating large objects on every read ends every read in a gen2 collection.
/// </summary>
internal sealed class TokenList : IReadOnlyList<Token>
{
    // 4,096 references: 32 KB, well under the 85,000-byte threshold of the large object heap.
    private const int ChunkShift = 12;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    // The first chunk grows by doubling, so a one-token list stays small; the others are full-sized.
    private readonly List<Token[]> chunks = new() { new Token[8] };

    public int Count { get; private set; }

    public Token this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index));
            return chunks[index >> ChunkShift][index & ChunkMask];
        }
    }

    public void Add(Token token)
    {
        var chunk = Count >> ChunkShift;
        var slot = Count & ChunkMask;
        if (chunk == 0 && slot == chunks[0].Length)
        {
            var grown = new Token[Math.Min(ChunkSize, slot * 2)];
            Array.Copy(chunks[0], grown, slot);
            chunks[0] = grown;
        }
        else if (chunk == chunks.Count)
        {
            chunks.Add(new Token[ChunkSize]);
        }
        chunks[chunk][slot] = token;
        Count++;
    }

    public void AddRange(List<Token> tokens)
    {
        foreach (var token in tokens)
            Add(token);
    }

    public List<Token> GetRange(int index, int count)
    {
        if (index < 0 || count < 0 || index + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count));
        var range = new List<Token>(count);
        for (var i = index; i < index + count; i++)
            range.Add(chunks[i >> ChunkShift][i & ChunkMask]);
        return range;
    }

    public IEnumerator<Token> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return chunks[i >> ChunkShift][i & ChunkMask];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
