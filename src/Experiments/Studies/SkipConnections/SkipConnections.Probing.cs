using System;
using System.Numerics.Tensors;
using Landscape.Probes;

namespace Landscape.Experiments.Studies;

/// <summary>Lanczos at one point: an extreme eigenvalue with its true residual, steps and convergence.</summary>
/// <param name="Value">The Ritz value (the Rayleigh quotient of the Ritz vector).</param>
/// <param name="Residual">‖Hv − λv‖ for the unit Ritz vector v.</param>
/// <param name="Hvps">Hessian-vector products used, including the residual check.</param>
/// <param name="Converged">Whether the Lanczos estimate met the tolerance before the step limit.</param>
internal sealed record ExtremeEigenvalue(double Value, double Residual, int Hvps, bool Converged)
{
    /// <summary>The first (most extreme) pair of a Lanczos result.</summary>
    public static ExtremeEigenvalue Of(Eigenpairs pairs) => new(pairs.Values[0], pairs.Residuals[0], pairs.HvpCount, pairs.Converged);
}

/// <summary>λmax and λmin of the Hessian at one point of the surface's plane θ* + x·d₁ + y·d₂.</summary>
internal sealed record CurvaturePoint(double X, double Y, ExtremeEigenvalue Max, ExtremeEigenvalue Min)
{
    /// <summary>|λmin / λmax|, Li et al.'s measure of non-convexity (0 where λmin ≥ 0: the loss is locally convex there).</summary>
    public double Ratio => SkipConnections.ConvexityRatio(Max.Value, Min.Value);
}

/// <summary>Everything measured around one trained network's minimum.</summary>
/// <param name="Pair">The residual/plain pair the network belongs to.</param>
/// <param name="Variant">The network.</param>
/// <param name="Residual">Whether it is the residual network of the pair.</param>
/// <param name="Seed">The training seed (shared by both networks of the pair).</param>
/// <param name="Trained">The training result.</param>
/// <param name="Max">λmax at θ* (v₁ is its Ritz vector).</param>
/// <param name="Min">λmin at θ*.</param>
/// <param name="Growth">ΔL along v₁.</param>
/// <param name="Slope">g·v₁ at θ*.</param>
/// <param name="MinT">The growth grid's smallest |t|.</param>
/// <param name="MaxT">The growth grid's largest |t|.</param>
/// <param name="SmallExponent">Median local exponent over the first decade of |t| along v₁.</param>
/// <param name="LargeExponent">Median local exponent over the last decade of |t| along v₁.</param>
/// <param name="Line">The 1-D surface along d₁.</param>
/// <param name="Plane">The 2-D surface over d₁ × d₂.</param>
/// <param name="FilterNorms">‖d₁‖ and ‖d₂‖ (filter-normalized, before any rescaling; Euclidean).</param>
/// <param name="SurfaceNonconvexity">Fraction of interior plane points whose 2×2 finite-difference Hessian has a negative eigenvalue.</param>
/// <param name="Map">|λmin/λmax| over the coarse grid (empty without a map), x outer, y inner.</param>
internal sealed record NetworkLandscape(SkipNetworks.Pair Pair, SkipNetworks.Variant Variant, bool Residual, int Seed, TrainedNetwork Trained,
                                        ExtremeEigenvalue Max, ExtremeEigenvalue Min, GrowthProfile Growth, double Slope, double MinT, double MaxT,
                                        double SmallExponent, double LargeExponent, LineSlice Line, PlaneSlice Plane, (double First, double Second) FilterNorms,
                                        double SurfaceNonconvexity, CurvaturePoint[] Map)
{
    /// <summary>The network's name in tables, figures and claims.</summary>
    public string Name => Variant.Name;

    /// <summary>The residual blocks of the pair (the plain twin has the same layers without shortcuts).</summary>
    public int Depth => Pair.Depth;

    /// <summary>|λmin / λmax| at θ*.</summary>
    public double Ratio => SkipConnections.ConvexityRatio(Max.Value, Min.Value);

    /// <summary>L(θ*) as the surfaces measure it (the centre of the line).</summary>
    public double CentreLoss => Line.Loss[Line.T.Length / 2];

    /// <summary>The rise of the 1-D surface at half the radius: the mean of L(θ* ± R/2·d₁) minus L(θ*).</summary>
    public double HalfRadiusRise
    {
        get
        {
            int m = Line.T.Length / 2, q = m / 2;
            return 0.5 * (Line.Loss[m - q] + Line.Loss[m + q]) - CentreLoss;
        }
    }
}

