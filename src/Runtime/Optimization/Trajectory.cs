using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Landscape.Data;
using Landscape.Reporting;

namespace Landscape.Optimization;

/// <summary>
/// The record of a <see cref="Trainer"/> run, one row per step and one column per quantity: <c>step</c>,
/// <c>learning_rate</c>, <c>loss</c>, <c>gradient_norm</c>, then every monitor's columns in monitor order
/// (for example <c>sharpness_1</c>…<c>sharpness_k</c>, <c>sharpness_hvps</c>, <c>stability_threshold</c>). NaN means
/// "not measured at this step".
/// </summary>
/// <remarks>
/// The <c>loss</c> and <c>gradient_norm</c> columns are measured on the step's batch (the full training set for
/// full-batch training). The row of a diverged step holds its (non-finite or too large) loss and gradient norm and NaN in
/// every monitor column.
/// </remarks>
public sealed class Trajectory
{
    /// <summary>The name of the step column.</summary>
    public const string StepColumn = "step";

    /// <summary>The name of the learning-rate column.</summary>
    public const string LearningRateColumn = "learning_rate";

    /// <summary>The name of the (batch) loss column.</summary>
    public const string LossColumn = "loss";

    /// <summary>The name of the (batch) gradient-norm column.</summary>
    public const string GradientNormColumn = "gradient_norm";

    private readonly string[] _columns;
    private readonly List<double>[] _values;
    private readonly Dictionary<string, int> _index;

    internal Trajectory(string[] columns)
    {
        _columns = columns;
        _values = new List<double>[columns.Length];
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            if (!_index.TryAdd(columns[i], i))
                throw new ArgumentException($"Two trajectory columns are named '{columns[i]}'; give each monitor distinct column names.", nameof(columns));
            _values[i] = new List<double>();
        }
    }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The number of rows (steps recorded).</summary>
    public int Count => _values[0].Count;

    /// <summary>How the run ended.</summary>
    public RunStatus Status { get; internal set; }

    /// <summary>The step at which the run diverged, or null when it did not.</summary>
    public long? DivergedAt { get; internal set; }

    /// <summary>The step numbers 0, 1, 2, … of the rows.</summary>
    public long[] Step
    {
        get
        {
            List<double> steps = _values[0];
            var result = new long[steps.Count];
            for (int i = 0; i < result.Length; i++) result[i] = (long)steps[i];
            return result;
        }
    }

    /// <summary>The learning rate η used at each step.</summary>
    public double[] LearningRate => Column(LearningRateColumn);

    /// <summary>The loss L(θₜ) on each step's batch.</summary>
    public double[] Loss => Column(LossColumn);

    /// <summary>The gradient norm ‖∇L(θₜ)‖₂ on each step's batch.</summary>
    public double[] GradientNorm => Column(GradientNormColumn);

    /// <summary>
    /// The sharpness (top Hessian eigenvalue, column <c>sharpness_1</c> of a <see cref="SharpnessMonitor"/>) at each
    /// step: NaN where it was not measured, and NaN everywhere when the run had no sharpness monitor.
    /// </summary>
    public double[] Sharpness
    {
        get
        {
            if (_index.ContainsKey(SharpnessMonitor.ColumnName(1))) return Column(SharpnessMonitor.ColumnName(1));
            var nan = new double[Count];
            nan.AsSpan().Fill(double.NaN);
            return nan;
        }
    }

    /// <summary>
    /// The top-k Hessian eigenvalues (columns <c>sharpness_1</c>…<c>sharpness_k</c>): element i is the column of the
    /// (i+1)-th largest eigenvalue; empty when the run had no sharpness monitor.
    /// </summary>
    public double[][] TopEigenvalues
    {
        get
        {
            var result = new List<double[]>();
            for (int i = 1; _index.ContainsKey(SharpnessMonitor.ColumnName(i)); i++) result.Add(Column(SharpnessMonitor.ColumnName(i)));
            return result.ToArray();
        }
    }

    /// <summary>True when a column is named <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>A copy of the column named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No column has that name (the message lists the columns).</exception>
    public double[] Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_index.TryGetValue(name, out int c))
            throw new ArgumentException($"The trajectory has no column '{name}'; its columns are: {string.Join(", ", _columns)}.", nameof(name));
        return _values[c].ToArray();
    }

    /// <summary>The value of column <paramref name="name"/> at row <paramref name="row"/>.</summary>
    /// <exception cref="ArgumentException">No column has that name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The row is outside [0, Count).</exception>
    public double this[string name, int row]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            if (!_index.TryGetValue(name, out int c))
                throw new ArgumentException($"The trajectory has no column '{name}'; its columns are: {string.Join(", ", _columns)}.", nameof(name));
            return _values[c][row];
        }
    }

    /// <summary>
    /// Writes the trajectory as CSV: a header of column names, then one line per step, numbers in the invariant
    /// culture's round-trip format (NaN written as <c>NaN</c>), '\n' line endings. Status is not written.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CsvWriter.WriteHeader(writer, _columns);
        var row = new double[_columns.Length];
        for (int r = 0; r < Count; r++)
        {
            for (int c = 0; c < row.Length; c++) row[c] = _values[c][r];
            CsvWriter.WriteRow(writer, row);
        }
    }

    /// <summary>
    /// Writes the trajectory for NumPy: one 1-dimensional float64 file per column, <c>&lt;directory&gt;/&lt;column&gt;.npy</c>
    /// (for example <c>step.npy</c>, <c>learning_rate.npy</c>, <c>loss.npy</c>, <c>gradient_norm.npy</c>,
    /// <c>sharpness_1.npy</c>), each of length <see cref="Count"/> and each written atomically; the directory is created if
    /// missing. NaN means "not measured at this step", as in the CSV. Load them in Python with
    /// <c>{p.stem: np.load(p) for p in Path(directory).glob("*.npy")}</c>.
    /// </summary>
    /// <returns>The paths written, in column order.</returns>
    public IReadOnlyList<string> WriteNpy(string directory)
    {
        var columns = new (string, NpyArray)[_columns.Length];
        for (int c = 0; c < columns.Length; c++)
            columns[c] = (_columns[c], new NpyArray([Count], _values[c].ToArray()));
        return Npy.WriteColumns(directory, columns);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Trajectory({Count} steps, {Status}{(DivergedAt is long s ? $" at step {s}" : "")}, columns: {string.Join(", ", _columns)})");

    internal void AddRow(ReadOnlySpan<double> row)
    {
        for (int c = 0; c < _values.Length; c++) _values[c].Add(row[c]);
    }

    /// <summary>Writes the columns and every value bit for bit (checkpoint payload).</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(_columns.Length);
        foreach (string name in _columns) writer.Write(name);
        writer.Write(Count);
        foreach (List<double> column in _values)
            foreach (double value in column) writer.Write(value);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    internal static Trajectory Read(BinaryReader reader)
    {
        int columns = reader.ReadInt32();
        if (columns < 4 || columns > 1 << 20) throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the trajectory has {columns} columns"));
        var names = new string[columns];
        for (int i = 0; i < columns; i++) names[i] = reader.ReadString();
        var trajectory = new Trajectory(names);
        int rows = reader.ReadInt32();
        if (rows < 0 || (long)rows * columns * sizeof(double) > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the trajectory claims {rows} rows, more than the payload holds"));
        foreach (List<double> column in trajectory._values)
        {
            column.Capacity = rows;
            for (int r = 0; r < rows; r++) column.Add(reader.ReadDouble());
        }
        return trajectory;
    }
}
