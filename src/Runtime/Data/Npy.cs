using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using Landscape.Reporting;

namespace Landscape.Data;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files, so that curves, slices and parameter vectors move between Landscape and
/// Python (<c>np.load</c>, <c>np.save</c>) without a conversion step.
/// </summary>
/// <remarks>
/// <para>
/// The format (NumPy's <c>numpy.lib.format</c>, versions 1.0–3.0): the magic bytes <c>\x93NUMPY</c>, a major and a minor
/// version byte, the header length (2 bytes little-endian in version 1.0, 4 bytes in 2.0 and 3.0), then the header — a
/// Python dict literal <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c> padded with spaces and ended by
/// a newline so the data starts at a multiple of 64 bytes — and then the elements, nothing else.
/// </para>
/// <para>
/// Writing produces exactly what <c>np.save</c> of a C-contiguous float64 array produces: version 1.0 (2.0 only when the
/// header would not fit in 65,535 bytes), <c>&lt;f8</c>, C order, the same header text and padding. Files are written
/// atomically through <see cref="AtomicFile"/>.
/// </para>
/// <para>
/// Reading accepts versions 1.0, 2.0 and 3.0 (UTF-8 header) and the little-endian types <c>&lt;f8</c>, <c>&lt;f4</c>,
/// <c>&lt;i4</c>, <c>&lt;i8</c> and <c>|u1</c>, converting every element to double. Big-endian data, Fortran order,
/// object, structured and other types, a damaged header, and a data section shorter or longer than the shape says all
/// raise <see cref="InvalidDataException"/> with a message naming the file, the byte offset, what was expected and what
/// was found.
/// </para>
/// </remarks>
public static class Npy
{
    /// <summary>The NumPy type descriptor of little-endian float64, the type <see cref="Npy"/> writes.</summary>
    public const string Float64Descriptor = "<f8";

    /// <summary>The alignment of the data section that NumPy's writer uses (and so does this one).</summary>
    public const int Alignment = 64;

    /// <summary>The six magic bytes that open every .npy file: 0x93 followed by "NUMPY".</summary>
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>
    /// NumPy leaves room after the header for the length of the growing axis to gain digits (its
    /// <c>GROWTH_AXIS_MAX_DIGITS</c>, 21): that many spaces minus the digits of the first dimension's repr.
    /// </summary>
    private const int GrowthAxisMaxDigits = 21;

    private const string Supported = "'<f8', '<f4', '<i4', '<i8' or '|u1'";

