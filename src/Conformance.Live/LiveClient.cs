using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conformance.Core.Exchanges;
using Conformance.Core.Har;
using Conformance.Core.Masking;
using Conformance.Core.Settings;
using RestSharp;

namespace Conformance.Live;

/// <summary>
/// Sends GETs (and Keystone's token request) with RestSharp and returns each as a recorded exchange. It never
/// follows redirects, bounds concurrency and rate, retries only GETs answered 503, 429 or 413 with Retry-After
/// (bounded in count and time), and turns a transport failure into an exchange with status 0 and the reason in
/// plain words. It decodes gzip, deflate and brotli bodies itself, so a body it cannot decode is recorded as it was
/// received, and it sends nothing whose URL the HTTP stack would rewrite (dot segments), so the URL recorded is the
/// URL sent.
/// </summary>
public sealed class LiveClient : IDisposable
{
    /// <summary>How many times a GET answered 503, 429 or 413 with a usable Retry-After is sent again.</summary>
    public const int MaxRetries = 3;

    /// <summary>The most of a response body the suite reads; a larger body is cut there and reported as such.</summary>
    public const int MaxBodyBytes = Conformance.Core.Exchanges.RecordedResponse.MaxBodyBytes;
    /// <summary>The most a request waits for its retries in all; a Retry-After that would go beyond it is not honoured.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);

    /// <summary>The content codings the suite asks for and decodes.</summary>
    public const string AcceptEncoding = "gzip, deflate, br";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly HttpRequestOptionsKey<Wire> WireKey = new("conformance.wire");

    private readonly RestClient _client;
    private readonly RateGate _gate;
    private readonly TimeSpan _timeout;

