using Landscape.Generators.Common;

namespace Landscape.Generators.Network.Model;

/// <summary>
/// Everything the emitter needs to generate one [Network] class.
/// </summary>
/// <remarks>
/// The spec is the incremental pipeline's cache key: it is immutable and compares structurally. When adding members,
/// keep them equatable (primitives, strings, enums, records of those, <see cref="EquatableArray{T}"/>) or caching breaks;
/// never store symbols, syntax nodes, locations or the compilation here.
/// </remarks>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Declarations of the containing types, outermost first (e.g. "partial class Outer").</param>
/// <param name="TypeKeyword">"class" or "record" (a record class works as well).</param>
/// <param name="TypeName">The network class name (escaped with @ if it is a keyword).</param>
/// <param name="HintName">The file name of the generated source.</param>
/// <param name="Loss">The loss function.</param>
/// <param name="InputSize">Input features.</param>
/// <param name="Layers">The dense layers in order.</param>
internal sealed record NetworkSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string TypeKeyword,
    string TypeName,
    string HintName,
    LossKind Loss,
    int InputSize,
    EquatableArray<LayerSpec> Layers);

/// <summary>One dense layer: z = W a + b (W is [Units × FanIn]), then the activation.</summary>
internal sealed record LayerSpec(int Units, int FanIn, ActivationKind Activation, bool Bias, InitKind Init, double InitScale);

/// <summary>Mirror of <c>Landscape.LossFunction</c> (values must match; a test checks them).</summary>
internal enum LossKind
{
    /// <summary>Mean squared error.</summary>
    MeanSquaredError = 0,

    /// <summary>Softmax cross-entropy.</summary>
    SoftmaxCrossEntropy = 1,
}

/// <summary>Mirror of <c>Landscape.Activation</c> (values must match; a test checks them).</summary>
internal enum ActivationKind
{
    /// <summary>z.</summary>
    Identity = 0,

    /// <summary>tanh z.</summary>
    Tanh = 1,

    /// <summary>max(0, z).</summary>
    Relu = 2,

    /// <summary>1/(1 + e^−z).</summary>
    Sigmoid = 3,

    /// <summary>log(1 + e^z).</summary>
    Softplus = 4,

    /// <summary>z Φ(z).</summary>
    Gelu = 5,

    /// <summary>z or e^z − 1.</summary>
    Elu = 6,

    /// <summary>z².</summary>
    Square = 7,

    /// <summary>sin z.</summary>
    Sin = 8,
}

/// <summary>Mirror of <c>Landscape.Init</c> (values must match; a test checks them).</summary>
internal enum InitKind
{
    /// <summary>LeCun normal.</summary>
    Default = 0,

    /// <summary>He normal.</summary>
    He = 1,

    /// <summary>Xavier normal.</summary>
    Xavier = 2,

    /// <summary>Standard normal.</summary>
    Normal = 3,

    /// <summary>Zeros.</summary>
    Zeros = 4,
}
