using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace Landscape.Benchmarks;

// The analytic counts depend on nothing but their arguments, so Landscape.Experiments.Tests compiles this file too (a
// linked Compile item) and checks that the generator's per-example counts (NetworkCatalog) equal them for P1–P4.

/// <summary>Analytic FLOPs of one call of the three basic operations of a problem (GEMMs or their equivalent only).</summary>
/// <param name="Loss">L(θ).</param>
/// <param name="Gradient">L(θ) and ∇L(θ).</param>
/// <param name="Hvp">H(θ)·v.</param>
/// <param name="Formula">How the counts were derived, for the report.</param>
public sealed record OperationFlops(double Loss, double Gradient, double Hvp, string Formula);

/// <summary>
/// One linear map of a network, as the GEMM our kernels (and libtorch's) run for it: a dense layer (a GEMM of
/// u × f per example) or a convolution as its im2col GEMM, Z_e = W·P_e with W [O × Q], Q = C·K·K, and P_e [Q × L],
/// L = OH·OW output positions (a 1×1 projection shortcut is a convolution with K = 1).
/// </summary>
/// <param name="Name">The layer, as our layout names its weight block ("conv1", "residual0", "dense0").</param>
/// <param name="Rows">O (out-channels) or u (units): the rows of the weight block.</param>
/// <param name="Columns">Q = C·K·K or f (fan-in): the columns of the weight block.</param>
/// <param name="Positions">L = OH·OW for a convolution, 1 for a dense layer.</param>
/// <param name="ReadsInput">Whether the map reads the network's input, which needs neither a delta nor an R-value.</param>
public sealed record LinearMap(string Name, int Rows, int Columns, int Positions, bool ReadsInput = false)
{
    /// <summary>Multiply-adds of one example: O·Q·L.</summary>
    public double MultiplyAdds => (double)Rows * Columns * Positions;

    /// <summary>A convolution with <paramref name="inChannels"/> → <paramref name="outChannels"/>, a K×K kernel, and an OH×OW output.</summary>
    public static LinearMap Conv2d(string name, int inChannels, int outChannels, int kernel, int outHeight, int outWidth, bool readsInput = false) =>
        new(name, outChannels, inChannels * kernel * kernel, outHeight * outWidth, readsInput);

    /// <summary>A dense layer of <paramref name="units"/> on <paramref name="fanIn"/> values.</summary>
    public static LinearMap Dense(string name, int fanIn, int units, bool readsInput = false) => new(name, units, fanIn, 1, readsInput);
}

/// <summary>
/// Analytic floating-point operation counts. Every problem carries its own <see cref="OperationFlops"/>; the composite
/// operations are derived from them: Lanczos = <see cref="Problem.LanczosHvps"/> HVPs (the O(k·P) reorthogonalization
/// is left out), plane slice = grid² losses. The same count is credited to both sides.
/// </summary>
public static partial class Flops
{
    /// <summary>P1's widths: 20-100-1.</summary>
    public static int[] P1Widths => [20, 100, 1];

    /// <summary>P2's widths: 784-200-200-10.</summary>
    public static int[] P2Widths => [784, 200, 200, 10];

    /// <summary>P3's (LeNet-5's) linear maps, with the output positions of its generated header.</summary>
    public static LinearMap[] P3Maps =>
    [
        LinearMap.Conv2d("conv0", 1, 6, 5, 28, 28, readsInput: true),
        LinearMap.Conv2d("conv1", 6, 16, 5, 10, 10),
        LinearMap.Dense("dense0", 400, 120),
        LinearMap.Dense("dense1", 120, 84),
        LinearMap.Dense("dense2", 84, 10),
    ];

    /// <summary>P4's (ResNet8's) linear maps, the 1×1 projection of the second block last among the convolutions, as in the layout.</summary>
    public static LinearMap[] P4Maps =>
    [
        LinearMap.Conv2d("conv0", 1, 16, 3, 28, 28, readsInput: true),
        LinearMap.Conv2d("conv1", 16, 16, 3, 28, 28),
        LinearMap.Conv2d("conv2", 16, 16, 3, 28, 28),
        LinearMap.Conv2d("conv3", 16, 32, 3, 14, 14),
        LinearMap.Conv2d("conv4", 32, 32, 3, 14, 14),
        LinearMap.Conv2d("residual1", 16, 32, 1, 14, 14),
        LinearMap.Dense("dense0", 32, 10),
    ];

