using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
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
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(30);

    private readonly RestClient _client;
    private readonly RateGate _gate;
    private readonly TimeSpan _timeout;

    public LiveClient(TimeSpan timeout, int concurrency, double perSecond)
    {
        _timeout = timeout;
        _client = new RestClient(new RestClientOptions
        {
            FollowRedirects = false,
            Timeout = timeout,
            ThrowOnAnyError = false,
            UserAgent = "image-details-conformance",
        });
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
        RestResponse response;
        try
        {
            response = await _client.ExecuteAsync(request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or TaskCanceledException or AuthenticationException)
        {
            return new Sent(Failed(recordedRequest, Describe(e) ?? e.Message, probe), started, clock.Elapsed.TotalMilliseconds);
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode == 0)
        {
            var reason = response.ResponseStatus == ResponseStatus.TimedOut || response.ErrorException is TaskCanceledException or TimeoutException
                ? $"timed out after {_timeout.TotalSeconds:0.#} s"
                : Describe(response.ErrorException) ?? response.ErrorMessage ?? "no response";
            return new Sent(Failed(recordedRequest, reason, probe), started, elapsed);
        }

        var responseHeaders = (response.Headers ?? []).Concat(response.ContentHeaders ?? [])
            .Where(h => h.Name is not null)
            .Select(h => new KeyValuePair<string, string>(h.Name!, h.Value?.ToString() ?? string.Empty))
            .ToList();
        var recorded = new RecordedResponse((int)response.StatusCode, response.StatusDescription ?? response.StatusCode.ToString(), new HeaderList(responseHeaders), response.Content ?? string.Empty);
        return new Sent(new Exchange("live", 0, recordedRequest, recorded) { Probe = probe }, started, elapsed);
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
