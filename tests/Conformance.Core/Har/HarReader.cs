using System.Text;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Har;

/// <summary>
/// Reads HAR 1.2 files entry by entry, so a recording with tens of thousands of entries is never held in memory
/// at once. A file that is not HAR throws <see cref="HarFormatException"/> naming the file and the problem; an entry
/// that lacks a required part is returned with its problem and the reading goes on.
/// </summary>
public static class HarReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<HarEntry> Read(string path, string sourceName)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HarFormatException($"{sourceName}: cannot be opened: {e.Message}", e);
        }

        return ReadStream(stream, sourceName);
    }

    public static IEnumerable<HarEntry> Read(Stream stream, string sourceName) => ReadStream(stream, sourceName);

    private static IEnumerable<HarEntry> ReadStream(Stream stream, string sourceName)
    {
        using (stream)
        using (var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true))
        using (var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 })
        {
            Advance(reader, sourceName);
            if (reader.TokenType != JsonToken.StartObject)
            {
                throw Problem(reader, sourceName, "is not a HAR file: the top level is not a JSON object");
            }

            if (!SeekProperty(reader, sourceName, "log") || !Require(reader, sourceName) || reader.TokenType != JsonToken.StartObject)
            {
                throw Problem(reader, sourceName, "is not a HAR file: it has no \"log\" object");
            }

            if (!SeekProperty(reader, sourceName, "entries") || !Require(reader, sourceName) || reader.TokenType != JsonToken.StartArray)
            {
                throw Problem(reader, sourceName, "is not a HAR file: \"log\" has no \"entries\" array");
            }

            var index = 0;
            while (Require(reader, sourceName) && reader.TokenType != JsonToken.EndArray)
            {
                if (reader.TokenType != JsonToken.StartObject)
                {
                    yield return new HarEntry(index++, null, $"entry is a JSON {reader.TokenType}, not an object");
                    reader.Skip();
                    continue;
                }

                JObject entry;
                try
                {
                    entry = JObject.Load(reader);
                }
                catch (JsonException e)
                {
                    throw Problem(reader, sourceName, $"is not valid JSON in entry {index}: {Clean(e.Message)}");
                }
                catch (DecoderFallbackException)
                {
                    throw Problem(reader, sourceName, "is not valid UTF-8");
                }

                yield return ToEntry(entry, index++, sourceName);
            }

        }
    }

    private static HarEntry ToEntry(JObject entry, int index, string sourceName)
    {
        if (entry["request"] is not JObject request)
        {
            return new HarEntry(index, null, "entry has no \"request\" object");
        }

        if (entry["response"] is not JObject response)
        {
            return new HarEntry(index, null, "entry has no \"response\" object");
        }

        var method = request["method"]?.Type == JTokenType.String ? (string)request["method"]! : null;
        var url = request["url"]?.Type == JTokenType.String ? (string)request["url"]! : null;
        if (method is null || url is null)
        {
            return new HarEntry(index, null, "request lacks a string \"method\" or \"url\"");
        }

        if (response["status"]?.Type != JTokenType.Integer)
        {
            return new HarEntry(index, null, "response lacks an integer \"status\"");
        }

        var status = (int)(long)response["status"]!;
        var statusText = response["statusText"]?.Type == JTokenType.String ? (string)response["statusText"]! : string.Empty;
        var headersRecorded = response["_headersRecorded"]?.Type != JTokenType.Boolean || (bool)response["_headersRecorded"]!;

        var (body, bodyProblem) = ReadBody(response["content"] as JObject);
        if (response["content"]?["_bodyProblem"] is { Type: JTokenType.String } recordedProblem)
        {
            bodyProblem ??= (string?)recordedProblem;
        }

        var recordedResponse = new RecordedResponse(status, statusText, Headers(response), body, headersRecorded)
        {
            BodyProblem = bodyProblem,
            TransportError = response["_transportError"]?.Type == JTokenType.String ? (string?)response["_transportError"] : null,
        };
        var postData = request["postData"] as JObject;
        var recordedRequest = new RecordedRequest(method, url, Headers(request))
        {
            Body = postData?["text"]?.Type == JTokenType.String ? (string?)postData["text"] : null,
            BodyType = postData?["mimeType"]?.Type == JTokenType.String ? (string?)postData["mimeType"] : null,
        };
        var exchange = new Exchange(sourceName, index, recordedRequest, recordedResponse) { Probe = ReadProbe(entry["_probe"]) };
        return new HarEntry(index, exchange, null);
    }

    private static Probe? ReadProbe(JToken? probe) =>
        probe is JObject p && p["name"]?.Type == JTokenType.String && p["expectedStatus"]?.Type == JTokenType.Integer
            ? new Probe((string)p["name"]!, (int)(long)p["expectedStatus"]!, p["why"]?.Type == JTokenType.String ? (string)p["why"]! : string.Empty)
            : null;

    private static (string Body, string? Problem) ReadBody(JObject? content)
    {
        if (content?["text"] is not { Type: JTokenType.String } textToken)
        {
            return (string.Empty, null);
        }

        var text = (string)textToken!;
        var encoding = content["encoding"]?.Type == JTokenType.String ? (string)content["encoding"]! : null;
        if (!string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            return (text, null);
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

        try
        {
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException e)
        {
            return (string.Empty, $"the body is not valid UTF-8 (byte offset {e.Index})");
        }
    }

    private static HeaderList Headers(JObject message)
    {
        if (message["headers"] is not JArray array)
        {
            return HeaderList.Empty;
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

        return new HeaderList(items);
    }

    /// <summary>Moves to the named property of the current object (skipping others); false at the object's end.</summary>
    private static bool SeekProperty(JsonTextReader reader, string sourceName, string name)
    {
        var depth = reader.Depth;
        while (Require(reader, sourceName))
        {
            if (reader.TokenType == JsonToken.EndObject && reader.Depth == depth)
            {
                return false;
            }

            if (reader.TokenType == JsonToken.PropertyName)
            {
                if ((string)reader.Value! == name)
                {
                    return true;
                }

                Require(reader, sourceName);
                SkipValue(reader, sourceName);
            }
        }

        return false;
    }

    private static void SkipValue(JsonTextReader reader, string sourceName)
    {
        try
        {
            reader.Skip();
        }
        catch (JsonException e)
        {
            throw Problem(reader, sourceName, $"is not valid JSON: {Clean(e.Message)}");
        }
    }

    private static void Advance(JsonTextReader reader, string sourceName)
    {
        if (!Next(reader, sourceName))
        {
            throw Problem(reader, sourceName, "is empty");
        }
    }

    /// <summary>Reads the next token where the file cannot end yet; an end here means a truncated file.</summary>
    private static bool Require(JsonTextReader reader, string sourceName) =>
        Next(reader, sourceName) ? true : throw Problem(reader, sourceName, "ends before the HAR document is complete (truncated file?)");

    private static bool Next(JsonTextReader reader, string sourceName)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException e)
        {
            throw Problem(reader, sourceName, $"is not valid JSON: {Clean(e.Message)}");
        }
        catch (DecoderFallbackException)
        {
            throw Problem(reader, sourceName, "is not valid UTF-8");
        }
    }

    private static HarFormatException Problem(JsonTextReader reader, string sourceName, string what) =>
        new($"{sourceName} {what} (line {reader.LineNumber}, position {reader.LinePosition})");

    private static string Clean(string message) => JsonMessages.Clean(message, keepPosition: false);
}
