namespace Landscape;

/// <summary>
/// The training loss of a <see cref="NetworkAttribute"/> declaration. (Not named <c>Loss</c>: attribute arguments bind in
/// the declaring class's member scope, where the generated <c>Loss</c> method would hide a type of that name.)
/// </summary>
public enum LossFunction
{
    /// <summary>L = (1/(2n)) Σᵢ ‖f(xᵢ) − yᵢ‖²: half the squared error summed over outputs, averaged over examples (Cohen et al.'s convention).</summary>
    MeanSquaredError = 0,

    /// <summary>L = (1/n) Σᵢ −Σₖ yᵢₖ log softmax(f(xᵢ))ₖ, with one-hot or soft targets.</summary>
    SoftmaxCrossEntropy = 1,
}
