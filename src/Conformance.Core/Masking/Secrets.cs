using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using Conformance.Core.Exchanges;
using Newtonsoft.Json;

namespace Conformance.Core.Masking;

/// <summary>
/// What the suite must never write: the values of secret headers, and every secret value it knows of (the token,
/// the password, a clouds.yaml secret, the token Keystone issued). Secret values are registered once, process-wide,
/// with <see cref="Register"/>; every writer (the HAR, the report's attachments, exception messages and logs of
/// live mode) passes its text through <see cref="Mask"/>, which replaces each known value, and its URL-encoded,
/// JSON-escaped and base64 forms, with <see cref="Redacted"/> wherever the server or the user put it.
/// </summary>
public static class Secrets
{
    /// <summary>What a secret header's value becomes in the report's attachments.</summary>
    public const string HeaderMask = "****";

    /// <summary>What a known secret value becomes wherever it appears.</summary>
    public const string Redacted = "[REDACTED]";

    /// <summary>
    /// Shorter values are not searched for inside other text (a one-letter password would mask every such letter);
    /// they are still never written where the suite itself puts them (headers, the token request's body).
    /// </summary>
    public const int MinimumMaskedLength = 4;

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Auth-Token", "X-Subject-Token", "X-Service-Token", "X-Storage-Token", "X-Auth-Key", "Authorization", "Proxy-Authorization",
        "Cookie", "Cookie2", "Set-Cookie", "Set-Cookie2",
    };

    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal);
    private static string[] _forms = [];

    /// <summary>True for a header that carries a token, key or cookie (names compare ignoring case).</summary>
    /// <param name="name">The header name.</param>
    public static bool IsSecretHeader(string name) => SecretHeaders.Contains(name);

    /// <summary>A header's value as a report shows it: <see cref="HeaderMask"/> for a secret header, else the value with known secrets masked.</summary>
    public static string Value(string name, string value) => IsSecretHeader(name) && value.Length > 0 ? HeaderMask : Mask(value);

    /// <summary>The headers as a report shows them: names and values masked (see <see cref="Value"/>), in order.</summary>
    /// <param name="headers">The headers as sent or received.</param>
    public static IEnumerable<KeyValuePair<string, string>> Masked(HeaderList headers) =>
        headers.Items.Select(h => new KeyValuePair<string, string>(Mask(h.Key), Value(h.Key, h.Value)));

    /// <summary>Adds a secret value to the process-wide registry; null, empty and already known values are ignored.</summary>
    public static void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        lock (Gate)
        {
            if (!Known.Add(secret))
            {
                return;
            }

            var forms = new HashSet<string>(_forms, StringComparer.Ordinal);
            foreach (var form in Forms(secret).Where(f => f.Length >= MinimumMaskedLength))
            {
                forms.Add(form);
            }

            // Longest first, so a form that contains another is replaced whole.
            _forms = [.. forms.OrderByDescending(f => f.Length).ThenBy(f => f, StringComparer.Ordinal)];
        }
    }

    /// <summary>The text with every known secret value (and its encoded forms) replaced by <see cref="Redacted"/>.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Mask(string? text)
    {
        var forms = Volatile.Read(ref _forms);
        if (string.IsNullOrEmpty(text) || forms.Length == 0)
        {
            return text;
        }

        foreach (var form in forms)
        {
            if (text.Contains(form, StringComparison.Ordinal))
            {
                text = text.Replace(form, Redacted, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Whether any secret is known (when none is, masking costs nothing and can be skipped).</summary>
    public static bool Any => Volatile.Read(ref _forms).Length > 0;

    /// <summary>Whether the text holds a known secret value in any of its forms.</summary>
    public static bool Reveals(string? text) => text is not null && !ReferenceEquals(Mask(text), text);

    /// <summary>
    /// An absolute URL without its user information (<c>http://user:password@host/</c> becomes <c>http://host/</c>),
    /// for messages; anything that is not such a URL is returned as it is.
    /// </summary>
    public static string WithoutUserInfo(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return url;
        }

        var start = scheme + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        var authority = end < 0 ? url[start..] : url[start..end];
        var at = authority.LastIndexOf('@');
        return at < 0 ? url : url[..start] + authority[(at + 1)..] + (end < 0 ? string.Empty : url[end..]);
    }

    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        var escaped = Uri.EscapeDataString(secret);
        yield return escaped;
        yield return LowerHex(escaped);
        yield return WebUtility.UrlEncode(secret);
        var json = JsonConvert.ToString(secret)[1..^1];
        yield return json;
        yield return json.Replace("/", "\\/", StringComparison.Ordinal);
        yield return JsonConvert.ToString(secret, '"', StringEscapeHandling.EscapeNonAscii)[1..^1];
        // As System.Text.Json writes it (the Allure results): HTML-sensitive characters such as + < > & ' escaped.
        yield return System.Text.Json.JsonEncodedText.Encode(secret).ToString();
        // Every character as \uXXXX, as a server may echo it (both cases of the hexadecimal digits).
        var unicode = string.Concat(secret.Select(c => $"\\u{(int)c:x4}"));
        yield return unicode;
        yield return string.Concat(secret.Select(c => $"\\u{(int)c:X4}"));
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        yield return base64;
        yield return base64.TrimEnd('=');
        yield return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string LowerHex(string escaped)
    {
        var text = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            text.Append((i > 0 && escaped[i - 1] == '%') || (i > 1 && escaped[i - 2] == '%') ? char.ToLowerInvariant(c) : c);
        }

        return text.ToString();
    }
}
