using System;
using Landscape.Numerics;

namespace Landscape.Tests.Reference;

/// <summary>The activations σ, σ′ and σ″ from their textbook formulas (Math.Tanh, Math.Exp, erf), for the reference networks.</summary>
internal static class ReferenceActivations
{
    private static double Phi(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);

    private static double NormalCdf(double z) => 0.5 * (1 + SpecialFunctions.Erf(z / Math.Sqrt(2)));

    private static double Logistic(double z) => 1 / (1 + Math.Exp(-z));

    public static double Sigma(Activation activation, double z) => activation switch
    {
        Activation.Identity => z,
        Activation.Tanh => Math.Tanh(z),
        Activation.Relu => Math.Max(0, z),
        Activation.Sigmoid => Logistic(z),
        Activation.Softplus => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z)),
        Activation.Gelu => z * NormalCdf(z),
        Activation.Elu => z > 0 ? z : Math.Exp(z) - 1,
        Activation.Square => z * z,
        Activation.Sin => Math.Sin(z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    public static double SigmaPrime(Activation activation, double z) => activation switch
    {
        Activation.Identity => 1,
        Activation.Tanh => 1 - Math.Tanh(z) * Math.Tanh(z),
        Activation.Relu => z > 0 ? 1 : 0,
        Activation.Sigmoid => Logistic(z) * (1 - Logistic(z)),
        Activation.Softplus => Logistic(z),
        Activation.Gelu => NormalCdf(z) + z * Phi(z),
        Activation.Elu => z > 0 ? 1 : Math.Exp(z),
        Activation.Square => 2 * z,
        Activation.Sin => Math.Cos(z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    public static double SigmaSecond(Activation activation, double z) => activation switch
    {
        Activation.Identity => 0,
        Activation.Tanh => -2 * Math.Tanh(z) * (1 - Math.Tanh(z) * Math.Tanh(z)),
        Activation.Relu => 0,
        Activation.Sigmoid => Logistic(z) * (1 - Logistic(z)) * (1 - 2 * Logistic(z)),
        Activation.Softplus => Logistic(z) * (1 - Logistic(z)),
        Activation.Gelu => Phi(z) * (2 - z * z),
        Activation.Elu => z > 0 ? 0 : Math.Exp(z),
        Activation.Square => 2,
        Activation.Sin => -Math.Sin(z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
