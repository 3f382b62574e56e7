using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Landscape.Data;

/// <summary>
/// How <see cref="Mnist.Load"/> turns the IDX files into a <see cref="Dataset"/>. The default (all properties unset)
/// loads every example, with inputs pixel/255 in [0, 1] and one-hot targets.
/// </summary>
/// <remarks>
/// Selection happens in file order: first the <see cref="Classes"/> filter, then the first <see cref="Count"/> of the
/// examples that remain; <see cref="Standardize"/> then uses statistics of exactly the examples loaded.
/// </remarks>
public sealed class MnistOptions
{
    private readonly int? _count;
    private readonly ReadOnlyCollection<int>? _classes;

    /// <summary>The default options: every example, inputs in [0, 1], no standardization.</summary>
    public static MnistOptions Default { get; } = new();

    /// <summary>
    /// Load only the first <c>Count</c> examples (in file order, after the <see cref="Classes"/> filter);
    /// <see langword="null"/> (the default) loads them all. <see cref="Mnist.Load"/> throws
    /// <see cref="ArgumentOutOfRangeException"/> when the files hold fewer matching examples.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int? Count
    {
        get => _count;
        init
        {
            if (value is < 1)
                throw new ArgumentOutOfRangeException(nameof(Count), value, "Count must be at least 1 (or null for every example).");
            _count = value;
        }
    }

    /// <summary>
    /// Standardize the inputs with one global mean and standard deviation: x ↦ (x − μ) / σ, where x = pixel/255,
    /// μ = mean of x over every pixel of every loaded example and σ² = mean of (x − μ)² over the same values (the
    /// population variance). The result has mean 0 and standard deviation 1 over all loaded input values.
    /// </summary>
    /// <remarks>
    /// Global rather than per-pixel: it keeps the relative intensities within an image, matches the usual MNIST
    /// convention (a single channel mean and deviation, 0.1307 and 0.3081 on the training set) and avoids dividing
    /// MNIST's border pixels, which are constant or nearly so, by a tiny deviation. If every loaded pixel has the same
    /// value (σ = 0), the inputs are only centred (σ is taken as 1), so they are all 0 rather than NaN.
    /// The statistics are those of the loaded examples; to apply training-set statistics to a test set, load both
    /// without this option and transform them yourself.
    /// </remarks>
    public bool Standardize { get; init; }

    /// <summary>
    /// Keep only examples whose label is one of these digits (file order is kept); <see langword="null"/> (the
    /// default) keeps every class. Targets stay 10 wide and one-hot at the original digit, so a model's output
    /// index is always the digit. The list is copied.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty, repeats a digit, or holds a value outside 0–9.</exception>
    public IReadOnlyList<int>? Classes
    {
        get => _classes;
        init
        {
            if (value is null)
            {
                _classes = null;
                return;
            }
            var copy = new int[value.Count];
            var seen = new bool[Mnist.ClassCount];
            for (int i = 0; i < copy.Length; i++)
            {
                int c = value[i];
                if ((uint)c >= Mnist.ClassCount)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Classes[{i}] is {c}; expected a digit from 0 to {Mnist.ClassCount - 1}."), nameof(Classes));
                if (seen[c])
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Classes lists the digit {c} twice; expected distinct digits."), nameof(Classes));
                seen[c] = true;
                copy[i] = c;
            }
            if (copy.Length == 0)
                throw new ArgumentException("Classes is empty; expected at least one digit (or null for every class).", nameof(Classes));
            _classes = Array.AsReadOnly(copy);
        }
    }
}
