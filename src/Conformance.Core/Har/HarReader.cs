using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Har;

/// <summary>
/// Reads HAR 1.2 files entry by entry, so a recording with tens of thousands of entries is never held in memory
/// at once. A file that is not HAR throws <see cref="HarFormatException"/> naming the file and the problem; an entry
/// that lacks a required part, is too large, too deep or not UTF-8 is returned with its problem and the reading goes
/// on. Nothing is unbounded: only regular files of at most <see cref="MaxFileBytes"/> are read, an entry holds at
/// most <see cref="MaxEntryChars"/> characters of JSON text, one string at most <see cref="MaxStringBytes"/>, and a
/// body is judged up to <see cref="RecordedResponse.MaxBodyBytes"/> (the rest of it is counted, never kept).
/// </summary>
public static class HarReader
{
    /// <summary>The largest HAR file read (8 GiB; a capture of a million exchanges is about 2.3 GB).</summary>
    public const long MaxFileBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>The most JSON text one entry may hold, besides what is dropped of over-long strings (64 Mi characters).</summary>
    public const int MaxEntryChars = 64 * 1024 * 1024;

    /// <summary>The most JSON values (commas) one entry may hold, so that a small entry cannot build a huge tree.</summary>
    public const int MaxEntryValues = 1_000_000;

    /// <summary>
    /// The most of one JSON string kept, in UTF-8 bytes (12 MiB: a base64 body of <see cref="RecordedResponse.MaxBodyBytes"/>
    /// fits); the rest is counted and dropped.
    /// </summary>
    public const int MaxStringBytes = 12 * 1024 * 1024;

    /// <summary>The most JSON text of one string kept, in characters (32 Mi: escapes make text longer than its value).</summary>
    public const int MaxStringChars = 32 * 1024 * 1024;

    /// <summary>The longest number or literal (<c>true</c>, <c>null</c>) read outside strings.</summary>
    public const int MaxTokenChars = 1024;

    /// <summary>The deepest nesting read; a deeper entry is that entry's problem.</summary>
    public const int MaxDepth = 128;

    /// <summary>Entries are the containers at this depth: the root object, <c>log</c>, <c>entries</c>, the entry.</summary>
    private const int EntryDepth = 4;

    /// <summary>Marks a string cut at <see cref="MaxStringBytes"/>: the kept prefix, this character, the full size in bytes.</summary>
    private const char CutMark = '\uFFFF';

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The entries of a HAR file. Nothing happens until the enumeration starts: a file that cannot be opened, is not a
    /// regular file or is too large throws <see cref="HarFormatException"/> from the first <c>MoveNext</c>.
    /// </summary>
    public static IEnumerable<HarEntry> Read(string path, string sourceName)
    {
        var stream = Open(path, sourceName);
        foreach (var entry in ReadStream(stream, sourceName, Path.GetDirectoryName(Path.GetFullPath(path))))
        {
            yield return entry;
        }
    }

    /// <summary>The entries of a HAR stream; bodies kept in files beside a HAR (<c>content._file</c>) cannot be reached from it.</summary>
    public static IEnumerable<HarEntry> Read(Stream stream, string sourceName) => ReadStream(stream, sourceName, folder: null);

