using System;
using Landscape.Probes;

namespace Landscape.Tests.Probes;

public sealed class SymmetricEigenTests
{
    /// <summary>
    /// Householder + QL is backward stable: ‖A − QΛQᵀ‖_F ≲ c·n·ε·‖A‖_F with a small c; for n ≤ 50 that is ~1e-14, so
    /// 1e-12 leaves two orders of margin while still catching any algorithmic error.
    /// </summary>
    private const double ReconstructionTolerance = 1e-12;

    /// <summary>‖QᵀQ − I‖_max is likewise a modest multiple of n·ε.</summary>
    private const double OrthogonalityTolerance = 1e-12;

    /// <summary>Eigenvalues of a symmetric matrix are perfectly conditioned: |λ̂ − λ| ≤ ‖E‖ ≈ n·ε·‖A‖.</summary>
    private const double EigenvalueTolerance = 1e-12;

    [Fact]
    public void Decompose_ReconstructsRandomMatrices_ForSizes1To50()
    {
        for (int n = 1; n <= 50; n++)
        {
            double[,] a = HessianFixtures.RandomSymmetric(n, 100 + n);
            (double[] values, double[,] vectors) = SymmetricEigen.Decompose(a);
            AssertDecomposition(a, values, vectors);
        }
    }

    [Theory]
    [InlineData(80, 7)]
    [InlineData(120, 8)]
    public void Decompose_ReconstructsLargerRandomMatrices(int n, int seed)
    {
        double[,] a = HessianFixtures.RandomSymmetric(n, seed);
        (double[] values, double[,] vectors) = SymmetricEigen.Decompose(a);
        AssertDecomposition(a, values, vectors);
    }

    [Theory]
    [InlineData("separated", 30)]
    [InlineData("clustered", 40)]
    [InlineData("indefinite", 25)]
    [InlineData("decades", 30)]
    public void Decompose_RecoversKnownSpectra(string kind, int n)
    {
        double[] expected = HessianFixtures.Spectrum(kind, n);
        (double[,] a, _) = HessianFixtures.WithSpectrum(expected, 5);
        (double[] values, double[,] vectors) = SymmetricEigen.Decompose(a);
        Array.Sort(expected);
        double scale = Math.Max(Math.Abs(expected[0]), Math.Abs(expected[^1]));
        for (int i = 0; i < n; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= EigenvalueTolerance * scale, $"{kind}: λ[{i}] = {values[i]:R}, expected {expected[i]:R}");
        AssertDecomposition(a, values, vectors);
    }

    [Fact]
    public void Decompose_HandlesDegenerateMatrices()
    {
        // Zero, identity (one eigenvalue of multiplicity n), diagonal with repeats and a 1×1.
        var zero = new double[4, 4];
        (double[] z, double[,] zv) = SymmetricEigen.Decompose(zero);
        Assert.All(z, v => Assert.Equal(0.0, v));
        AssertDecomposition(zero, z, zv);

        var identity = new double[6, 6];
        for (int i = 0; i < 6; i++) identity[i, i] = 1.0;
        (double[] ones, double[,] iv) = SymmetricEigen.Decompose(identity);
        Assert.All(ones, v => Assert.Equal(1.0, v, 15));
        AssertDecomposition(identity, ones, iv);

        var diagonal = new double[5, 5];
        double[] d = [3, -1, 3, 0, -1];
        for (int i = 0; i < 5; i++) diagonal[i, i] = d[i];
        (double[] dv, double[,] dvv) = SymmetricEigen.Decompose(diagonal);
        Assert.Equal([-1, -1, 0, 3, 3], dv);
        AssertDecomposition(diagonal, dv, dvv);

        (double[] single, double[,] sv) = SymmetricEigen.Decompose(new double[,] { { -2.5 } });
        Assert.Equal(-2.5, single[0]);
        Assert.Equal(1.0, Math.Abs(sv[0, 0]));

        (double[] empty, _) = SymmetricEigen.Decompose(new double[0, 0]);
        Assert.Empty(empty);
    }

    [Fact]
    public void Decompose_RejectsNonSquareAndNonFinite()
    {
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(new double[2, 3]));
        var nan = new double[3, 3];
        nan[2, 1] = double.NaN;
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Decompose(nan));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 3)]
    [InlineData(40, 4)]
    [InlineData(120, 5)]
    public void Tridiagonal_MatchesDense(int m, int seed)
    {
        var random = new Random(seed);
        var alpha = new double[m];
        var beta = new double[Math.Max(m - 1, 0)];
        for (int i = 0; i < m; i++) alpha[i] = HessianFixtures.Gaussian(random);
        for (int i = 0; i < beta.Length; i++) beta[i] = i % 9 == 4 ? 0.0 : HessianFixtures.Gaussian(random); // include exact splits
        var t = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            t[i, i] = alpha[i];
            if (i + 1 < m) t[i, i + 1] = t[i + 1, i] = beta[i];
        }
        (double[] dense, _) = SymmetricEigen.Decompose(t);
        (double[] values, double[,] vectors) = SymmetricEigen.Tridiagonal(alpha, beta);
        double scale = Math.Max(Math.Abs(dense[0]), Math.Abs(dense[^1]));
        for (int i = 0; i < m; i++)
            Assert.True(Math.Abs(values[i] - dense[i]) <= EigenvalueTolerance * scale, $"λ[{i}] = {values[i]:R} vs dense {dense[i]:R}");
        AssertDecomposition(t, values, vectors);

        // The quadrature weights (squared first components) sum to 1.
        double weights = 0;
        for (int j = 0; j < m; j++) weights += vectors[0, j] * vectors[0, j];
        Assert.Equal(1.0, weights, 13);
    }

    [Fact]
    public void Tridiagonal_RejectsShortBeta()
    {
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Tridiagonal(new double[4], new double[2]));
    }

    private static void AssertDecomposition(double[,] a, double[] values, double[,] vectors)
    {
        int n = values.Length;
        for (int i = 1; i < n; i++) Assert.True(values[i - 1] <= values[i], "eigenvalues must be ascending");
        double norm = Math.Sqrt(HessianFixtures.FrobeniusSquared(a));
        double residual = 0, orthogonality = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double qlq = 0, qtq = 0;
                for (int k = 0; k < n; k++)
                {
                    qlq += vectors[i, k] * values[k] * vectors[j, k];
                    qtq += vectors[k, i] * vectors[k, j];
                }
                residual += (a[i, j] - qlq) * (a[i, j] - qlq);
                orthogonality = Math.Max(orthogonality, Math.Abs(qtq - (i == j ? 1.0 : 0.0)));
            }
        }
        Assert.True(Math.Sqrt(residual) <= ReconstructionTolerance * Math.Max(norm, double.Epsilon), $"n = {n}: ‖A − QΛQᵀ‖ = {Math.Sqrt(residual):R}, ‖A‖ = {norm:R}");
        Assert.True(orthogonality <= OrthogonalityTolerance, $"n = {n}: ‖QᵀQ − I‖ = {orthogonality:R}");
    }
}
