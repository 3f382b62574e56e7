using System;
using System.Collections.Generic;
using System.Linq;

namespace Landscape.Experiments.Studies;

/// <summary>
/// E5 (Li, Xu, Taylor, Studer &amp; Goldstein, <i>Visualizing the Loss Landscape of Neural Nets</i>, NeurIPS 2018): a residual
/// CNN and its "plain" twin — the same layers with the shortcuts removed — are trained alike on an MNIST subset; around
/// each minimum the study draws filter-normalized 1-D and 2-D loss surfaces, measures λmax and λmin of the Hessian by
/// Lanczos, profiles the growth along v₁ and (when <see cref="CurvatureGrid"/> &gt; 0) maps |λmin/λmax| over a coarse grid
/// of the surface's plane (first seed only: a map costs two Lanczos runs per point). Li et al.'s hypotheses — the plain network's minimum is sharper and its surface less convex,
/// more so when deeper — are stated as claims only where they hold on every seed run, and otherwise reported as
/// measurements with their numbers.
/// </summary>
/// <remarks>
/// <para>
/// Networks. 1×28×28 MNIST images averaged to 1×7×7 (an <c>AvgPool2d(4)</c> layer, no parameters), a 3×3 stem of 8
/// channels, k residual blocks of two 3×3 convolutions of 8 channels with identity shortcuts and tanh after the sum,
/// and a linear readout (Dense 10); the plain twin has the same layers and parameter layout with tanh after every
/// convolution. k = 2 (six weight layers) in every profile and k = 4 (ten) in the full one: the depths a 2-core
/// budget trains to near-zero loss in seconds; Li et al.'s effect was strongest at 56 and 110 layers, so a missing effect
/// here says nothing about theirs. There is no batch normalization (Li et al.'s networks have it): the generator has
/// none, and without it filter normalization still removes the per-filter scale of each convolution, which is what
/// makes the two networks' surfaces comparable.
/// </para>
/// <para>
/// Loss. tanh and one-hot MSE, as E1 and E2 use, rather than Li et al.'s ReLU and cross-entropy: with cross-entropy on
/// separable data there is no finite minimum (the loss keeps falling as the logits grow), so λmin, λmax and growth
/// exponents "at the minimum" would depend on when training stopped; MSE has finite near-zero-loss minima, and tanh makes
/// the loss smooth, so the Hessian and its Lanczos extremes are defined everywhere on the surface.
/// </para>
/// <para>
/// Training. Full-batch Adam with cosine annealing to zero (E1's <see cref="StudyTraining.AdamCosine"/>, checkpointed and
/// resumable). The residual and the plain network of a pair have identical parameter layouts, so the same seed gives
/// both the same initial weights: they differ only in the shortcuts.
/// </para>
/// <para>
/// Surfaces. Two filter-normalized Gaussian directions d₁, d₂ (per-filter norms matched to θ*, biases zeroed), drawn
/// from the same seeds for both networks of a pair, span the plane L(θ* + x·d₁ + y·d₂) on [−R, R]² with R =
/// <see cref="SurfaceRadius"/> (Li et al.'s units: R = 1 moves each filter by its own norm); the 1-D surface is the line
/// along d₁. Surfaces are drawn as log₁₀ L: the loss spans several decades between the minimum and the edge.
/// The surface's own curvature, the 2×2 finite-difference Hessian of the grid at each interior point, gives the
/// fraction of the plane where the surface is not locally convex.
/// </para>
/// <para>
/// Spectrum. λmax and v₁ by Lanczos with full reorthogonalization to a relative residual of 1e-8; λmin by Lanczos from
/// the smallest end (<see cref="Probes.EigenvalueSelection.Smallest"/>) for at most <see cref="LanczosIterations"/>
/// steps. At a minimum the bottom of the spectrum is a dense cluster around 0 and the smallest Ritz value need not
/// converge; it is reported with its true residual and, by Cauchy interlacing, it is never below the true λmin (a
/// negative Ritz value bounds |λmin| from below).
/// </para>
/// </remarks>
[Experiment("skip-connections", Summary = "Residual vs plain CNN: filter-normalized surfaces, λmax and λmin by Lanczos, growth along v1 at each minimum")]
public sealed partial class SkipConnections : IExperiment
{
    /// <summary>Residual blocks per network pair; empty means the profile's default.</summary>
    [Setting("Residual blocks of the network pairs: 2, 4 (empty = profile default: 2 in test/quick, 2 and 4 in full)")]
    public int[] Depths { get; set; } = [];

