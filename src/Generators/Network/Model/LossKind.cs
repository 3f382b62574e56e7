namespace Landscape.Generators.Network.Model;

/// <summary>Mirror of <c>Landscape.LossFunction</c> (values must match; a test checks them).</summary>
internal enum LossKind
{
    /// <summary>Mean squared error.</summary>
    MeanSquaredError = 0,

    /// <summary>Softmax cross-entropy.</summary>
    SoftmaxCrossEntropy = 1,
}