public sealed partial class SkipConnections
{
    /// <summary>Lanczos for λmax and v₁: v₁ must be an eigenvector to ~1e-8 relative for the growth profile along it.</summary>
    private static readonly LanczosOptions TopOptions = new() { Tolerance = 1e-8, MaxIterations = 300 };

    /// <summary>
    /// Lanczos tolerance for λmin at θ*: 1e-6 relative to max(|λ|, 16ε‖T‖). λmin sits in the
    /// dense cluster of near-zero eigenvalues, where this is often not reached within the step limit; the residual is
    /// reported either way.
    /// </summary>
    private const double ExtremeTolerance = 1e-6;

    /// <summary>
    /// Lanczos tolerance for both ends at every point of the |λmin/λmax| map: 1e-4 relative. The map is drawn as colours
    /// and compared through its mean, so four digits are plenty; off the minimum λmin is well separated from the
    /// near-zero cluster and this is reached in a few dozen steps.
    /// </summary>
    private const double MapTolerance = 1e-4;

    /// <summary>|λmin / λmax| with λmin ≥ 0 counting as 0 (a locally convex point).</summary>
    internal static double ConvexityRatio(double max, double min) => min >= 0 ? 0 : Math.Abs(min / max);

    /// <summary>The seeds of the two surface directions: fixed per training seed, so both networks of a pair share the draws.</summary>
    private static (int First, int Second) DirectionSeeds(int seed) => (unchecked(seed * 7919 + 1009), unchecked(seed * 7919 + 2003));

    /// <summary>Every probe at θ*: λmax/v₁, λmin, growth along v₁, the 1-D and 2-D surfaces, and (<paramref name="withMap"/>) the |λmin/λmax| map. Null if cancelled.</summary>
    private static NetworkLandscape? Probe(ExperimentContext context, SkipNetworks.Pair pair, SkipNetworks.Variant variant, int seed,
                                           TrainedNetwork trained, SkipConnectionsPlan plan, bool withMap)
    {
        IModel model = trained.Model;
        Dataset data = trained.Data;
        double[] theta = trained.Minimum;
        int mapPoints = withMap ? plan.CurvatureGrid * plan.CurvatureGrid : 0;
        using IProgressTask progress = context.Progress(StudyText.Invariant($"probe {variant.Name} (seed {seed})"), 4 + mapPoints);

        Eigenpairs top;
        ExtremeEigenvalue min;
        double slope;
        using (HessianOperator hessian = Hessian.Operator(model, theta, data))
        {
            top = Hessian.TopEigenpairs(hessian, 1, TopOptions with { Seed = seed });
            min = ExtremeEigenvalue.Of(Hessian.TopEigenpairs(hessian, 1, BottomOptions(plan, seed)));
            slope = TensorPrimitives.Dot(hessian.Gradient, top.Vectors[0]);
        }
        progress.Increment();

        double lambda = top.Values[0];
        if (!(lambda > 0))
            throw new InvalidOperationException(StudyText.Invariant($"λmax at the trained {variant.Name} is {lambda}; θ* is no minimum, so growth along v₁ has no quadratic regime."));
        double minT = Math.Max(plan.MinT, StudyGrowth.LinearGuard * Math.Abs(slope) / lambda);
        double maxT = minT * Math.Pow(10, plan.Decades);
        GrowthProfile growth = Growth.Profile(model, theta, data, top.Vectors[0], minT, maxT, plan.PointsPerDecade);
        double small = StudyGrowth.MedianExponent(growth, minT, minT * 10);
        double large = StudyGrowth.MedianExponent(growth, maxT / 10, maxT);
        progress.Increment();

        (int seed1, int seed2) = DirectionSeeds(seed);
        double[] d1 = Directions.Random(model, seed1, Normalization.Filter, theta);
        double[] d2 = Directions.Random(model, seed2, Normalization.Filter, theta);
        double[] line = Grid(plan.LinePoints, plan.SurfaceRadius);
        LineSlice lineSlice = Slice.Line(model, theta, data, d1, line);
        progress.Increment();
        double[] axis = Grid(plan.SurfacePoints, plan.SurfaceRadius);
        PlaneSlice plane = Slice.Plane(model, theta, data, d1, d2, axis, axis);
        progress.Increment();

        var map = new CurvaturePoint[mapPoints];
        double[] coarse = mapPoints > 0 ? Grid(plan.CurvatureGrid, plan.SurfaceRadius) : [];
        var point = new double[theta.Length];
        for (int i = 0; i < coarse.Length; i++)
        {
            for (int j = 0; j < coarse.Length; j++)
            {
                if (context.Cancellation.IsCancellationRequested) return null;
                // θ* + x·d₁ + y·d₂
                TensorPrimitives.MultiplyAdd(d1, coarse[i], theta, point);
                TensorPrimitives.MultiplyAdd(d2, coarse[j], point, point);
                using HessianOperator hessian = Hessian.Operator(model, point, data);
                var options = BottomOptions(plan, seed) with { Which = EigenvalueSelection.Largest, Tolerance = MapTolerance };
                ExtremeEigenvalue high = ExtremeEigenvalue.Of(Hessian.TopEigenpairs(hessian, 1, options));
                ExtremeEigenvalue low = ExtremeEigenvalue.Of(Hessian.TopEigenpairs(hessian, 1, options with { Which = EigenvalueSelection.Smallest }));
                map[i * coarse.Length + j] = new CurvaturePoint(coarse[i], coarse[j], high, low);
                progress.Increment();
            }
        }

        return new NetworkLandscape(pair, variant, variant == pair.Residual, seed, trained, ExtremeEigenvalue.Of(top), min, growth, slope, minT, maxT,
                                    small, large, lineSlice, plane, (TensorPrimitives.Norm(d1), TensorPrimitives.Norm(d2)), Nonconvexity(plane), map);
    }