    /// <summary>Training seeds per pair (the run's seed and the next ones); 0 means the profile's default.</summary>
    [Setting("Training seeds per network pair, from the run's seed on (0 = profile default: 1 test, 2 quick, 2 full)")]
    public int Seeds { get; set; }

    /// <summary>Training examples (the first MNIST test images); 0 means the profile's default.</summary>
    [Setting("MNIST training examples (0 = profile default: 64 test, 128 quick, 128 full)")]
    public int Examples { get; set; }

    /// <summary>Full-batch Adam steps; 0 means the profile's default.</summary>
    [Setting("Full-batch Adam steps (0 = profile default: 300 test, 500 quick, 600 full)")]
    public int Steps { get; set; }

    /// <summary>Adam's initial step size; it is annealed to zero by a cosine schedule over the run.</summary>
    [Setting("Initial Adam step size (cosine-annealed to 0 over the run)")]
    public double LearningRate { get; set; } = 1e-2;

    /// <summary>The final training loss must be below this for the minimum to count as near-zero loss.</summary>
    [Setting("Final training loss below which the trained point counts as a near-zero-loss minimum")]
    public double LossThreshold { get; set; } = 1e-2;

    /// <summary>Points per side of the 2-D surface grid; 0 means the profile's default.</summary>
    [Setting("Points per side of the 2-D surface grid (0 = profile default: 9 test, 17 quick, 21 full)")]
    public int SurfacePoints { get; set; }

    /// <summary>The surfaces span [−R, R] along each filter-normalized direction.</summary>
    [Setting("Half-width R of the surfaces in filter-normalized units (Li et al. use 1)")]
    public double SurfaceRadius { get; set; } = 1;

    /// <summary>Points of the 1-D surface along d₁.</summary>
    [Setting("Points of the 1-D surface along the first direction")]
    public int LinePoints { get; set; } = 41;

    /// <summary>Points per side of the |λmin/λmax| map (first seed of each pair); −1 means the profile's default, 0 no map.</summary>
    [Setting("Points per side of the |λmin/λmax| map over the surface's plane of the first seed, two Lanczos runs each (-1 = profile default: 3 test, 0 quick, 5 full; 0 = no map)")]
    public int CurvatureGrid { get; set; } = -1;

    /// <summary>The most Lanczos steps of a λmin run (and of every run of the map).</summary>
    [Setting("Most Lanczos steps for λmin at the minimum and for each end at every point of the map")]
    public int LanczosIterations { get; set; } = 60;

    /// <summary>The smallest |t| the growth profile along v₁ may start at.</summary>
    [Setting("Floor of the smallest |t| of the growth profile along v1 (it starts at max(floor, 200|g·v1|/λmax))")]
    public double MinT { get; set; } = 1e-4;

    /// <summary>Decades of |t| the growth profile along v₁ spans.</summary>
    [Setting("Decades of |t| the growth profile along v1 spans")]
    public double Decades { get; set; } = 4;

    /// <summary>Grid points per decade of the growth profile.</summary>
    [Setting("Grid points per decade of |t| of the growth profile")]
    public int PointsPerDecade { get; set; } = 6;

    /// <summary>Runs the study: plan, then train and probe both networks of every pair and seed, then tables, figures and claims.</summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SkipConnectionsPlan plan = Plan(context);
        Dataset data = StudyData.Mnist(plan.Examples);
        context.Log.WriteLine($"skip-connections: {plan.Examples} MNIST examples, {plan.Steps} Adam steps, depths {string.Join(", ", plan.Pairs.Select(p => p.Depth))}, {plan.Seeds} seed(s)");

        var results = new List<NetworkLandscape>();
        foreach (SkipNetworks.Pair pair in plan.Pairs)
        {
            foreach (int seed in plan.SeedsFrom(context.Seed))
            {
                foreach (SkipNetworks.Variant variant in pair.Both)
                {
                    TrainedNetwork? trained = Train(context, variant, data, plan, seed);
                    if (trained is null) return context.Result(); // cancelled
                    NetworkLandscape? probed = Probe(context, pair, variant, seed, trained, plan, withMap: seed == context.Seed);
                    if (probed is null) return context.Result(); // cancelled
                    results.Add(probed);
                }
            }
        }

        WriteTables(context, results);
        DrawFigures(context, plan, results);
        StateClaims(context, plan, results);
        return context.Result();
    }
}
