using System;
using System.IO;
using System.Text;

namespace Landscape.Benchmarks;

/// <summary>
/// The binary file through which the TorchSharp peer gets exactly our problem: data, initialized θ, directions, the
/// plane grid, and our loss, gradient and H·v at θ (the values the peer must reproduce to 1e-10 relative before it
/// times anything). Little-endian: the magic <c>LSBENCH1</c>; int32 layer-width count and the widths; int32 n, plane
/// grid points, Lanczos HVPs; then float64 arrays inputs [n×in], targets [n×out], θ, v, d₁, d₂ [P each], grid values;
/// then our L(θ), ∇L(θ) [P] and H(θ)·v [P].
/// </summary>
public static class ProblemFile
{
    /// <summary>The first eight bytes of every problem file.</summary>
    public const string Magic = "LSBENCH1";

    /// <summary>Writes <paramref name="problem"/> and our reference values to <paramref name="path"/>.</summary>
    public static void Write(Problem problem, string path)
    {
        ArgumentNullException.ThrowIfNull(problem);
        IModel model = problem.Model;
        int count = model.ParameterCount;
        var gradient = new double[count];
        var product = new double[count];
        double loss = model.Gradient(problem.Parameters, problem.Data, gradient);
        model.HessianVectorProduct(problem.Parameters, problem.Data, problem.Direction, product);

        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(problem.Widths.Length);
        foreach (int width in problem.Widths) writer.Write(width);
        writer.Write(problem.Data.Count);
        writer.Write(problem.PlaneGrid);
        writer.Write(Problem.LanczosHvps);
        WriteArray(writer, problem.Data.Inputs);
        WriteArray(writer, problem.Data.Targets);
        WriteArray(writer, problem.Parameters);
        WriteArray(writer, problem.Direction);
        WriteArray(writer, problem.PlaneX);
        WriteArray(writer, problem.PlaneY);
        WriteArray(writer, problem.GridValues);
        writer.Write(loss);
        WriteArray(writer, gradient);
        WriteArray(writer, product);
    }

    private static void WriteArray(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        foreach (double value in values) writer.Write(value);
    }
}
