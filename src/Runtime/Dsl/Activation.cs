namespace Landscape;

/// <summary>The elementwise nonlinearity applied after a <see cref="DenseAttribute"/> layer's affine map. Each has exact first and second derivatives.</summary>
public enum Activation
{
    /// <summary>σ(z) = z.</summary>
    Identity = 0,

    /// <summary>σ(z) = tanh z; σ' = 1 − σ²; σ'' = −2σ(1 − σ²).</summary>
    Tanh = 1,

    /// <summary>σ(z) = max(0, z); σ' = 1[z &gt; 0] (0 at z = 0); σ'' = 0 everywhere (the distributional term at 0 is dropped).</summary>
    Relu = 2,

    /// <summary>σ(z) = 1 / (1 + e^−z); σ' = σ(1 − σ); σ'' = σ(1 − σ)(1 − 2σ).</summary>
    Sigmoid = 3,

    /// <summary>σ(z) = log(1 + e^z); σ' = sigmoid(z); σ'' = sigmoid(z)(1 − sigmoid(z)).</summary>
    Softplus = 4,

    /// <summary>σ(z) = z Φ(z) (exact erf form); σ' = Φ(z) + z φ(z); σ'' = φ(z)(2 − z²).</summary>
    Gelu = 5,

    /// <summary>σ(z) = z for z &gt; 0, e^z − 1 otherwise (α = 1); σ' = 1 or e^z; σ'' = 0 or e^z (the z ≤ 0 branch at z = 0).</summary>
    Elu = 6,

    /// <summary>σ(z) = z²; σ' = 2z; σ'' = 2.</summary>
    Square = 7,

    /// <summary>σ(z) = sin z; σ' = cos z; σ'' = −sin z.</summary>
    Sin = 8,
}
