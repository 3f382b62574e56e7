using System;
using System.Collections.Generic;
using System.Linq;

namespace Landscape.Experiments.Studies;

/// <summary>
/// E1 (Ma et al., item 1): near minima found by training, the loss grows subquadratically. fc-tanh MLPs are trained with
/// one-hot MSE on an MNIST subset to near-zero loss; at the trained point θ* the growth ΔL(t) = L(θ* + t·d) − L(θ*) is
/// profiled over five decades of |t| on both signs, along the top Hessian eigenvector v₁ and along filter-normalized random
/// directions. The local exponent p(t) is 2 inside a small quadratic radius and falls clearly below 2 beyond it, where the
/// quadratic model ½ dᵀHd t² overshoots ΔL by a large factor.
/// </summary>
/// <remarks>
/// <para>
/// Directions. Every direction has unit Euclidean norm, so t is the distance ‖Δθ‖ from θ* for every profile. A random
/// direction is drawn, filter-normalized (which fixes how the step is shared among the rows of each weight matrix; biases
/// zeroed) and rescaled; its filter-normalized norm is reported so t converts to Li et al.'s units, t_filter = t / ‖d_filter‖.
/// The claims use random directions in the hidden layers (the readout block zeroed): with MSE and a linear readout the
/// loss is exactly quadratic in the readout weights, so a readout component adds a term that grows like t² at every t and
/// hides the saturation of the tanh layers. The same draws including the readout are profiled as a control and reported
/// as measurements (in our runs they stay at p ≈ 2, even slightly above, over the whole grid). v₁ itself has part of its
/// mass in the readout (reported), which is why its grid ends at |t| = 10 ≈ ‖θ*‖: far beyond it ΔL along v₁ turns back to t².
/// </para>
/// <para>
/// Grid. A profile spans <see cref="Decades"/> decades from t₀ = max(<see cref="MinT"/>, 200|g·d|/dᵀHd): the gradient at
/// θ* is small but not zero, and its linear term g·d·t would bend p(t) towards 1 at small |t|; from t₀ on it is at most
/// 1% of the quadratic term (reported as the linear share).
/// </para>
/// <para>
/// Training. Full-batch Adam with cosine annealing to zero: Adam reaches near-zero MSE in a few thousand full-batch steps
/// where plain GD at a stable step size needs orders of magnitude more, and annealing lets the last iterates settle so the
/// gradient at θ* is small.
/// </para>
/// </remarks>
[Experiment("subquadratic-growth", Summary = "Near trained minima the loss grows like t^2 only inside a tiny radius and subquadratically beyond it")]
public sealed partial class SubquadraticGrowth : IExperiment
{
    /// <summary>The architecture families to train and probe; empty means all three (every profile).</summary>
    [Setting("Architectures to train and probe: mlp, lenet, resnet (empty = all three)")]
    public NetworkArchitecture[] Architectures { get; set; } = [];

    /// <summary>Names of the fully connected networks to train (see <see cref="GrowthNetworks"/>); empty means the profile's default.</summary>
    [Setting("MLPs to train (architecture mlp): fc-tanh-32x2, fc-tanh-64x3 (empty = profile default: the first in test/quick, both in full)")]
    public string[] Networks { get; set; } = [];

    /// <summary>Training examples of the MLPs (the first MNIST test images); 0 means the profile's default.</summary>
    [Setting("MNIST training examples of the MLPs (0 = profile default: 256 test, 512 quick, 1000 full)")]
    public int Examples { get; set; }

    /// <summary>Full-batch Adam steps of the MLPs; 0 means the profile's default.</summary>
    [Setting("Full-batch Adam steps of the MLPs (0 = profile default: 3000 test, 4000 quick, 8000 full)")]
    public int Steps { get; set; }

    /// <summary>Training examples of the CNNs (lenet, resnet); 0 means the profile's default.</summary>
    [Setting("MNIST training examples of the CNNs lenet and resnet (0 = profile default: 128 test, 256 quick, 512 full)")]
    public int ConvolutionalExamples { get; set; }

    /// <summary>Full-batch Adam steps of the CNNs (lenet, resnet); 0 means the profile's default.</summary>
    [Setting("Full-batch Adam steps of the CNNs lenet and resnet (0 = profile default: 1000 test, 1200 quick, 4000 full)")]
    public int ConvolutionalSteps { get; set; }

    /// <summary>Adam's initial step size; it is annealed to zero by a cosine schedule over the run.</summary>
    [Setting("Initial Adam step size (cosine-annealed to 0 over the run)")]
    public double LearningRate { get; set; } = 3e-3;

    /// <summary>The final training loss must be below this for the minimum to count as near-zero loss.</summary>
    [Setting("Final training loss below which the trained point counts as a near-zero-loss minimum")]
    public double LossThreshold { get; set; } = 1e-3;

    /// <summary>Filter-normalized random directions per network; 0 means the profile's default.</summary>
    [Setting("Filter-normalized random directions per network (0 = profile default: 3 test/quick, 5 full)")]
    public int RandomDirections { get; set; }

    /// <summary>The smallest |t| any profile may start at; a direction's grid starts higher when the gradient's linear term needs it.</summary>
    [Setting("Floor of the smallest |t| profiled (a direction starts at max(floor, 200|g·d|/dᵀHd))")]
    public double MinT { get; set; } = 1e-4;

    /// <summary>Decades of |t| each profile spans from its smallest |t|.</summary>
    [Setting("Decades of |t| each profile spans")]
    public double Decades { get; set; } = 5;

    /// <summary>Grid points per decade of |t|; 0 means the profile's default.</summary>
    [Setting("Grid points per decade of |t| (0 = profile default: 5 test, 8 quick, 10 full)")]
    public int PointsPerDecade { get; set; }

    /// <summary>Runs the study: plan, then train and probe each network, then tables, figures and claims.</summary>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SubquadraticGrowthPlan plan = Plan(context);
        context.Log.WriteLine($"subquadratic-growth: networks {string.Join(", ", plan.Networks.Select(n => n.Name))}; MLPs on {plan.Examples} MNIST examples for {plan.Steps} Adam steps, CNNs on {plan.ConvolutionalExamples} for {plan.ConvolutionalSteps}");

        var results = new List<NetworkGrowth>();
        foreach (GrowthNetworks.Choice network in plan.Networks)
        {
            Dataset data = StudyData.Mnist(plan.ExamplesOf(network));
            TrainedNetwork? trained = Train(context, network, data, plan);
            if (trained is null) return context.Result(); // cancelled
            results.Add(Probe(context, network.Family, trained, trained.Data, plan));
        }

        WriteTables(context, results);
        DrawFigures(context, plan, results);
        StateClaims(context, plan, results);
        return context.Result();
    }
}
