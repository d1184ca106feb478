using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conformance.Core.Exchanges;
using RestSharp;

namespace Conformance.Core.Live;

/// <summary>
/// Sends GETs (and Keystone's token request) with RestSharp and returns each as a recorded exchange. It never
/// follows redirects, bounds concurrency and rate, retries only GETs answered 503, 429 or 413 with Retry-After
/// (bounded in count and time), and turns a transport failure into an exchange with status 0 and the reason.
/// </summary>
public sealed class LiveClient : IDisposable
{
    public const int MaxRetries = 3;

    /// <summary>The most of a response body the suite reads; a larger body is cut there and reported as such.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly RestClient _client;
    private readonly RateGate _gate;
    private readonly TimeSpan _timeout;

    public LiveClient(TimeSpan timeout, int concurrency, double perSecond, string? caFile = null)
    {
        _timeout = timeout;
        var options = new RestClientOptions
        {
            FollowRedirects = false,
            Timeout = timeout,
            ThrowOnAnyError = false,
            UserAgent = "image-details-conformance",
        };
        if (caFile is not null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, authorities);
        }

        _client = new RestClient(options);
        _gate = new RateGate(concurrency, perSecond);
    }

    public sealed record Sent(Exchange Exchange, DateTimeOffset Started, double Milliseconds);

    public async Task<Sent> SendAsync(string method, string url, IReadOnlyList<KeyValuePair<string, string>> headers, string? jsonBody = null, Probe? probe = null)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 0; ; attempt++)
        {
            var sent = await SendOnceAsync(method, url, headers, jsonBody, probe).ConfigureAwait(false);
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

    private async Task<Sent> SendOnceAsync(string method, string url, IReadOnlyList<KeyValuePair<string, string>> headers, string? jsonBody, Probe? probe)
    {
        var request = new RestRequest(url, method == "POST" ? Method.Post : Method.Get);
        foreach (var (name, value) in headers)
        {
            request.AddHeader(name, value);
        }

        if (jsonBody is not null)
        {
            request.AddStringBody(jsonBody, "application/json");
        }

        var recordedHeaders = jsonBody is null ? headers : [.. headers, new("Content-Type", "application/json")];
        var recordedRequest = new RecordedRequest(method, url, new HeaderList(recordedHeaders)) { Body = jsonBody, BodyType = jsonBody is null ? null : "application/json" };
        using var slot = await _gate.EnterAsync().ConfigureAwait(false);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(_timeout);

        // The body is read here, not by RestSharp: with a cap (a hostile target cannot exhaust memory) and under the
        // same deadline as the headers (a slow drip cannot hold the run past the timeout).
        RecordedResponse? received = null;
        string? readProblem = null;
        request.CompletionOption = HttpCompletionOption.ResponseHeadersRead;
        request.AdvancedResponseWriter = (message, restRequest) =>
        {
            var responseHeaders = message.Headers.Concat(message.Content.Headers)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
                .ToList();
            var (body, problem) = ReadBody(message, deadline.Token);
            readProblem = problem;
            received = new RecordedResponse((int)message.StatusCode, message.ReasonPhrase ?? message.StatusCode.ToString(), new HeaderList(responseHeaders), body.Text)
            {
                BodyProblem = body.Problem,
            };
            return new RestResponse(restRequest) { StatusCode = message.StatusCode, ResponseStatus = ResponseStatus.Completed };
        };

        RestResponse response;
        try
        {
            response = await _client.ExecuteAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or TaskCanceledException or OperationCanceledException or AuthenticationException)
        {
            return new Sent(Failed(recordedRequest, deadline.IsCancellationRequested ? TimedOut() : Describe(e) ?? e.Message, probe), started, clock.Elapsed.TotalMilliseconds);
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (readProblem is not null)
        {
            return new Sent(Failed(recordedRequest, readProblem, probe), started, elapsed);
        }

        if (received is null)
        {
            var reason = deadline.IsCancellationRequested || response.ResponseStatus == ResponseStatus.TimedOut || response.ErrorException is TaskCanceledException or TimeoutException
                ? TimedOut()
                : Describe(response.ErrorException) ?? response.ErrorMessage ?? "no response";
            return new Sent(Failed(recordedRequest, reason, probe), started, elapsed);
        }

        return new Sent(new Exchange("live", 0, recordedRequest, received) { Probe = probe }, started, elapsed);
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

    /// <summary>
    /// Reads at most <see cref="MaxBodyBytes"/> of the body before the deadline. A body cut short by the peer or by
    /// the deadline is a transport failure (second value); an oversized or non-UTF-8 body is kept with its problem.
    /// </summary>
    private ((string Text, string? Problem) Body, string? Failure) ReadBody(HttpResponseMessage message, CancellationToken deadline)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        var cut = false;
        try
        {
            using var stream = message.Content.ReadAsStream(deadline);
            while (true)
            {
                var read = stream.ReadAsync(chunk, deadline).AsTask().GetAwaiter().GetResult();
                if (read == 0)
                {
                    break;
                }

                var room = MaxBodyBytes - (int)buffer.Length;
                buffer.Write(chunk, 0, Math.Min(read, room));
                if (read > room)
                {
                    cut = true;
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return ((string.Empty, null), $"{TimedOut()} while reading the body ({buffer.Length} bytes received)");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return ((string.Empty, null), $"the connection broke while reading the body ({buffer.Length} bytes received): {Describe(e)}");
        }

        var bytes = buffer.ToArray();
        if (cut)
        {
            return ((Encoding.UTF8.GetString(bytes), $"the body is larger than the {MaxBodyBytes / (1024 * 1024)} MiB the suite reads; only that much was read"), null);
        }

        try
        {
            return ((StrictUtf8.GetString(bytes), null), null);
        }
        catch (DecoderFallbackException e)
        {
            return ((Encoding.UTF8.GetString(bytes), $"the body is not valid UTF-8 (byte offset {e.Index})"), null);
        }
    }

    private static Exchange Failed(RecordedRequest request, string reason, Probe? probe) =>
        new("live", 0, request, new RecordedResponse(0, string.Empty, HeaderList.Empty, string.Empty) { TransportError = reason }) { Probe = probe };

    private static string? Describe(Exception? e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.ConnectionReset => "connection reset",
                        SocketError.HostNotFound or SocketError.NoData => "host not found",
                        SocketError.TimedOut => "connection timed out",
                        _ => $"socket error {socket.SocketErrorCode}",
                    };
                case AuthenticationException tls:
                    return $"TLS failure: {tls.Message}";
                case TaskCanceledException or TimeoutException:
                    return "timed out";
            }
        }

        return e is null ? null : $"{e.GetType().Name}: {e.Message}";
    }
}