    /// <summary>
    /// A dense network (GEMMs only; the O(n·units) activation, loss and bias work is left out). With
    /// G_l = 2·n·u_l·f_l the GEMM of dense layer l (n examples, u_l units, f_l fan-in), G₁ the first layer and
    /// S = Σ_{l≥2} G_l: loss = forward = G₁ + S; loss + gradient = forward (G₁ + S) + backward to the deltas (S; the
    /// inputs need no delta) + weight gradients (G₁ + S) = 2G₁ + 3S; HVP = forward (G₁ + S) + R-forward (G₁ + 2S:
    /// R z = R a Wᵀ + a Vᵀ) + backward (S) + R-backward (2S: R g W + g V) + weight terms of H·v (G₁ + 2S:
    /// R gᵀ a + gᵀ R a) = 3G₁ + 8S.
    /// </summary>
    public static OperationFlops Dense(int[] widths, int n)
    {
        ArgumentNullException.ThrowIfNull(widths);
        double g1 = 2.0 * n * widths[1] * widths[0];
        double s = 0;
        for (int l = 2; l < widths.Length; l++) s += 2.0 * n * widths[l] * widths[l - 1];
        return new OperationFlops(g1 + s, 2 * g1 + 3 * s, 3 * g1 + 8 * s,
            "dense layers, GEMMs only: with G_l = 2·n·u_l·f_l the GEMM of dense layer l (n examples, u_l units, f_l fan-in), " +
            "G₁ the first layer and S = Σ_{l≥2} G_l: loss = G₁ + S; loss + gradient = forward + backward to the deltas + " +
            "weight gradients = 2G₁ + 3S; HVP = forward (G₁ + S) + R-forward (G₁ + 2S) + backward (S) + R-backward (2S) + " +
            "H·v weight terms (G₁ + 2S) = 3G₁ + 8S; activations and the loss head are not counted");
    }

    /// <summary>
    /// A network of convolutions, dense layers and projection shortcuts (GEMMs only: activations, biases, pooling,
    /// residual adds and the loss head are not counted; 2 FLOPs per multiply-add). With G_m = 2·n·O_m·Q_m·L_m the GEMM of
    /// map m over n examples, I the maps that read the network's input and S the others: loss = forward = Σ G;
    /// loss + gradient = forward (I + S) + input deltas (S: the input needs none) + weight gradients (I + S) = 2I + 3S;
    /// HVP = forward (I + S) + R-forward (I + 2S: R z = W·R a + V·a, and R a = 0 at the input) + backward (S) +
    /// R-backward (2S: Wᵀ·R g + Vᵀ·g) + H·v weight terms (I + 2S: R g·aᵀ + g·R aᵀ) = 3I + 8S — the dense formula with
    /// convolutions as their im2col GEMMs. A residual fork adds deltas (elementwise, not counted); a projection is one
    /// more map.
    /// </summary>
    /// <param name="maps">Every linear map, in our layout's order of weight blocks.</param>
    /// <param name="n">Examples.</param>
    public static OperationFlops Layered(IReadOnlyList<LinearMap> maps, int n)
    {
        ArgumentNullException.ThrowIfNull(maps);
        double input = 0, rest = 0;
        var terms = new StringBuilder();
        foreach (LinearMap m in maps)
        {
            double g = 2.0 * n * m.MultiplyAdds;
            if (m.ReadsInput) input += g; else rest += g;
            if (terms.Length > 0) terms.Append(", ");
            terms.Append(Invariant(
                $"{m.Name} {m.Rows}×{m.Columns}{(m.Positions > 1 ? Invariant($"×{m.Positions}") : "")} = {g / 1e6:F2} M{(m.ReadsInput ? " (I)" : "")}"));
        }
        return new OperationFlops(input + rest, 2 * input + 3 * rest, 3 * input + 8 * rest, string.Create(CultureInfo.InvariantCulture,
            $"convolutions as their im2col GEMMs and dense layers, GEMMs only: with G_m = 2·n·O·Q·L the GEMM of map m (O out-channels or " +
            $"units, Q = C·K·K or fan-in, L = output positions or 1; n = {n}), I the maps reading the input and S the rest: loss = I + S; " +
            $"loss + gradient = 2I + 3S; HVP = forward (I + S) + R-forward (I + 2S) + backward (S) + R-backward (2S) + H·v weight terms " +
            $"(I + 2S) = 3I + 8S; activations, biases, pooling, residual adds and the loss head are not counted. Maps: {terms}"));
    }
}