    /// <summary>A client that follows no redirect, keeps no cookie and uses no proxy.</summary>
    /// <param name="timeout">How long one request may take before it becomes a transport error.</param>
    /// <param name="concurrency">How many requests are in flight at once, at least 1.</param>
    /// <param name="perSecond">How many requests start per second at most, above 0.</param>
    /// <param name="caFile">A PEM file of certificate authorities to trust besides the system's; null for the system's only.</param>
    public LiveClient(TimeSpan timeout, int concurrency, double perSecond, string? caFile = null)
    {
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ConnectCallback = ConnectAsync,
        };
        if (caFile is not null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, authorities);
        }

        var options = new RestClientOptions
        {
            FollowRedirects = false,
            Timeout = timeout,
            ThrowOnAnyError = false,
            UserAgent = "image-details-conformance",
        };
        _client = new RestClient(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, options, disposeHttpClient: true);
        _gate = new RateGate(concurrency, perSecond);
    }

    /// <summary>
    /// One request and what came back. When the answer could not be used (a body that does not decode, a setup
    /// answer of the wrong shape), <see cref="Unusable"/> makes the exchange say status 0 with the problem as its
    /// transport error, and keeps the answer as received beside it for the recording.
    /// </summary>
    /// <param name="Exchange">The request as sent and the answer as the suite reads it.</param>
    /// <param name="Started">When the request was sent.</param>
    /// <param name="Milliseconds">How long it took, in milliseconds, retries' waits not included.</param>
    public sealed record Sent(Exchange Exchange, DateTimeOffset Started, double Milliseconds)
    {
        /// <summary>The status the server sent, when the exchange records status 0 because the answer was unusable.</summary>
        public int? ReceivedStatus { get; init; }

        /// <summary>The body's bytes as received, when they could not be decoded.</summary>
        public byte[]? RawBody { get; init; }

        /// <summary>What was wrong, in words, for the recording.</summary>
        public string? Comment { get; init; }

        /// <summary>Whether an answer arrived and was usable.</summary>
        public bool Answered => Exchange.Response.TransportError is null;

        /// <summary>
        /// The same request with its answer marked unusable: status 0 with <paramref name="problem"/> as the transport error,
        /// the status received kept in <see cref="ReceivedStatus"/> and the problem added to <see cref="Comment"/>.
        /// </summary>
        /// <param name="problem">Why the answer cannot be used, in words.</param>
        public Sent Unusable(string problem) => this with
        {
            Exchange = Exchange with { Response = Exchange.Response with { Status = 0, TransportError = problem } },
            ReceivedStatus = ReceivedStatus ?? (Exchange.Response.TransportError is null ? Exchange.Response.Status : null),
            Comment = Comment is null ? problem : $"{Comment}; {problem}",
        };

        /// <summary>The same request with <paramref name="comment"/> added to <see cref="Comment"/>.</summary>
        /// <param name="comment">A note for the recording.</param>
        public Sent WithComment(string comment) => this with { Comment = Comment is null ? comment : $"{Comment}; {comment}" };

        /// <summary>The HAR entry of this request, the exchange renamed to <paramref name="source"/> and <paramref name="index"/>.</summary>
        /// <param name="source">The recording's name.</param>
        /// <param name="index">The entry's index in it.</param>
        public HarWriter.Entry ToEntry(string source, int index) => new(Exchange with { Source = source, Index = index }, Started, Milliseconds)
        {
            ReceivedStatus = ReceivedStatus,
            RawBody = RawBody,
            Comment = Comment,
        };
    }

    /// <param name="service">Who is asked, for messages: "the compute API", "the identity service".</param>
    /// <summary>
    /// Sends one request through the rate gate and returns it as an exchange; a GET answered 503, 429 or 413 with a
    /// Retry-After is sent again, up to <see cref="MaxRetries"/> times and <see cref="MaxRetryWait"/> of waiting. A
    /// transport failure does not throw: it comes back as status 0 with the reason as the transport error.
    /// </summary>
    /// <param name="method">The HTTP method: <c>GET</c>, or <c>POST</c> for Keystone's token request.</param>
    /// <param name="url">The absolute URL, sent as given.</param>
    /// <param name="headers">The request headers, in order.</param>
    /// <param name="jsonBody">A JSON request body; null for none.</param>
    /// <param name="probe">What the request expects when it is a probe; null for a plain request.</param>
    public async Task<Sent> SendAsync(string method, string url, IReadOnlyList<KeyValuePair<string, string>> headers, string? jsonBody = null, Probe? probe = null, string service = "the target")
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 0; ; attempt++)
        {
            var sent = await SendOnceAsync(method, url, headers, jsonBody, probe, service).ConfigureAwait(false);
            var status = sent.Exchange.Response.Status;
            if (method != "GET" || status is not (503 or 429 or 413) || attempt >= MaxRetries
                || RetryAfter(sent.Exchange.Response.Headers.Get("Retry-After")) is not { } delay || waited + delay > MaxRetryWait)
            {
                return sent;
            }

            waited += delay;
            await Task.Delay(delay).ConfigureAwait(false);
        }
    }

    /// <summary>Releases the HTTP client and the rate gate.</summary>
    public void Dispose()
    {
        _client.Dispose();
        _gate.Dispose();
    }

    /// <summary>Retry-After as seconds or an HTTP date; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? (when - DateTimeOffset.UtcNow) is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero
            : null;
    }

    /// <summary>Why this URL cannot be sent as it is written, or null when it can (the stack would send exactly it).</summary>
    public static string? Unsendable(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "it is not an absolute http(s) URL";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "it holds a user name or password";
        }

        return uri.AbsoluteUri == url ? null : $"the HTTP stack would send {Secrets.Mask(uri.AbsoluteUri)} instead (dot segments or characters it rewrites)";
    }

    private async Task<Sent> SendOnceAsync(string method, string url, IReadOnlyList<KeyValuePair<string, string>> headers, string? jsonBody, Probe? probe, string service)
    {
        var sentHeaders = headers.Any(h => string.Equals(h.Key, "Accept-Encoding", StringComparison.OrdinalIgnoreCase))
            ? headers
            : [.. headers, new("Accept-Encoding", AcceptEncoding)];
        var recordedHeaders = jsonBody is null ? sentHeaders : [.. sentHeaders, new("Content-Type", "application/json")];
        var recordedRequest = new RecordedRequest(method, url, new HeaderList(recordedHeaders)) { Body = jsonBody, BodyType = jsonBody is null ? null : "application/json" };
        var started = DateTimeOffset.UtcNow;
        if (Unsendable(url) is { } unsendable)
        {
            return new Sent(Failed(recordedRequest, $"not sent: {unsendable}", probe), started, 0);
        }

        if (sentHeaders.FirstOrDefault(h => LiveInputs.HasControlCharacter(h.Value) || LiveInputs.HasControlCharacter(h.Key)) is { Key: not null } bad)
        {
            // The value is never shown: it may be the token.
            return new Sent(Failed(recordedRequest, $"not sent: the {(LiveInputs.HasControlCharacter(bad.Key) ? "name" : "value")} of the {Secrets.Mask(bad.Key.Trim())} header holds a control character (a line break?), which no HTTP header may carry; the value is not shown", probe), started, 0);
        }

        var request = new RestRequest(url, method == "POST" ? Method.Post : Method.Get);
        foreach (var (name, value) in sentHeaders)
        {
            request.AddHeader(name, value);
        }

        if (jsonBody is not null)
        {
            request.AddStringBody(jsonBody, "application/json");
        }

        var wire = new Wire();
        request.Interceptors = [new WireInterceptor(wire)];

        using var slot = await _gate.EnterAsync().ConfigureAwait(false);
        started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(_timeout);

        // The body is read here, not by RestSharp: with a cap (a hostile target cannot exhaust memory) and under the
        // same deadline as the headers (a slow drip cannot hold the run past the timeout).
        Sent? received = null;
        request.CompletionOption = HttpCompletionOption.ResponseHeadersRead;
        request.AdvancedResponseWriter = (message, restRequest) =>
        {
            try
            {
                received = Receive(message, recordedRequest, probe, service, started, clock, deadline.Token);
            }
            catch (Exception e)
            {
                // Whatever the answer was, it ends as this exchange's problem, never as an exception of the run.
                received = new Sent(Failed(recordedRequest, $"the answer could not be read ({e.GetType().Name}: {e.Message})", probe), started, clock.Elapsed.TotalMilliseconds);
            }

            return new RestResponse(restRequest) { StatusCode = message.StatusCode, ResponseStatus = ResponseStatus.Completed };
        };

        RestResponse response;
        try
        {
            response = await _client.ExecuteAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or TaskCanceledException or OperationCanceledException or AuthenticationException)
        {
            return new Sent(Failed(recordedRequest, deadline.IsCancellationRequested ? TimedOut() : Describe(e, wire, url), probe), started, clock.Elapsed.TotalMilliseconds);
        }

        if (received is not null)
        {
            return received;
        }

        var reason = deadline.IsCancellationRequested || response.ResponseStatus == ResponseStatus.TimedOut || response.ErrorException is TaskCanceledException or TimeoutException
            ? TimedOut()
            : response.ErrorException is not null ? Describe(response.ErrorException, wire, url) : Secrets.Mask(response.ErrorMessage) ?? "no response";
        return new Sent(Failed(recordedRequest, reason, probe), started, clock.Elapsed.TotalMilliseconds);
    }

    private Sent Receive(HttpResponseMessage message, RecordedRequest request, Probe? probe, string service, DateTimeOffset started, Stopwatch clock, CancellationToken deadline)
    {
        var status = (int)message.StatusCode;
        var headers = new HeaderList(message.Headers.NonValidated.Concat(message.Content.Headers.NonValidated)
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
        var statusText = message.ReasonPhrase ?? message.StatusCode.ToString();
        RecordedResponse Response(string body, string? problem = null) => new(status, statusText, headers, body) { BodyProblem = problem };
        Sent Made(RecordedResponse response) => new(new Exchange("live", 0, request, response) { Probe = probe, Started = started }, started, clock.Elapsed.TotalMilliseconds);

        var read = ReadRaw(message, deadline);
        if (read.Failure is not null)
        {
            return Made(Response(string.Empty) with { TransportError = read.Failure });
        }

        var codings = message.Content.Headers.ContentEncoding.Where(c => !string.Equals(c, "identity", StringComparison.OrdinalIgnoreCase)).ToList();
        var (bytes, length, cut) = (read.Bytes, read.Length, read.Cut);
        for (var i = codings.Count - 1; i >= 0; i--)
        {
            var decoded = Decode(codings[i], bytes, length, cut);
            if (decoded.Problem is not null)
            {
                var what = $"{service} answered HTTP {status} with Content-Encoding: {string.Join(", ", codings)}, but {decoded.Problem}";
                return (Made(Response(string.Empty)) with { RawBody = read.Bytes.AsSpan(0, read.Length).ToArray() }).Unusable(what);
            }

            (bytes, length, cut) = (decoded.Bytes!, decoded.Length, cut || decoded.Cut);
        }

        if (cut)
        {
            return Made(Response(Encoding.UTF8.GetString(bytes, 0, length), $"the body is larger than the {MaxBodyBytes / (1024 * 1024)} MiB the suite reads; only that much was read"));
        }

        try
        {
            return Made(Response(StrictUtf8.GetString(bytes, 0, length)));
        }
        catch (DecoderFallbackException e)
        {
            return Made(Response(Encoding.UTF8.GetString(bytes, 0, length), $"the body is not valid UTF-8 (byte offset {e.Index})"));
        }
    }

    /// <summary>
    /// The system's verdict, or a chain to one of the configured authorities with the host name matching. Nothing
    /// else: an untrusted certificate is refused.
    /// </summary>
    private static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private string TimedOut() => $"timed out after {_timeout.TotalSeconds:0.#} s";

    private sealed record RawBody(byte[] Bytes, int Length, bool Cut, string? Failure);

    /// <summary>
    /// Reads at most <see cref="MaxBodyBytes"/> of the body as it came (still encoded) before the deadline, into one
    /// buffer sized by Content-Length when it is given. A body cut short by the peer or by the deadline is a
    /// transport failure; an oversized one is cut and says so.
    /// </summary>
    private RawBody ReadRaw(HttpResponseMessage message, CancellationToken deadline)
    {
        var declared = message.Content.Headers.ContentLength;
        var buffer = new byte[declared is { } n && n >= 0 ? (int)Math.Min(n, MaxBodyBytes) : 64 * 1024];
        var length = 0;
        try
        {
            using var stream = message.Content.ReadAsStream(deadline);
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= MaxBodyBytes)
                    {
                        var probe = new byte[1];
                        return new RawBody(buffer, length, stream.ReadAsync(probe, deadline).AsTask().GetAwaiter().GetResult() > 0, null);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, MaxBodyBytes));
                }

                var read = stream.ReadAsync(buffer.AsMemory(length), deadline).AsTask().GetAwaiter().GetResult();
                if (read == 0)
                {
                    return new RawBody(buffer, length, false, null);
                }

                length += read;
            }
        }
        catch (OperationCanceledException)
        {
            return new RawBody([], 0, false, $"{TimedOut()} while reading the body ({length} bytes received)");
        }
        catch (Exception e) when (e is IOException or HttpRequestException or SocketException)
        {
            return new RawBody([], 0, false, $"the connection broke while reading the body ({length} bytes received): {Describe(e, null, null)}");
        }
    }

    private sealed record Decoded(byte[]? Bytes, int Length, bool Cut, string? Problem);

    /// <summary>One content coding undone, at most <see cref="MaxBodyBytes"/> of output (a small bomb cannot fill memory).</summary>
    private static Decoded Decode(string coding, byte[] bytes, int length, bool inputCut)
    {
        var name = coding.Trim().ToLowerInvariant();
        using var input = new MemoryStream(bytes, 0, length, writable: false);
        Stream decoder;
        switch (name)
        {
            case "gzip" or "x-gzip":
                decoder = new GZipStream(input, CompressionMode.Decompress);
                break;
            case "br":
                decoder = new BrotliStream(input, CompressionMode.Decompress);
                break;
            case "deflate":
                // RFC 9110's deflate is zlib-wrapped; some servers send the raw deflate data: accept both.
                var zlib = length >= 2 && (bytes[0] & 0x0F) == 8 && ((bytes[0] << 8) | bytes[1]) % 31 == 0;
                decoder = zlib ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress);
                break;
            default:
                return new Decoded(null, 0, false, $"the suite does not decode '{Secrets.Mask(coding)}' (it asked for {AcceptEncoding})");
        }

        using (decoder)
        {
            var output = new byte[Math.Min(Math.Max(length * 4, 64 * 1024), MaxBodyBytes)];
            var written = 0;
            try
            {
                while (true)
                {
                    if (written == output.Length)
                    {
                        if (written >= MaxBodyBytes)
                        {
                            return new Decoded(output, written, decoder.ReadByte() >= 0, null);
                        }

                        Array.Resize(ref output, (int)Math.Min((long)output.Length * 2, MaxBodyBytes));
                    }

                    var read = decoder.Read(output, written, output.Length - written);
                    if (read == 0)
                    {
                        if (written == 0 && length > 0)
                        {
                            return new Decoded(null, 0, false, $"the body ({length} bytes) is not valid {name} data: it decodes to nothing");
                        }

                        // The decoder stops quietly at the end of the input: a gzip body's trailer says how long it should be.
                        if (name is "gzip" or "x-gzip" && !inputCut && (length < 18 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(length - 4)) != (uint)written))
                        {
                            return new Decoded(null, 0, false, $"the body ({length} bytes) is not valid {name} data: it is truncated (its end does not match the {written} bytes decoded)");
                        }

                        return new Decoded(output, written, false, null);
                    }

                    written += read;
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException)
            {
                // A body cut at the 8 MiB limit ends in the middle of the compressed data: what decoded is kept.
                return inputCut
                    ? new Decoded(output, written, true, null)
                    : new Decoded(null, 0, false, $"the body ({length} bytes) is not valid {name} data ({e.Message.TrimEnd('.')})");
            }
        }
    }

    private static Exchange Failed(RecordedRequest request, string reason, Probe? probe) =>
        new("live", 0, request, new RecordedResponse(0, string.Empty, HeaderList.Empty, string.Empty) { TransportError = Secrets.Mask(reason) }) { Probe = probe };

    /// <summary>
    /// A transport failure in plain words: the exception chain (socket error, TLS, the HTTP stack's error kind) and,
    /// when the stack only says the answer ended or was not HTTP/1.1, what the server actually sent first.
    /// </summary>
    private static string Describe(Exception e, Wire? wire, string? url)
    {
        var chain = new List<Exception>();
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            chain.Add(inner);
        }

        var received = wire?.Received ?? [];
        var plainHttpUrl = url?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true;
        if (chain.OfType<SocketException>().FirstOrDefault() is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.ConnectionReset => "connection reset",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                SocketError.TimedOut => "connection timed out",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable => "no route to the host (network unreachable)",
                SocketError.ConnectionAborted => "the connection was aborted",
                _ => $"socket error {socket.SocketErrorCode}",
            };
        }

        if (chain.OfType<AuthenticationException>().FirstOrDefault() is { } tls)
        {
            if (LooksLikeHttp(received))
            {
                return $"TLS failure: the server answered the TLS handshake in plain HTTP ({Shown(received)}): the URL says https://, but this port speaks http://";
            }

            if (tls.Message.Contains("frame", StringComparison.OrdinalIgnoreCase))
            {
                return $"TLS failure: the server's answer to the TLS handshake is not TLS{(received.Length > 0 ? $" (it began {Shown(received)})" : string.Empty)}: does this port speak TLS?";
            }

            if (tls.Message.Contains("UntrustedRoot", StringComparison.Ordinal) || tls.Message.Contains("PartialChain", StringComparison.Ordinal))
            {
                return $"TLS failure: the server's certificate is not trusted ({tls.Message.TrimEnd('.')}); trust its authority with CaFile (CONFORMANCE_CA_FILE)";
            }

            if (tls.Message.Contains("NameMismatch", StringComparison.Ordinal))
            {
                return $"TLS failure: the server's certificate does not name this host ({tls.Message.TrimEnd('.')})";
            }

            return $"TLS failure: {Secrets.Mask(tls.Message)}";
        }

        if (chain.OfType<TaskCanceledException>().Any() || chain.OfType<TimeoutException>().Any())
        {
            return "timed out";
        }

        var error = chain.OfType<HttpRequestException>().Select(h => h.HttpRequestError).FirstOrDefault(h => h != HttpRequestError.Unknown);
        if (error is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse || chain.OfType<HttpIOException>().Any(h => h.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse))
        {
            return Unanswered(received, plainHttpUrl, wire is not null);
        }

        return error switch
        {
            HttpRequestError.NameResolutionError => "host not found",
            HttpRequestError.ConnectionError => "the connection could not be made",
            HttpRequestError.SecureConnectionError => "TLS failure: the secure connection could not be established",
            HttpRequestError.HttpProtocolError => $"the server broke the HTTP protocol ({Innermost(chain)})",
            HttpRequestError.VersionNegotiationError => "the server does not speak HTTP/1.1 (version negotiation failed)",
            HttpRequestError.ConfigurationLimitExceeded => $"the answer's headers are larger than the HTTP stack accepts ({Innermost(chain)})",
            HttpRequestError.ProxyTunnelError or HttpRequestError.UserAuthenticationError => Innermost(chain),
            _ when chain.OfType<IOException>().FirstOrDefault() is { } io => $"the connection broke ({Secrets.Mask(io.Message.TrimEnd('.'))})",
            _ => $"{e.GetType().Name}: {Innermost(chain)}",
        };
    }

    /// <summary>The HTTP stack got no usable HTTP/1.1 answer: what the server sent first says why.</summary>
    private static string Unanswered(byte[] received, bool plainHttpUrl, bool known)
    {
        if (received.Length == 0)
        {
            return known
                ? $"the server closed the connection without answering{(plainHttpUrl ? " (a TLS-only port does this to plain HTTP: if the endpoint speaks TLS, use https://)" : string.Empty)}"
                : "the server closed the connection without a complete answer";
        }

        if (received.Length >= 2 && received[0] is >= 0x14 and <= 0x17 && received[1] == 0x03)
        {
            return "the server answered in TLS, but the URL says http://: use https://";
        }

        if (StartsWith(received, "PRI * HTTP/2") || (received.Length >= 9 && received[3] == 0x04 && (received[5] & 0x7F) == 0 && received[6] == 0 && received[7] == 0 && received[8] == 0))
        {
            return "the server speaks HTTP/2 only (it answered the HTTP/1.1 request with an HTTP/2 frame); the suite speaks HTTP/1.1";
        }

        var text = Encoding.ASCII.GetString(received);
        if (text.StartsWith("HTTP/1.", StringComparison.Ordinal) && text.Length > 9 && text[9] == '1')
        {
            var line = text.Split('\r', '\n')[0];
            return $"the server sent an interim answer ({Printable(line)}) and then closed the connection without a final answer";
        }

        return LooksLikeHttp(received)
            ? $"the server closed the connection in the middle of its answer (it began {Shown(received)})"
            : $"the server's answer is not HTTP (it began {Shown(received)})";
    }

    private static bool LooksLikeHttp(byte[] received) => StartsWith(received, "HTTP/");

    private static bool StartsWith(byte[] received, string prefix) =>
        received.Length >= prefix.Length && Encoding.ASCII.GetString(received, 0, prefix.Length) == prefix;

    /// <summary>The first bytes of an answer as a person can read them: printable ASCII, the rest as \xNN.</summary>
    private static string Shown(byte[] received) => $"'{Printable(Encoding.Latin1.GetString(received, 0, Math.Min(received.Length, 40)))}'";

    private static string Printable(string text)
    {
        var shown = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            shown.Append(c is >= ' ' and < (char)0x7F ? c.ToString() : $"\\x{(int)c:X2}");
        }

        return Secrets.Mask(shown.ToString());
    }

    private static string Innermost(List<Exception> chain) => Secrets.Mask(chain[^1].Message.TrimEnd('.'));

    /// <summary>
    /// Opens every connection itself so that the first bytes the server sends on it are kept (<see cref="Wire"/>):
    /// when the HTTP stack can only say "the response ended prematurely", they tell TLS, HTTP/2 and a bare close apart.
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellation).ConfigureAwait(false);
            context.InitialRequestMessage.Options.TryGetValue(WireKey, out var wire);
            return new WireStream(new NetworkStream(socket, ownsSocket: true), wire);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Hands the request's <see cref="Wire"/> to the connection it opens.</summary>
    private sealed class WireInterceptor(Wire wire) : RestSharp.Interceptors.Interceptor
    {
        public override ValueTask BeforeHttpRequest(HttpRequestMessage requestMessage, CancellationToken cancellationToken)
        {
            requestMessage.Options.Set(WireKey, wire);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The first bytes a server sent on the connection a request opened.</summary>
    private sealed class Wire
    {
        public const int Kept = 64;
        private readonly Lock _lock = new();
        private readonly byte[] _first = new byte[Kept];
        private int _count;

        public byte[] Received
        {
            get
            {
                lock (_lock)
                {
                    return _first.AsSpan(0, _count).ToArray();
                }
            }
        }

        public void Saw(ReadOnlySpan<byte> bytes)
        {
            lock (_lock)
            {
                var take = Math.Min(bytes.Length, Kept - _count);
                bytes[..take].CopyTo(_first.AsSpan(_count));
                _count += take;
            }
        }

        public bool Full => Volatile.Read(ref _count) >= Kept;
    }

    /// <summary>A connection's stream that hands the first bytes it reads to a <see cref="Wire"/>.</summary>
    private sealed class WireStream(Stream inner, Wire? wire) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => Seen(buffer.AsSpan(offset), inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Keep(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Keep(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Seen(Span<byte> buffer, int read)
        {
            Keep(buffer[..read]);
            return read;
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (wire is not null && bytes.Length > 0 && !wire.Full)
            {
                wire.Saw(bytes);
            }
        }
    }
}
