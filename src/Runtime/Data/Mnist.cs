using System;
using System.Globalization;
using System.IO;

namespace Landscape.Data;

/// <summary>
/// Loads MNIST (and datasets in the same IDX layout, such as Fashion-MNIST) into a <see cref="Dataset"/>.
/// </summary>
/// <remarks>
/// <para>
/// File format (IDX, big-endian): the images file is the magic number 0x00000803, the sizes images, rows and
/// columns (32 bits each), then images · rows · columns pixel bytes; the labels file is the magic number 0x00000801,
/// the number of labels, then one byte per label. Each file may be raw or gzip-compressed (recognised by the gzip
/// magic bytes 1F 8B, not by the file name; a single gzip member, as the MNIST distribution ships).
/// </para>
/// <para>
/// Validation is strict and covers the whole file: a wrong magic number or dimension count, a dimension that is 0 or
/// above 2³¹ − 1, a header describing more values than one .NET array can hold, data shorter than the header
/// promises, any byte after the last element (trailing data is rejected, not ignored), a corrupt or truncated gzip
/// stream, a label above 9 and image and label counts that differ all raise <see cref="InvalidDataException"/>.
/// The message names the file, the byte offset (in decompressed bytes for gzip files), what was expected and what
/// was found. Memory is allocated as data arrives, so a corrupt header cannot make the loader allocate more than
/// about twice the size of the data really present.
/// </para>
/// </remarks>
public static class Mnist
{
    /// <summary>The number of classes (digits 0–9), and so the width of the one-hot targets.</summary>
    public const int ClassCount = 10;

    /// <summary>Magic number of an IDX file of unsigned bytes with three dimensions (images × rows × columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Size of the labels file's header (magic number and count); label i is at byte offset 8 + i.</summary>
    private const int LabelsHeaderLength = 8;

    /// <summary>
    /// Loads the images at <paramref name="imagesPath"/> and the labels at <paramref name="labelsPath"/> as a
    /// dataset of n examples (n = the number of images, or fewer as <paramref name="options"/> select).
    /// </summary>
    /// <param name="imagesPath">An IDX images file (e.g. <c>t10k-images-idx3-ubyte.gz</c>), raw or gzip.</param>
    /// <param name="labelsPath">The matching IDX labels file (e.g. <c>t10k-labels-idx1-ubyte.gz</c>), raw or gzip.</param>
    /// <param name="options">Selection and scaling; <see langword="null"/> means <see cref="MnistOptions.Default"/>.</param>
    /// <returns>
    /// Inputs [n × rows·columns]: example i's pixel (r, c) is at i · rows · columns + r · columns + c and equals
    /// pixel/255, in [0, 1] (0 = background, 1 = full ink), or its standardized value when
    /// <see cref="MnistOptions.Standardize"/> is set. Targets [n × 10] one-hot: row i has 1 at column label(i) and
    /// 0 elsewhere. Examples keep their file order.
    /// </returns>
    /// <exception cref="ArgumentException">A path is null, empty or white space; or <see cref="MnistOptions.Classes"/> matches no example.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MnistOptions.Count"/> exceeds the number of (matching) examples.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, or the files hold different numbers of examples.</exception>
    public static Dataset Load(string imagesPath, string labelsPath, MnistOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelsPath);
        options ??= MnistOptions.Default;

        MnistImages images = ReadImages(imagesPath);
        byte[] labels = ReadLabels(labelsPath);
        if (images.Count != labels.Length)
            throw new InvalidDataException(Invariant($"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Length} labels: expected one label per image (equal counts in the two headers, at byte offset 4)."));

        int[] selected = Select(labels, options, imagesPath, labelsPath);
        int n = selected.Length;
        int pixelsPerImage = images.PixelsPerImage;

        Span<double> valueOf = stackalloc double[256];
        PixelValues(images, selected, options.Standardize, valueOf);

