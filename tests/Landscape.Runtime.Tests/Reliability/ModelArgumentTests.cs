using System;
using System.Collections.Generic;
using System.Linq;

namespace Landscape.Tests.Reliability;

/// <summary>
/// Spans of the wrong length (and other malformed arguments) passed to every public method of a generated network and
/// a generated objective, one case at a time: each raises the specific exception type, names the argument in
/// <see cref="ArgumentException.ParamName"/>, and states the length it found and the length it expected.
/// </summary>
public sealed class ModelArgumentTests
{
    private static readonly ReliabilityNet Net = new();
    private static readonly ReliabilityValley Valley = new(2.0);
    private const int N = 26; // ReliabilityNet's parameter count
    private const int M = 2;  // ReliabilityValley's coordinates

    private static Dataset Data { get; } = ReliabilityFixtures.Data();

    private static double[] Theta { get; } = ReliabilityFixtures.Parameters(Net);

    /// <summary>Case name → (the call, the argument it must name, fragments the message must contain).</summary>
    private static readonly Dictionary<string, (Action Call, string Parameter, string[] Message)> Cases = new()
    {
        // ---- generated network
        ["net.Initialize short"] = (() => Net.Initialize(new double[N - 1], 1), "parameters", ["length 25", "expected 26"]),
        ["net.Initialize long"] = (() => Net.Initialize(new double[N + 1], 1), "parameters", ["length 27", "expected 26"]),
        ["net.Loss parameters"] = (() => Net.Loss(new double[N - 1], Data), "parameters", ["length 25", "expected 26"]),
        ["net.Loss empty parameters"] = (() => Net.Loss([], Data), "parameters", ["length 0", "expected 26"]),
        ["net.Gradient parameters"] = (() => Net.Gradient(new double[N + 3], Data, new double[N]), "parameters", ["length 29", "expected 26"]),
        ["net.Gradient gradient"] = (() => Net.Gradient(Theta, Data, new double[N - 1]), "gradient", ["length 25", "expected 26"]),
        ["net.HVP parameters"] = (() => Net.HessianVectorProduct(new double[1], Data, new double[N], new double[N]), "parameters", ["length 1", "expected 26"]),
        ["net.HVP direction"] = (() => Net.HessianVectorProduct(Theta, Data, new double[N - 1], new double[N]), "direction", ["length 25", "expected 26"]),
        ["net.HVP product"] = (() => Net.HessianVectorProduct(Theta, Data, new double[N], new double[N + 1]), "product", ["length 27", "expected 26"]),
        ["net.HVP gradient"] = (() => Net.HessianVectorProduct(Theta, Data, new double[N], new double[N], new double[3]), "gradient", ["length 3", "expected 26"]),
        ["net.ExampleLosses parameters"] = (() => Net.ExampleLosses(new double[N - 1], Data, new double[5]), "parameters", ["length 25", "expected 26"]),
        ["net.ExampleLosses losses"] = (() => Net.ExampleLosses(Theta, Data, new double[4]), "losses", ["length 4", "expected 5"]),
        ["net.Predict parameters"] = (() => Net.Predict(new double[N - 1], new double[3], new double[2]), "parameters", ["length 25", "expected 26"]),
        ["net.Predict inputs"] = (() => Net.Predict(Theta, new double[4], new double[2]), "inputs", ["length 4", "not a multiple of InputSize = 3"]),
        ["net.Predict outputs"] = (() => Net.Predict(Theta, new double[6], new double[3]), "outputs", ["length 3", "expected 4"]),
        ["net.Loss data of the wrong width"] = (() => Net.Loss(Theta, new Dataset(new double[4], new double[2], 1)), "data", ["has 4 inputs and 2 targets", "expects 3 inputs and 2 targets"]),
        ["net.Loss data without examples"] = (() => Net.Loss(Theta, Dataset.Empty), "data", ["no examples"]),
        ["net.Gradient data of the wrong target width"] = (() => Net.Gradient(Theta, new Dataset(new double[3], new double[3], 1), new double[N]), "data", ["has 3 inputs and 3 targets", "expects 3 inputs and 2 targets"]),
        ["net.HVP data without examples"] = (() => Net.HessianVectorProduct(Theta, Dataset.Empty, new double[N], new double[N]), "data", ["no examples"]),

        // ---- generated objective
        ["objective.Initialize"] = (() => Valley.Initialize(new double[M + 1], 1), "parameters", ["length 3", "expected 2"]),
        ["objective.Loss"] = (() => Valley.Loss(new double[M - 1], Dataset.Empty), "parameters", ["length 1", "expected 2"]),
        ["objective.Gradient parameters"] = (() => Valley.Gradient(new double[M + 1], Dataset.Empty, new double[M]), "parameters", ["length 3", "expected 2"]),
        ["objective.Gradient gradient"] = (() => Valley.Gradient(new double[M], Dataset.Empty, new double[M - 1]), "gradient", ["length 1", "expected 2"]),
        ["objective.HVP direction"] = (() => Valley.HessianVectorProduct(new double[M], Dataset.Empty, new double[M + 1], new double[M]), "direction", ["length 3", "expected 2"]),
        ["objective.HVP product"] = (() => Valley.HessianVectorProduct(new double[M], Dataset.Empty, new double[M], new double[1]), "product", ["length 1", "expected 2"]),
        ["objective.HVP gradient"] = (() => Valley.HessianVectorProduct(new double[M], Dataset.Empty, new double[M], new double[M], new double[5]), "gradient", ["length 5", "expected 2"]),
        ["objective.ExampleLosses"] = (() => Valley.ExampleLosses(new double[M], Dataset.Empty, new double[1]), "losses", ["length 1", "expected 0"]),
        ["objective.Value"] = (() => Valley.Value(new double[M + 2]), "point", ["length 4", "expected 2"]),
        ["objective.Hessian point"] = (() => Valley.Hessian(new double[M - 1], new double[4]), "point", ["length 1", "expected 2"]),
        ["objective.Hessian matrix"] = (() => Valley.Hessian(new double[M], new double[3]), "hessian", ["length 3", "expected 4"]),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void WrongArgument_ThrowsArgumentExceptionNamingItAndTheExpectation(string name)
    {
        (Action call, string parameter, string[] fragments) = Cases[name];
        ArgumentException e = Assert.Throws<ArgumentException>(call);
        Assert.Equal(parameter, e.ParamName);
        foreach (string fragment in fragments) Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullData_ThrowsArgumentNullExceptionNamingData()
    {
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => Net.Loss(Theta, null!)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => Net.Gradient(Theta, null!, new double[N])).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => Net.HessianVectorProduct(Theta, null!, new double[N], new double[N])).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => Net.ExampleLosses(Theta, null!, new double[5])).ParamName);
    }

    [Fact]
    public void TheCasesCoverEveryPublicMethodOfBothModels()
    {
        string[] methods = ["Initialize", "Loss", "Gradient", "HVP", "ExampleLosses"];
        foreach (string model in new[] { "net", "objective" })
            foreach (string method in methods)
                Assert.Contains(Cases.Keys, k => k.StartsWith($"{model}.{method}", StringComparison.Ordinal));
        Assert.Contains(Cases.Keys, k => k.StartsWith("net.Predict", StringComparison.Ordinal));
        Assert.Contains(Cases.Keys, k => k.StartsWith("objective.Value", StringComparison.Ordinal));
        Assert.Contains(Cases.Keys, k => k.StartsWith("objective.Hessian", StringComparison.Ordinal));
    }

    [Fact]
    public void NonFiniteParameters_PropagateAsNonFiniteLosses()
    {
        // Models do not reject NaN/∞ parameters: the trainer detects divergence from the non-finite loss they return,
        // and the probes (see ProbeArgumentTests) reject non-finite points before calling the model.
        double[] theta = (double[])Theta.Clone();
        theta[7] = double.NaN;
        Assert.True(double.IsNaN(Net.Loss(theta, Data)));
        Assert.True(double.IsNaN(Valley.Loss([double.NaN, 0], Dataset.Empty)));
    }
}
