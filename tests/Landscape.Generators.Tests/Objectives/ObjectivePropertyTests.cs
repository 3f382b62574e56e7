using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading.Tasks;
using Landscape.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace Landscape.Generators.Tests.Objectives;

/// <summary>
/// Property test: seeded random expression trees (depth ≤ 6, every supported construct) are rendered as [Objective]
/// types, compiled with the generator in memory (many per compilation), loaded into a collectible AssemblyLoadContext and
/// checked at random points against an independent interpreter: values bit for bit, gradient and Hessian against exact
/// hyper-dual derivatives and against finite differences, exact Hessian symmetry and H·v.
/// </summary>
public sealed class ObjectivePropertyTests(ITestOutputHelper output)
{
    /// <summary>Trees generated; at least <see cref="RequiredCheckedTrees"/> must have a point where every check ran.</summary>
    private const int TreeCount = 560;

    /// <summary>The issue's minimum number of trees per test run.</summary>
    private const int RequiredCheckedTrees = 500;

    /// <summary>Trees per in-memory compilation (fewer compilations is faster; this keeps each under a few seconds).</summary>
    private const int BatchSize = 140;

    private const int PointsPerTree = 4;

    private const int Seed = 31337;

    /// <summary>
    /// Generated vs hyper-dual derivatives: the same exact mathematics evaluated in different orders, so the difference is
    /// rounding, amplified only by cancellation inside the expressions (each form can cancel differently, e.g. the quotient
    /// rule's (a′ − (a/b)·b′)/b against the dual's a′·(1/b) + a·(1/b)′). Measured over the 2,172 checked points: at most
    /// 7.7e-14 (gradient) and 1.8e-9 (Hessian, a point with heavy cancellation); the bounds leave two orders of margin above
    /// that, while a wrong rule gives O(1) errors (a flipped sign in one rule fails dozens of trees).
    /// </summary>
    private const double GradientDualTolerance = 1e-9;

    private const double HessianDualTolerance = 1e-7;

    /// <summary>
    /// Finite differences (fourth order, h = 1e-3·max(1, |x|)) of the generated value, resp. gradient: the issue's bounds,
    /// relative to the largest entry, plus the stencil's own error estimate (see <see cref="FiniteDifference"/>), because
    /// random trees can have large high derivatives that no fixed tolerance would cover.
    /// </summary>
    private const double GradientFdTolerance = 1e-7;

    private const double HessianFdTolerance = 1e-5;

    /// <summary>Points where |f| or a derivative exceeds this are skipped: rounding there says nothing about the rules.</summary>
    private const double Huge = 1e6;

    /// <summary>Hessian of a generated objective, bound from the loaded type (spans cannot go through MethodInfo.Invoke).</summary>
    private delegate void HessianFunction(ReadOnlySpan<double> point, Span<double> hessian);

    private delegate double ValueFunction(ReadOnlySpan<double> point);

