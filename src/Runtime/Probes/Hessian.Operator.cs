using System;

namespace Landscape.Probes;

public static partial class Hessian
{
    /// <summary>
    /// The Hessian of <paramref name="model"/> at <paramref name="parameters"/> on <paramref name="data"/>, for many products at
    /// that point: what does not depend on the direction is computed once (see <see cref="HessianOperator"/>). Each product
    /// equals <see cref="IModel.HessianVectorProduct"/> bit for bit.
    /// </summary>
    /// <param name="model">The model; generated networks and objectives keep their fixed point, any other model gets full products.</param>
    /// <param name="parameters">θ (copied).</param>
    /// <param name="data">The examples (kept by reference: do not change them while the operator is used).</param>
    /// <param name="options">The memory budget; null for the defaults.</param>
    /// <exception cref="ArgumentException">The parameters do not match the model or are not finite.</exception>
    public static HessianOperator Operator(IModel model, ReadOnlySpan<double> parameters, Dataset data, OperatorOptions? options = null)
    {
        CheckArguments(model, parameters, data);
        options ??= new OperatorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.MemoryBudgetBytes, nameof(options.MemoryBudgetBytes));
        return new HessianOperator(model, parameters, data, options);
    }
}
