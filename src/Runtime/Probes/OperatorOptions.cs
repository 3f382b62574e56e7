namespace Landscape.Probes;

/// <summary>Settings for <see cref="Hessian.Operator"/>; every property has a usable default.</summary>
public sealed record OperatorOptions
{
    /// <summary>The default <see cref="MemoryBudgetBytes"/>: 2 GiB.</summary>
    public const long DefaultMemoryBudgetBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// The most bytes the operator may keep for its fixed point (the model's <see cref="Landscape.Models.IFixedPointModel.FixedPointBytes"/>).
    /// Past it the operator keeps nothing and each product is a full Hessian-vector product of the model — the same bits,
    /// only slower. 0 always takes full products. Default <see cref="DefaultMemoryBudgetBytes"/>.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = DefaultMemoryBudgetBytes;
}
