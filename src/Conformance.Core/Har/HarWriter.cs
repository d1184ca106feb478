using System.Globalization;
using System.Text;
using Conformance.Core.Exchanges;
using Conformance.Core.Masking;
using Newtonsoft.Json;

namespace Conformance.Core.Har;

/// <summary>
/// Writes exchanges as a HAR 1.2 file, secrets redacted, to a temporary name first and renamed at the end, so a
/// crash never leaves half a file. Entries are written one at a time as they come (<see cref="Open"/>), so a run
/// never holds its recording in memory. Probe expectations and transport errors go into custom fields
/// (<c>_probe</c>, <c>_transportError</c>) that <see cref="HarReader"/> reads back; an answer the suite could not use
/// is written with status 0 and its problem as the transport error, the answer as received kept beside it
/// (<c>_receivedStatus</c>, its headers, its body as text or, when it is not text, as base64) and the problem in
/// words in the entry's <c>comment</c>. Every string written passes through <see cref="Secrets.Mask"/>.
/// </summary>
public static class HarWriter
{
    /// <summary>The HAR <c>creator.name</c> the suite's own recordings carry.</summary>
    public const string Creator = "image-details-conformance";

    /// <summary>One entry to write, with what the exchange itself cannot say about the answer.</summary>
    /// <param name="Exchange">The exchange to write.</param>
    /// <param name="Started">When the request was sent (HAR <c>startedDateTime</c>).</param>
    /// <param name="Milliseconds">How long it took, in milliseconds (HAR <c>time</c>).</param>
    public sealed record Entry(Exchange Exchange, DateTimeOffset Started, double Milliseconds)
    {
        /// <summary>The status the server sent, when its answer was unusable and the exchange records status 0.</summary>
        public int? ReceivedStatus { get; init; }

        /// <summary>The body's bytes as received, when they could not be read as text (a corrupt compressed body).</summary>
        public byte[]? RawBody { get; init; }

        /// <summary>What was wrong with the answer, in words.</summary>
        public string? Comment { get; init; }
    }

    /// <summary>Writes a whole recording at once (see <see cref="Open"/>); an existing file at <paramref name="path"/> is replaced.</summary>
    /// <param name="path">The HAR file to write; its folder is created when missing.</param>
    /// <param name="entries">The exchanges, each with when it started and how long it took, in milliseconds.</param>
    /// <param name="creator">The HAR <c>creator.name</c>.</param>
    public static void Write(string path, IEnumerable<(Exchange Exchange, DateTimeOffset Started, double Milliseconds)> entries, string creator = Creator)
    {
        using var recording = Open(path, creator);
        foreach (var (exchange, started, milliseconds) in entries)
        {
            recording.Add(new Entry(exchange, started, milliseconds));
        }
    }

    /// <summary>Starts a recording; each <see cref="Recording.Add"/> writes one entry, disposing finishes the file.</summary>
    public static Recording Open(string path, string creator = Creator) => new(path, creator);

    /// <summary>A HAR file being written: entries in the order they are added, complete and in place once disposed.</summary>
    public sealed class Recording : IDisposable
    {
        private readonly string _path;
        private readonly string _temporary;
        private readonly StreamWriter _stream;
        private readonly JsonTextWriter _json;
        private readonly List<string> _comments = [];
        private readonly Lock _lock = new();
        private bool _done;

        internal Recording(string path, string creator)
        {
            _path = path;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            _temporary = path + ".tmp";
            _stream = new StreamWriter(_temporary, append: false, new UTF8Encoding(false));
            _json = new JsonTextWriter(_stream) { Formatting = Formatting.Indented };
            _json.WriteStartObject();
            _json.WritePropertyName("log");
            _json.WriteStartObject();
            _json.WritePropertyName("version");
            _json.WriteValue("1.2");
            _json.WritePropertyName("creator");
            _json.WriteStartObject();
            Property(_json, "name", creator);
            Property(_json, "version", typeof(HarWriter).Assembly.GetName().Version?.ToString() ?? "1.0");
            _json.WriteEndObject();
            _json.WritePropertyName("entries");
            _json.WriteStartArray();
        }

