using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// Reads a body as RFC 8259 JSON and nothing else: no single quotes, unquoted names, trailing commas, comments,
/// hexadecimal numbers, leading zeros, raw control characters in strings, NaN, Infinity or undefined, no byte order
/// mark, nothing after the value; names unique within an object; at most <see cref="JudgeContext.MaxBodyDepth"/>
/// levels deep. What is wrong is said in words, with its line, column and byte offset.
/// </summary>
/// <remarks>
/// Written here rather than by validating with System.Text.Json first: one pass builds the Json.NET tree that
/// NJsonSchema needs, each kind of departure gets its own message, and integers beyond 64 bits and numbers beyond
/// the 64-bit float range are noted where they are (<see cref="OutOfRangeNumber"/>) for the range rules.
/// </remarks>
public sealed class StrictJson
{
    private static readonly SearchValues<char> StringStops = SearchValues.Create(
        "\"\\" + new string(Enumerable.Range(0, 0x20).Select(c => (char)c).ToArray()));

    private readonly string _text;
    private readonly int _maxDepth;
    private List<(JValue Value, string Text, bool IsInteger)>? _outOfRange;
    private List<ValueText>? _values;
    private StringBuilder? _unescaped;
    private int _pos;

    private StrictJson(string text, int maxDepth)
    {
        _text = text;
        _maxDepth = maxDepth;
    }

    /// <summary>The value, or why the text is not JSON; and the numbers no 64-bit type holds.</summary>
    /// <param name="Value">The parsed value; null when the text is not JSON.</param>
    /// <param name="Problem">Why the text is not JSON, with the position; null when it is.</param>
    /// <param name="OutOfRange">The numbers no 64-bit type holds, where they are.</param>
    public sealed record Result(JToken? Value, string? Problem, IReadOnlyList<OutOfRangeNumber> OutOfRange)
    {
        /// <summary>
        /// Where the values inside a document's top object's object (such as the fields of <c>image</c>) and the items
        /// or members one level further (such as each link) are written in the text, for those of at most
        /// <see cref="ValueTextLimit"/> characters: two values written alike are the same value.
        /// </summary>
        public IReadOnlyList<ValueText> Values { get; init; } = [];
    }

    /// <summary>Values written longer than this are not listed in <see cref="Result.Values"/>.</summary>
    public const int ValueTextLimit = 1024;

    /// <summary>A parsed value and where its text is in the body.</summary>
    /// <param name="Value">The value as parsed (the token in the tree, not a copy).</param>
    /// <param name="Start">Where its text starts in the body.</param>
    /// <param name="Length">How long its text is.</param>
    public readonly record struct ValueText(JToken Value, int Start, int Length);

