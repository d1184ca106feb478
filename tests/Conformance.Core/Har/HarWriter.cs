using System.Globalization;
using System.Text;
using Conformance.Core.Exchanges;
using Newtonsoft.Json;

namespace Conformance.Core.Har;

/// <summary>
/// Writes exchanges as a HAR 1.2 file, secrets redacted, to a temporary name first and renamed at the end, so a
/// crash never leaves half a file. Probe expectations and transport errors go into custom fields
/// (<c>_probe</c>, <c>_transportError</c>) that <see cref="HarReader"/> reads back.
/// </summary>
public static class HarWriter
{
    public static void Write(string path, IEnumerable<(Exchange Exchange, DateTimeOffset Started, double Milliseconds)> entries, string creator = "image-details-conformance")
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        using (var stream = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        using (var json = new JsonTextWriter(stream) { Formatting = Formatting.Indented })
        {
            json.WriteStartObject();
            json.WritePropertyName("log");
            json.WriteStartObject();
            json.WritePropertyName("version");
            json.WriteValue("1.2");
            json.WritePropertyName("creator");
            json.WriteStartObject();
            json.WritePropertyName("name");
            json.WriteValue(creator);
            json.WritePropertyName("version");
            json.WriteValue(typeof(HarWriter).Assembly.GetName().Version?.ToString() ?? "1.0");
            json.WriteEndObject();
            json.WritePropertyName("entries");
            json.WriteStartArray();
            foreach (var (exchange, started, milliseconds) in entries)
            {
                WriteEntry(json, exchange, started, milliseconds);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteEntry(JsonTextWriter json, Exchange exchange, DateTimeOffset started, double milliseconds)
    {
        var request = exchange.Request;
        var response = exchange.Response;
        json.WriteStartObject();
        Property(json, "startedDateTime", started.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WritePropertyName("time");
        json.WriteValue(Math.Round(milliseconds, 3));

        json.WritePropertyName("request");
        json.WriteStartObject();
        Property(json, "method", request.Method);
        Property(json, "url", request.Url);
        Property(json, "httpVersion", "HTTP/1.1");
        Headers(json, request.Headers);
        json.WritePropertyName("queryString");
        json.WriteStartArray();
        json.WriteEndArray();
        json.WritePropertyName("cookies");
        json.WriteStartArray();
        json.WriteEndArray();
        json.WritePropertyName("headersSize");
        json.WriteValue(-1);
        var requestBody = Redaction.Body(request.Body);
        json.WritePropertyName("bodySize");
        json.WriteValue(requestBody is null ? 0 : Encoding.UTF8.GetByteCount(requestBody));
        if (requestBody is not null)
        {
            json.WritePropertyName("postData");
            json.WriteStartObject();
            Property(json, "mimeType", request.BodyType ?? "application/json");
            Property(json, "text", requestBody);
            json.WriteEndObject();
        }

        json.WriteEndObject();

        json.WritePropertyName("response");
        json.WriteStartObject();
        json.WritePropertyName("status");
        json.WriteValue(response.Status);
        Property(json, "statusText", response.StatusText);
        Property(json, "httpVersion", "HTTP/1.1");
        Headers(json, response.Headers);
        json.WritePropertyName("cookies");
        json.WriteStartArray();
        json.WriteEndArray();
        var body = IsIdentity(request.Url) ? Redaction.Body(response.Body) ?? string.Empty : response.Body;
        json.WritePropertyName("content");
        json.WriteStartObject();
        json.WritePropertyName("size");
        json.WriteValue(Encoding.UTF8.GetByteCount(body));
        Property(json, "mimeType", response.Headers.Get("Content-Type") ?? string.Empty);
        Property(json, "text", body);
        if (response.BodyProblem is not null)
        {
            // What the reader found wrong with the bytes on the wire (cut, not UTF-8): the text above cannot show it.
            Property(json, "_bodyProblem", response.BodyProblem);
        }

        json.WriteEndObject();
        Property(json, "redirectURL", response.Headers.Get("Location") ?? string.Empty);
        json.WritePropertyName("headersSize");
        json.WriteValue(-1);
        json.WritePropertyName("bodySize");
        json.WriteValue(Encoding.UTF8.GetByteCount(body));
        if (response.TransportError is not null)
        {
            Property(json, "_transportError", response.TransportError);
        }

        json.WriteEndObject();

        json.WritePropertyName("cache");
        json.WriteStartObject();
        json.WriteEndObject();
        json.WritePropertyName("timings");
        json.WriteStartObject();
        json.WritePropertyName("send");
        json.WriteValue(0);
        json.WritePropertyName("wait");
        json.WriteValue(Math.Round(milliseconds, 3));
        json.WritePropertyName("receive");
        json.WriteValue(0);
        json.WriteEndObject();
        if (exchange.Probe is { } probe)
        {
            json.WritePropertyName("_probe");
            json.WriteStartObject();
            Property(json, "name", probe.Name);
            json.WritePropertyName("expectedStatus");
            json.WriteValue(probe.ExpectedStatus);
            Property(json, "why", probe.Why);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static bool IsIdentity(string url) => url.Contains("/auth/tokens", StringComparison.Ordinal) || url.Contains("/v3/", StringComparison.Ordinal);

    private static void Headers(JsonTextWriter json, HeaderList headers)
    {
        json.WritePropertyName("headers");
        json.WriteStartArray();
        foreach (var (name, value) in headers.Items)
        {
            json.WriteStartObject();
            Property(json, "name", name);
            Property(json, "value", Redaction.Header(name, value));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Property(JsonTextWriter json, string name, string value)
    {
        json.WritePropertyName(name);
        json.WriteValue(value);
    }
}
