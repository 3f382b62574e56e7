namespace Landscape.Probes;

/// <summary>How <see cref="Directions.Random(IModel, int, Normalization, System.ReadOnlySpan{double})"/> rescales a Gaussian direction.</summary>
public enum Normalization
{
    /// <summary>No rescaling: the raw standard-normal draw.</summary>
    None,

    /// <summary>
    /// Filter normalization (Li et al. 2018): each row of each weight block (the fan-in weights of one output unit) is
    /// scaled to the Euclidean norm of the same row of the reference parameters; bias blocks are zeroed or normalized as
    /// selected by <see cref="BiasHandling"/>.
    /// </summary>
    Filter,

    /// <summary>Layer normalization: each weight or bias block is scaled to the norm of the same block of the reference.</summary>
    Layer,

    /// <summary>The whole vector is scaled to unit Euclidean norm (no reference needed).</summary>
    Unit,
}
