using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using Landscape.Probes;

using static Landscape.Experiments.Studies.StudyText;

namespace Landscape.Experiments.Studies;

/// <summary>Which kind of direction a profile follows.</summary>
internal enum GrowthDirectionKind
{
    /// <summary>The unit top eigenvector of the Hessian at θ*.</summary>
    TopEigenvector,

    /// <summary>A filter-normalized Gaussian direction in the hidden layers only (the readout block zeroed), rescaled to unit norm.</summary>
    RandomHidden,

    /// <summary>A filter-normalized Gaussian direction in every layer including the linear readout, rescaled to unit norm.</summary>
    RandomAll,
}

/// <summary>The growth profile along one direction with its summaries.</summary>
/// <param name="Name">"top-eigenvector", "random-hidden-k" or "random-all-k".</param>
/// <param name="Kind">The kind of direction.</param>
/// <param name="Profile">ΔL, p and the quadratic prediction on the grid.</param>
/// <param name="Slope">g·d, the gradient at θ* along the direction (the linear term of ΔL).</param>
/// <param name="FilterNorm">‖d‖ after filter normalization and before the rescaling to unit norm (NaN for the eigenvector).</param>
/// <param name="MinT">The smallest |t| of the grid (see <see cref="SubquadraticGrowth"/>'s remarks).</param>
/// <param name="MaxT">The largest |t| of the grid.</param>
/// <param name="SmallExponent">Median p over the first decade of |t| (both signs).</param>
/// <param name="LargeExponent">Median p over the last decade of |t| (both signs).</param>
/// <param name="Overshoot">½ dᵀHd t² / ΔL(t) at the largest |t|, the smaller of the two signs.</param>
/// <param name="Decades">log₁₀ of the ratio of the largest to the smallest |t| whose ΔL is positive and resolved on both signs.</param>
internal sealed record GrowthDirection(string Name, GrowthDirectionKind Kind, GrowthProfile Profile, double Slope, double FilterNorm,
                                       double MinT, double MaxT, double SmallExponent, double LargeExponent, double Overshoot, double Decades)
{
    /// <summary>2|g·d| / (dᵀHd · minT): the linear term relative to the quadratic one at the smallest |t|.</summary>
    public double LinearShare => 2 * Math.Abs(Slope) / (Profile.Curvature * MinT);

    /// <summary>The larger of the two signs' quadratic radii: finite only when p leaves 2 ± 0.1 on both signs.</summary>
    public double BothSidesRadius => Math.Max(Profile.QuadraticRadiusNegative, Profile.QuadraticRadiusPositive);
}

/// <summary>Everything measured on one trained network.</summary>
/// <param name="Family">The network's architecture family.</param>
/// <param name="Trained">The network trained to θ*.</param>
/// <param name="Eigenpairs">The top Hessian eigenpair at θ* (Lanczos): λ₁ = <c>Values[0]</c>, v₁ = <c>Vectors[0]</c>, its residual and HVP count.</param>
/// <param name="MinimumNorm">‖θ*‖.</param>
/// <param name="TopReadoutShare">‖v₁,readout‖², the share of v₁ in the readout layer.</param>
/// <param name="Directions">The growth profiles: v₁ first, then the random directions.</param>
internal sealed record NetworkGrowth(NetworkArchitecture Family, TrainedNetwork Trained, Eigenpairs Eigenpairs, double MinimumNorm, double TopReadoutShare,
                                     IReadOnlyList<GrowthDirection> Directions)
{
    public string Name => Trained.Name;

    public GrowthDirection Top => Directions.First(d => d.Kind == GrowthDirectionKind.TopEigenvector);

    public IEnumerable<GrowthDirection> Of(GrowthDirectionKind kind) => Directions.Where(d => d.Kind == kind);
}

public sealed partial class SubquadraticGrowth
{
    /// <summary>Lanczos tolerance for the top eigenpair: tight enough that v₁ is an eigenvector to ~1e-10 relative.</summary>
    private static readonly LanczosOptions TopEigenpairOptions = new() { Tolerance = 1e-10, MaxIterations = 300 };

