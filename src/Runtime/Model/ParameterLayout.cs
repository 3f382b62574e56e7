using System;
using System.Collections;
using System.Collections.Generic;

namespace Landscape;

/// <summary>The ordered, contiguous, non-overlapping blocks that make up a model's parameter vector.</summary>
public sealed class ParameterLayout : IReadOnlyList<ParameterBlock>
{
    private readonly ParameterBlock[] _blocks;

    /// <summary>Creates a layout and checks that the blocks tile [0, total) in order without gaps.</summary>
    /// <exception cref="ArgumentException">Blocks overlap, leave a gap, or have inconsistent shapes or duplicate names.</exception>
    public ParameterLayout(params ParameterBlock[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        _blocks = (ParameterBlock[])blocks.Clone();
        var names = new HashSet<string>(StringComparer.Ordinal);
        long offset = 0;
        for (int i = 0; i < _blocks.Length; i++)
        {
            ParameterBlock b = _blocks[i] ?? throw new ArgumentException($"Block {i} is null.", nameof(blocks));
            if (b.Offset != offset)
                throw new ArgumentException($"Block '{b.Name}' starts at {b.Offset}; expected {offset} (blocks must be contiguous and in order).", nameof(blocks));
            if (b.Length < 0 || b.Rows < 0 || b.Columns < 0 || (long)b.Rows * b.Columns != b.Length)
                throw new ArgumentException($"Block '{b.Name}' has length {b.Length} but shape {b.Rows}×{b.Columns}.", nameof(blocks));
            if (!names.Add(b.Name))
                throw new ArgumentException($"Block name '{b.Name}' appears twice.", nameof(blocks));
            offset += b.Length;
        }
        if (offset > Array.MaxLength)
            throw new ArgumentException($"The layout has {offset} parameters; at most {Array.MaxLength} fit in one array.", nameof(blocks));
        TotalLength = (int)offset;
    }

    /// <summary>The total number of parameters (the sum of the block lengths).</summary>
    public int TotalLength { get; }

    /// <summary>The number of blocks.</summary>
    public int Count => _blocks.Length;

    /// <summary>The block at <paramref name="index"/>, in parameter order.</summary>
    public ParameterBlock this[int index] => _blocks[index];

    /// <summary>The block named <paramref name="name"/> (ordinal comparison).</summary>
    /// <exception cref="KeyNotFoundException">No block has that name.</exception>
    public ParameterBlock this[string name]
    {
        get
        {
            foreach (ParameterBlock b in _blocks)
                if (string.Equals(b.Name, name, StringComparison.Ordinal)) return b;
            throw new KeyNotFoundException($"The layout has no block named '{name}'. Blocks: {string.Join(", ", Array.ConvertAll(_blocks, x => x.Name))}.");
        }
    }

    /// <summary>The block that contains parameter index <paramref name="parameterIndex"/>.</summary>
    public ParameterBlock BlockOf(int parameterIndex)
    {
        if ((uint)parameterIndex >= (uint)TotalLength)
            throw new ArgumentOutOfRangeException(nameof(parameterIndex), parameterIndex, $"Expected 0 ≤ index < {TotalLength}.");
        int lo = 0, hi = _blocks.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_blocks[mid].Offset <= parameterIndex) lo = mid; else hi = mid - 1;
        }
        return _blocks[lo];
    }

    /// <inheritdoc/>
    public IEnumerator<ParameterBlock> GetEnumerator() => ((IEnumerable<ParameterBlock>)_blocks).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _blocks.GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", Array.ConvertAll(_blocks, b => $"{b.Name} [{b.Rows}×{b.Columns}] @{b.Offset}"));
}
