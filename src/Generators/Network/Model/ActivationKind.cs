namespace Landscape.Generators.Network.Model;

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
