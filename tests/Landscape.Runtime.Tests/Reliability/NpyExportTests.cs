using System;
using System.IO;
using System.Linq;
using Landscape.Data;
using Landscape.Optimization;
using Landscape.Probes;

namespace Landscape.Tests.Reliability;

/// <summary>
/// NumPy export of results (Trajectory, LineSlice, PlaneSlice, GrowthProfile: one .npy per column, the same numbers
/// as the CSV, bit for bit) and import of parameter vectors (<see cref="Npy.ReadParameters"/>), including the layout
/// mapping from a PyTorch <c>nn.Sequential</c> of Linear layers documented in docs/interop.md.
/// </summary>
public sealed class NpyExportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "landscape-npy-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static readonly ReliabilityNet Net = new();

    private static void AssertBits(double[] expected, double[] actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));

    [Fact]
    public void Trajectory_WritesOneVectorPerColumn()
    {
        Dataset data = ReliabilityFixtures.Data();
        double[] theta = ReliabilityFixtures.Parameters(Net);
        var trainer = new Trainer(Net, data, new GradientDescent(), LearningRate.Constant(0.05));
        trainer.Monitors.Add(new SharpnessMonitor(every: 2));
        Trajectory run = trainer.Run(theta, 5);

        string directory = Path.Combine(_directory, "trajectory");
        var paths = run.WriteNpy(directory);

        Assert.Equal(run.Columns.Select(c => Path.Combine(directory, c + ".npy")), paths);
        foreach (string column in run.Columns)
        {
            double[] values = Npy.ReadVector(Path.Combine(directory, column + ".npy"));
            AssertBits(run.Column(column), values);
        }
        Assert.Equal([0.0, 1, 2, 3, 4], Npy.ReadVector(Path.Combine(directory, "step.npy")));
        Assert.True(double.IsNaN(Npy.ReadVector(Path.Combine(directory, "sharpness_1.npy"))[1])); // not measured at odd steps
    }

    [Fact]
    public void LineSlice_WritesItsFourColumns()
    {
        var line = new LineSlice([-1, 0, 2], [3, 1, double.NaN], [0.5, 0, -0.5], [2, 2, 2]);
        string directory = Path.Combine(_directory, "line");
        var paths = line.WriteNpy(directory);
        Assert.Equal(["t", "loss", "slope", "curvature"], paths.Select(Path.GetFileNameWithoutExtension));
        AssertBits(line.T, Npy.ReadVector(paths[0]));
        AssertBits(line.Loss, Npy.ReadVector(paths[1]));
        AssertBits(line.Slope, Npy.ReadVector(paths[2]));
        AssertBits(line.Curvature, Npy.ReadVector(paths[3]));
    }

    [Fact]
    public void PlaneSlice_WritesTheGridAsAMatrixIndexedXThenY()
    {
        double[,] loss = { { 1, 2, 3 }, { 4, 5, 6 } }; // 2 x-values × 3 y-values
        var plane = new PlaneSlice([-1, 1], [0, 0.5, 1], loss);
        string directory = Path.Combine(_directory, "plane");
        var paths = plane.WriteNpy(directory);
        Assert.Equal(["x", "y", "loss"], paths.Select(Path.GetFileNameWithoutExtension));
        Assert.Equal([-1.0, 1.0], Npy.ReadVector(paths[0]));
        Assert.Equal([0.0, 0.5, 1.0], Npy.ReadVector(paths[1]));
        NpyArray grid = Npy.Read(paths[2]);
        Assert.Equal([2, 3], grid.Shape);
        Assert.Equal(loss, grid.ToMatrix());
    }

    [Fact]
    public void GrowthProfile_WritesItsColumnsWithUnderflowAsZeroOne()
    {
        double[] theta = ReliabilityFixtures.Parameters(Net);
        double[] direction = Directions.Random(Net, 2, Normalization.Filter, theta);
        // At |t| = 1e-18, θ + t·d rounds to θ (weights are O(0.1–1), filter-normalized biases move by 0), so ΔL = 0 is flagged.
        GrowthProfile profile = Growth.Profile(Net, theta, ReliabilityFixtures.Data(), direction, 1e-18, 1, 1);
        var paths = profile.WriteNpy(Path.Combine(_directory, "growth"));
        Assert.Equal(["t", "delta", "quadratic", "exponent", "underflow"], paths.Select(Path.GetFileNameWithoutExtension));
        AssertBits(profile.T, Npy.ReadVector(paths[0]));
        AssertBits(profile.Delta, Npy.ReadVector(paths[1]));
        AssertBits(profile.Quadratic, Npy.ReadVector(paths[2]));
        AssertBits(profile.LocalExponent, Npy.ReadVector(paths[3]));
        Assert.Equal(profile.Underflow.Select(u => u ? 1.0 : 0.0), Npy.ReadVector(paths[4]));
        Assert.Contains(1.0, Npy.ReadVector(paths[4]));
        Assert.Contains(0.0, Npy.ReadVector(paths[4]));
    }

    [Fact]
    public void ReadParameters_RoundTripsAndTheModelGivesTheSameLoss()
    {
        double[] theta = ReliabilityFixtures.Parameters(Net);
        string path = Path.Combine(_directory, "theta.npy");
        Npy.Write(path, theta);
        double[] back = Npy.ReadParameters(path, Net);
        AssertBits(theta, back);
        Assert.Equal(Net.Loss(theta, ReliabilityFixtures.Data()), Net.Loss(back, ReliabilityFixtures.Data()));
    }

    [Fact]
    public void ReadParameters_WrongLength_NamesTheFileTheCountsAndTheLayout()
    {
        string path = Path.Combine(_directory, "short.npy");
        Npy.Write(path, new double[25]);
        var e = Assert.Throws<InvalidDataException>(() => Npy.ReadParameters(path, Net));
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains("has 25 values: expected 26", e.Message, StringComparison.Ordinal);
        Assert.Contains("dense0.weight [4×3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadParameters_Matrix_IsRejectedAskingForAVector()
    {
        string path = Path.Combine(_directory, "matrix.npy");
        Npy.Write(path, new double[2, 13]);
        var e = Assert.Throws<InvalidDataException>(() => Npy.ReadParameters(path, Net));
        Assert.Contains("shape (2, 13)", e.Message, StringComparison.Ordinal);
        Assert.Contains("1-dimensional vector of 26 values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadParameters_NonFinite_NamesTheIndexAndBlock()
    {
        double[] theta = ReliabilityFixtures.Parameters(Net);
        theta[17] = double.PositiveInfinity; // dense0.bias holds indices 12–15, dense1.weight 16–23
        string path = Path.Combine(_directory, "inf.npy");
        Npy.Write(path, theta);
        var e = Assert.Throws<InvalidDataException>(() => Npy.ReadParameters(path, Net));
        Assert.Contains("parameter 17 (block 'dense1.weight') is Infinity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadParameters_AcceptsFloat32FromPyTorchDefaults()
    {
        // torch's default dtype is float32; np.save of p.detach().numpy() without .double() gives '<f4'.
        byte[] header = NpyTestsAccess.Float32Header(26);
        var body = new byte[26 * 4];
        for (int i = 0; i < 26; i++) BitConverter.TryWriteBytes(body.AsSpan(4 * i), (float)(i * 0.25));
        string path = Path.Combine(_directory, "f4.npy");
        Directory.CreateDirectory(_directory);
        File.WriteAllBytes(path, [.. header, .. body]);
        Assert.Equal(Enumerable.Range(0, 26).Select(i => i * 0.25), Npy.ReadParameters(path, Net));
    }

    /// <summary>
    /// The PyTorch mapping of docs/interop.md: a flat vector laid out as torch.cat of [W₀ (out×in, row-major), b₀, W₁, b₁]
    /// must make the generated network compute y = W₁·tanh(W₀x + b₀) + b₁ — PyTorch's Linear (x Wᵀ + b) with Tanh.
    /// </summary>
    [Fact]
    public void ParameterLayout_MatchesPyTorchSequentialOfLinearLayers()
    {
        // Blocks in torch's model.parameters() order: model[0].weight [4×3], model[0].bias [4], model[2].weight [2×4], model[2].bias [2].
        Assert.Equal(["dense0.weight", "dense0.bias", "dense1.weight", "dense1.bias"], Net.Layout.Select(b => b.Name));
        Assert.Equal([(4, 3), (4, 1), (2, 4), (2, 1)], Net.Layout.Select(b => (b.Rows, b.Columns)));

        double[] theta = Enumerable.Range(0, 26).Select(i => Math.Sin(3.7 * i + 1)).ToArray();
        string path = Path.Combine(_directory, "torch.npy");
        Npy.Write(path, theta);
        double[] imported = Npy.ReadParameters(path, Net);

        double[] x = [0.3, -1.2, 0.8];
        var predicted = new double[2];
        Net.Predict(imported, x, predicted);

        // PyTorch's semantics, written out: h = tanh(x W0ᵀ + b0), y = h W1ᵀ + b1, with W row-major [out × in].
        var hidden = new double[4];
        for (int j = 0; j < 4; j++)
        {
            double sum = theta[12 + j];
            for (int k = 0; k < 3; k++) sum += theta[j * 3 + k] * x[k];
            hidden[j] = Math.Tanh(sum);
        }
        for (int o = 0; o < 2; o++)
        {
            double sum = theta[24 + o];
            for (int j = 0; j < 4; j++) sum += theta[16 + o * 4 + j] * hidden[j];
            Assert.Equal(sum, predicted[o], 12);
        }
    }

    [Fact]
    public void WriteNpy_RejectsAColumnNameThatIsNotAFileName()
    {
        Dataset data = ReliabilityFixtures.Data();
        var trainer = new Trainer(Net, data, new GradientDescent(), LearningRate.Constant(0.05));
        trainer.Monitors.Add(new SlashMonitor());
        Trajectory run = trainer.Run(ReliabilityFixtures.Parameters(Net), 1);
        var e = Assert.Throws<ArgumentException>(() => run.WriteNpy(_directory));
        Assert.Contains("'a/b'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A monitor whose column name contains a path separator.</summary>
    private sealed class SlashMonitor : ITrainingMonitor
    {
        public System.Collections.Generic.IReadOnlyList<string> Columns => ["a/b"];

        public void Observe(TrainingContext context, Span<double> values) => values[0] = 1;
    }
}

/// <summary>Builds .npy headers for tests that need a type other than float64.</summary>
internal static class NpyTestsAccess
{
    /// <summary>The 128-byte version 1.0 header of a '&lt;f4' vector of <paramref name="length"/> elements.</summary>
    public static byte[] Float32Header(int length)
    {
        byte[] file = Landscape.Tests.Data.NpyTests.Handmade($"{{'descr': '<f4', 'fortran_order': False, 'shape': ({length},), }}", 0);
        return file;
    }
}
