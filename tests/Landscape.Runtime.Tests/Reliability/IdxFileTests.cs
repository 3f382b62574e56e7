using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using Landscape.Data;

namespace Landscape.Tests.Reliability;

/// <summary>
/// IDX defects not covered by Data/MnistTests (which covers wrong magic, truncated headers and data, corrupt and
/// truncated gzip, bad dimensions, trailing data and mismatched counts): a file of the wrong rank, several
/// concatenated gzip members, and a directory where a file is expected.
/// </summary>
public sealed class IdxFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "landscape-idx-" + Guid.NewGuid().ToString("N"));

    public IdxFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LabelsWithTwoDimensions_AreRejectedNamingTheRank()
    {
        string path = Write("labels-2d", Idx(0x802, [2, 2], [1, 2, 3, 4]));
        var e = Assert.Throws<InvalidDataException>(() => Mnist.ReadLabels(path));
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 0x00000801", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 dimensions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImagesWithTwoDimensions_AreRejectedNamingTheRank()
    {
        string path = Write("images-2d", Idx(0x802, [2, 784], new byte[2 * 784]));
        var e = Assert.Throws<InvalidDataException>(() => Mnist.ReadImages(path));
        Assert.Contains("expected 0x00000803", e.Message, StringComparison.Ordinal);
        Assert.Contains("found 0x00000802", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcatenatedGzipMembers_AreRejected()
    {
        byte[] raw = Idx(0x801, [6], [1, 2, 3, 4, 5, 6]);
        byte[] twoMembers = [.. Gzip(raw[..10]), .. Gzip(raw[10..])];
        string path = Write("two-members.gz", twoMembers);
        var e = Assert.Throws<InvalidDataException>(() => Mnist.ReadLabels(path));
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains("ISIZE", e.Message, StringComparison.Ordinal);
        Assert.Contains("concatenated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DirectoryInsteadOfFile_ThrowsFileNotFoundNamingThePath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.ReadLabels(_directory));
        Assert.Contains(_directory, e.Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Idx(uint magic, uint[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int d = 0; d < dimensions.Length; d++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }
}