    private static LanczosOptions BottomOptions(SkipConnectionsPlan plan, int seed) =>
        new() { Tolerance = ExtremeTolerance, MaxIterations = plan.LanczosIterations, Seed = seed, Which = EigenvalueSelection.Smallest };

    /// <summary><paramref name="points"/> evenly spaced values on [−radius, radius], the middle one exactly 0 for an odd count.</summary>
    internal static double[] Grid(int points, double radius)
    {
        var values = new double[points];
        for (int k = 0; k < points; k++) values[k] = radius * (2.0 * k - (points - 1)) / (points - 1);
        return values;
    }

    /// <summary>
    /// The fraction of interior grid points where the surface is not locally convex: the 2×2 central-difference Hessian
    /// [[Lxx, Lxy], [Lxy, Lyy]] of the plane has a negative eigenvalue, ½(Lxx + Lyy) − √(¼(Lxx − Lyy)² + Lxy²) &lt; 0.
    /// </summary>
    internal static double Nonconvexity(PlaneSlice plane)
    {
        int nx = plane.X.Length, ny = plane.Y.Length;
        if (nx < 3 || ny < 3) return double.NaN;
        double[,] l = plane.Loss;
        int negative = 0, total = 0;
        for (int i = 1; i < nx - 1; i++)
        {
            for (int j = 1; j < ny - 1; j++)
            {
                double hx = 0.5 * (plane.X[i + 1] - plane.X[i - 1]), hy = 0.5 * (plane.Y[j + 1] - plane.Y[j - 1]);
                double xx = (l[i + 1, j] - 2 * l[i, j] + l[i - 1, j]) / (hx * hx);
                double yy = (l[i, j + 1] - 2 * l[i, j] + l[i, j - 1]) / (hy * hy);
                double xy = (l[i + 1, j + 1] - l[i + 1, j - 1] - l[i - 1, j + 1] + l[i - 1, j - 1]) / (4 * hx * hy);
                double smallest = 0.5 * (xx + yy) - Math.Sqrt(0.25 * (xx - yy) * (xx - yy) + xy * xy);
                if (smallest < 0) negative++;
                total++;
            }
        }
        return (double)negative / total;
    }
}