    [Fact]
    public void RandomObjectives_DerivativesMatchHyperDualsAndFiniteDifferences()
    {
        var stopwatch = Stopwatch.StartNew();
        int batches = (TreeCount + BatchSize - 1) / BatchSize;
        var results = new Statistics[batches];
        // Batches are independent compilations: run them on every core (the Roslyn compiler uses few threads per emit).
        Parallel.For(0, batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
            results[b] = RunBatch(b * BatchSize, Math.Min(BatchSize, TreeCount - b * BatchSize), fullHarness: b == 0));
        Statistics stats = Statistics.Sum(results);
        output.WriteLine(stats.ToString());
        output.WriteLine($"elapsed {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(stats.CheckedTrees >= RequiredCheckedTrees, $"only {stats.CheckedTrees} of {TreeCount} trees had a checkable point; need {RequiredCheckedTrees}.");
    }

    /// <summary>
    /// Generates, compiles, loads and checks one batch. The first batch goes through <see cref="GeneratorHarness.Run(string[])"/>
    /// (a second, cached run and the model checks); the others run the same driver once and keep the model check, because the
    /// second run re-binds every objective and would add a quarter to the test's time without testing anything new.
    /// </summary>
    private static Statistics RunBatch(int start, int count, bool fullHarness)
    {
        var stats = new Statistics();
        var objectives = new RandomObjective[count];
        var source = new StringBuilder("using System;\nusing Landscape;\n\nnamespace RandomObjectives;\n\n");
        for (int k = 0; k < count; k++)
        {
            objectives[k] = RandomObjective.Create(new Random(Seed + start + k));
            source.Append(objectives[k].Render(TypeName(start + k))).Append('\n');
        }

        var timer = Stopwatch.StartNew();
        Compilation compilation;
        ImmutableArray<Diagnostic> diagnostics;
        int sourceCount;
        if (fullHarness)
        {
            GeneratorOutput result = GeneratorHarness.Run(source.ToString());
            (compilation, diagnostics, sourceCount) = (result.OutputCompilation, result.GeneratorDiagnostics, result.Sources.Length);
            stats.GeneratedCharacters = result.Sources.Sum(x => (long)x.Text.Length);
        }
        else
        {
            GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compile(source.ToString()), out compilation, out diagnostics);
            GeneratorDriverRunResult run = driver.GetRunResult();
            GeneratorHarness.AssertNoForbiddenTypes(run);
            sourceCount = run.GeneratedTrees.Length;
            stats.GeneratedCharacters = run.GeneratedTrees.Sum(t => (long)t.Length);
        }
        Assert.DoesNotContain(diagnostics, d => d.Id == "CS8785"); // the generator threw
        Assert.Empty(diagnostics); // no unsupported construct reported, no LSG0999
        Assert.Equal(count, sourceCount);
        stats.GeneratorSeconds = timer.Elapsed.TotalSeconds;
        timer.Restart();

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        stats.CompileSeconds = timer.Elapsed.TotalSeconds;
        timer.Restart();
        var context = new AssemblyLoadContext("random-objectives-" + start.ToString(CultureInfo.InvariantCulture), isCollectible: true);
        try
        {
            image.Position = 0;
            Assembly assembly = context.LoadFromStream(image);
            for (int k = 0; k < count; k++)
            {
                Type type = assembly.GetType("RandomObjectives." + TypeName(start + k), throwOnError: true)!;
                object instance = Activator.CreateInstance(type)!;
                if (CheckTree(objectives[k], instance, new Random(Seed * 7 + start + k), stats, TypeName(start + k), source.ToString()))
                    stats.CheckedTrees++;
            }
        }
        finally
        {
            context.Unload();
            stats.CheckSeconds = timer.Elapsed.TotalSeconds;
        }
        return stats;
    }