    private static FileStream Open(string path, string sourceName)
    {
        var problem = HarFileStatus.Problem(path, sourceName);
        if (problem is not null)
        {
            throw new HarFormatException(problem);
        }

        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.SequentialScan,
                BufferSize = 0,
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HarFormatException($"{sourceName} cannot be opened: {e.Message}", e);
        }
    }

    private static IEnumerable<HarEntry> ReadStream(Stream stream, string sourceName, string? folder)
    {
        using (stream)
        {
            var bytes = CountedStream.Sniff(stream, sourceName);
            var marks = new MarkingFallback(bytes);
            var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
            encoding.DecoderFallback = marks;
            using var decoded = new StreamReader(bytes, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024);
            using var text = new BoundedJsonText(decoded, marks);
            var session = new Session(text, sourceName);

            session.Advance();
            if (session.Reader.TokenType != JsonToken.StartObject)
            {
                throw session.Fail("is not a HAR file: the top level is not a JSON object");
            }

            if (!session.SeekProperty("log") || !session.Require() || session.Reader.TokenType != JsonToken.StartObject)
            {
                throw session.Fail("is not a HAR file: it has no \"log\" object");
            }

            if (!session.SeekProperty("entries") || !session.Require() || session.Reader.TokenType != JsonToken.StartArray)
            {
                throw session.Fail("is not a HAR file: \"log\" has no \"entries\" array");
            }

            var index = 0;
            while (true)
            {
                HarEntry? result = null;
                JObject? entry = null;
                try
                {
                    session.Require(entries: true);
                    if (session.Reader.TokenType == JsonToken.EndArray)
                    {
                        session.Finish();
                        yield break;
                    }

                    if (session.Reader.TokenType != JsonToken.StartObject)
                    {
                        result = new HarEntry(index, null, $"entry is a JSON {session.Reader.TokenType}, not an object");
                        session.Reader.Skip();
                    }
                    else
                    {
                        entry = JObject.Load(session.Reader, EntryLoad);
                    }
                }
                catch (TextLimitException e) when (e.InEntry)
                {
                    result = new HarEntry(index, null, $"entry {e.Message}");
                    session.Resume();
                }
                catch (JsonReaderException e) when (IsDuplicateKey(e))
                {
                    result = new HarEntry(index, null, $"entry is not strict JSON (RFC 8259): {Clean(e.Message)}; a key appears once in an object, or readers disagree on which value counts");
                    session.Resume();
                }
                catch (JsonReaderException e) when (IsTooDeep(e))
                {
                    result = new HarEntry(index, null, $"entry is nested deeper than {MaxDepth} levels");
                    session.Resume();
                }
                catch (JsonException e)
                {
                    throw session.Fail(text.InvalidUtf8At is { } at
                        ? $"is not valid UTF-8 in entry {index} (byte offset {at})"
                        : $"is not valid JSON in entry {index}: {Clean(e.Message)}");
                }
                catch (TextLimitException e)
                {
                    throw session.Fail(e.Message);
                }
                catch (IOException e)
                {
                    throw session.Fail($"could not be read: {e.Message}");
                }

                result ??= ToEntrySafely(entry!, index, sourceName, folder, text.Truncated, text.InvalidUtf8At);
                index++;
                yield return result;
            }
        }
    }

    private static bool IsTooDeep(JsonException e) => e.Message.Contains("MaxDepth", StringComparison.Ordinal);

    private static bool IsDuplicateKey(JsonException e) => e.Message.Contains("already exists in the current JSON object", StringComparison.Ordinal);

    /// <summary>Entries are read with duplicate keys refused: Json.NET would keep the last value silently.</summary>
    private static readonly JsonLoadSettings EntryLoad = new() { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error };

    /// <summary>Any failure while mapping one entry is that entry's problem; the next entry is still read.</summary>
    private static HarEntry ToEntrySafely(JObject entry, int index, string sourceName, string? folder, int truncated, long? invalidUtf8At)
    {
        if (invalidUtf8At is { } at)
        {
            return new HarEntry(index, null, $"entry is not valid UTF-8 (byte offset {at} of the file)");
        }

        try
        {
            return ToEntry(entry, index, sourceName, folder, truncated);
        }
        catch (Exception e)
        {
            return new HarEntry(index, null, $"entry could not be read (suite error): {e.GetType().Name}: {e.Message}");
        }
    }

    private static HarEntry ToEntry(JObject entry, int index, string sourceName, string? folder, int truncated)
    {
        if (truncated > 0 && LongStrings(entry).FirstOrDefault(s => s.Path != "response.content.text") is { Path: not null } cut)
        {
            return new HarEntry(index, null, $"entry has a string of {Size(cut.Bytes)} at {cut.Path}; the suite reads at most {MaxStringBytes / (1024 * 1024)} MiB of one string");
        }

        if (entry["request"] is not JObject request)
        {
            return new HarEntry(index, null, "entry has no \"request\" object");
        }

        if (entry["response"] is not JObject response)
        {
            return new HarEntry(index, null, "entry has no \"response\" object");
        }

        var problem = StringProblem(request, "request", "method") ?? StringProblem(request, "request", "url") ?? StatusProblem(response["status"]);
        if (problem is not null)
        {
            return new HarEntry(index, null, problem);
        }

        var (requestHeaders, requestHeadersProblem) = Headers(request, "request");
        var (responseHeaders, responseHeadersProblem) = Headers(response, "response");
        if ((requestHeadersProblem ?? responseHeadersProblem) is { } headersProblem)
        {
            return new HarEntry(index, null, headersProblem);
        }

        var content = response["content"];
        if (content is not null and not JObject)
        {
            return new HarEntry(index, null, $"response \"content\" is {Describe(content)}, not an object");
        }

        var status = Math.Max(0, (int)(long)response["status"]!);
        var statusText = response["statusText"]?.Type == JTokenType.String ? (string)response["statusText"]! : string.Empty;
        var headersRecorded = response["_headersRecorded"]?.Type != JTokenType.Boolean || (bool)response["_headersRecorded"]!;

        string body;
        string? bodyProblem, notRecorded;
        if (content is JObject attached && attached["text"] is null or { Type: JTokenType.Null } && attached["_file"] is { } file)
        {
            (body, bodyProblem, notRecorded) = AttachedBody.Read(file, folder);
        }
        else
        {
            (body, bodyProblem) = ReadBody(content as JObject);
            notRecorded = NotRecorded(content as JObject, response, responseHeaders);
        }
        if (content?["_bodyProblem"] is { Type: JTokenType.String } recordedProblem)
        {
            bodyProblem ??= (string?)recordedProblem;
        }

        var recordedResponse = new RecordedResponse(status, statusText, responseHeaders, body, headersRecorded)
        {
            BodyProblem = bodyProblem,
            BodyNotRecorded = notRecorded,
            TransportError = response["_transportError"] is { Type: JTokenType.String } own ? (string?)own : null,
            NoAnswer = response["_transportError"] is null && status == 0 ? NoAnswer(response) : null,
        };
        var postData = request["postData"] as JObject;
        var recordedRequest = new RecordedRequest((string)request["method"]!, (string)request["url"]!, requestHeaders)
        {
            Body = postData?["text"]?.Type == JTokenType.String ? (string?)postData["text"] : null,
            BodyType = postData?["mimeType"]?.Type == JTokenType.String ? (string?)postData["mimeType"] : null,
        };
        var exchange = new Exchange(sourceName, index, recordedRequest, recordedResponse)
        {
            Probe = ReadProbe(entry["_probe"]),
            Started = entry["startedDateTime"] is { Type: JTokenType.String } started && Contracts.Iso8601DateTime.TryParse((string?)started, out var at) ? at : null,
        };
        return new HarEntry(index, exchange, null);
    }

    private static string? StringProblem(JObject parent, string where, string name) => parent[name] switch
    {
        null => $"{where} has no \"{name}\"",
        { Type: JTokenType.String } => null,
        var other => $"{where} \"{name}\" is {Describe(other)}, not a string",
    };

    /// <summary>
    /// An HTTP status is an integer from 0 (no response; Playwright writes -1) to 999; anything else names the value it is.
    /// </summary>
    private static string? StatusProblem(JToken? status) => status switch
    {
        null => "response lacks an integer \"status\"",
        JValue { Type: JTokenType.Integer, Value: long code } when code is >= -1 and <= 999 => null,
        JValue { Type: JTokenType.Integer } value => $"response \"status\" is {Excerpt(value)}, not an HTTP status code (0 to 999, or -1 for no response)",
        { Type: JTokenType.Float } value => $"response \"status\" is {Excerpt(value)}, not an integer",
        { Type: JTokenType.String } value => $"response \"status\" is the string {Excerpt(value)}, not an integer",
        var other => $"response \"status\" is {Describe(other)}, not an integer",
    };

    /// <summary>Why a status-0 entry holds no answer: a browser's <c>_error</c> (Chromium) or <c>_failureText</c> (Playwright) when it wrote one.</summary>
    private static string NoAnswer(JObject response) =>
        new[] { response["_error"], response["_failureText"] }.FirstOrDefault(e => e is { Type: JTokenType.String } && !string.IsNullOrWhiteSpace((string?)e)) is { } error
            ? $"the recording tool saw no response: {Prefix((string)error!)}"
            : $"the recording holds no response (status {(long)response["status"]!})";

    /// <summary>
    /// Why the body is missing from the recording, when the recording left it out: no <c>content.text</c> while
    /// <c>content.size</c> says the response had bytes, as Firefox and sanitised exports write. Such a body is not the
    /// cloud's empty body.
    /// </summary>
    /// <remarks>
    /// The size is <c>content.size</c>, else the transferred <c>response.bodySize</c> (Chromium's sanitised exports keep
    /// only that), else the response's <c>Content-Length</c>; a <c>content.comment</c> saying why the text is missing is
    /// quoted.
    /// </remarks>
    private static string? NotRecorded(JObject? content, JObject response, HeaderList headers)
    {
        if (content is null || content["text"] is not (null or { Type: JTokenType.Null }))
        {
            return null;
        }

        var comment = content["comment"] is { Type: JTokenType.String } c && !string.IsNullOrWhiteSpace((string?)c) ? $"; the recording says: {Prefix((string)c!)}" : string.Empty;
        if (content["size"] is JValue { Type: JTokenType.Integer, Value: long size } && size > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the body was not recorded (the recording gives its size, {size} bytes, but not its text{comment})");
        }

        if (response["bodySize"] is JValue { Type: JTokenType.Integer, Value: long transferred } && transferred > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the body was not recorded (the recording gives its transferred size, {transferred} bytes, but not its text{comment})");
        }

        if (long.TryParse(headers.Get("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the body was not recorded (the response's Content-Length is {length} bytes, but the recording gives no text{comment})");
        }

        return null;
    }

    private static Probe? ReadProbe(JToken? probe) =>
        probe is JObject p && p["name"]?.Type == JTokenType.String && p["expectedStatus"] is JValue { Type: JTokenType.Integer, Value: long expected } && expected is >= 0 and <= 999
            ? new Probe((string)p["name"]!, (int)expected, p["why"]?.Type == JTokenType.String ? (string)p["why"]! : string.Empty)
            : null;

    /// <summary>
    /// The body as text, at most <see cref="RecordedResponse.MaxBodyBytes"/> of it: a larger body keeps its first
    /// 8 MiB and says how large it was; a body that cannot be read says why.
    /// </summary>
    private static (string Body, string? Problem) ReadBody(JObject? content)
    {
        var textToken = content?["text"];
        if (textToken is null || textToken.Type == JTokenType.Null)
        {
            return (string.Empty, null);
        }

        if (textToken.Type != JTokenType.String)
        {
            return (string.Empty, $"the recorded body (\"content.text\") is {Describe(textToken)}, not a string");
        }

        var text = (string)textToken!;
        var encodingToken = content!["encoding"];
        var encoding = encodingToken?.Type == JTokenType.String ? (string)encodingToken! : null;
        if (encodingToken is not null && encodingToken.Type != JTokenType.Null && encodingToken.Type != JTokenType.String)
        {
            return (string.Empty, $"the recorded body's \"encoding\" is {Describe(encodingToken)}, not a string");
        }

        var cut = Cut(text);
        var base64 = string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase);
        if (!base64 && !string.IsNullOrEmpty(encoding))
        {
            return (string.Empty, $"the recorded body's \"encoding\" is {JsonConvert.ToString(encoding)}; the suite reads plain text and base64");
        }

        if (!base64)
        {
            if (cut is { } plain)
            {
                return (Prefix(text[..plain.Kept]), plain.Bytes > RecordedResponse.MaxBodyBytes ? TooLarge(plain.Bytes, approximate: false) : EscapedTooLong());
            }

            var length = Encoding.UTF8.GetByteCount(text);
            return length > RecordedResponse.MaxBodyBytes ? (Prefix(text), TooLarge(length, approximate: false)) : (text, null);
        }

        if (cut is { } encoded)
        {
            // Only the first 8 MiB are decoded; the size is the base64 text's, three bytes for every four characters.
            var kept = Math.Min(encoded.Kept, (RecordedResponse.MaxBodyBytes + 2) / 3 * 4) / 4 * 4;
            var size = TooLarge(encoded.Bytes / 4 * 3, approximate: true);
            try
            {
                var head = Convert.FromBase64String(text[..kept]);
                return (Encoding.UTF8.GetString(head, 0, Math.Min(head.Length, RecordedResponse.MaxBodyBytes)), size);
            }
            catch (FormatException)
            {
                return (string.Empty, size);
            }
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return (string.Empty, "the recorded body is marked base64 but is not valid base64");
        }

        if (bytes.Length > RecordedResponse.MaxBodyBytes)
        {
            return (Encoding.UTF8.GetString(bytes, 0, RecordedResponse.MaxBodyBytes), TooLarge(bytes.Length, approximate: false));
        }

        try
        {
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException e)
        {
            return (string.Empty, $"the body is not valid UTF-8 (byte offset {e.Index})");
        }
    }

    private static string TooLarge(long bytes, bool approximate) =>
        $"the body is {(approximate ? "about " : string.Empty)}{Size(bytes)}; the suite judges at most {RecordedResponse.MaxBodyBytes / (1024 * 1024)} MiB";

    private static string EscapedTooLong() =>
        $"the body's JSON text is longer than {MaxStringChars / (1024 * 1024)} Mi characters (most of it escaped); the suite reads at most that much of one string";

    /// <summary>The longest start of <paramref name="text"/> of at most <see cref="RecordedResponse.MaxBodyBytes"/> UTF-8 bytes.</summary>
    private static string Prefix(string text)
    {
        var bytes = 0;
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            var size = c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3;
            if (bytes + size > RecordedResponse.MaxBodyBytes || (char.IsHighSurrogate(c) && bytes + 4 > RecordedResponse.MaxBodyBytes))
            {
                break;
            }

            bytes += size;
        }

        return i == text.Length ? text : text[..i];
    }

    /// <summary>A string the text filter cut: how much of it was kept and its full size in UTF-8 bytes.</summary>
    private static (int Kept, long Bytes)? Cut(string value)
    {
        var mark = value.LastIndexOf(CutMark);
        if (mark < 0 || mark == value.Length - 1)
        {
            return null;
        }

        return long.TryParse(value.AsSpan(mark + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? (mark, bytes) : null;
    }

    private static IEnumerable<(string? Path, long Bytes)> LongStrings(JObject entry) =>
        entry.Descendants().OfType<JValue>()
            .Where(v => v.Type == JTokenType.String)
            .Select(v => (v.Path, Cut: Cut((string)v!)))
            .Where(v => v.Cut is not null)
            .Select(v => ((string?)v.Path, v.Cut!.Value.Bytes));

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes ({bytes / (1024.0 * 1024.0):0.0} MiB)")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Array => "an array",
        JTokenType.Object => "an object",
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => $"the number {Excerpt(token)}",
        JTokenType.Boolean => $"the boolean {Excerpt(token)}",
        JTokenType.Null => "null",
        var other => $"a JSON {other}",
    };

    private static string Excerpt(JToken token)
    {
        var text = token is JValue { Value: BigInteger big } ? big.ToString(CultureInfo.InvariantCulture) : token.ToString(Formatting.None);
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
    }

    private static (HeaderList Headers, string? Problem) Headers(JObject message, string where)
    {
        var token = message["headers"];
        if (token is null || token.Type == JTokenType.Null)
        {
            return (HeaderList.Empty, null);
        }

        if (token is not JArray array)
        {
            return (HeaderList.Empty, $"{where} \"headers\" is {Describe(token)}, not an array");
        }

        var items = new List<KeyValuePair<string, string>>(array.Count);
        foreach (var header in array.OfType<JObject>())
        {
            if (header["name"]?.Type == JTokenType.String)
            {
                var value = header["value"]?.Type == JTokenType.String ? (string)header["value"]! : string.Empty;
                items.Add(new((string)header["name"]!, value));
            }
        }

        return (new HeaderList(items), null);
    }

    private static string Clean(string message) => JsonMessages.Clean(message, keepPosition: false);

    /// <summary>The token reader over the bounded text, and how problems with the file are worded.</summary>
    private sealed class Session(BoundedJsonText text, string sourceName)
    {
        private int _lineOffset;

        public JsonTextReader Reader { get; private set; } = NewReader(text, MaxDepth);

        /// <summary>
        /// After a bad entry: a new token reader, which the text hands <c>{"log":{"entries":[null</c> (the same
        /// structure as the file's, so the rest of the document is read at the same depths) and then the rest of the
        /// entries array once it has passed the bad entry, so reading goes on with the next entry.
        /// </summary>
        public void Resume()
        {
            text.SkipEntry();
            Reader = NewReader(text, MaxDepth);
            for (var token = 0; token < 6; token++)
            {
                Require();
            }
            _lineOffset = text.ResumedAtLine;
        }

        public void Advance()
        {
            if (!Next(entries: false))
            {
                throw Fail("is empty");
            }
        }

        /// <summary>Reads the next token where the file cannot end yet; an end here means a truncated file.</summary>
        public bool Require(bool entries = false) =>
            Next(entries) ? true : throw Fail("ends before the HAR document is complete (truncated file?)");

        /// <summary>Moves to the named property of the current object (skipping others); false at the object's end.</summary>
        public bool SeekProperty(string name)
        {
            var depth = Reader.Depth;
            while (Require())
            {
                if (Reader.TokenType == JsonToken.EndObject && Reader.Depth == depth)
                {
                    return false;
                }

                if (Reader.TokenType == JsonToken.PropertyName)
                {
                    if ((string)Reader.Value! == name)
                    {
                        return true;
                    }

                    Require();
                    Skip();
                }
            }

            return false;
        }

        /// <summary>
        /// After the entries: the rest of the document must close it, with no second <c>entries</c> or <c>log</c>
        /// (readers disagree on which counts) and nothing after it (a second document would be silently lost).
        /// </summary>
        public void Finish()
        {
            var depth = Reader.Depth;
            while (Require())
            {
                if (Reader.TokenType == JsonToken.PropertyName && Reader.Depth <= depth && (string)Reader.Value! is "entries" or "log")
                {
                    throw Fail($"is not a HAR file: it has a second \"{Reader.Value}\" (a HAR file has one, and readers disagree on which counts)");
                }

                if (Reader.TokenType == JsonToken.EndObject && Reader.Depth == 0)
                {
                    break;
                }

                if (Reader.TokenType is JsonToken.StartObject or JsonToken.StartArray)
                {
                    Skip();
                }
            }

            if (Next(entries: false))
            {
                throw Fail("has more after the HAR document (a second document, or text after the end?); a HAR file is one JSON object");
            }
        }

        public HarFormatException Fail(string what) =>
            new($"{sourceName} {what} (line {Reader.LineNumber + _lineOffset}, position {Reader.LinePosition})");

        private void Skip()
        {
            try
            {
                Reader.Skip();
            }
            catch (JsonException e)
            {
                throw Fail($"is not valid JSON: {Clean(e.Message)}");
            }
            catch (TextLimitException e)
            {
                throw Fail(e.Message);
            }
            catch (IOException e)
            {
                throw Fail($"could not be read: {e.Message}");
            }
        }

        /// <param name="entries">Whether a limit of an entry passes through, for the entries loop to report and resume.</param>
        private bool Next(bool entries)
        {
            try
            {
                return Reader.Read();
            }
            catch (JsonException e)
            {
                throw Fail(text.InvalidUtf8At is { } at ? $"is not valid UTF-8 (byte offset {at})" : $"is not valid JSON: {Clean(e.Message)}");
            }
            catch (DecoderFallbackException)
            {
                throw Fail("is not valid UTF-8");
            }
            catch (TextLimitException e) when (!entries || !e.InEntry)
            {
                throw Fail(e.Message);
            }
            catch (IOException e)
            {
                throw Fail($"could not be read: {e.Message}");
            }
        }

        private static JsonTextReader NewReader(TextReader text, int maxDepth) =>
            new(text) { DateParseHandling = DateParseHandling.None, MaxDepth = maxDepth, CloseInput = false };
    }

    /// <summary>A limit of the reader was passed: in an entry (that entry's problem), or elsewhere (the file's).</summary>
    private sealed class TextLimitException(string message, bool inEntry) : Exception(message)
    {
        public bool InEntry { get; } = inEntry;
    }

    /// <summary>
    /// The file's bytes with their count, so that a byte offset can be named, and a file that grows past
    /// <see cref="MaxFileBytes"/> while it is read stops there. The first bytes are read ahead to refuse UTF-16 and UTF-32.
    /// </summary>
    private sealed class CountedStream : Stream
    {
        private readonly Stream _inner;
        private readonly byte[] _head;
        private readonly int _headLength;
        private int _headPosition;

        private CountedStream(Stream inner, byte[] head, int headLength, int start)
        {
            _inner = inner;
            _head = head;
            _headLength = headLength;
            _headPosition = start;
            Consumed = start;
        }

        /// <summary>Where the bytes of the last read began in the file.</summary>
        public long LastReadStart { get; private set; }

        public long Consumed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Consumed; set => throw new NotSupportedException(); }

        public static CountedStream Sniff(Stream stream, string sourceName)
        {
            var head = new byte[4];
            var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var b = head.AsSpan(0, length);
            var (name, iconv) =
                b.StartsWith((byte[])[0xFF, 0xFE, 0, 0]) ? ("UTF-32 (little-endian, with a byte order mark)", "UTF-32") :
                b.StartsWith((byte[])[0, 0, 0xFE, 0xFF]) ? ("UTF-32 (big-endian, with a byte order mark)", "UTF-32") :
                b.StartsWith((byte[])[0xFF, 0xFE]) ? ("UTF-16 (little-endian, with a byte order mark)", "UTF-16") :
                b.StartsWith((byte[])[0xFE, 0xFF]) ? ("UTF-16 (big-endian, with a byte order mark)", "UTF-16") :
                length >= 2 && b[0] != 0 && b[1] == 0 ? ("UTF-16 (little-endian, no byte order mark)", "UTF-16LE") :
                length >= 2 && b[0] == 0 && b[1] != 0 ? ("UTF-16 (big-endian, no byte order mark)", "UTF-16BE") :
                (null, null);
            if (name is not null)
            {
                throw new HarFormatException($"{sourceName} is {name} text, not UTF-8 as HAR files are; convert it first, for example with iconv -f {iconv} -t UTF-8");
            }

            var bom = b.StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            return new CountedStream(stream, head, length, bom);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            LastReadStart = Consumed;
            int read;
            if (_headPosition < _headLength)
            {
                read = Math.Min(buffer.Length, _headLength - _headPosition);
                _head.AsSpan(_headPosition, read).CopyTo(buffer);
                _headPosition += read;
            }
            else
            {
                read = _inner.Read(buffer);
            }

            Consumed += read;
            if (Consumed > MaxFileBytes)
            {
                throw new TextLimitException($"is larger than {MaxFileBytes / (1024 * 1024 * 1024)} GiB, the most the suite reads of one HAR file; it stopped there", inEntry: false);
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// Decodes bytes that are not UTF-8 as U+FFFD and remembers where they were, so the text filter can tell a
    /// replaced byte from a U+FFFD the file really holds and make it the problem of the entry it is in.
    /// </summary>
    private sealed class MarkingFallback(CountedStream bytes) : DecoderFallback
    {
        private readonly Queue<long> _offsets = new();

        public override int MaxCharCount => 1;

        public bool TryTake(out long offset) => _offsets.TryDequeue(out offset);

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

        private void Record(int index) => _offsets.Enqueue(bytes.LastReadStart + index);

        private sealed class Buffer(MarkingFallback owner) : DecoderFallbackBuffer
        {
            private bool _pending;

            public override int Remaining => _pending ? 1 : 0;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                owner.Record(index);
                _pending = true;
                return true;
            }

            public override char GetNextChar()
            {
                if (!_pending)
                {
                    return '\0';
                }

                _pending = false;
                return '\uFFFD';
            }

            public override bool MovePrevious() => false;

            public override void Reset() => _pending = false;
        }
    }

    /// <summary>
    /// The JSON text between the file and the token reader, tracking strings and nesting as it passes, so that no
    /// token and no entry grows without bound: a string past <see cref="MaxStringBytes"/> is cut (its prefix, then
    /// <see cref="CutMark"/> and its full size), an entry past <see cref="MaxEntryChars"/> or
    /// <see cref="MaxEntryValues"/> and a number past <see cref="MaxTokenChars"/> throw, and
    /// <see cref="SkipEntry"/> passes over the rest of a bad entry. It never hands over text beyond the end of an entry
    /// in the same read, so what it knows of the entry just read (<see cref="Truncated"/>, <see cref="InvalidUtf8At"/>)
    /// is about that entry.
    /// </summary>
    private sealed class BoundedJsonText(TextReader inner, MarkingFallback marks) : TextReader
    {
        private static readonly SearchValues<char> StringStops = SearchValues.Create("\"\\\uFFFD\n");

        private readonly char[] _buffer = new char[64 * 1024];
        private int _position;
        private int _length;
        private string? _inject;
        private int _injectPosition;
        private bool _skipping;
        private int _depth;
        private bool _inString;
        private bool _escape;
        private int _hexLeft;
        private int _hexValue;
        private long _stringBytes;
        private long _stringChars;
        private bool _cutting;
        private int _tokenChars;
        private long _entryChars;
        private int _entryValues;
        private bool _entryClosed;
        private int _lines;
        private const string ResumeText = "{\"log\":{\"entries\":[null";

        private char _last;
        private TextLimitException? _pending;
        private readonly char[] _word = new char[8];

        public bool InEntry { get; private set; }

        /// <summary>How many strings of the current (or last) entry were cut.</summary>
        public int Truncated { get; private set; }

        /// <summary>The first byte offset that is not UTF-8 in the current (or last) entry.</summary>
        public long? InvalidUtf8At { get; private set; }

        /// <summary>The line where reading resumed after the last bad entry (newlines before it).</summary>
        public int ResumedAtLine { get; private set; }

        /// <summary>Passes over the rest of the current entry, then hands over <c>{"log":{"entries":[null</c> and the text after it.</summary>
        public void SkipEntry()
        {
            if (InEntry)
            {
                _skipping = true;
            }
            else
            {
                Resumed();
            }
        }

        public override int Read(char[] buffer, int index, int count)
        {
            if (_pending is { } pending)
            {
                // Found at the end of the previous block: the token reader has now read up to it.
                _pending = null;
                throw pending;
            }

            var written = 0;
            while (written < count)
            {
                if (_inject is not null)
                {
                    var n = Math.Min(count - written, _inject.Length - _injectPosition);
                    _inject.CopyTo(_injectPosition, buffer, index + written, n);
                    _injectPosition += n;
                    written += n;
                    if (_injectPosition == _inject.Length)
                    {
                        _inject = null;
                    }

                    continue;
                }

                if (_position == _length)
                {
                    if (written > 0)
                    {
                        break;
                    }

                    _length = inner.Read(_buffer, 0, _buffer.Length);
                    _position = 0;
                    if (_length == 0)
                    {
                        break;
                    }
                }

                if (!_skipping && FastRun(buffer, index, count, ref written))
                {
                    continue;
                }

                var c = _buffer[_position++];
                if (c == '\n')
                {
                    _lines++;
                }

                if (_skipping)
                {
                    if (SkipChar(c))
                    {
                        _skipping = false;
                        InEntry = false;
                        Resumed();
                    }

                    continue;
                }

                if (Step(c))
                {
                    buffer[index + written++] = c;
                    if (InEntry && ++_entryChars > MaxEntryChars)
                    {
                        throw new TextLimitException($"is larger than {MaxEntryChars / (1024 * 1024)} Mi characters of JSON text, the most the suite reads of one entry", inEntry: true);
                    }
                }

                if (_pending is not null)
                {
                    if (written == 0)
                    {
                        var now = _pending;
                        _pending = null;
                        throw now;
                    }

                    // Raised when the token reader asks for more, so that it is raised inside the entry it is about.
                    break;
                }

                if (_entryClosed)
                {
                    _entryClosed = false;
                    break;
                }
            }

            return written;
        }

        public override int Read() => throw new NotSupportedException("read in blocks");

        /// <summary>
        /// Passes at once the characters that need only counting: plain ASCII in a string, spaces and colons between
        /// tokens, and the rest of a string being cut; false when the next character needs to be looked at alone
        /// (structure, escapes, non-ASCII, or a limit near).
        /// </summary>
        private bool FastRun(char[] buffer, int index, int count, ref int written)
        {
            var start = _position;
            var p = start;
            if (_inString && _cutting && !_escape && _hexLeft == 0)
            {
                var dropped = _buffer.AsSpan(start, _length - start);
                var run = dropped.IndexOfAny(StringStops);
                run = run < 0 ? dropped.Length : run;
                if (run == 0)
                {
                    return false;
                }

                _stringBytes += Encoding.UTF8.GetByteCount(dropped[..run]);
                _stringChars += run;
                _position += run;
                return true;
            }

            long room = Math.Min(_length - start, count - written);
            if (InEntry)
            {
                room = Math.Min(room, MaxEntryChars - _entryChars);
            }

            if (_inString)
            {
                if (_escape || _hexLeft > 0)
                {
                    return false;
                }

                room = Math.Min(room, Math.Min(MaxStringBytes - _stringBytes, MaxStringChars - _stringChars));
                var end = start + (int)Math.Max(room - 1, 0);
                var bytes = 0;
                while (p < end)
                {
                    var c = _buffer[p];
                    if (c == '\\')
                    {
                        // A two-character escape (\" \\ \n ...) is one byte; \u escapes go the slow way.
                        var next = _buffer[p + 1];
                        if (next is 'u' or < ' ' or >= '\u007F')
                        {
                            break;
                        }

                        p += 2;
                        bytes++;
                        continue;
                    }

                    if (c < ' ' || c == '"' || c >= '\u007F')
                    {
                        break;
                    }

                    p++;
                    bytes++;
                }

                _stringBytes += bytes;
                _stringChars += p - start;
            }
            else
            {
                var end = start + (int)Math.Max(room, 0);
                while (p < end)
                {
                    var c = _buffer[p];
                    if (c == '\n')
                    {
                        _lines++;
                    }
                    else if (c is not (' ' or ':' or '\r' or '\t'))
                    {
                        break;
                    }

                    p++;
                }

                if (p > start)
                {
                    _tokenChars = 0;
                }
            }

            var passed = p - start;
            if (passed == 0)
            {
                return false;
            }

            _buffer.AsSpan(start, passed).CopyTo(buffer.AsSpan(index + written));
            Passed(passed, passed, ref written);
            return true;
        }

        private void Passed(int consumed, int emitted, ref int written)
        {
            _position += consumed;
            written += emitted;
            if (InEntry)
            {
                _entryChars += emitted;
            }
        }

        public override int Peek() => -1;

        private void Resumed()
        {
            _last = 'w';
            _inString = _escape = _cutting = false;
            _hexLeft = _tokenChars = 0;
            ResumedAtLine = _lines;
            _inject = ResumeText;
            _injectPosition = 0;
        }

        private void BeginEntry()
        {
            InEntry = true;
            _entryChars = 0;
            _entryValues = 0;
            Truncated = 0;
            InvalidUtf8At = null;
        }

        /// <summary>
        /// Follows one character; false when it is dropped (the rest of a cut string). What Json.NET's reader would
        /// accept but RFC 8259 does not (comments, single quotes, bare words, leading zeros, hexadecimal numbers,
        /// trailing commas, raw control characters in strings) stops the entry (or the file) here, once the
        /// character's place in the structure is followed, so that reading can resume after the entry.
        /// </summary>
        private bool Step(char c)
        {
            var inEntry = InEntry;
            var strict = _inString ? StrictInString(c) : StrictOutside(c);
            var kept = Follow(c);
            if (strict is not null)
            {
                // The character is not handed on: the token reader, short of text, asks for more and gets the problem.
                _pending ??= new TextLimitException("is not strict JSON (RFC 8259): " + strict, inEntry);
                return false;
            }

            return kept;
        }

        private string? StrictInString(char c)
        {
            if (_escape || _hexLeft > 0)
            {
                return null;
            }

            if (c == '"')
            {
                _last = '"';
            }

            return c < ' ' ? string.Create(CultureInfo.InvariantCulture, $"a raw control character (U+{(int)c:X4}) inside a string; JSON strings escape them") : null;
        }

        private string? StrictOutside(char c)
        {
            switch (c)
            {
                case '"' or '{' or '[':
                    _last = c == '"' ? _last : c;
                    return null;
                case '}' or ']':
                    var trailing = _last == ',' ? $"a trailing comma before '{c}'" : null;
                    _last = c;
                    return trailing;
                case ',':
                    var empty = _last is '{' or '[' or ',' ? "a comma with no value before it" : null;
                    _last = c;
                    return empty;
                case ':' or ' ' or '\t' or '\r' or '\n':
                    return null;
            }

            var at = _tokenChars;
            if (at < _word.Length)
            {
                _word[at] = c;
            }

            _last = 'w';
            var first = at == 0 ? c : _word[0];
            if (at == 0)
            {
                return c switch
                {
                    '\'' => "a single-quoted string; JSON strings use double quotes",
                    '/' => "a comment; JSON has no comments",
                    '-' or (>= '0' and <= '9') or 't' or 'f' or 'n' => null,
                    _ when !char.IsLetter(c) && c != '_' => $"an unexpected character '{c}' outside any string",
                    _ => $"a bare word starting with '{c}' (an unquoted name, NaN, Infinity or undefined?); JSON has only strings, numbers, true, false and null",
                };
            }

            if (first is 't' or 'f' or 'n')
            {
                var literal = first == 't' ? "true" : first == 'f' ? "false" : "null";
                return at < literal.Length && literal[at] == c ? null : $"a bare word starting with '{first}' that is not {literal}";
            }

            var zero = (at == 1 && _word[0] == '0') || (at == 2 && _word[0] == '-' && _word[1] == '0');
            if (zero && (c is 'x' or 'X' or (>= '0' and <= '9')))
            {
                return c is 'x' or 'X' ? "a hexadecimal number; JSON numbers are decimal" : "a number with a leading zero; JSON numbers have none";
            }

            return c is (>= '0' and <= '9') or '.' or 'e' or 'E' or '+' or '-' ? null : $"'{c}' inside a number (NaN, Infinity or a bare word?)";
        }

        private bool Follow(char c)
        {
            if (_inString)
            {
                return StringChar(c);
            }

            switch (c)
            {
                case '"':
                    _inString = true;
                    _stringBytes = _stringChars = 0;
                    _tokenChars = 0;
                    return true;
                case '{' or '[':
                    _tokenChars = 0;
                    if (++_depth == EntryDepth)
                    {
                        BeginEntry();
                    }

                    return true;
                case '}' or ']':
                    _tokenChars = 0;
                    if (_depth-- == EntryDepth)
                    {
                        InEntry = false;
                        _entryClosed = true;
                    }

                    return true;
                case ',':
                    _tokenChars = 0;
                    if (InEntry && ++_entryValues > MaxEntryValues)
                    {
                        throw new TextLimitException(string.Create(CultureInfo.InvariantCulture, $"holds more than {MaxEntryValues:N0} JSON values, the most the suite reads in one entry"), inEntry: true);
                    }

                    return true;
                case ':' or ' ' or '\t' or '\r' or '\n':
                    _tokenChars = 0;
                    return true;
                default:
                    if (c == '\uFFFD')
                    {
                        Replaced();
                    }

                    if (++_tokenChars > MaxTokenChars)
                    {
                        throw new TextLimitException($"has a number or word longer than {MaxTokenChars} characters outside any string", InEntry);
                    }

                    return true;
            }
        }

        private bool StringChar(char c)
        {
            _stringChars++;
            var boundary = false;
            if (_hexLeft > 0)
            {
                _hexValue = (_hexValue << 4) + (c <= '9' ? c - '0' : ((c | 0x20) - 'a' + 10)) & 0xF;
                if (--_hexLeft == 0)
                {
                    _stringBytes += Utf8Length(_hexValue);
                    boundary = _hexValue is < 0xD800 or > 0xDBFF;
                }
            }
            else if (_escape)
            {
                _escape = false;
                if (c == 'u')
                {
                    _hexLeft = 4;
                    _hexValue = 0;
                }
                else
                {
                    _stringBytes++;
                    boundary = true;
                }
            }
            else if (c == '\\')
            {
                _escape = true;
            }
            else if (c == '"')
            {
                _inString = false;
                if (_cutting)
                {
                    _cutting = false;
                    Truncated++;
                    _inject = string.Create(CultureInfo.InvariantCulture, $"{CutMark}{_stringBytes}\"");
                    _injectPosition = 0;
                    return false;
                }

                return true;
            }
            else
            {
                if (c == '\uFFFD')
                {
                    Replaced();
                }

                _stringBytes += Utf8Length(c);
                boundary = !char.IsHighSurrogate(c);
            }

            if (_cutting)
            {
                return false;
            }

            if (boundary && (_stringBytes > MaxStringBytes || _stringChars > MaxStringChars))
            {
                _cutting = true;
            }

            return true;
        }

        /// <summary>Follows one character of a bad entry; true at the character that closes it.</summary>
        private bool SkipChar(char c)
        {
            if (_inString)
            {
                if (_hexLeft > 0)
                {
                    _hexLeft--;
                }
                else if (_escape)
                {
                    _escape = false;
                    _hexLeft = c == 'u' ? 4 : 0;
                }
                else if (c == '\\')
                {
                    _escape = true;
                }
                else if (c == '"')
                {
                    _inString = false;
                }

                return false;
            }

            switch (c)
            {
                case '"':
                    _inString = true;
                    return false;
                case '{' or '[':
                    _depth++;
                    return false;
                case '}' or ']':
                    return _depth-- == EntryDepth;
                default:
                    return false;
            }
        }

        /// <summary>A U+FFFD: a byte that is not UTF-8 when the decoder replaced one, else the character itself.</summary>
        private void Replaced()
        {
            if (!marks.TryTake(out var offset))
            {
                return;
            }

            if (!InEntry)
            {
                throw new TextLimitException($"is not valid UTF-8 (byte offset {offset})", inEntry: false);
            }

            InvalidUtf8At ??= offset;
        }

        private static int Utf8Length(int c) => c < 0x80 ? 1 : c is < 0x800 or (>= 0xD800 and <= 0xDFFF) ? 2 : 3;
    }
}

/// <summary>What a path is, without opening it (opening a FIFO waits for a writer; a device never ends).</summary>
internal enum HarFileKind
{
    Missing,
    Regular,
    Directory,
    Symlink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>A path's kind, identity (device and inode where known, else its resolved full path) and size, or why it has none.</summary>
internal readonly record struct HarFileNode(HarFileKind Kind, string Key, long Size, int Errno, string? Error);

/// <summary>
/// Looks at a path before it is opened: <c>statx(2)</c> on Linux (its layout is the same on every architecture), else
/// what .NET tells (which cannot tell a FIFO or a device from a file).
/// </summary>
internal static class HarFileStatus
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int NoSuchFile = 2;
    private const int TooManyLinks = 40;

    private static bool native = OperatingSystem.IsLinux();

    public static HarFileNode Stat(string path, bool follow)
    {
        if (native)
        {
            try
            {
                return Native(path, follow);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                native = false;
            }
        }

        return Managed(path, follow);
    }

    /// <summary>Why the suite will not read this path as a HAR file, or null when it will try.</summary>
    public static string? Problem(string path, string name)
    {
        var node = Stat(path, follow: true);
        return node.Error is not null ? Unresolvable(path, name, node) : KindProblem(node, name);
    }

    public static string? KindProblem(HarFileNode node, string name) => node.Kind switch
    {
        HarFileKind.Regular when node.Size > HarReader.MaxFileBytes =>
            string.Create(CultureInfo.InvariantCulture, $"{name} is {node.Size:N0} bytes ({node.Size / (1024.0 * 1024 * 1024):0.0} GiB); the suite reads HAR files of at most {HarReader.MaxFileBytes / (1024 * 1024 * 1024)} GiB"),
        HarFileKind.Regular => null,
        HarFileKind.Directory => $"{name} is a folder, not a HAR file",
        var kind => $"{name} is {Describe(kind)}, not a regular file: the suite reads only regular files, so that it never waits on a pipe or reads a device without end",
    };

    /// <summary>Why a path that was listed (or given) cannot be followed: a dangling or looping link, a name that is not UTF-8.</summary>
    public static string Unresolvable(string path, string name, HarFileNode node)
    {
        if (node.Errno == NoSuchFile && path.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return $"{name} cannot be opened: its name is not valid UTF-8 (the bytes shown as U+FFFD), and the suite can open files only by UTF-8 names; rename it";
        }

        if (Stat(path, follow: false).Kind == HarFileKind.Symlink)
        {
            string? target;
            try
            {
                target = new FileInfo(path).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                target = null;
            }

            return node.Errno switch
            {
                NoSuchFile => $"{name} is a symbolic link to '{target}', which does not exist",
                TooManyLinks => $"{name} is a symbolic link that cannot be followed (a loop of links?): {node.Error}",
                _ => $"{name} is a symbolic link to '{target}', which cannot be followed: {node.Error}",
            };
        }

        return $"{name} cannot be opened: {node.Error}";
    }

    private static string Describe(HarFileKind kind) => kind switch
    {
        HarFileKind.Fifo => "a named pipe (FIFO)",
        HarFileKind.CharacterDevice => "a character device (such as /dev/zero)",
        HarFileKind.BlockDevice => "a block device",
        HarFileKind.Socket => "a socket",
        HarFileKind.Symlink => "a symbolic link",
        _ => "a special file",
    };

    private static HarFileNode Native(string path, bool follow)
    {
        var buffer = new byte[256];
        var name = Encoding.UTF8.GetBytes(path + "\0");
        if (Statx(AtFdCwd, name, follow ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return new HarFileNode(HarFileKind.Missing, path, 0, errno, Marshal.GetPInvokeErrorMessage(errno));
        }

        var mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        var kind = mode switch
        {
            0x8000 => HarFileKind.Regular,
            0x4000 => HarFileKind.Directory,
            0xA000 => HarFileKind.Symlink,
            0x1000 => HarFileKind.Fifo,
            0x2000 => HarFileKind.CharacterDevice,
            0x6000 => HarFileKind.BlockDevice,
            0xC000 => HarFileKind.Socket,
            _ => HarFileKind.Other,
        };
        var inode = BitConverter.ToUInt64(buffer, 32);
        var size = BitConverter.ToInt64(buffer, 40);
        var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
        return new HarFileNode(kind, string.Create(CultureInfo.InvariantCulture, $"{device}:{inode}"), size, 0, null);
    }

    private static HarFileNode Managed(string path, bool follow)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (!follow && info.LinkTarget is not null)
            {
                return new HarFileNode(HarFileKind.Symlink, Path.GetFullPath(path), 0, 0, null);
            }

            var key = info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
            return info switch
            {
                DirectoryInfo => new HarFileNode(HarFileKind.Directory, key, 0, 0, null),
                FileInfo { Exists: true } file => new HarFileNode(HarFileKind.Regular, key, file.Length, 0, null),
                _ => new HarFileNode(HarFileKind.Missing, path, 0, NoSuchFile, "No such file or directory"),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new HarFileNode(HarFileKind.Missing, path, 0, TooManyLinks, e.Message);
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, [Out] byte[] buffer);
}
