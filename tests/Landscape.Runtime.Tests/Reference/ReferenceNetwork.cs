using System;

namespace Landscape.Tests.Reference;

/// <summary>
/// A deliberately simple reference for the generated networks: per-example scalar loops, no SIMD, no blocking, no
/// threads, activations written out from their textbook formulas. Gradient by plain backpropagation; the HVP by running
/// that same backpropagation on <see cref="Dual"/> numbers (forward-over-reverse by operator overloading).
/// </summary>
internal sealed class ReferenceNetwork
{
    private readonly LossFunction _loss;
    private readonly Activation[] _activations;
    private readonly ParameterLayout _layout;

    public ReferenceNetwork(IModel model, LossFunction loss, params Activation[] activations)
    {
        _loss = loss;
        _activations = activations;
        _layout = model.Layout;
    }

    /// <summary>Loss, gradient and H·v (gradient and product may be empty to skip them).</summary>
    public double Evaluate(ReadOnlySpan<double> parameters, Dataset data, ReadOnlySpan<double> direction, Span<double> gradient, Span<double> product)
    {
        int p = parameters.Length;
        var theta = new Dual[p];
        for (int i = 0; i < p; i++) theta[i] = new Dual(parameters[i], direction.IsEmpty ? 0 : direction[i]);
        var grad = new Dual[p];
        Dual total = 0;
        for (int e = 0; e < data.Count; e++) total += Example(theta, data.Input(e), data.Target(e), grad);
        double n = data.Count;
        for (int i = 0; i < p; i++)
        {
            if (!gradient.IsEmpty) gradient[i] = grad[i].V / n;
            if (!product.IsEmpty) product[i] = grad[i].T / n;
        }
        return total.V / n;
    }

    /// <summary>The network output for one example (values only).</summary>
    public double[] Predict(ReadOnlySpan<double> parameters, ReadOnlySpan<double> input)
    {
        var theta = new Dual[parameters.Length];
        for (int i = 0; i < theta.Length; i++) theta[i] = parameters[i];
        var (activations, _) = Forward(theta, input);
        Dual[] output = activations[^1];
        return Array.ConvertAll(output, d => d.V);
    }

    /// <summary>ℓ for one example; adds ∂ℓ/∂θ (duals) into <paramref name="grad"/>.</summary>
    private Dual Example(Dual[] theta, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Dual[] grad)
    {
        var (a, z) = Forward(theta, x);
        Dual[] f = a[^1];
        int k = f.Length;
        var dOut = new Dual[k]; // ∂ℓ/∂f
        Dual loss = 0;
        if (_loss == LossFunction.MeanSquaredError)
        {
            for (int j = 0; j < k; j++)
            {
                Dual e = f[j] - y[j];
                loss += 0.5 * e * e;
                dOut[j] = e;
            }
        }
        else
        {
            // ℓ = Σ_j y_j (lse − f_j); ∂ℓ/∂f_j = s·softmax_j − y_j with s = Σ y
            double m = double.NegativeInfinity;
            foreach (Dual v in f) m = Math.Max(m, v.V);
            Dual sum = 0;
            foreach (Dual v in f) sum += Dual.Exp(v - m);
            Dual lse = m + Dual.Log(sum);
            double s = 0;
            for (int j = 0; j < k; j++) s += y[j];
            for (int j = 0; j < k; j++)
            {
                loss += y[j] * (lse - f[j]);
                dOut[j] = s * Dual.Exp(f[j] - lse) - y[j];
            }
        }

        // Backpropagation: δ_l = ∂ℓ/∂z_l = σ'(z_l) ⊙ ∂ℓ/∂a_l; ∂ℓ/∂W_l = δ_l a_{l−1}ᵀ; ∂ℓ/∂a_{l−1} = W_lᵀ δ_l.
        Dual[] upstream = dOut;
        int block = _layout.Count - 1;
        for (int l = _activations.Length - 1; l >= 0; l--)
        {
            (ParameterBlock weight, ParameterBlock? bias) = LayerBlocks(l, ref block);
            Dual[] delta = new Dual[weight.Rows];
            for (int j = 0; j < weight.Rows; j++) delta[j] = upstream[j] * Derivative(_activations[l], z[l][j]);
            Dual[] below = a[l];
            var next = new Dual[weight.Columns];
            for (int j = 0; j < weight.Rows; j++)
            {
                for (int c = 0; c < weight.Columns; c++)
                {
                    int index = weight.Offset + j * weight.Columns + c;
                    grad[index] += delta[j] * below[c];
                    next[c] += theta[index] * delta[j];
                }
                if (bias is not null) grad[bias.Offset + j] += delta[j];
            }
            upstream = next;
        }
        return loss;
    }

    private (Dual[][] Activations, Dual[][] PreActivations) Forward(Dual[] theta, ReadOnlySpan<double> x)
    {
        int layers = _activations.Length;
        var a = new Dual[layers + 1][];
        var z = new Dual[layers][];
        a[0] = new Dual[x.Length];
        for (int i = 0; i < x.Length; i++) a[0][i] = x[i];
        int block = 0;
        for (int l = 0; l < layers; l++)
        {
            ParameterBlock weight = _layout[block++];
            ParameterBlock? bias = block < _layout.Count && _layout[block].Kind == ParameterKind.Bias ? _layout[block++] : null;
            z[l] = new Dual[weight.Rows];
            a[l + 1] = new Dual[weight.Rows];
            for (int j = 0; j < weight.Rows; j++)
            {
                Dual sum = bias is null ? 0 : theta[bias.Offset + j];
                for (int c = 0; c < weight.Columns; c++) sum += theta[weight.Offset + j * weight.Columns + c] * a[l][c];
                z[l][j] = sum;
                a[l + 1][j] = Value(_activations[l], sum);
            }
        }
        return (a, z);
    }

    /// <summary>The weight and (optional) bias blocks of layer l, walking the layout backwards from <paramref name="block"/>.</summary>
    private (ParameterBlock Weight, ParameterBlock? Bias) LayerBlocks(int l, ref int block)
    {
        ParameterBlock? bias = _layout[block].Kind == ParameterKind.Bias ? _layout[block--] : null;
        ParameterBlock weight = _layout[block--];
        if (weight.Kind != ParameterKind.Weight || weight.Name != $"dense{l}.weight")
            throw new InvalidOperationException($"Unexpected layout at layer {l}: {weight.Name}.");
        return (weight, bias);
    }

    // Textbook activations σ and σ' on duals (σ' on a dual needs σ'' for its tangent).
    private static Dual Value(Activation activation, Dual z) => Dual.Apply(z, ReferenceActivations.Sigma(activation, z.V), ReferenceActivations.SigmaPrime(activation, z.V));

    private static Dual Derivative(Activation activation, Dual z) => Dual.Apply(z, ReferenceActivations.SigmaPrime(activation, z.V), ReferenceActivations.SigmaSecond(activation, z.V));
}
