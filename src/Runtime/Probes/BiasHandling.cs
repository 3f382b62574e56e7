namespace Landscape.Probes;

/// <summary>What <see cref="Normalization.Filter"/> does with bias blocks.</summary>
public enum BiasHandling
{
    /// <summary>Bias entries of the direction are set to zero (Li et al.'s default: the direction moves weights only).</summary>
    Zero,

    /// <summary>Each bias block is scaled to the Euclidean norm of the same bias block of the reference.</summary>
    Normalize,
}
