using System.Text.RegularExpressions;

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
public sealed partial record LinkHref(string Scheme, string Host, string? Port, IReadOnlyList<string> Segments)
{
    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<authority>[^/?#]*)(?<path>[^?#]*)(\?[^#]*)?(#.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(:(?<port>\d*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Authority();

    /// <summary>Parses an absolute http(s) URL; false for anything else.</summary>
    public static bool TryParse(string href, out LinkHref? result)
    {
        result = null;
        var m = Shape().Match(href);
        if (!m.Success)
        {
            return false;
        }

        var scheme = m.Groups["scheme"].Value.ToLowerInvariant();
        var authority = m.Groups["authority"].Value;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        var a = Authority().Match(authority);
        if (scheme is not ("http" or "https") || !a.Success)
        {
            return false;
        }

        var segments = m.Groups["path"].Value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Contains('%', StringComparison.Ordinal))
            {
                segments[i] = Uri.UnescapeDataString(segments[i]);
            }
        }

        result = new LinkHref(scheme, a.Groups["host"].Value, a.Groups["port"].Success ? a.Groups["port"].Value : null, segments);
        return true;
    }
}
