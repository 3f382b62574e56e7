using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Landscape.Data;

/// <summary>The three fields of a .npy header, with the byte offsets of their values (for messages).</summary>
internal sealed record HeaderFields(string Descriptor, int DescriptorOffset, bool FortranOrder, int FortranOffset, int[] Shape, int ShapeOffset);

/// <summary>
/// Parses the Python dict literal of a .npy header — <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c> —
/// accepting exactly what NumPy's reader accepts for numeric arrays: string keys in either quote style, the three keys
/// <c>descr</c>, <c>fortran_order</c> and <c>shape</c> (each once, no others), a string descriptor, <c>True</c>/<c>False</c>,
/// and a tuple of non-negative integers (a trailing comma and Python 2's <c>L</c> suffix allowed), followed only by
/// spaces and the newline. Anything else is an <see cref="InvalidDataException"/> naming the byte offset.
/// </summary>
internal sealed class HeaderParser(string text, string path, int start, bool utf8)
{
    private int _position;

    public HeaderFields Parse()
    {
        string? descriptor = null;
        bool? fortran = null;
        int[]? shape = null;
        int descriptorOffset = 0, fortranOffset = 0, shapeOffset = 0;

        SkipWhitespace();
        Expect('{', "the '{' that opens the header dict");
        SkipWhitespace();
        while (!TryConsume('}'))
        {
            int keyOffset = _position;
            string key = ReadString("a quoted key ('descr', 'fortran_order' or 'shape') or '}'");
            SkipWhitespace();
            Expect(':', "':' after the key");
            SkipWhitespace();
            int valueOffset = _position;
            switch (key)
            {
                case "descr" when descriptor is null:
                    if (Peek() == '[')
                        throw Fail(valueOffset, "a structured type (a list of fields) for 'descr'", "a plain numeric type such as '<f8'");
                    descriptor = ReadString("the type string of 'descr', e.g. '<f8'");
                    descriptorOffset = valueOffset;
                    break;
                case "fortran_order" when fortran is null:
                    fortran = ReadBoolean();
                    fortranOffset = valueOffset;
                    break;
                case "shape" when shape is null:
                    shape = ReadShape();
                    shapeOffset = valueOffset;
                    break;
                case "descr" or "fortran_order" or "shape":
                    throw Fail(keyOffset, $"the key '{key}' a second time", "each of 'descr', 'fortran_order' and 'shape' once");
                default:
                    throw Fail(keyOffset, $"the key '{key}'", "only 'descr', 'fortran_order' and 'shape'");
            }
            SkipWhitespace();
            if (TryConsume(',')) { SkipWhitespace(); continue; }
            Expect('}', "',' or the '}' that closes the header dict");
            break;
        }

        for (int i = _position; i < text.Length; i++)
        {
            if (text[i] is not (' ' or '\n' or '\r' or '\t' or '\0'))
                throw Fail(i, $"'{text[i]}' after the header dict", "only spaces and the final newline");
        }
        if (descriptor is null) throw Fail(text.Length, "the end of the header without a 'descr' key", "'descr', 'fortran_order' and 'shape'");
        if (fortran is null) throw Fail(text.Length, "the end of the header without a 'fortran_order' key", "'descr', 'fortran_order' and 'shape'");
        if (shape is null) throw Fail(text.Length, "the end of the header without a 'shape' key", "'descr', 'fortran_order' and 'shape'");
        return new HeaderFields(descriptor, ByteOffset(descriptorOffset), fortran.Value, ByteOffset(fortranOffset), shape, ByteOffset(shapeOffset));
    }

    private string ReadString(string expectation)
    {
        char quote = Peek();
        if (quote is not ('\'' or '"'))
            throw Fail(_position, Describe(_position), expectation);
        int open = _position++;
        var value = new StringBuilder();
        while (_position < text.Length && text[_position] != quote)
        {
            if (text[_position] == '\\')
                throw Fail(_position, "an escape sequence in a string", "a plain type string or key");
            value.Append(text[_position++]);
        }
        if (_position >= text.Length)
            throw Fail(open, "a string that is never closed", "a matching quote before the end of the header");
        _position++;
        return value.ToString();
    }

    private bool ReadBoolean()
    {
        if (Matches("True")) { _position += 4; return true; }
        if (Matches("False")) { _position += 5; return false; }
        throw Fail(_position, Describe(_position) + " for 'fortran_order'", "True or False");
    }

    private int[] ReadShape()
    {
        Expect('(', "the '(' of the shape tuple, e.g. (3, 4)");
        var sizes = new List<int>();
        SkipWhitespace();
        while (!TryConsume(')'))
        {
            int begin = _position;
            long size = 0;
            while (_position < text.Length && text[_position] is >= '0' and <= '9')
            {
                size = size * 10 + (text[_position++] - '0');
                if (size > int.MaxValue)
                    throw Fail(begin, "a dimension with more digits than fit", "a size from 0 to " + int.MaxValue.ToString(CultureInfo.InvariantCulture));
            }
            if (_position == begin)
                throw Fail(begin, Describe(begin) + " in the shape tuple", "a non-negative integer size");
            if (_position < text.Length && text[_position] == 'L') _position++; // Python 2 long suffix
            sizes.Add((int)size);
            SkipWhitespace();
            if (TryConsume(',')) { SkipWhitespace(); continue; }
            Expect(')', "',' or the ')' that closes the shape tuple");
            break;
        }
        return sizes.ToArray();
    }

    private void Expect(char expected, string what)
    {
        if (!TryConsume(expected))
            throw Fail(_position, Describe(_position), what);
    }

    private bool TryConsume(char c)
    {
        if (_position < text.Length && text[_position] == c) { _position++; return true; }
        return false;
    }

    private bool Matches(string word) => string.CompareOrdinal(text, _position, word, 0, word.Length) == 0;

    private char Peek() => _position < text.Length ? text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < text.Length && text[_position] is ' ' or '\t' or '\n' or '\r') _position++;
    }

    private string Describe(int index) => index >= text.Length ? "the end of the header" : $"'{text[index]}'";

    /// <summary>The file byte offset of character <paramref name="index"/> of the header.</summary>
    private int ByteOffset(int index) =>
        start + (utf8 ? Encoding.UTF8.GetByteCount(text.AsSpan(0, Math.Min(index, text.Length))) : Math.Min(index, text.Length));

    private InvalidDataException Fail(int index, string found, string expected) =>
        new(path + ": malformed header at byte offset " + ByteOffset(index).ToString(CultureInfo.InvariantCulture) + ": found " + found + "; expected " + expected + ".");
}
