using System;
using System.Collections.Generic;
using System.Linq;
using Landscape.Probes;

namespace Landscape.Experiments.Bench;

/// <summary>
/// One operation <c>landscape bench</c> times: its command-line name, what one call computes, its FLOPs per example, and
/// how to prepare a call on a <see cref="BenchSubject"/> (outside the timing: buffers, and any state the operation keeps
/// at θ). The table <see cref="All"/> is the one place an operation is registered; the verb, the tables and the files
/// take every row as it is.
/// </summary>
/// <param name="Name">The name on the command line and in bench.csv (<c>loss</c>, <c>gradient</c>, <c>hvp</c>).</param>
/// <param name="Computes">What one call computes, for the terminal.</param>
/// <param name="FlopsPerExample">The operation's FLOPs per example, from the network's descriptor.</param>
/// <param name="Prepare">Builds one call on the subject; the call returns a number so that nothing is dead code.</param>
internal sealed record BenchOperation(string Name, string Computes, Func<NetworkDescriptor, long> FlopsPerExample, Func<BenchSubject, BenchCall> Prepare)
{
    /// <summary>Every operation this build can time, in table order (the default of <c>--operations</c>).</summary>
    public static IReadOnlyList<BenchOperation> All { get; } =
    [
        new("loss", "L(θ)", d => d.LossFlopsPerExample, s => new BenchCall(() => s.Model.Loss(s.Parameters, s.Data))),
        new("gradient", "L(θ) and ∇L(θ)", d => d.GradientFlopsPerExample, s =>
        {
            var gradient = new double[s.Model.ParameterCount];
            return new BenchCall(() => s.Model.Gradient(s.Parameters, s.Data, gradient));
        }),
        new("hvp", "H(θ)·v, exact, without the gradient output", d => d.HvpFlopsPerExample, s =>
        {
            var product = new double[s.Model.ParameterCount];
            return new BenchCall(() => s.Model.HessianVectorProduct(s.Parameters, s.Data, s.Direction, product));
        }),
        new("operator", "H(θ)·v by Hessian.Operator at θ (its fixed point built before timing)", OperatorFlopsPerExample, s =>
        {
            var product = new double[s.Model.ParameterCount];
            HessianOperator hessian = Hessian.Operator(s.Model, s.Parameters, s.Data);
            return new BenchCall(() =>
            {
                hessian.Multiply(s.Direction, product);
                return product[0];
            }, hessian);
        }),
    ];

    /// <summary>
    /// The FLOPs of an operator's product: the HVP's without the forward pass (I + S) and the backward deltas (S), i.e.
    /// R-forward (I + 2S) + R-backward (2S) + H·v weight terms (I + 2S) = 2I + 6S multiply-adds, which is HVP − gradient +
    /// loss in the descriptor's counts (loss = 2(I + S), gradient = 2(2I + 3S), HVP = 2(3I + 8S)). A network without a
    /// fixed point (past the memory budget) does a full HVP, so its rate is then understated, not overstated.
    /// </summary>
    public static long OperatorFlopsPerExample(NetworkDescriptor network) =>
        network.HvpFlopsPerExample - network.GradientFlopsPerExample + network.LossFlopsPerExample;

    /// <summary>The operation called <paramref name="name"/>, or null.</summary>
    public static BenchOperation? Find(string name) => All.FirstOrDefault(o => o.Name == name);
}

/// <summary>One prepared call of an operation and what it holds (disposed after the operation's timing).</summary>
/// <param name="Call">One call; returns the loss (or another number of the result).</param>
/// <param name="State">State the call uses across calls (a Hessian operator at θ), disposed when timing ends; null when none.</param>
internal sealed record BenchCall(Func<double> Call, IDisposable? State = null);

/// <summary>What every operation of one network runs on: the model, seeded synthetic data, θ from Initialize, and v.</summary>
/// <param name="Model">The network.</param>
/// <param name="Data">Synthetic examples of the network's shapes (<see cref="NetworkDescriptor.SyntheticData"/>).</param>
/// <param name="Parameters">θ: the network's seeded initialization.</param>
/// <param name="Direction">v of the HVP: a seeded Gaussian direction, filter-normalized at θ.</param>
internal sealed record BenchSubject(IModel Model, Dataset Data, double[] Parameters, double[] Direction);
