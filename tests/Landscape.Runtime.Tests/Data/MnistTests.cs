using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Landscape.Data;

namespace Landscape.Tests.Data;

/// <summary>
/// Tests of <see cref="Mnist"/>: the real MNIST test set in the repository's data/mnist folder (checked against
/// statistics computed independently with Python's gzip module), and small hand-made IDX files, valid and broken,
/// written into a per-test temporary directory.
/// </summary>
public sealed class MnistTests : IDisposable
{
    /// <summary>
    /// Tolerance for means and standard deviations over the 7.84 million MNIST test pixels: the worst-case error of a
    /// naive double sum of n values is n·ε·Σ|x| (n·ε ≈ 8.7e-10 relative), so 1e-9 can never fail from rounding,
    /// while a single pixel off by one unit moves the pixel sum by 1/255, which the sum check (1e-9 relative of
    /// ≈ 1.04e6, i.e. ≈ 1e-3) still detects.
    /// </summary>
    private const double MomentTolerance = 1e-9;

    /// <summary>Values computed by two slightly different formulas (a few roundings each, magnitudes ≤ 3) agree
    /// to within a few ulps; 1e-14 allows ~20 ulps.</summary>
    private const double ValueTolerance = 1e-14;

    private const int MnistTestCount = 10_000;
    private const int MnistPixels = 28 * 28;