        var inputs = new double[n * pixelsPerImage];
        var targets = new double[n * ClassCount];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<byte> pixels = images.Image(selected[i]);
            Span<double> row = inputs.AsSpan(i * pixelsPerImage, pixelsPerImage);
            for (int j = 0; j < row.Length; j++)
                row[j] = valueOf[pixels[j]];
            targets[i * ClassCount + labels[selected[i]]] = 1.0; // one-hot: e_label
        }
        return new Dataset(inputs, targets, n);
    }

    /// <summary>Reads an IDX images file (magic 0x00000803, raw or gzip) without scaling.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The image count, the image size and the pixel bytes in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed (see <see cref="Mnist"/> for the checks).</exception>
    public static MnistImages ReadImages(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        (int[] dimensions, byte[] pixels, _) = Idx.ReadUnsignedBytes(path, ["images", "rows", "columns"]);
        return new MnistImages(dimensions[0], dimensions[1], dimensions[2], pixels);
    }

    /// <summary>Reads an IDX labels file (magic 0x00000801, raw or gzip): one digit 0–9 per example, in file order.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The labels (a new array).</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed or holds a label above 9.</exception>
    public static byte[] ReadLabels(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        (_, byte[] labels, bool compressed) = Idx.ReadUnsignedBytes(path, ["labels"]);
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= ClassCount)
            {
                string offsetName = compressed ? "decompressed byte offset" : "byte offset";
                throw new InvalidDataException(Invariant($"{path}: label {i} at {offsetName} {LabelsHeaderLength + (long)i} is {labels[i]}: expected a digit from 0 to {ClassCount - 1}."));
            }
        }
        return labels;
    }

    /// <summary>The indices of the examples to load: the <see cref="MnistOptions.Classes"/> filter, then the first Count.</summary>
    private static int[] Select(byte[] labels, MnistOptions options, string imagesPath, string labelsPath)
    {
        int[] matching;
        if (options.Classes is null)
        {
            matching = new int[labels.Length];
            for (int i = 0; i < matching.Length; i++) matching[i] = i;
        }
        else
        {
            Span<bool> keep = stackalloc bool[ClassCount];
            foreach (int c in options.Classes) keep[c] = true;
            int found = 0;
            foreach (byte label in labels)
                if (keep[label]) found++;
            if (found == 0)
                throw new ArgumentException(Invariant($"{labelsPath} holds no examples of the classes {string.Join(", ", options.Classes)} selected by options.Classes."), nameof(options));
            matching = new int[found];
            found = 0;
            for (int i = 0; i < labels.Length; i++)
                if (keep[labels[i]]) matching[found++] = i;
        }

        if (options.Count is int count)
        {
            if (count > matching.Length)
            {
                string what = options.Classes is null ? "examples" : Invariant($"examples of the classes {string.Join(", ", options.Classes)}");
                throw new ArgumentOutOfRangeException(nameof(options), count, Invariant($"options.Count is {count} but {imagesPath} and {labelsPath} hold only {matching.Length} {what}."));
            }
            if (count < matching.Length)
                Array.Resize(ref matching, count);
        }
        return matching;
    }

    /// <summary>
    /// Fills <paramref name="valueOf"/>[v] with the input value of pixel byte v: x = v/255, or, when
    /// <paramref name="standardize"/> is set, (x − μ)/σ with μ and σ the global mean and population standard
    /// deviation of x over every pixel of the selected images (σ = 0 is replaced by 1).
    /// </summary>
    private static void PixelValues(MnistImages images, int[] selected, bool standardize, Span<double> valueOf)
    {
        for (int v = 0; v < valueOf.Length; v++)
            valueOf[v] = v / 255.0;
        if (!standardize)
            return;

        // Pixels are bytes, so the statistics follow exactly from a histogram h[v] over the N selected pixels:
        //   S = Σ_v h[v]·v,  Q = Σ_v h[v]·v²,  μ = S / (255·N),  σ² = (N·Q − S²) / (255·N)².
        // Hence (x − μ)/σ = (v·N − S) / √(N·Q − S²), computed from exact integers (Int128: N·Q < 2³¹·2³¹·255²),
        // so a constant image set gives exactly 0 variance and no rounding noise is amplified.
        Span<long> histogram = stackalloc long[256];
        foreach (int index in selected)
            foreach (byte p in images.Image(index))
                histogram[p]++;
        long count = 0, sum = 0;
        Int128 sumOfSquares = 0;
        for (int v = 0; v < histogram.Length; v++)
        {
            count += histogram[v];
            sum += histogram[v] * v;
            sumOfSquares += (Int128)histogram[v] * (v * v);
        }
        Int128 scaledVariance = count * sumOfSquares - (Int128)sum * sum; // (255·N)²·σ² ≥ 0
        double scaledDeviation = scaledVariance > 0 ? Math.Sqrt((double)scaledVariance) : 0.0;
        for (int v = 0; v < valueOf.Length; v++)
        {
            double centred = (double)((long)v * count - sum); // (255·N)·(x − μ), exact below 2⁵³
            valueOf[v] = scaledDeviation > 0 ? centred / scaledDeviation : centred / (255.0 * count);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