    private static string TypeName(int index) => "Objective" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Checks one tree at a few points; true when at least one point was fully checked (finite differences included).</summary>
    private static bool CheckTree(RandomObjective objective, object instance, Random random, Statistics stats, string name, string source)
    {
        var model = (IModel)instance;
        int n = objective.Dimension;
        var value = (ValueFunction)instance.GetType().GetMethod("Value", [typeof(ReadOnlySpan<double>)])!.CreateDelegate(typeof(ValueFunction), instance);
        var hessianOf = (HessianFunction)instance.GetType().GetMethod("Hessian")!.CreateDelegate(typeof(HessianFunction), instance);
        Assert.Equal(n, model.ParameterCount);
        bool anyChecked = false;
        string where = "";
        for (int p = 0; p < PointsPerTree; p++)
        {
            double[] point = new double[n];
            for (int i = 0; i < n; i++) point[i] = 3 * random.NextDouble() - 1.5;
            where = $"{name} at ({string.Join(", ", point.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))})";

            // Reference: value and switch signs, exact gradient and Hessian by hyper-duals.
            var switches = new List<int>();
            HyperDual f = objective.Evaluate(point, -1, -1, switches);
            if (!double.IsFinite(f.V) || Math.Abs(f.V) > Huge)
            {
                stats.SkippedPoints++;
                continue;
            }
            var dualGradient = new double[n];
            var dualHessian = new double[n * n];
            for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                HyperDual d = objective.Evaluate(point, i, j, new List<int>());
                dualGradient[i] = d.A;
                dualHessian[i * n + j] = dualHessian[j * n + i] = d.AB;
            }
            if (dualGradient.Concat(dualHessian).Any(x => !double.IsFinite(x) || Math.Abs(x) > Huge))
            {
                stats.SkippedPoints++;
                continue;
            }

            // Generated.
            var gradient = new double[n];
            var hessian = new double[n * n];
            double loss = model.Gradient(point, Dataset.Empty, gradient);
            hessianOf(point, hessian);
            AssertBits(value(point), f.V, $"{where}: Value(span) vs the interpreter (same operations, same order)");
            AssertBits(loss, f.V, $"{where}: f from Gradient");
            for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                AssertBits(hessian[i * n + j], hessian[j * n + i], $"{where}: H[{i},{j}] vs H[{j},{i}]");
            double[] v = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
            var product = new double[n];
            model.HessianVectorProduct(point, Dataset.Empty, v, product);
            for (int i = 0; i < n; i++)
            {
                double sum = hessian[i * n] * v[0];
                for (int j = 1; j < n; j++) sum += hessian[i * n + j] * v[j];
                AssertBits(product[i], sum, $"{where}: (H·v)[{i}]");
            }

            double gradientError = RelativeError(gradient, dualGradient);
            double hessianError = RelativeError(hessian, dualHessian);
            stats.MaxGradientDual = Math.Max(stats.MaxGradientDual, gradientError);
            stats.MaxHessianDual = Math.Max(stats.MaxHessianDual, hessianError);
            Assert.True(gradientError <= GradientDualTolerance, $"{where}: ∇f vs hyper-dual, relative error {gradientError:E3}\n{Describe(gradient, dualGradient)}\n{Excerpt(source, name)}");
            Assert.True(hessianError <= HessianDualTolerance, $"{where}: ∇²f vs hyper-dual, relative error {hessianError:E3}\n{Describe(hessian, dualHessian)}\n{Excerpt(source, name)}");

            // Finite differences, only where every stencil point takes the same branches as the center.
            if (!StencilIsSmooth(objective, point, switches))
            {
                stats.SkippedFiniteDifferences++;
                continue;
            }
            (double[] fd, double[] fdError) = FiniteDifference(x => [model.Loss(x, Dataset.Empty)], point, 1);
            CheckFiniteDifference(gradient, fd, fdError, GradientFdTolerance, $"{where}: ∇f vs finite differences", stats, isHessian: false);
            (double[] fdHessian, double[] fdHessianError) = FiniteDifference(x =>
            {
                var g = new double[n];
                model.Gradient(x, Dataset.Empty, g);
                return g;
            }, point, n);
            CheckFiniteDifference(hessian, fdHessian, fdHessianError, HessianFdTolerance, $"{where}: ∇²f vs finite differences of ∇f", stats, isHessian: true);
            stats.CheckedPoints++;
            anyChecked = true;
        }
        return anyChecked;
    }

    /// <summary>True when the switch signs at every stencil point (±h/2, ±h, ±2h along each axis) equal those at the center.</summary>
    private static bool StencilIsSmooth(RandomObjective objective, double[] point, List<int> center)
    {
        for (int i = 0; i < point.Length; i++)
        {
            double h = Step(point[i]);
            foreach (double k in new[] { -2.0, -1.0, -0.5, 0.5, 1.0, 2.0 })
            {
                double[] shifted = (double[])point.Clone();
                shifted[i] += k * h;
                var switches = new List<int>();
                objective.Evaluate(shifted, -1, -1, switches);
                if (!switches.SequenceEqual(center)) return false;
            }
        }
        return true;
    }

    private static double Step(double x) => 1e-3 * Math.Max(1, Math.Abs(x));

    /// <summary>The relative spacing of doubles near 1, 2⁻⁵².</summary>
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>
    /// ∂gₖ/∂xⱼ for a vector function g with <paramref name="outputs"/> components (row k, column j): the fourth-order stencil
    /// at h/2, D(h/2), and the error estimate |D(h) − D(h/2)|. The stencil's error is c·h⁴, so that difference is 15/16 of
    /// D(h)'s error and 15× D(h/2)'s: a generous but honest bound for the value compared.
    /// </summary>
    private static (double[] Derivative, double[] Error) FiniteDifference(Func<double[], double[]> g, double[] point, int outputs)
    {
        int n = point.Length;
        var derivative = new double[outputs * n];
        var error = new double[outputs * n];
        for (int j = 0; j < n; j++)
        {
            double h = Step(point[j]);
            double[] m2 = g(Shift(point, j, -2 * h)), m1 = g(Shift(point, j, -h)), p1 = g(Shift(point, j, h)), p2 = g(Shift(point, j, 2 * h));
            double[] mh = g(Shift(point, j, -h / 2)), ph = g(Shift(point, j, h / 2));
            for (int k = 0; k < outputs; k++)
            {
                double coarse = (m2[k] - 8 * m1[k] + 8 * p1[k] - p2[k]) / (12 * h);
                double fine = (m1[k] - 8 * mh[k] + 8 * ph[k] - p1[k]) / (6 * h);
                derivative[k * n + j] = fine;
                // Truncation estimate, plus rounding: the fine stencil's weights sum to 18/(6h) times the values' rounding ε·|g|.
                double magnitude = Math.Max(Math.Max(Math.Abs(m1[k]), Math.Abs(p1[k])), Math.Max(Math.Abs(mh[k]), Math.Abs(ph[k])));
                error[k * n + j] = Math.Abs(coarse - fine) + 3 * Epsilon * magnitude / h;
            }
        }
        return (derivative, error);
    }

    private static void CheckFiniteDifference(double[] generated, double[] fd, double[] fdError, double tolerance, string what, Statistics stats, bool isHessian)
    {
        double scale = Math.Max(1e-6, Math.Max(MaxAbs(generated), MaxAbs(fd)));
        double worst = 0;
        for (int i = 0; i < generated.Length; i++)
        {
            double allowed = tolerance * scale + fdError[i];
            double excess = Math.Abs(generated[i] - fd[i]) / allowed;
            worst = Math.Max(worst, excess);
            Assert.True(excess <= 1, $"{what}: entry {i} generated {generated[i]:R}, finite difference {fd[i]:R} (allowed {allowed:E2}).");
        }
        if (isHessian) stats.MaxHessianFdRatio = Math.Max(stats.MaxHessianFdRatio, worst);
        else stats.MaxGradientFdRatio = Math.Max(stats.MaxGradientFdRatio, worst);
    }

    private static double MaxAbs(double[] values) => values.Length == 0 ? 0 : values.Max(Math.Abs);

    private static double RelativeError(double[] actual, double[] expected)
    {
        double diff = 0, scale = 1e-6;
        for (int i = 0; i < actual.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Max(Math.Abs(actual[i]), Math.Abs(expected[i])));
        }
        return diff / scale;
    }

    private static double[] Shift(double[] point, int index, double delta)
    {
        var shifted = (double[])point.Clone();
        shifted[index] += delta;
        return shifted;
    }

    private static void AssertBits(double actual, double expected, string what)
    {
        if (BitConverter.DoubleToInt64Bits(actual) != BitConverter.DoubleToInt64Bits(expected))
            Assert.Fail($"{what}: {actual:R} vs {expected:R}.");
    }

    private static string Describe(double[] actual, double[] expected) =>
        "generated [" + string.Join(", ", actual.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]\nreference [" +
        string.Join(", ", expected.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";

    private static string Excerpt(string source, string typeName)
    {
        int start = source.IndexOf("class " + typeName + "\n", StringComparison.Ordinal);
        int end = source.IndexOf("\n}\n", start, StringComparison.Ordinal);
        return start < 0 || end < 0 ? "" : source.Substring(start, end - start + 2);
    }

    private sealed class Statistics
    {
        public int CheckedTrees;
        public int CheckedPoints;
        public int SkippedPoints;
        public int SkippedFiniteDifferences;
        public double MaxGradientDual;
        public double MaxHessianDual;
        public double MaxGradientFdRatio;
        public double MaxHessianFdRatio;
        public double GeneratorSeconds;
        public long GeneratedCharacters;
        public double CompileSeconds;
        public double CheckSeconds;

        public static Statistics Sum(Statistics[] parts) => new()
        {
            CheckedTrees = parts.Sum(p => p.CheckedTrees),
            CheckedPoints = parts.Sum(p => p.CheckedPoints),
            SkippedPoints = parts.Sum(p => p.SkippedPoints),
            SkippedFiniteDifferences = parts.Sum(p => p.SkippedFiniteDifferences),
            MaxGradientDual = parts.Max(p => p.MaxGradientDual),
            MaxHessianDual = parts.Max(p => p.MaxHessianDual),
            MaxGradientFdRatio = parts.Max(p => p.MaxGradientFdRatio),
            MaxHessianFdRatio = parts.Max(p => p.MaxHessianFdRatio),
            GeneratorSeconds = parts.Sum(p => p.GeneratorSeconds),
            GeneratedCharacters = parts.Sum(p => p.GeneratedCharacters),
            CompileSeconds = parts.Sum(p => p.CompileSeconds),
            CheckSeconds = parts.Sum(p => p.CheckSeconds),
        };

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"trees checked {CheckedTrees}, points checked {CheckedPoints}, points skipped (non-finite/huge) {SkippedPoints}, FD skipped near switches {SkippedFiniteDifferences}; " +
            $"max relative error vs hyper-dual: gradient {MaxGradientDual:E2}, Hessian {MaxHessianDual:E2}; max FD error / allowed: gradient {MaxGradientFdRatio:E2}, Hessian {MaxHessianFdRatio:E2}; " +
            $"generated {GeneratedCharacters} chars; time summed over batches: generator {GeneratorSeconds:F1} s, compile {CompileSeconds:F1} s, checks {CheckSeconds:F1} s");
    }
}
