using System.Text;
using Conformance.Core.Exchanges;
using Conformance.Core.Masking;

namespace Conformance.Reporting;

/// <summary>
/// An exchange as a person reads it in a report: secret headers shown as <see cref="Secrets.HeaderMask"/>, and every
/// known secret value (<see cref="Secrets.Mask"/>) masked wherever it appears, in the URL, a header or the body.
/// </summary>
public static class ExchangeText
{
    /// <summary>The request line and headers, secret headers masked and known secrets masked in the URL and values.</summary>
    /// <param name="request">The request half of an exchange.</param>
    public static string Request(RecordedRequest request)
    {
        var text = new StringBuilder();
        text.Append(request.Method).Append(' ').AppendLine(Url(request.Url));
        foreach (var (name, value) in Secrets.Masked(request.Headers))
        {
            text.Append(name).Append(": ").AppendLine(value);
        }

        return text.ToString();
    }

    /// <summary>
    /// The status line, headers and body, secrets masked; the body's place says why when it was not recorded or could not
    /// be read, and a response recorded without headers says so.
    /// </summary>
    /// <param name="response">The response half of an exchange.</param>
    public static string Response(RecordedResponse response)
    {
        var text = new StringBuilder();
        text.Append("HTTP ").Append(response.Status).Append(' ').AppendLine(Secrets.Mask(response.StatusText));
        if (!response.HeadersRecorded)
        {
            text.AppendLine("(headers were not recorded)");
        }
        else
        {
            foreach (var (name, value) in Secrets.Masked(response.Headers))
            {
                text.Append(name).Append(": ").AppendLine(value);
            }
        }

        text.AppendLine();
        text.Append(Secrets.Mask(response.BodyNotRecorded is { } missing ? $"({missing})" : response.BodyProblem is null ? response.Body : $"({response.BodyProblem})"));
        return text.ToString();
    }

    /// <summary>What a curl line sends in place of a token that was not the real one (the bad-token probe's).</summary>
    public const string InvalidToken = "invalid-token";

    /// <summary>
    /// A curl command that repeats the exchange's request and gets the same kind of answer. A secret header is
    /// never written out; what stands in for it matches what was sent: <c>$OS_TOKEN</c> (a shell variable the reader
    /// sets) where the real token was sent, the literal <see cref="InvalidToken"/> where an invalid one was (the
    /// bad-token probe, <see cref="Exchange.Probe"/>, or a recording named <c>*-bad-token</c>), and an empty header
    /// where it was empty. An <c>Accept-Encoding</c> header adds <c>--compressed</c>, so the answer is shown decoded.
    /// Every argument is single-quoted for a POSIX shell.
    /// </summary>
    public static string Curl(Exchange exchange) => Curl(exchange.Request, TokenKindOf(exchange));

    /// <summary>The curl command for a request alone: a secret header stands for the real token (<c>$OS_TOKEN</c>).</summary>
    public static string Curl(RecordedRequest request) => Curl(request, SentToken.Real);

    /// <summary>The curl command for a request, the secret header standing for the token that was sent (see <see cref="SentToken"/>).</summary>
    /// <param name="request">The request to repeat.</param>
    /// <param name="token">What kind of token the request carried.</param>
    public static string Curl(RecordedRequest request, SentToken token)
    {
        var text = new StringBuilder("curl -i");
        if (request.Method != "GET" || request.Body is not null)
        {
            text.Append(" -X ").Append(Quote(request.Method));
        }

        if (request.Headers.Items.Any(h => string.Equals(h.Key, "Accept-Encoding", StringComparison.OrdinalIgnoreCase)))
        {
            text.Append(" --compressed");
        }

        foreach (var (name, value) in request.Headers.Items)
        {
            if (name.StartsWith(':') || string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            text.Append(" -H ").Append(Secrets.IsSecretHeader(name) ? SecretHeader(Secrets.Mask(name)!, value, token) : Quote($"{name}: {value}"));
        }

        if (request.Body is not null)
        {
            text.Append(" --data-binary ").Append(Quote(request.Body));
        }

        text.Append(" --url ").Append(Quote(Url(request.Url)));
        return Secrets.Mask(text.ToString())!;
    }

    /// <summary>What the exchange's request sent in its token header, as far as the exchange tells.</summary>
    public static SentToken TokenKindOf(Exchange exchange)
    {
        var tokens = exchange.Request.Headers.Items.Where(h => Secrets.IsSecretHeader(h.Key)).Select(h => h.Value).ToList();
        if (tokens.Count > 0 && tokens.All(v => v.Length == 0))
        {
            return SentToken.Empty;
        }

        var source = Path.GetFileNameWithoutExtension(exchange.Source);
        if (string.Equals(exchange.Probe?.Name, "bad-token", StringComparison.Ordinal) || source.EndsWith("-bad-token", StringComparison.Ordinal))
        {
            return SentToken.Invalid;
        }

        return source.EndsWith("-empty-token", StringComparison.Ordinal) ? SentToken.Empty : SentToken.Real;
    }

    private static string SecretHeader(string name, string value, SentToken token)
    {
        if (token == SentToken.Empty || value.Length == 0)
        {
            return Quote(name + ";"); // curl sends a header with an empty value for "Name;"
        }

        // Keep an authorization scheme (Bearer, Basic, ...), never the credentials after it.
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = (string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            && space > 0 && value[..space].All(char.IsAsciiLetter) ? value[..space] + " " : string.Empty;
        return token == SentToken.Invalid ? Quote($"{name}: {scheme}{InvalidToken}") : Quote($"{name}: {scheme}") + "\"$OS_TOKEN\"";
    }

    private static string Url(string url) => Secrets.Mask(Secrets.WithoutUserInfo(url));

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>What a request sent in its token header, for a curl line that reproduces it.</summary>
public enum SentToken
{
    /// <summary>The real token: the curl line reads it from <c>$OS_TOKEN</c>.</summary>
    Real,

    /// <summary>A token the cloud does not know (the bad-token probe).</summary>
    Invalid,

    /// <summary>An empty token header.</summary>
    Empty,
}