    /// <summary>
    /// Parses <paramref name="text"/> as one RFC 8259 JSON value; never throws on malformed text, whose problem (with the
    /// position) comes back in <see cref="Result.Problem"/> with a null value.
    /// </summary>
    /// <param name="text">The whole body.</param>
    /// <param name="maxDepth">Nesting of arrays and objects beyond this is refused as a problem.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static Result Parse(string text, int maxDepth = JudgeContext.MaxBodyDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new StrictJson(text, maxDepth);
        try
        {
            var value = parser.ReadDocument();
            return new Result(value, null, parser.OutOfRange())
            {
                Values = (IReadOnlyList<ValueText>?)parser._values ?? [],
            };
        }
        catch (NotJsonException e)
        {
            return new Result(null, $"{e.Message} ({parser.Position(e.At)})", []);
        }
    }

    private JToken ReadDocument()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            throw new NotJsonException("the body starts with a UTF-8 byte order mark, which RFC 8259 forbids", 0);
        }

        var value = ReadValue(0);
        SkipWhitespace();
        if (_pos < _text.Length)
        {
            throw new NotJsonException($"there is more after the JSON value: {Describe(_pos)}", _pos);
        }

        return value;
    }

    private JToken ReadValue(int depth)
    {
        SkipWhitespace();
        if (_pos >= _text.Length)
        {
            throw new NotJsonException("the body ends where a value should be", _pos);
        }

        switch (_text[_pos])
        {
            case '{':
                return ReadObject(depth + 1);
            case '[':
                return ReadArray(depth + 1);
            case '"':
                return new JValue(ReadString());
            case '-':
            case >= '0' and <= '9':
                return ReadNumber();
            default:
                return ReadLiteral();
        }
    }

    private JObject ReadObject(int depth)
    {
        var open = _pos;
        CheckDepth(depth, open);
        _pos++;
        var result = new JObject();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            var at = _pos;
            if (Peek() != '"')
            {
                throw NameExpected(at, result.Count > 0);
            }

            var name = ReadString(intern: true);
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Unexpected(_pos, $"':' after the name {Shorten(name)}");
            }

            _pos++;
            var member = new JProperty(name, ReadNoted(depth));
            try
            {
                // Json.NET refuses a second member of the same name itself: one lookup of the name rather than two.
                result.Add(member);
            }
            catch (ArgumentException)
            {
                throw new NotJsonException($"Property with the name '{name}' already exists in this object; names within an object must be unique", at);
            }
            SkipWhitespace();
            switch (Peek())
            {
                case ',':
                    _pos++;
                    continue;
                case '}':
                    _pos++;
                    return result;
                default:
                    throw Unexpected(_pos, "',' or '}' after a value in an object", "the object opened");
            }
        }
    }

    private JArray ReadArray(int depth)
    {
        CheckDepth(depth, _pos);
        _pos++;
        var result = new JArray();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() == ']')
            {
                throw new NotJsonException("a trailing comma before ']': JSON allows none", _pos);
            }

            result.Add(ReadNoted(depth));
            SkipWhitespace();
            switch (Peek())
            {
                case ',':
                    _pos++;
                    continue;
                case ']':
                    _pos++;
                    return result;
                default:
                    throw Unexpected(_pos, "',' or ']' after a value in an array", "the array opened");
            }
        }
    }

    /// <summary>Reads a member or item, noting where its text is when its container is at depth 2 or 3.</summary>
    private JToken ReadNoted(int depth)
    {
        SkipWhitespace();
        var start = _pos;
        var value = ReadValue(depth);
        if (depth is 2 or 3 && _pos - start <= ValueTextLimit)
        {
            (_values ??= []).Add(new ValueText(value, start, _pos - start));
        }

        return value;
    }

    private void CheckDepth(int depth, int at)
    {
        if (depth > _maxDepth)
        {
            throw new NotJsonException($"the JSON is nested deeper than the {_maxDepth} levels the suite reads", at);
        }
    }

    private string ReadString(bool intern = false)
    {
        var open = _pos;
        _pos++;
        var start = _pos;
        _unescaped?.Clear();
        var escaped = false;
        while (true)
        {
            var stop = _text.AsSpan(_pos).IndexOfAny(StringStops);
            if (stop < 0)
            {
                throw new NotJsonException("the body ends inside a string", open);
            }

            var at = _pos + stop;
            var c = _text[at];
            if (c == '"')
            {
                _pos = at + 1;
                if (!escaped)
                {
                    return intern ? Names.Get(_text.AsSpan(start, at - start)) : _text.Substring(start, at - start);
                }

                _unescaped!.Append(_text, start, at - start);
                return _unescaped.ToString();
            }

            if (c < 0x20)
            {
                throw new NotJsonException($"a raw control character U+{(int)c:X4} inside a string: JSON strings must escape it (\\u{(int)c:x4})", at);
            }

            // A backslash.
            _unescaped ??= new StringBuilder();
            if (!escaped)
            {
                _unescaped.Clear();
                escaped = true;
            }

            _unescaped.Append(_text, start, at - start);
            _pos = at + 1;
            Unescape(at);
            start = _pos;
        }
    }

    private void Unescape(int backslash)
    {
        if (_pos >= _text.Length)
        {
            throw new NotJsonException("the body ends inside a string", backslash);
        }

        var c = _text[_pos++];
        switch (c)
        {
            case '"': _unescaped!.Append('"'); return;
            case '\\': _unescaped!.Append('\\'); return;
            case '/': _unescaped!.Append('/'); return;
            case 'b': _unescaped!.Append('\b'); return;
            case 'f': _unescaped!.Append('\f'); return;
            case 'n': _unescaped!.Append('\n'); return;
            case 'r': _unescaped!.Append('\r'); return;
            case 't': _unescaped!.Append('\t'); return;
            case 'u':
                if (_pos + 4 <= _text.Length && ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    _unescaped!.Append((char)code);
                    _pos += 4;
                    return;
                }

                throw new NotJsonException("a \\u escape without four hexadecimal digits", backslash);
            default:
                throw new NotJsonException($"an escape JSON does not have: \\{(c < 0x20 || c > 0x7E ? $"U+{(int)c:X4}" : c.ToString())} (only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)", backslash);
        }
    }

    private JValue ReadNumber()
    {
        var start = _pos;
        var isInteger = true;
        if (_text[_pos] == '-')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] == 'I' && _text.AsSpan(_pos).StartsWith("Infinity", StringComparison.Ordinal))
            {
                throw new NotJsonException("-Infinity is not a JSON value (JSON has no NaN, Infinity or undefined)", start);
            }
        }

        if (!IsDigit(Peek()))
        {
            throw new NotJsonException("a minus sign without a number after it", start);
        }

        if (_text[_pos] == '0' && _pos + 1 < _text.Length)
        {
            var next = _text[_pos + 1];
            if (next is 'x' or 'X')
            {
                var end = _pos + 2;
                while (end < _text.Length && char.IsAsciiHexDigit(_text[end]))
                {
                    end++;
                }

                throw new NotJsonException($"a hexadecimal number ({_text[start..end]}): JSON numbers are decimal", start);
            }

            if (IsDigit(next))
            {
                throw new NotJsonException($"a number with a leading zero ({_text[start..SkipDigits(_pos)]}): JSON allows none", start);
            }
        }

        _pos = SkipDigits(_pos);
        if (Peek() == '.')
        {
            isInteger = false;
            _pos++;
            if (!IsDigit(Peek()))
            {
                throw new NotJsonException("a number with no digit after its decimal point", start);
            }

            _pos = SkipDigits(_pos);
        }

        if (Peek() is 'e' or 'E')
        {
            isInteger = false;
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw new NotJsonException("a number with no digit in its exponent", start);
            }

            _pos = SkipDigits(_pos);
        }

        var span = _text.AsSpan(start, _pos - start);
        if (isInteger)
        {
            if (long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
            {
                return new JValue(small);
            }

            var big = new JValue(BigInteger.Parse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            NoteOutOfRange(big, span.ToString(), isInteger: true);
            return big;
        }

        var number = double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsFinite(number))
        {
            return new JValue(number);
        }

        var text = span.ToString();
        var raw = new RawNumber(number, text);
        NoteOutOfRange(raw, text, isInteger: false);
        return raw;
    }

    private void NoteOutOfRange(JValue value, string text, bool isInteger) => (_outOfRange ??= []).Add((value, text, isInteger));

    /// <summary>The numbers no 64-bit type holds, each with where it is: found from the tree once it is whole.</summary>
    private IReadOnlyList<OutOfRangeNumber> OutOfRange()
    {
        if (_outOfRange is null)
        {
            return Array.Empty<OutOfRangeNumber>();
        }

        var numbers = new List<OutOfRangeNumber>(_outOfRange.Count);
        foreach (var (value, text, isInteger) in _outOfRange)
        {
            var steps = new List<object>();
            for (JToken token = value; token.Parent is { } parent; token = parent)
            {
                switch (parent)
                {
                    case JProperty property:
                        steps.Add(property.Name);
                        break;
                    case JArray array:
                        steps.Add(array.IndexOf(token));
                        break;
                }
            }

            steps.Reverse();
            numbers.Add(new OutOfRangeNumber(steps, value, text, isInteger));
        }

        return numbers;
    }

    private JValue ReadLiteral()
    {
        var start = _pos;
        var end = start;
        while (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] is '_' or '$'))
        {
            end++;
        }

        var word = _text[start..end];
        switch (word)
        {
            case "true":
                _pos = end;
                return new JValue(true);
            case "false":
                _pos = end;
                return new JValue(false);
            case "null":
                _pos = end;
                return JValue.CreateNull();
            case "NaN" or "Infinity" or "undefined":
                throw new NotJsonException($"{word} is not a JSON value (JSON has no NaN, Infinity or undefined)", start);
        }

        if (word.Length > 0)
        {
            throw new NotJsonException($"the word {Shorten(word)} is not a JSON value (JSON's literals are true, false and null; strings take double quotes)", start);
        }

        throw Unexpected(start, "a JSON value");
    }

    private NotJsonException NameExpected(int at, bool afterComma)
    {
        var c = Peek();
        if (c == '}' && afterComma)
        {
            return new NotJsonException("a trailing comma before '}': JSON allows none", at);
        }

        if (char.IsAsciiLetter(c) || c is '_' or '$')
        {
            var end = at;
            while (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] is '_' or '$' or '-' or '.'))
            {
                end++;
            }

            return new NotJsonException($"the name {Shorten(_text[at..end])} is not in double quotes", at);
        }

        return Unexpected(at, "a name in double quotes");
    }

    /// <summary>Something other than what the grammar expects here; single quotes and comments get their own words.</summary>
    private NotJsonException Unexpected(int at, string expected, string? opened = null)
    {
        if (at >= _text.Length)
        {
            return new NotJsonException(opened is null ? $"the body ends where {expected} should be" : $"the body ends before {opened} is closed", at);
        }

        var c = _text[at];
        if (c == '\'')
        {
            return new NotJsonException("a single-quoted string: JSON strings take double quotes", at);
        }

        if (c == '/' && at + 1 < _text.Length && _text[at + 1] is '/' or '*')
        {
            return new NotJsonException("a comment: JSON has none", at);
        }

        return new NotJsonException($"{Describe(at)} where {expected} should be", at);
    }

    private string Describe(int at)
    {
        var c = _text[at];
        if (c == '\'' || (c == '/' && at + 1 < _text.Length && _text[at + 1] is '/' or '*'))
        {
            return c == '\'' ? "a single-quoted string" : "a comment";
        }

        return c is > ' ' and < '\u007F' ? $"'{c}'" : $"the character U+{(int)c:X4}";
    }

    private static string Shorten(string text) => text.Length <= 40 ? $"'{text}'" : $"'{text[..37]}...'";

    private void SkipWhitespace()
    {
        var text = _text;
        var pos = _pos;
        while (pos < text.Length && text[pos] is ' ' or '\t' or '\n' or '\r')
        {
            pos++;
        }

        _pos = pos;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private int SkipDigits(int pos)
    {
        while (pos < _text.Length && IsDigit(_text[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>"line 3, column 14, byte offset 245": lines and columns from 1, columns in characters, the offset in UTF-8 bytes from 0.</summary>
    private string Position(int at)
    {
        at = Math.Clamp(at, 0, _text.Length);
        var before = _text.AsSpan(0, at);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] == '\n' || (before[i] == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(before);
        return $"line {line}, column {at - lineStart + 1}, byte offset {bytes}";
    }

    /// <summary>
    /// The member names met last on this thread, so that the names every body repeats (<c>id</c>, <c>links</c>,
    /// <c>href</c>) are not made again for each body: a table of recent names by a hash of their characters, where a
    /// name replaces whichever name had its place.
    /// </summary>
    private static class Names
    {
        private const int Size = 256;
        private const int Longest = 64;

        [ThreadStatic]
        private static string?[]? _recent;

        public static string Get(ReadOnlySpan<char> name)
        {
            if (name.Length > Longest)
            {
                return name.ToString();
            }

            var recent = _recent ??= new string?[Size];
            var hash = (uint)name.Length;
            foreach (var c in name)
            {
                hash = (hash * 31) + c;
            }

            ref var slot = ref recent[hash % Size];
            if (slot is { } known && name.SequenceEqual(known))
            {
                return known;
            }

            return slot = name.ToString();
        }
    }

    private sealed class NotJsonException(string message, int at) : Exception(message)
    {
        public int At { get; } = at;
    }
}
