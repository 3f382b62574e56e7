using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Landscape.Reporting;

namespace Landscape.Experiments;

/// <summary>
/// A named result table of an experiment, written as <c>&lt;name&gt;.csv</c> and <c>&lt;name&gt;.json</c> in the
/// output directory when the experiment finishes. Cells are formatted when added (invariant culture, round-trip
/// numbers), so the files are byte-identical for the same seed on any machine, culture or thread count. Tables never
/// hold wall times (those go to the manifest).
/// </summary>
public sealed class ResultTable
{
    private readonly List<Cell[]> _rows = [];

    internal ResultTable(string name, IReadOnlyList<string> columns)
    {
        Name = name;
        Columns = columns;
    }

    /// <summary>The table name (file stem).</summary>
    public string Name { get; }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of rows added.</summary>
    public int RowCount => _rows.Count;

    /// <summary>The cell at <paramref name="row"/>, <paramref name="column"/>.</summary>
    public Cell this[int row, int column] => _rows[row][column];

    /// <summary>The numeric values of the named column (NaN for text cells).</summary>
    public double[] Column(string name)
    {
        int index = IndexOf(name);
        var values = new double[_rows.Count];
        for (int r = 0; r < values.Length; r++) values[r] = _rows[r][index].Number;
        return values;
    }

    /// <summary>Appends a row; it must have one cell per column.</summary>
    /// <exception cref="ArgumentException">The row has the wrong number of cells.</exception>
    public ResultTable Add(params ReadOnlySpan<Cell> cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"Table '{Name}' has {Columns.Count} columns ({string.Join(", ", Columns)}); the row has {cells.Length} cells.", nameof(cells));
        _rows.Add(cells.ToArray());
        return this;
    }

    private int IndexOf(string name)
    {
        for (int c = 0; c < Columns.Count; c++)
            if (Columns[c] == name) return c;
        throw new ArgumentException($"Table '{Name}' has no column '{name}'; it has {string.Join(", ", Columns)}.", nameof(name));
    }

    /// <summary>The CSV text: a header line, then one line per row, '\n' line endings; texts with a comma or quote are quoted (RFC 4180).</summary>
    public string ToCsv()
    {
        var builder = new StringBuilder();
        builder.Append(string.Join(',', Columns)).Append('\n');
        foreach (var row in _rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0) builder.Append(',');
                builder.Append(row[c].CsvField);
            }
            builder.Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>
    /// The JSON text: <c>{"name": …, "columns": [...], "rows": [[…], …]}</c>; finite numbers as JSON numbers,
    /// non-finite numbers and texts as strings.
    /// </summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteString("name", Name);
            writer.WriteStartArray("columns");
            foreach (var column in Columns) writer.WriteStringValue(column);
            writer.WriteEndArray();
            writer.WriteStartArray("rows");
            foreach (var row in _rows)
            {
                writer.WriteStartArray();
                foreach (var cell in row)
                {
                    if (cell.IsNumber && double.IsFinite(cell.Number)) writer.WriteRawValue(cell.Text, skipInputValidation: true);
                    else writer.WriteStringValue(cell.Text);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes <c>&lt;name&gt;.csv</c> and <c>&lt;name&gt;.json</c> into <paramref name="directory"/>, atomically.</summary>
    internal void Write(string directory)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, Name + ".csv"), ToCsv());
        AtomicFile.WriteAllText(Path.Combine(directory, Name + ".json"), ToJson());
    }
}
