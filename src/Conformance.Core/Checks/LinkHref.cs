namespace Conformance.Core.Checks;

/// <summary>
/// An href split as RFC 3986 reads it. Written here rather than with <see cref="Uri"/> because
/// <c>https://https://host/...</c> must parse as host "https" with an empty port (an oddity, not an error), which
/// <see cref="Uri"/> refuses. <see cref="Segments"/> are the path's segments percent-decoded, each on its own
/// (a <c>%2F</c> stays inside its segment), so they compare with the request's segments as RFC 3986 means them.
/// </summary>
/// <param name="Scheme">The scheme in lower case, <c>http</c> or <c>https</c>.</param>
/// <param name="Host">The host as written, any user info left out.</param>
/// <param name="Port">The port's digits; empty for a colon without digits, null when there is no colon.</param>
/// <param name="Segments">The path's non-empty segments, each percent-decoded on its own.</param>
public sealed record LinkHref(string Scheme, string Host, string? Port, IReadOnlyList<string> Segments)
{
    /// <summary>Parses an absolute http(s) URL; false for anything else.</summary>
    /// <remarks>
    /// Read as the pattern <c>^scheme://authority path (?query)? (#fragment)?$</c> reads it, with .NET's <c>$</c>
    /// (which also matches before a final line feed) and its <c>.</c> (no line feed in the fragment): scheme
    /// <c>[A-Za-z][A-Za-z0-9+.-]*</c>; authority up to the first <c>/ ? #</c>, from its last <c>@</c> on a host
    /// (<c>[hex : .]</c> in brackets, or <c>[A-Za-z0-9._~%!$&amp;'()*+,;=-]+</c>) and an optional <c>:</c> with digits.
    /// </remarks>
    public static bool TryParse(string href, out LinkHref? result)
    {
        result = null;
        ArgumentNullException.ThrowIfNull(href);
        var end = 0;
        if (href.Length == 0 || !char.IsAsciiLetter(href[0]))
        {
            return false;
        }

        while (end < href.Length && (char.IsAsciiLetterOrDigit(href[end]) || href[end] is '+' or '.' or '-'))
        {
            end++;
        }

        if (!href.AsSpan(end).StartsWith("://", StringComparison.Ordinal))
        {
            return false;
        }

        var written = href.AsSpan(0, end);
        var scheme = written.Equals("http", StringComparison.OrdinalIgnoreCase) ? "http"
            : written.Equals("https", StringComparison.OrdinalIgnoreCase) ? "https"
            : written.ToString().ToLowerInvariant();
        var authorityStart = end + 3;
        var authorityEnd = href.AsSpan(authorityStart).IndexOfAny('/', '?', '#');
        authorityEnd = authorityEnd < 0 ? href.Length : authorityStart + authorityEnd;
        var pathEnd = href.AsSpan(authorityEnd).IndexOfAny('?', '#');
        pathEnd = pathEnd < 0 ? href.Length : authorityEnd + pathEnd;
        var fragment = href.IndexOf('#', pathEnd);
        if (fragment >= 0)
        {
            var newline = href.IndexOf('\n', fragment);
            if (newline >= 0 && newline != href.Length - 1)
            {
                return false;
            }
        }

        var authority = href.AsSpan(authorityStart, authorityEnd - authorityStart);
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        if (scheme is not ("http" or "https") || !TryAuthority(authority, out var host, out var port))
        {
            return false;
        }

        // The path's non-empty segments, cut straight from the href (no copy of the path, no split).
        var path = href.AsSpan(authorityEnd, pathEnd - authorityEnd);
        var count = 0;
        foreach (var range in path.Split('/'))
        {
            count += path[range].IsEmpty ? 0 : 1;
        }

        var segments = new string[count];
        var next = 0;
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (!segment.IsEmpty)
            {
                segments[next++] = segment.Contains('%') ? Uri.UnescapeDataString(segment.ToString()) : segment.ToString();
            }
        }

        result = new LinkHref(scheme, host, port, segments);
        return true;
    }

    /// <summary>A host (bracketed, or a registered name) and an optional colon with digits, then the end or a final line feed.</summary>
    private static bool TryAuthority(ReadOnlySpan<char> authority, out string host, out string? port)
    {
        host = "";
        port = null;
        var end = 0;
        if (authority.Length > 0 && authority[0] == '[')
        {
            end = 1;
            while (end < authority.Length && (char.IsAsciiHexDigit(authority[end]) || authority[end] is ':' or '.'))
            {
                end++;
            }

            if (end == 1 || end >= authority.Length || authority[end] != ']')
            {
                return false;
            }

            end++;
        }
        else
        {
            while (end < authority.Length && (char.IsAsciiLetterOrDigit(authority[end]) || "._~%!$&'()*+,;=-".Contains(authority[end])))
            {
                end++;
            }

            if (end == 0)
            {
                return false;
            }
        }

        host = authority[..end].ToString();
        var rest = authority[end..];
        if (rest.Length > 0 && rest[0] == ':')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsDigit(rest[digits]))
            {
                digits++;
            }

            port = rest[1..digits].ToString();
            rest = rest[digits..];
        }

        return rest.Length == 0 || rest is "\n";
    }
}
