using System;
using System.Globalization;

namespace Landscape.Probes;

public static partial class Hessian
{
    /// <summary>
    /// The default largest model for <see cref="Dense(IModel, ReadOnlySpan{double}, Dataset, int)"/>: 4,096 parameters
    /// means 4,096 HVPs and a 128 MiB matrix, and O(n³) ≈ 7e10 flops for a subsequent <see cref="SymmetricEigen"/>.
    /// </summary>
    public const int DefaultDenseLimit = 4096;

    /// <summary>Columns per batch of operator products in <see cref="Dense(IModel, ReadOnlySpan{double}, Dataset, out double, int)"/>.</summary>
    private const int DenseBatch = 8;

    /// <summary>
    /// Builds the full Hessian H(θ) column by column, H eᵢ for every unit vector eᵢ, and returns its symmetric part
    /// (H + Hᵀ)/2. Columns are products of <see cref="Operator"/> in batches (a generated model keeps its fixed point), or
    /// full HVPs in parallel for other models (one after another for a DataParallelModel over several ranks, whose calls are
    /// collective); either way each column is the model's HVP bit for bit, whatever the thread count.
    /// </summary>
    /// <exception cref="ArgumentException">The model has more than <paramref name="maxParameters"/> parameters (the cost is n HVPs and n² doubles), or the parameter length does not match.</exception>
    /// <exception cref="ArithmeticException">An HVP returned NaN or ±∞ (the message names the column).</exception>
    public static double[,] Dense(IModel model, ReadOnlySpan<double> parameters, Dataset data, int maxParameters = DefaultDenseLimit) =>
        Dense(model, parameters, data, out _, maxParameters);

    /// <summary>
    /// Builds the full Hessian as <see cref="Dense(IModel, ReadOnlySpan{double}, Dataset, int)"/> and reports
    /// <paramref name="asymmetry"/> = maxᵢⱼ |(Heⱼ)ᵢ − (Heᵢ)ⱼ|, the largest disagreement between the computed H and Hᵀ
    /// before symmetrization (zero in exact arithmetic; a rounding-level value confirms the HVP).
    /// </summary>
    /// <exception cref="ArgumentException">The model has more than <paramref name="maxParameters"/> parameters, or the parameter length does not match.</exception>
    /// <exception cref="ArithmeticException">An HVP returned NaN or ±∞ (the message names the column).</exception>
    public static double[,] Dense(IModel model, ReadOnlySpan<double> parameters, Dataset data, out double asymmetry,
                                  int maxParameters = DefaultDenseLimit)
    {
        CheckArguments(model, parameters, data);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParameters, 1);
        int n = model.ParameterCount;
        if (n > maxParameters)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The model has {n} parameters, more than the dense limit {maxParameters}: the dense Hessian needs {n} HVPs and {(double)n * n * 8 / (1 << 20):F0} MiB. Use the matrix-free probes (TopEigenpairs, Trace, Density) or raise maxParameters."),
                nameof(model));

        double[] theta = parameters.ToArray();
        var raw = new double[n, n]; // raw[r, c] = (H e_c)_r
        var failed = new bool[n];
        using HessianOperator hessian = Operator(model, parameters, data);
        if (hessian.IsCached)
        {
            // The operator's products are parallel inside; the columns go through it in batches, one after another.
            int batch = Math.Min(DenseBatch, n);
            var units = new double[batch * n];
            var columns = new double[batch * n];
            for (int first = 0; first < n; first += batch)
            {
                int count = Math.Min(batch, n - first);
                Array.Clear(units);
                for (int j = 0; j < count; j++) units[j * n + first + j] = 1.0;
                hessian.Multiply(units.AsSpan(0, count * n), columns.AsSpan(0, count * n), count);
                for (int j = 0; j < count; j++) StoreColumn(raw, failed, first + j, columns.AsSpan(j * n, n));
            }
        }
        else
        {
            // Full HVPs of a model without a fixed point: independent columns in parallel (in turn when calls are collective).
            Distributed.DataParallelModel.For(model, n, c =>
            {
                var e = new double[n];
                var column = new double[n];
                e[c] = 1.0;
                model.HessianVectorProduct(theta, data, e, column);
                StoreColumn(raw, failed, c, column);
            });
        }
        int bad = Array.IndexOf(failed, true);
        if (bad >= 0)
            throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture, $"The Hessian-vector product for dense column {bad} contains NaN or infinite values."));

        // H ← (H + Hᵀ)/2, tracking max |Hᵢⱼ − Hⱼᵢ|.
        asymmetry = 0.0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double a = raw[i, j], b = raw[j, i];
                asymmetry = Math.Max(asymmetry, Math.Abs(a - b));
                double mean = 0.5 * (a + b);
                raw[i, j] = mean;
                raw[j, i] = mean;
            }
        }
        return raw;
    }

    /// <summary>raw[·, c] = column, and failed[c] when the column holds NaN or ±∞.</summary>
    private static void StoreColumn(double[,] raw, bool[] failed, int c, ReadOnlySpan<double> column)
    {
        for (int r = 0; r < column.Length; r++)
        {
            if (!double.IsFinite(column[r])) failed[c] = true;
            raw[r, c] = column[r];
        }
    }
}
