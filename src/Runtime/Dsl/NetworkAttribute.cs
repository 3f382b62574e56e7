using System;

namespace Landscape;

/// <summary>
/// Declares a fully connected network. The source generator turns the <c>partial</c> class into an <see cref="IModel"/>
/// with fused loss, gradient and exact Hessian-vector-product code. Layers are the <see cref="DenseAttribute"/>s in
/// source order, after one <see cref="InputAttribute"/>.
/// </summary>
/// <example><code>
/// [Network(LossFunction.MeanSquaredError)]
/// [Input(784)]
/// [Dense(200, Activation.Tanh)]
/// [Dense(10)]
/// public partial class FcTanh;
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute(LossFunction loss) : Attribute
{
    /// <summary>The training loss.</summary>
    public LossFunction Loss { get; } = loss;
}