        /// <summary>How many entries were written.</summary>
        public int Count { get; private set; }

        /// <summary>The HAR file this recording ends up at (it is written beside it under a <c>.tmp</c> name until disposed).</summary>
        public string FilePath => _path;

        /// <summary>Writes one entry, secrets redacted; safe to call from several threads.</summary>
        /// <param name="entry">The exchange and its timing.</param>
        /// <exception cref="ObjectDisposedException">The recording is already finished.</exception>
        public void Add(Entry entry)
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_done, this);
                WriteEntry(_json, entry);
                Count++;
            }
        }

        /// <summary>A note about the whole run (an image id that was not requested, and why), written as the log's comment.</summary>
        public void Comment(string text)
        {
            lock (_lock)
            {
                _comments.Add(text);
            }
        }

        /// <summary>Finishes the file (with the log's comment, if any) and moves it into place; a second call does nothing.</summary>
        public void Dispose()
        {
            lock (_lock)
            {
                if (_done)
                {
                    return;
                }

                _done = true;
                _json.WriteEndArray();
                if (_comments.Count > 0)
                {
                    Property(_json, "comment", string.Join("\n", _comments));
                }

                _json.WriteEndObject();
                _json.WriteEndObject();
                _json.Close();
                _stream.Dispose();
                File.Move(_temporary, _path, overwrite: true);
            }
        }
    }

    private static void WriteEntry(JsonTextWriter json, Entry entry)
    {
        var (exchange, started, milliseconds) = entry;
        var request = exchange.Request;
        var response = exchange.Response;
        json.WriteStartObject();
        Property(json, "startedDateTime", started.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WritePropertyName("time");
        json.WriteValue(Math.Round(milliseconds, 3));

        json.WritePropertyName("request");
        json.WriteStartObject();
        Property(json, "method", request.Method);
        Property(json, "url", Secrets.WithoutUserInfo(request.Url));
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
        var raw = entry.RawBody;
        var body = raw is not null ? Convert.ToBase64String(raw) : IsIdentity(request.Url) ? Redaction.Body(response.Body) ?? string.Empty : response.Body;
        var size = raw?.Length ?? Encoding.UTF8.GetByteCount(body);
        json.WritePropertyName("content");
        json.WriteStartObject();
        json.WritePropertyName("size");
        json.WriteValue(size);
        Property(json, "mimeType", response.Headers.Get("Content-Type") ?? string.Empty);
        Property(json, "text", body);
        if (raw is not null)
        {
            Property(json, "encoding", "base64");
            Property(json, "comment", "the body's bytes as received (not decoded)");
        }

        if (response.BodyProblem is not null)
        {
            // What the reader found wrong with the bytes on the wire (cut, not UTF-8): the text above cannot show it.
            Property(json, "_bodyProblem", response.BodyProblem);
        }

        json.WriteEndObject();
        Property(json, "redirectURL", Secrets.WithoutUserInfo(response.Headers.Get("Location") ?? string.Empty));
        json.WritePropertyName("headersSize");
        json.WriteValue(-1);
        json.WritePropertyName("bodySize");
        json.WriteValue(size);
        if (response.TransportError is not null)
        {
            Property(json, "_transportError", response.TransportError);
        }

        if (entry.ReceivedStatus is { } received)
        {
            // The answer could not be used, so the entry says status 0; this is what the server sent.
            json.WritePropertyName("_receivedStatus");
            json.WriteValue(received);
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

        if (entry.Comment is not null)
        {
            Property(json, "comment", entry.Comment);
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
            json.WritePropertyName("value");
            json.WriteValue(Redaction.Header(name, value));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Every string the recording holds goes through here, known secrets masked.</summary>
    private static void Property(JsonTextWriter json, string name, string value)
    {
        json.WritePropertyName(name);
        json.WriteValue(Secrets.Mask(value));
    }
}