    /// <summary>Writes <paramref name="values"/> as a 1-dimensional float64 array of shape (n,), atomically.</summary>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    public static void Write(string path, ReadOnlySpan<double> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.WriteAllBytes(path, Encode([values.Length], values));
    }

    /// <summary>Writes <paramref name="values"/> as a 2-dimensional float64 array of shape (rows, columns) in C order, atomically.</summary>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    public static void Write(string path, double[,] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var flat = new double[values.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                flat[i * columns + j] = values[i, j];
        AtomicFile.WriteAllBytes(path, Encode([rows, columns], flat));
    }

    /// <summary>Writes <paramref name="array"/> (any rank) as float64 in C order, atomically.</summary>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    public static void Write(string path, NpyArray array)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(array);
        AtomicFile.WriteAllBytes(path, Encode(array.Shape, array.Data));
    }

    /// <summary>Reads the .npy file at <paramref name="path"/>, converting its elements to double.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed .npy file of a supported type and order.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The .npy file '{path}' does not exist.", path);
        return Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a 1-dimensional array.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or its array is not 1-dimensional.</exception>
    public static double[] ReadVector(string path)
    {
        NpyArray array = Read(path);
        if (array.Rank != 1)
            throw new InvalidDataException(Invariant($"{path}: the array has shape ({FormatShape(array.Shape)}): expected a 1-dimensional array (a vector); flatten it with a.ravel() before np.save."));
        return array.Data;
    }

    /// <summary>Reads a 2-dimensional array as [rows, columns].</summary>
    /// <exception cref="InvalidDataException">The file is malformed or its array is not 2-dimensional.</exception>
    public static double[,] ReadMatrix(string path)
    {
        NpyArray array = Read(path);
        if (array.Rank != 2)
            throw new InvalidDataException(Invariant($"{path}: the array has shape ({FormatShape(array.Shape)}): expected a 2-dimensional array (a matrix)."));
        return array.ToMatrix();
    }

    /// <summary>
    /// Reads a parameter vector θ for <paramref name="model"/>: a 1-dimensional array of exactly
    /// <see cref="IModel.ParameterCount"/> finite values, in the order of <see cref="IModel.Layout"/> (for a network, each
    /// layer's <c>dense{l}.weight</c> as a row-major [units × fan-in] matrix, then its <c>dense{l}.bias</c>; see
    /// docs/interop.md for the mapping from a PyTorch <c>nn.Sequential</c>).
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is malformed, not 1-dimensional, has a different length than the model's parameter count (the message
    /// lists the layout), or holds a NaN or infinite value (the message names its index and block).
    /// </exception>
    public static double[] ReadParameters(string path, IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        NpyArray array = Read(path);
        if (array.Rank != 1)
            throw new InvalidDataException(Invariant($"{path}: the parameter array has shape ({FormatShape(array.Shape)}): expected a 1-dimensional vector of {model.ParameterCount} values; concatenate the flattened tensors (see docs/interop.md)."));
        if (array.Length != model.ParameterCount)
            throw new InvalidDataException(Invariant($"{path}: the parameter vector has {array.Length} values: expected {model.ParameterCount}, the model's parameter count (layout: {model.Layout})."));
        double[] parameters = array.Data;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!double.IsFinite(parameters[i]))
                throw new InvalidDataException(Invariant($"{path}: parameter {i} (block '{model.Layout.BlockOf(i).Name}') is {parameters[i]}: expected finite values."));
        }
        return parameters;
    }

    /// <summary>
    /// Writes one float64 .npy file per named column into <paramref name="directory"/> (created if missing), each
    /// atomically: <c>&lt;directory&gt;/&lt;name&gt;.npy</c>. Returns the paths written, in column order.
    /// </summary>
    internal static string[] WriteColumns(string directory, params (string Name, NpyArray Values)[] columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var paths = new string[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            string name = columns[c].Name;
            if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
                throw new ArgumentException($"The column name '{name}' cannot be used as a file name.", nameof(columns));
            paths[c] = Path.Combine(directory, name + ".npy");
            Write(paths[c], columns[c].Values);
        }
        return paths;
    }

    /// <summary>The bytes of a .npy file holding <paramref name="data"/> as float64 with <paramref name="shape"/>, in NumPy's exact layout.</summary>
    internal static byte[] Encode(ReadOnlySpan<int> shape, ReadOnlySpan<double> data)
    {
        string shapeText = PythonTuple(shape);
        var header = new StringBuilder();
        header.Append("{'descr': '").Append(Float64Descriptor).Append("', 'fortran_order': False, 'shape': ").Append(shapeText).Append(", }");
        if (shape.Length > 0)
            header.Append(' ', Math.Max(0, GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length));

        // Version 1.0 stores the header length in 2 bytes; 2.0 in 4 (only needed for enormous ranks).
        byte[] text = Encoding.Latin1.GetBytes(header.ToString());
        int major = 1, prefix = Magic.Length + 2 + 2;
        int padded = PaddedHeaderLength(prefix, text.Length);
        if (padded > ushort.MaxValue)
        {
            major = 2;
            prefix = Magic.Length + 2 + 4;
            padded = PaddedHeaderLength(prefix, text.Length);
        }

        var bytes = new byte[prefix + padded + (long)data.Length * sizeof(double)];
        Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)padded);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)padded);
        text.CopyTo(bytes, prefix);
        bytes.AsSpan(prefix + text.Length, padded - text.Length - 1).Fill((byte)' ');
        bytes[prefix + padded - 1] = (byte)'\n';
        Span<byte> body = bytes.AsSpan(prefix + padded);
        for (int i = 0; i < data.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(body.Slice(i * sizeof(double)), data[i]);
        return bytes;
    }

    /// <summary>The header length including padding and the final newline, so that prefix + header is a multiple of <see cref="Alignment"/>.</summary>
    private static int PaddedHeaderLength(int prefix, int textLength)
    {
        int withNewline = textLength + 1;
        int pad = (Alignment - (prefix + withNewline) % Alignment) % Alignment;
        return withNewline + pad;
    }

    /// <summary>Parses the bytes of a .npy file; <paramref name="path"/> names it in messages.</summary>
    internal static NpyArray Decode(ReadOnlySpan<byte> bytes, string path)
    {
        // Magic and version.
        if (bytes.Length < Magic.Length || !bytes.Slice(0, Magic.Length).SequenceEqual(Magic))
            throw Error(path, $"wrong magic at byte offset 0: expected the 6 bytes 93 4E 55 4D 50 59 (\\x93NUMPY) that open a .npy file; found {Hex(bytes.Slice(0, Math.Min(bytes.Length, Magic.Length)))}");
        if (bytes.Length < 8)
            throw Error(path, $"the file ends at byte offset {bytes.Length}: expected the major and minor version bytes at byte offsets 6 and 7 (the file is truncated)");
        int major = bytes[6], minor = bytes[7];
        if (major is < 1 or > 3 || minor != 0)
            throw Error(path, $"unsupported format version {major}.{minor} at byte offset 6: expected 1.0, 2.0 or 3.0");

        // Header length and header text.
        int lengthBytes = major == 1 ? 2 : 4;
        int start = 8 + lengthBytes;
        if (bytes.Length < start)
            throw Error(path, $"the file ends at byte offset {bytes.Length}: expected a {lengthBytes}-byte little-endian header length at byte offset 8 (the file is truncated)");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(8)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(8));
        if (start + headerLength > bytes.Length)
            throw Error(path, $"the header ends at byte offset {bytes.Length}: expected {headerLength} header bytes from byte offset {start} to {start + headerLength}, as the length at byte offset 8 says (the file is truncated)");
        string header = major == 3
            ? DecodeUtf8Header(bytes.Slice(start, (int)headerLength), path, start)
            : Encoding.Latin1.GetString(bytes.Slice(start, (int)headerLength));

        HeaderFields fields = new HeaderParser(header, path, start, major == 3).Parse();
        int itemSize = ItemSize(fields.Descriptor, path, fields.DescriptorOffset);
        if (fields.FortranOrder)
            throw Error(path, $"'fortran_order' is True at byte offset {fields.FortranOffset}: expected False (C order); save a C-ordered copy with np.save(path, np.ascontiguousarray(a))");

        long count = 1;
        foreach (int size in fields.Shape)
        {
            count *= size; // ≤ Array.MaxLength · int.MaxValue < 2⁶³
            if (count > Array.MaxLength)
                throw Error(path, $"the shape ({FormatShape(fields.Shape)}) at byte offset {fields.ShapeOffset} describes more than {Array.MaxLength} elements, the most one array can hold");
        }

        // Data: exactly count · itemSize bytes, nothing after.
        long dataStart = start + headerLength;
        long expected = count * itemSize;
        long present = bytes.Length - dataStart;
        if (present < expected)
            throw Error(path, $"the data ends at byte offset {bytes.Length}: expected {count} elements of {itemSize} bytes ('{fields.Descriptor}', shape ({FormatShape(fields.Shape)})) from byte offset {dataStart} to {dataStart + expected}; {expected - present} bytes are missing (the file is truncated)");
        if (present > expected)
            throw Error(path, $"unexpected data after the last element: expected the file to end at byte offset {dataStart + expected} ({count} elements of {itemSize} bytes, shape ({FormatShape(fields.Shape)})); found {present - expected} more bytes");

        var data = new double[count];
        Convert(bytes.Slice((int)dataStart, (int)expected), fields.Descriptor, data);
        return new NpyArray(fields.Shape, data, fields.Descriptor);
    }

    /// <summary>The byte size of one element of <paramref name="descriptor"/>, or an error naming what is supported.</summary>
    private static int ItemSize(string descriptor, string path, int offset) => descriptor switch
    {
        "<f8" or "<i8" => 8,
        "<f4" or "<i4" => 4,
        "|u1" => 1,
        _ when descriptor.Length > 0 && descriptor[0] == '>' =>
            throw Error(path, $"big-endian type '{descriptor}' at byte offset {offset}: expected little-endian data, one of {Supported}; convert with a.astype('<f8') before np.save"),
        _ when descriptor.Contains('O', StringComparison.Ordinal) =>
            throw Error(path, $"object type '{descriptor}' at byte offset {offset}: expected numeric data, one of {Supported}; object arrays hold pickled Python objects, which cannot be read"),
        _ => throw Error(path, $"unsupported type '{descriptor}' at byte offset {offset}: expected one of {Supported}"),
    };

    private static void Convert(ReadOnlySpan<byte> source, string descriptor, Span<double> target)
    {
        switch (descriptor)
        {
            case "<f8":
                for (int i = 0; i < target.Length; i++) target[i] = BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(8 * i));
                break;
            case "<f4":
                for (int i = 0; i < target.Length; i++) target[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(4 * i));
                break;
            case "<i4":
                for (int i = 0; i < target.Length; i++) target[i] = BinaryPrimitives.ReadInt32LittleEndian(source.Slice(4 * i));
                break;
            case "<i8":
                for (int i = 0; i < target.Length; i++) target[i] = BinaryPrimitives.ReadInt64LittleEndian(source.Slice(8 * i));
                break;
            default: // "|u1"
                for (int i = 0; i < target.Length; i++) target[i] = source[i];
                break;
        }
    }

    private static string DecodeUtf8Header(ReadOnlySpan<byte> header, string path, int start)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(header);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException(Invariant($"{path}: the version 3.0 header at byte offset {start} is not valid UTF-8 (byte {start + e.Index}): expected a UTF-8 Python dict literal."), e);
        }
    }

    /// <summary>Python's repr of a tuple of ints: <c>()</c>, <c>(3,)</c>, <c>(2, 3)</c>.</summary>
    private static string PythonTuple(ReadOnlySpan<int> shape) => shape.Length switch
    {
        0 => "()",
        1 => "(" + shape[0].ToString(CultureInfo.InvariantCulture) + ",)",
        _ => "(" + FormatShape(shape.ToArray()) + ")",
    };

    /// <summary>The dimensions joined by ", " (as in a Python tuple, without the parentheses).</summary>
    internal static string FormatShape(int[] shape) =>
        string.Join(", ", Array.ConvertAll(shape, s => s.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The bytes as space-separated hex pairs ("93 4E 55").</summary>
    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return "an empty file";
        var text = new StringBuilder(3 * bytes.Length);
        foreach (byte b in bytes)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    internal static InvalidDataException Error(string path, FormattableString message) =>
        new(path + ": " + message.ToString(CultureInfo.InvariantCulture) + ".");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
