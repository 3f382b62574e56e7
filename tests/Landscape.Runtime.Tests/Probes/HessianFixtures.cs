using System;

namespace Landscape.Tests.Probes;

/// <summary>Seeded matrices with known spectra and seeded network problems.</summary>
internal static class HessianFixtures
{
    /// <summary>A random orthogonal n×n matrix: Gram–Schmidt (applied twice) on the columns of a seeded Gaussian matrix.</summary>
    public static double[,] RandomOrthogonal(int n, int seed)
    {
        var random = new Random(seed);
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) q[i, j] = Gaussian(random);
        for (int c = 0; c < n; c++)
        {
            for (int pass = 0; pass < 2; pass++)
            {
                for (int p = 0; p < c; p++)
                {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += q[i, p] * q[i, c];
                    for (int i = 0; i < n; i++) q[i, c] -= dot * q[i, p];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += q[i, c] * q[i, c];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < n; i++) q[i, c] /= norm;
        }
        return q;
    }

    /// <summary>A = Q diag(λ) Qᵀ with a seeded random orthogonal Q (returned alongside), exactly symmetric.</summary>
    public static (double[,] A, double[,] Q) WithSpectrum(double[] eigenvalues, int seed)
    {
        int n = eigenvalues.Length;
        double[,] q = RandomOrthogonal(n, seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += q[i, k] * eigenvalues[k] * q[j, k];
                a[i, j] = sum;
                a[j, i] = sum;
            }
        }
        return (a, q);
    }

    /// <summary>A symmetric matrix with independent N(0, 1) entries on and below the diagonal.</summary>
    public static double[,] RandomSymmetric(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) a[i, j] = a[j, i] = Gaussian(random);
        return a;
    }

    /// <summary>Spectrum families used across the tests (the known eigenvalues, in no particular order).</summary>
    public static double[] Spectrum(string kind, int n)
    {
        var values = new double[n];
        var random = new Random(n * 31 + kind.Length);
        for (int i = 0; i < n; i++)
        {
            values[i] = kind switch
            {
                // Well separated top, bulk in [0, 1].
                "separated" => i < 5 ? 10.0 - 1.5 * i : random.NextDouble(),
                // A cluster of three near-equal top eigenvalues (gaps 1e-3), then a gap.
                "clustered" => i < 3 ? 5.0 + 1e-3 * i : i < 6 ? 3.0 - 0.5 * i : random.NextDouble() * 2.0,
                // Indefinite: a few strongly negative eigenvalues.
                "indefinite" => i < 4 ? -8.0 + 1.25 * i : i < 8 ? 6.0 - i * 0.3 : 4.0 * random.NextDouble() - 2.0,
                // Eight decades: 10^(2 − 8i/(n−1)).
                "decades" => Math.Pow(10.0, 2.0 - 8.0 * i / (n - 1)),
                _ => throw new ArgumentException(kind, nameof(kind)),
            };
        }
        return values;
    }

    /// <summary>Seeded Gaussian inputs and targets (MSE) or one-hot targets (CE) for an 8-input, 3-output network.</summary>
    public static Dataset NetworkData(int count, int seed, bool oneHot)
    {
        var random = new Random(seed);
        var x = new double[count * 8];
        var y = new double[count * 3];
        for (int i = 0; i < x.Length; i++) x[i] = Gaussian(random);
        for (int e = 0; e < count; e++)
        {
            if (oneHot) y[e * 3 + random.Next(3)] = 1.0;
            else for (int j = 0; j < 3; j++) y[e * 3 + j] = Gaussian(random);
        }
        return new Dataset(x, y, count);
    }

    /// <summary>The model's initialization plus a seeded perturbation, so the point is generic (not a critical point).</summary>
    public static double[] NetworkParameters(IModel model, int seed)
    {
        var theta = new double[model.ParameterCount];
        model.Initialize(theta, seed);
        var random = new Random(seed + 1000);
        for (int i = 0; i < theta.Length; i++) theta[i] += 0.3 * Gaussian(random);
        return theta;
    }

    /// <summary>Σᵢⱼ Aᵢⱼ², the squared Frobenius norm.</summary>
    public static double FrobeniusSquared(double[,] a)
    {
        double sum = 0;
        foreach (double x in a) sum += x * x;
        return sum;
    }

    public static double TraceOf(double[,] a)
    {
        double sum = 0;
        for (int i = 0; i < a.GetLength(0); i++) sum += a[i, i];
        return sum;
    }

    public static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1), inner = a.GetLength(1);
        var c = new double[n, m];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < inner; k++)
            {
                double aik = a[i, k];
                for (int j = 0; j < m; j++) c[i, j] += aik * b[k, j];
            }
        return c;
    }

    /// <summary>
    /// The exact standard deviation of one Rademacher Hutchinson sample zᵀAz: √(2(‖A‖²_F − Σᵢ Aᵢᵢ²)).
    /// </summary>
    public static double HutchinsonSampleStd(double[,] a)
    {
        double diagonal = 0;
        for (int i = 0; i < a.GetLength(0); i++) diagonal += a[i, i] * a[i, i];
        return Math.Sqrt(2.0 * Math.Max(FrobeniusSquared(a) - diagonal, 0.0));
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