    /// <summary>The top eigenpair and the growth profiles along it and along the random directions.</summary>
    private static NetworkGrowth Probe(ExperimentContext context, NetworkArchitecture family, TrainedNetwork trained, Dataset data, SubquadraticGrowthPlan plan)
    {
        IModel model = trained.Model;
        double[] theta = trained.Minimum;
        using IProgressTask progress = context.Progress($"probe {trained.Name}", 2 + 2 * plan.RandomDirections);

        Eigenpairs top = Hessian.TopEigenpairs(model, theta, data, 1, TopEigenpairOptions with { Seed = context.Seed });
        progress.Increment();

        var gradient = new double[model.ParameterCount];
        model.Gradient(theta, data, gradient);
        int readout = ReadoutOffset(model.Layout);

        var directions = new List<GrowthDirection>
        {
            Profile(model, theta, data, gradient, top.Vectors[0], "top-eigenvector", GrowthDirectionKind.TopEigenvector, double.NaN, plan),
        };
        progress.Increment();
        foreach (GrowthDirectionKind kind in new[] { GrowthDirectionKind.RandomHidden, GrowthDirectionKind.RandomAll })
        {
            for (int k = 0; k < plan.RandomDirections; k++)
            {
                double[] d = Directions.Random(model, RandomDirectionSeed(context.Seed, k), Normalization.Filter, theta);
                if (kind == GrowthDirectionKind.RandomHidden) d.AsSpan(readout).Clear();
                double filterNorm = Directions.Normalize(d);
                string name = (kind == GrowthDirectionKind.RandomHidden ? "random-hidden-" : "random-all-") + (k + 1);
                directions.Add(Profile(model, theta, data, gradient, d, name, kind, filterNorm, plan));
                progress.Increment();
            }
        }
        double readoutShare = TensorPrimitives.Norm<double>(top.Vectors[0].AsSpan(readout));
        return new NetworkGrowth(family, trained, top, TensorPrimitives.Norm<double>(theta), readoutShare * readoutShare, directions);
    }

    /// <summary>The offset of the readout (last dense) layer: the last weight block and everything after it.</summary>
    private static int ReadoutOffset(ParameterLayout layout)
    {
        for (int k = layout.Count - 1; k >= 0; k--)
            if (layout[k].Kind == ParameterKind.Weight) return layout[k].Offset;
        throw new ArgumentException("The model has no weight block.", nameof(layout));
    }

    /// <summary>
    /// The seed of random direction <paramref name="k"/>, distinct from the initialization seed. The hidden-layer and the
    /// all-layer direction with the same k share a draw, so they differ only in the readout block.
    /// </summary>
    private static int RandomDirectionSeed(int seed, int k) => unchecked(seed * 7919 + 1009 + k);

    private static GrowthDirection Profile(IModel model, double[] theta, Dataset data, double[] gradient, double[] direction,
                                           string name, GrowthDirectionKind kind, double filterNorm, SubquadraticGrowthPlan plan)
    {
        var product = new double[model.ParameterCount];
        model.HessianVectorProduct(theta, data, direction, product);
        double curvature = TensorPrimitives.Dot<double>(direction, product);
        double slope = TensorPrimitives.Dot<double>(gradient, direction);
        if (!(curvature > 0))
            throw new InvalidOperationException(Invariant($"The curvature dᵀHd along {name} is {curvature}; θ* is not a minimum along it, so growth has no quadratic regime to compare with."));

        double minT = Math.Max(plan.MinT, StudyGrowth.LinearGuard * Math.Abs(slope) / curvature);
        double maxT = minT * Math.Pow(10, plan.Decades);
        GrowthProfile profile = Growth.Profile(model, theta, data, direction, minT, maxT, plan.PointsPerDecade);
        double small = StudyGrowth.MedianExponent(profile, minT, minT * 10);
        double large = StudyGrowth.MedianExponent(profile, maxT / 10, maxT);
        return new GrowthDirection(name, kind, profile, slope, filterNorm, minT, maxT, small, large, StudyGrowth.Overshoot(profile), StudyGrowth.ResolvedDecades(profile));
    }
}
