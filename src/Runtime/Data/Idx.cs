using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Landscape.Data;

/// <summary>
/// Reads IDX files of unsigned bytes (the format of the MNIST distribution): a big-endian magic number
/// <c>0x0000 08 NN</c> (two zero bytes, the element type 0x08 = unsigned byte, the number of dimensions NN), then NN
/// big-endian 32-bit dimension sizes, then the elements as unsigned bytes in row-major order, and nothing else.
/// </summary>
/// <remarks>
/// The file may be raw or gzip-compressed; gzip is recognised by its magic bytes 1F 8B, never by the file name.
/// Every defect raises <see cref="InvalidDataException"/> with a message naming the file, the byte offset, what was
/// expected and what was found. Offsets in a gzip file count decompressed bytes, so they match the raw layout.
/// </remarks>
internal static class Idx
{
    /// <summary>The IDX element type code of unsigned bytes (the third byte of the magic number).</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>
    /// The largest number of elements a file may declare: the largest .NET array. The loader turns every element
    /// into a double, so a header above this limit cannot be honoured and is treated as corrupt.
    /// </summary>
    public const long MaxElements = 0x7FFFFFC7; // == Array.MaxLength (a property, so not usable in a const)

    /// <summary>
    /// The smallest complete gzip member: a 10-byte header, an empty deflate block (at least 2 bytes) and the 8-byte
    /// trailer (CRC-32, ISIZE).
    /// </summary>
    private const int MinGzipLength = 18;

    /// <summary>Initial buffer for gzip data whose decompressed size is unknown until it has been read.</summary>
    private const int InitialGzipCapacity = 1 << 20;

    /// <summary>Size of the scratch buffer used to count bytes after the last element.</summary>
    private const int ScratchLength = 1 << 14;

    /// <summary>
    /// Reads the IDX file at <paramref name="path"/>, which must hold unsigned bytes with one dimension per entry of
    /// <paramref name="dimensionNames"/> (used in messages, e.g. "images", "rows", "columns").
    /// </summary>
    /// <returns>The dimension sizes (each ≥ 1), the elements (their product, in file order) and whether the file was gzip-compressed.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX file of that shape.</exception>
    public static (int[] Dimensions, byte[] Data, bool Compressed) ReadUnsignedBytes(string path, ReadOnlySpan<string> dimensionNames)
    {
        int rank = dimensionNames.Length;
        uint expectedMagic = ((uint)UnsignedByteType << 8) | (uint)rank;
        int headerLength = 4 + 4 * rank;

        if (!File.Exists(path))
            throw new FileNotFoundException(Invariant($"The IDX file '{path}' does not exist."), path);

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        long fileLength = file.Length;
        bool gzip = StartsWithGzipMagic(file);
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
        string offsetName = gzip ? "decompressed byte offset" : "byte offset";
        string expectedMagicText = Invariant($"0x{expectedMagic:X8} (unsigned bytes, {DescribeRank(rank)}: {string.Join(" × ", dimensionNames.ToArray())})");

        // Header: magic (4 bytes) and one 32-bit size per dimension, all big-endian.
        Span<byte> header = stackalloc byte[headerLength];
        int headerRead = ReadFully(stream, header, path, gzip, 0);
        if (headerRead < 4)
            throw Error(path, $"the header ends at {offsetName} {headerRead}: expected the 4-byte magic number {expectedMagicText} at {offsetName} 0{GzipNote(gzip)}");

        uint magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic != expectedMagic)
            throw Error(path, $"wrong magic number at {offsetName} 0: expected {expectedMagicText}; found 0x{magic:X8} ({DescribeMagic(magic)})");

        if (headerRead < headerLength)
            throw Error(path, $"the header ends at {offsetName} {headerRead}: expected a {headerLength}-byte header (the magic number and {rank} big-endian 32-bit dimension sizes){GzipNote(gzip)}");