    /// <summary>Label counts of t10k-labels, computed independently (Python: collections.Counter over the bytes).</summary>
    private static readonly int[] s_classCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    /// <summary>The first ten labels of t10k-labels.</summary>
    private static readonly byte[] s_firstLabels = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9];

    /// <summary>Σ of all t10k pixel bytes, their mean /255 and population standard deviation /255 (Python, exact sums).</summary>
    private const long PixelByteSum = 264_923_200;
    private const double PixelMean = 0.13251460584233693;
    private const double PixelStd = 0.3104802479497414;

    private static readonly Lazy<Dataset> s_testSet = new(() => Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels));

    private readonly string _directory;

    public MnistTests()
    {
        _directory = Directory.CreateTempSubdirectory("landscape-mnist-tests-").FullName;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // ---------------------------------------------------------------- real data

    [Fact]
    public void Load_TestSet_HasMnistShape()
    {
        Dataset data = s_testSet.Value;
        Assert.Equal(MnistTestCount, data.Count);
        Assert.Equal(MnistPixels, data.InputSize);
        Assert.Equal(Mnist.ClassCount, data.TargetSize);
        Assert.Equal(MnistTestCount * MnistPixels, data.Inputs.Length);
        Assert.Equal(MnistTestCount * Mnist.ClassCount, data.Targets.Length);
    }

    [Fact]
    public void Load_TestSet_FirstTargetsAreOneHotAtTheKnownLabels()
    {
        Dataset data = s_testSet.Value;
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 }, data.Target(0).ToArray());
        for (int i = 0; i < s_firstLabels.Length; i++)
            Assert.Equal(s_firstLabels[i], ArgMax(data.Target(i)));
    }

    [Fact]
    public void Load_TestSet_TargetsAreOneHotWithTheKnownClassHistogram()
    {
        Dataset data = s_testSet.Value;
        var histogram = new int[Mnist.ClassCount];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<double> t = data.Target(i);
            int ones = 0;
            foreach (double v in t)
            {
                Assert.True(v == 0.0 || v == 1.0, $"target value {v} in row {i} is not 0 or 1");
                if (v == 1.0) ones++;
            }
            Assert.Equal(1, ones);
            histogram[ArgMax(t)]++;
        }
        Assert.Equal(MnistTestCount, histogram.Sum());
        Assert.All(histogram, c => Assert.True(c > 0));
        Assert.Equal(s_classCounts, histogram);
    }

    [Fact]
    public void Load_TestSet_InputsArePixelsOver255()
    {
        Dataset data = s_testSet.Value;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double x in data.Inputs)
        {
            sum += x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
        Assert.Equal(0.0, min);
        Assert.Equal(1.0, max);
        Assert.Equal(PixelByteSum / 255.0, sum, PixelByteSum / 255.0 * MomentTolerance);
        Assert.Equal(PixelMean, sum / data.Inputs.Length, MomentTolerance);

        // Image 0 (a 7): the first ink pixel is at index 202 (row 7, column 6) with byte value 84 (Python).
        ReadOnlySpan<double> image0 = data.Input(0);
        for (int j = 0; j < 202; j++) Assert.Equal(0.0, image0[j]);
        Assert.Equal(84 / 255.0, image0[202]);
        Assert.Equal(1.0, image0.ToArray().Max());

        // Every value is exactly v/255 for a byte v.
        MnistImages raw = Mnist.ReadImages(TestData.MnistTestImages);
        for (int i = 0; i < data.Inputs.Length; i += 997)
            Assert.Equal(raw.Pixels[i] / 255.0, data.Inputs[i]);
    }

    [Fact]
    public void Load_Standardize_GivesGlobalMeanZeroAndStdOne()
    {
        Dataset data = Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Standardize = true });
        (double mean, double std) = Moments(data.Inputs);
        Assert.Equal(0.0, mean, MomentTolerance);
        Assert.Equal(1.0, std, MomentTolerance);

        // Global, not per-pixel: every value is (pixel/255 − μ)/σ with the whole-set μ and σ.
        Assert.Equal((0 - PixelMean) / PixelStd, data.Input(0)[0], MomentTolerance);
        Assert.Equal((84 / 255.0 - PixelMean) / PixelStd, data.Input(0)[202], MomentTolerance);
        // The targets are unaffected.
        Assert.Equal(s_testSet.Value.Targets.ToArray(), data.Targets.ToArray());
    }

    [Fact]
    public void Load_StandardizeWithCount_UsesStatisticsOfTheLoadedExamples()
    {
        Dataset data = Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Count = 100, Standardize = true });
        (double mean, double std) = Moments(data.Inputs);
        Assert.Equal(0.0, mean, MomentTolerance);
        Assert.Equal(1.0, std, MomentTolerance);
        // The first 100 images are darker than the whole set (mean 0.11988 vs 0.13251, Python), so a background
        // pixel is standardized differently from the full-set value.
        Assert.NotEqual((0 - PixelMean) / PixelStd, data.Input(0)[0], 1e-3);
    }

    [Fact]
    public void Load_Count_TakesTheFirstExamples()
    {
        Dataset full = s_testSet.Value;
        Dataset first = Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Count = 123 });
        Assert.Equal(123, first.Count);
        Assert.Equal(MnistPixels, first.InputSize);
        Assert.Equal(full.Subset(0, 123).Inputs.ToArray(), first.Inputs.ToArray());
        Assert.Equal(full.Subset(0, 123).Targets.ToArray(), first.Targets.ToArray());

        Dataset all = Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Count = MnistTestCount });
        Assert.Equal(MnistTestCount, all.Count);
    }

    [Fact]
    public void Load_CountAboveTheFile_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Count = MnistTestCount + 1 }));
        Assert.Contains("10001", e.Message, StringComparison.Ordinal);
        Assert.Contains("10000", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Options_CountBelowOne_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MnistOptions { Count = count });
    }

    [Fact]
    public void Load_Classes_KeepsOnlyThoseDigitsInFileOrder()
    {
        Dataset full = s_testSet.Value;
        Dataset threesAndFives = Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Classes = [5, 3] });
        Assert.Equal(s_classCounts[3] + s_classCounts[5], threesAndFives.Count);
        Assert.Equal(Mnist.ClassCount, threesAndFives.TargetSize);

        int k = 0;
        for (int i = 0; i < full.Count; i++)
        {
            int label = ArgMax(full.Target(i));
            if (label != 3 && label != 5) continue;
            Assert.Equal(label, ArgMax(threesAndFives.Target(k)));
            if (k < 5) Assert.Equal(full.Input(i).ToArray(), threesAndFives.Input(k).ToArray());
            k++;
        }
        Assert.Equal(threesAndFives.Count, k);

        Dataset fewSevens = Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Classes = [7], Count = 3 });
        Assert.Equal(3, fewSevens.Count);
        Assert.Equal(full.Input(0).ToArray(), fewSevens.Input(0).ToArray()); // example 0 is a 7
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Mnist.Load(TestData.MnistTestImages, TestData.MnistTestLabels, new MnistOptions { Classes = [7], Count = s_classCounts[7] + 1 }));
    }

    [Fact]
    public void Options_InvalidClasses_Throw()
    {
        Assert.Throws<ArgumentException>(() => new MnistOptions { Classes = [] });
        Assert.Throws<ArgumentException>(() => new MnistOptions { Classes = [10] });
        Assert.Throws<ArgumentException>(() => new MnistOptions { Classes = [-1] });
        Assert.Throws<ArgumentException>(() => new MnistOptions { Classes = [1, 2, 1] });

        int[] source = [4, 2];
        var options = new MnistOptions { Classes = source };
        source[0] = 9; // the options hold a copy
        Assert.Equal(new[] { 4, 2 }, options.Classes);
    }

    [Fact]
    public void ReadImagesAndLabels_TestSet()
    {
        MnistImages images = Mnist.ReadImages(TestData.MnistTestImages);
        Assert.Equal(MnistTestCount, images.Count);
        Assert.Equal(28, images.Rows);
        Assert.Equal(28, images.Columns);
        Assert.Equal(MnistPixels, images.PixelsPerImage);
        Assert.Equal(MnistTestCount * MnistPixels, images.Pixels.Length);
        Assert.Equal(84, images.Image(0)[202]);
        Assert.Throws<ArgumentOutOfRangeException>(() => images.Image(MnistTestCount));

        long sum = 0;
        foreach (byte p in images.Pixels) sum += p;
        Assert.Equal(PixelByteSum, sum);

        byte[] labels = Mnist.ReadLabels(TestData.MnistTestLabels);
        Assert.Equal(MnistTestCount, labels.Length);
        Assert.Equal(s_firstLabels, labels.Take(10).ToArray());
    }

    [Fact]
    public void Load_RawCopy_EqualsGzip()
    {
        string images = Write("images.idx", Gunzip(File.ReadAllBytes(TestData.MnistTestImages)));
        string labels = Write("labels.idx", Gunzip(File.ReadAllBytes(TestData.MnistTestLabels)));
        Assert.Equal(16 + MnistTestCount * MnistPixels, new FileInfo(images).Length);

        Dataset raw = Mnist.Load(images, labels);
        Dataset gzip = s_testSet.Value;
        Assert.Equal(gzip.Count, raw.Count);
        Assert.True(gzip.Inputs.SequenceEqual(raw.Inputs));
        Assert.True(gzip.Targets.SequenceEqual(raw.Targets));
    }

    // ---------------------------------------------------------------- small valid files

    [Fact]
    public void Load_SmallFile_ExactValuesAndOneHotLayout()
    {
        // Two images of 2 × 3 pixels.
        byte[] pixels = [0, 51, 102, 153, 204, 255, /**/ 255, 0, 0, 0, 0, 17];
        string images = Write("small-images", Idx(0x803, [2, 2, 3], pixels));
        string labels = Write("small-labels", Idx(0x801, [2], [9, 0]));

        Dataset data = Mnist.Load(images, labels);
        Assert.Equal(2, data.Count);
        Assert.Equal(6, data.InputSize);
        Assert.Equal(pixels.Select(p => p / 255.0).ToArray(), data.Inputs.ToArray());
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, /**/ 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, data.Targets.ToArray());

        MnistImages read = Mnist.ReadImages(images);
        Assert.Equal((2, 2, 3), (read.Count, read.Rows, read.Columns));
        Assert.Equal(pixels, read.Pixels.ToArray());
    }

    [Fact]
    public void Load_DetectsGzipByContentNotByName()
    {
        byte[] pixels = [1, 2, 3, 4, 5, 6, 7, 8];
        string rawNamedGz = Write("raw-images.gz", Idx(0x803, [2, 2, 2], pixels));
        string gzipNamedIdx = Write("gzip-labels.idx", Gzip(Idx(0x801, [2], [3, 4])));
        Dataset data = Mnist.Load(rawNamedGz, gzipNamedIdx);
        Assert.Equal(pixels.Select(p => p / 255.0).ToArray(), data.Inputs.ToArray());
        Assert.Equal(3, ArgMax(data.Target(0)));
        Assert.Equal(4, ArgMax(data.Target(1)));
    }

    [Fact]
    public void Load_StandardizeConstantImages_CentresWithoutNaN()
    {
        // σ = 0: documented to centre only, so every input is exactly 0.
        string images = Write("constant-images", Idx(0x803, [3, 2, 2], Enumerable.Repeat((byte)77, 12).ToArray()));
        string labels = Write("constant-labels", Idx(0x801, [3], [1, 2, 3]));
        Dataset data = Mnist.Load(images, labels, new MnistOptions { Standardize = true });
        Assert.All(data.Inputs.ToArray(), x => Assert.Equal(0.0, x));
    }

    [Fact]
    public void Load_StandardizeSmallFile_MatchesTheFormula()
    {
        byte[] pixels = [0, 255, 0, 255, 0, 255, 0, 0];
        string images = Write("std-images", Idx(0x803, [2, 2, 2], pixels));
        string labels = Write("std-labels", Idx(0x801, [2], [0, 1]));
        Dataset data = Mnist.Load(images, labels, new MnistOptions { Standardize = true });
        // x ∈ {0, 1} with 3 ones in 8: μ = 3/8, σ = √(μ(1 − μ)) = √15/8.
        double mu = 3.0 / 8, sigma = Math.Sqrt(15) / 8;
        for (int i = 0; i < pixels.Length; i++)
            Assert.Equal((pixels[i] / 255.0 - mu) / sigma, data.Inputs[i], ValueTolerance);
    }

    // ---------------------------------------------------------------- argument and file errors

    [Fact]
    public void Load_NullOrEmptyPaths_ThrowArgumentException()
    {
        Assert.ThrowsAny<ArgumentException>(() => Mnist.Load(null!, TestData.MnistTestLabels));
        Assert.ThrowsAny<ArgumentException>(() => Mnist.Load(TestData.MnistTestImages, null!));
        Assert.ThrowsAny<ArgumentException>(() => Mnist.Load("", TestData.MnistTestLabels));
        Assert.ThrowsAny<ArgumentException>(() => Mnist.Load(TestData.MnistTestImages, "  "));
        Assert.ThrowsAny<ArgumentException>(() => Mnist.ReadImages(""));
        Assert.ThrowsAny<ArgumentException>(() => Mnist.ReadLabels(null!));
    }

    [Fact]
    public void Load_MissingFiles_ThrowFileNotFoundNamingThePath()
    {
        string missing = Path.Combine(_directory, "no-such-images.gz");
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(missing, TestData.MnistTestLabels));
        Assert.Equal(missing, e.FileName);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);

        string inMissingFolder = Path.Combine(_directory, "no-such-folder", "labels.gz");
        e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(TestData.MnistTestImages, inMissingFolder));
        Assert.Equal(inMissingFolder, e.FileName);
    }

    // ---------------------------------------------------------------- malformed files

    [Fact]
    public void WrongMagic_IsRejected()
    {
        string images = Write("wrong-magic", Idx(0x804, [1, 1, 1, 1], [0]));
        AssertInvalid(() => Mnist.ReadImages(images), images, "byte offset 0", "0x00000803", "0x00000804", "4 dimensions");

        string text = Write("not-idx.txt", "hello, world"u8.ToArray());
        AssertInvalid(() => Mnist.ReadLabels(text), text, "byte offset 0", "0x00000801", "not an IDX file");

        string floats = Write("floats", Idx(0xD01, [1], [0, 0, 0, 0]));
        AssertInvalid(() => Mnist.ReadLabels(floats), floats, "0x00000801", "32-bit floats");
    }

    [Fact]
    public void ImagesFilePassedAsLabels_IsRejected()
    {
        string images = TestData.MnistTestImages;
        AssertInvalid(() => Mnist.Load(images, images), images, "0x00000801", "found 0x00000803", "3 dimensions", "decompressed byte offset 0");
        string labels = TestData.MnistTestLabels;
        AssertInvalid(() => Mnist.Load(labels, labels), labels, "0x00000803", "found 0x00000801", "1 dimension");
    }

    [Fact]
    public void DimensionCountZero_IsRejected()
    {
        string path = Write("rank0", Idx(0x800, [], []));
        AssertInvalid(() => Mnist.ReadImages(path), path, "byte offset 0", "expected 0x00000803", "0 dimensions");
    }

    [Fact]
    public void TruncatedHeader_IsRejected()
    {
        byte[] full = Idx(0x803, [1, 2, 2], [1, 2, 3, 4]);
        string tenBytes = Write("header-10", full[..10]);
        AssertInvalid(() => Mnist.ReadImages(tenBytes), tenBytes, "byte offset 10", "16-byte header");

        string twoBytes = Write("header-2", full[..2]);
        AssertInvalid(() => Mnist.ReadImages(twoBytes), twoBytes, "byte offset 2", "4-byte magic number");

        string empty = Write("empty", []);
        AssertInvalid(() => Mnist.ReadLabels(empty), empty, "byte offset 0", "4-byte magic number");

        string gzipHeader = Write("header-10.gz", Gzip(full[..10]));
        AssertInvalid(() => Mnist.ReadImages(gzipHeader), gzipHeader, "decompressed byte offset 10", "16-byte header");
    }

    [Fact]
    public void TruncatedPixelData_IsRejected()
    {
        // 3 images of 2 × 2 promise 12 bytes after the 16-byte header; only 7 are present.
        byte[] full = Idx(0x803, [3, 2, 2], new byte[12]);
        string path = Write("truncated-pixels", full[..(16 + 7)]);
        AssertInvalid(() => Mnist.ReadImages(path), path, "byte offset 23", "expected 12 element bytes", "5 bytes are missing");
    }

    [Fact]
    public void TruncatedGzip_IsRejected()
    {
        byte[] gzip = File.ReadAllBytes(TestData.MnistTestLabels);

        // Cut inside the deflate data: the decompressed labels stop early.
        string half = Write("labels-half.gz", gzip[..(gzip.Length / 2)]);
        AssertInvalid(() => Mnist.ReadLabels(half), half, "decompressed byte offset", "expected 10000 element bytes", "truncated");

        // Cut inside the 8-byte trailer: every label is there, but the stream is incomplete. System.IO.Compression
        // does not report this; the loader's ISIZE check does.
        string noTrailer = Write("labels-no-trailer.gz", gzip[..^4]);
        AssertInvalid(() => Mnist.ReadLabels(noTrailer), noTrailer, "ISIZE", "expected 10008", "truncated");

        string tiny = Write("gzip-magic-only.gz", gzip[..2]);
        AssertInvalid(() => Mnist.ReadLabels(tiny), tiny, "decompressed byte offset 0", "4-byte magic number");
    }

    [Fact]
    public void CorruptGzip_IsRejected()
    {
        byte[] gzip = File.ReadAllBytes(TestData.MnistTestLabels);
        byte[] corrupt = (byte[])gzip.Clone();
        for (int i = 100; i < 140; i++) corrupt[i] ^= 0x5A;
        string path = Write("labels-corrupt.gz", corrupt);
        var e = AssertInvalid(() => Mnist.ReadLabels(path), path, "corrupt gzip stream", "decompressed byte offset 8");
        Assert.IsType<InvalidDataException>(e.InnerException);

        // A flipped CRC-32 in the trailer: the data decompresses but does not match its checksum.
        byte[] badCrc = (byte[])gzip.Clone();
        badCrc[^6] ^= 0xFF;
        string crcPath = Write("labels-bad-crc.gz", badCrc);
        AssertInvalid(() => Mnist.ReadLabels(crcPath), crcPath, "corrupt gzip stream");
    }

    [Theory]
    [InlineData(1, 0u, "dimension 1 (rows) at byte offset 8", "found 0")]
    [InlineData(0, 0u, "dimension 0 (images) at byte offset 4", "found 0")]
    [InlineData(2, 0x80000000u, "dimension 2 (columns) at byte offset 12", "found 2147483648")]
    [InlineData(0, 0xFFFFFFFFu, "dimension 0 (images) at byte offset 4", "found 4294967295")]
    public void ZeroOrNegativeDimension_IsRejected(int index, uint value, string where, string found)
    {
        uint[] dims = [2, 2, 2];
        dims[index] = value;
        string path = Write("bad-dimension", Idx(0x803, dims, new byte[8]));
        AssertInvalid(() => Mnist.ReadImages(path), path, where, "expected a size from 1 to 2147483647", found);
    }

    [Fact]
    public void HugeDimensions_AreRejectedBeforeAllocating()
    {
        string path = Write("huge", Idx(0x803, [int.MaxValue, 28, 28], new byte[784]));
        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertInvalid(() => Mnist.ReadImages(path), path, "byte offset 4", "2147483647 × 28 × 28", "more than 2147483591 elements");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBudget, "the loader allocated for the declared size");
    }

    [Fact]
    public void LargeDeclaredCountWithLittleData_IsTruncatedWithoutAllocatingTheDeclaredSize()
    {
        // 2·10⁹ labels fit the limit, so only the missing data reveals the corruption; memory must follow the data.
        byte[] bytes = Idx(0x801, [2_000_000_000], [1, 2, 3]);
        foreach (string path in new[] { Write("big-count", bytes), Write("big-count.gz", Gzip(bytes)) })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            AssertInvalid(() => Mnist.ReadLabels(path), path, "byte offset 11", "expected 2000000000 element bytes", "truncated");
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < AllocationBudget, "the loader allocated for the declared size");
        }
    }

    [Fact]
    public void CountMismatch_IsRejectedNamingBothFiles()
    {
        string images = Write("three-images", Idx(0x803, [3, 1, 2], new byte[6]));
        string labels = Write("two-labels", Idx(0x801, [2], [0, 1]));
        AssertInvalid(() => Mnist.Load(images, labels), images, labels, "3 images", "2 labels", "expected one label per image");
    }

    [Fact]
    public void LabelAboveNine_IsRejected()
    {
        string path = Write("label-10", Idx(0x801, [3], [1, 10, 2]));
        AssertInvalid(() => Mnist.ReadLabels(path), path, "label 1 at byte offset 9 is 10", "expected a digit from 0 to 9");

        string gzip = Write("label-255.gz", Gzip(Idx(0x801, [2], [0, 255])));
        AssertInvalid(() => Mnist.ReadLabels(gzip), gzip, "label 1 at decompressed byte offset 9 is 255");
    }

    [Fact]
    public void TrailingGarbage_IsRejected()
    {
        byte[] valid = Idx(0x801, [2], [3, 4]);
        string raw = Write("trailing", [.. valid, 0xDE, 0xAD, 0xBE]);
        AssertInvalid(() => Mnist.ReadLabels(raw), raw, "to end at byte offset 10", "found 3 more bytes");

        // Extra bytes inside the compressed data.
        string inside = Write("trailing-inside.gz", Gzip([.. valid, 0, 0]));
        AssertInvalid(() => Mnist.ReadLabels(inside), inside, "decompressed byte offset 10", "found 2 more bytes");

        // Garbage after the gzip stream, which System.IO.Compression ignores: caught by the ISIZE check.
        string after = Write("trailing-after.gz", [.. Gzip(valid), 0x12, 0x34, 0x56, 0x78, 0x9A]);
        AssertInvalid(() => Mnist.ReadLabels(after), after, "ISIZE", "appended");
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Memory a failed read of a tiny file may allocate: the initial gzip buffer (1 MiB) plus slack; far
    /// below the gigabytes a corrupt header declares.</summary>
    private const long AllocationBudget = 16L << 20;

    private static InvalidDataException AssertInvalid(Action read, string path, params string[] fragments)
    {
        var e = Assert.Throws<InvalidDataException>(read);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        return e;
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An IDX file: big-endian magic, big-endian dimension sizes, then the data bytes.</summary>
    private static byte[] Idx(uint magic, uint[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int d = 0; d < dimensions.Length; d++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(raw);
        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Mean and population standard deviation (two-pass).</summary>
    private static (double Mean, double Std) Moments(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        double mean = sum / values.Length;
        double squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(squares / values.Length));
    }
}