        // Dimensions: each in [1, int.MaxValue], and a product the loader can hold, checked before anything is
        // allocated so that a corrupt header cannot request gigabytes.
        var dimensions = new int[rank];
        long elements = 1;
        for (int d = 0; d < rank; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4 + 4 * d));
            if (size == 0 || size > int.MaxValue)
                throw Error(path, $"dimension {d} ({dimensionNames[d]}) at {offsetName} {4 + 4 * d}: expected a size from 1 to {int.MaxValue}; found {size}");
            dimensions[d] = (int)size;
            // elements ≤ MaxElements < 2³¹ and size < 2³¹, so the product fits in a long.
            elements *= size;
            if (elements > MaxElements)
                throw Error(path, $"the dimensions at {offsetName} 4 ({FormatDimensions(header, rank)}) describe more than {MaxElements} elements, the most this loader supports; the header is corrupt or the file is too large");
        }

        byte[] data = ReadData(stream, path, gzip, offsetName, headerLength, (int)elements, fileLength);
        long end = headerLength + elements;

        // Trailing bytes are rejected: a file longer than its header says is corrupt or not what the caller thinks.
        long trailing = gzip ? CountRemaining(stream, path, end) : fileLength - end;
        if (trailing > 0)
            throw Error(path, $"unexpected data after the last element: expected the {(gzip ? "decompressed data" : "file")} to end at {offsetName} {end} ({headerLength}-byte header + {elements} elements); found {trailing} more bytes");

        if (gzip)
            CheckGzipTrailer(file, path, fileLength, end);
        return (dimensions, data, gzip);
    }

    /// <summary>Reads the <paramref name="count"/> elements, growing the buffer only as data actually arrives.</summary>
    private static byte[] ReadData(Stream stream, string path, bool gzip, string offsetName, int headerLength, int count, long fileLength)
    {
        // A raw file's size is known, so the buffer is never larger than the bytes present. A gzip file's
        // decompressed size is not; start small and double, so memory stays within 2× the data really present.
        long available = gzip ? Math.Max(InitialGzipCapacity, fileLength) : Math.Max(0, fileLength - headerLength);
        var buffer = new byte[(int)Math.Min(count, available)];
        int filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length)
            {
                if (!gzip) break; // a raw file holds nothing beyond its length
                Array.Resize(ref buffer, (int)Math.Min(count, Math.Max(2L * buffer.Length, ScratchLength)));
            }
            int read = ReadChunk(stream, buffer.AsSpan(filled), path, gzip, headerLength + filled);
            if (read == 0) break;
            filled += read;
        }
        if (filled < count)
        {
            long end = (long)headerLength + count;
            throw Error(path, $"the data ends at {offsetName} {headerLength + (long)filled}: expected {count} element bytes from {offsetName} {headerLength} to {end} as the header promises; {count - filled} bytes are missing (the file is truncated){GzipNote(gzip)}");
        }
        return buffer;
    }

    /// <summary>Counts (and discards) the decompressed bytes left in <paramref name="stream"/>.</summary>
    private static long CountRemaining(Stream stream, string path, long position)
    {
        var scratch = new byte[ScratchLength];
        long total = 0;
        int read;
        while ((read = ReadChunk(stream, scratch, path, gzip: true, position + total)) > 0)
            total += read;
        return total;
    }

    /// <summary>
    /// Checks the gzip trailer's ISIZE field (the last 4 bytes, little-endian: the decompressed length mod 2³²)
    /// against the bytes actually decompressed. System.IO.Compression verifies the CRC-32 only when the trailer is
    /// complete and silently ignores a missing trailer or bytes after the gzip stream; this check catches both.
    /// </summary>
    private static void CheckGzipTrailer(FileStream file, string path, long fileLength, long decompressedLength)
    {
        if (fileLength < MinGzipLength)
            throw Error(path, $"the gzip file is {fileLength} bytes long: expected at least {MinGzipLength} (header, deflate data and the 8-byte trailer); the file is truncated");
        Span<byte> isizeBytes = stackalloc byte[4];
        file.Seek(fileLength - 4, SeekOrigin.Begin);
        file.ReadExactly(isizeBytes);
        uint isize = BinaryPrimitives.ReadUInt32LittleEndian(isizeBytes);
        if (isize != (uint)decompressedLength)
            throw Error(path, $"the gzip trailer's ISIZE field at byte offset {fileLength - 4} records {isize} uncompressed bytes (mod 2³²): expected {(uint)decompressedLength}, the length that was decompressed; the gzip file is truncated, has data appended after the gzip stream, or consists of several concatenated gzip members (not supported)");
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the stream allows; returns the number of bytes read.</summary>
    private static int ReadFully(Stream stream, Span<byte> buffer, string path, bool gzip, long position)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = ReadChunk(stream, buffer.Slice(filled), path, gzip, position + filled);
            if (read == 0) break;
            filled += read;
        }
        return filled;
    }

    /// <summary>One <see cref="Stream.Read(Span{byte})"/>, turning a corrupt gzip stream into a message with the path and offset.</summary>
    private static int ReadChunk(Stream stream, Span<byte> buffer, string path, bool gzip, long position)
    {
        try
        {
            return stream.Read(buffer);
        }
        catch (InvalidDataException e) when (gzip)
        {
            throw new InvalidDataException(
                Invariant($"{path}: corrupt gzip stream: reading from decompressed byte offset {position} (the damage is at or after the compressed data for that offset), expected valid deflate data and a trailer whose CRC-32 and length match; found data the decompressor rejects (it reports: {e.Message})"),
                e);
        }
    }

    /// <summary>True when the file starts with the gzip magic bytes 1F 8B; leaves the position at 0.</summary>
    private static bool StartsWithGzipMagic(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static string DescribeMagic(uint magic)
    {
        if ((magic >> 16) != 0)
            return "not an IDX file: an IDX magic number starts with two zero bytes";
        byte type = (byte)(magic >> 8);
        int rank = (int)(magic & 0xFF);
        string typeName = type switch
        {
            0x08 => "unsigned bytes",
            0x09 => "signed bytes",
            0x0B => "16-bit integers",
            0x0C => "32-bit integers",
            0x0D => "32-bit floats",
            0x0E => "64-bit floats",
            _ => Invariant($"unknown element type 0x{type:X2}"),
        };
        return Invariant($"{typeName}, {DescribeRank(rank)}");
    }

    private static string DescribeRank(int rank) => rank == 1 ? "1 dimension" : Invariant($"{rank} dimensions");

    private static string FormatDimensions(ReadOnlySpan<byte> header, int rank)
    {
        var parts = new string[rank];
        for (int d = 0; d < rank; d++)
            parts[d] = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4 + 4 * d)).ToString(CultureInfo.InvariantCulture);
        return string.Join(" × ", parts);
    }

    private static string GzipNote(bool gzip) => gzip ? " (gzip-compressed: offsets count decompressed bytes)" : "";

    private static InvalidDataException Error(string path, FormattableString message) =>
        new(path + ": " + message.ToString(CultureInfo.InvariantCulture) + ".");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
