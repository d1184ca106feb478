using System.Text;
using System.Text.RegularExpressions;
using Conformance.Core.Checks;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// <see cref="LinkHref"/> reads an href position by position exactly as the RFC 3986 pattern below reads it with
/// .NET's regular expressions: generated hrefs of the characters that matter get the same scheme, host, port and
/// segments, or are refused by both.
/// </summary>
public sealed class LinkHrefTests
{
    private static readonly Regex Shape = new(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<authority>[^/?#]*)(?<path>[^?#]*)(\?[^#]*)?(#.*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex Authority = new(@"^(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%!$&'()*+,;=-]+)(:(?<port>\d*))?$", RegexOptions.CultureInvariant);

    /// <summary>What the pattern makes of an href: scheme, host, port and raw path, or null.</summary>
    private static (string Scheme, string Host, string? Port, string Path)? ByPattern(string href)
    {
        var m = Shape.Match(href);
        if (!m.Success)
        {
            return null;
        }

        var scheme = m.Groups["scheme"].Value.ToLowerInvariant();
        var authority = m.Groups["authority"].Value;
        authority = authority[(authority.LastIndexOf('@') + 1)..];
        var a = Authority.Match(authority);
        if (scheme is not ("http" or "https") || !a.Success)
        {
            return null;
        }

        return (scheme, a.Groups["host"].Value, a.Groups["port"].Success ? a.Groups["port"].Value : null, m.Groups["path"].Value);
    }

    [Test]
    public void Generated_hrefs_read_as_the_pattern_reads_them()
    {
        var random = new Random(20261202);
        const string alphabet = "hHtTpPsSxX:/?#@[]%.-+_~!$&'()*,;=09aAfFgG\n\r é\u0663\uFF11";
        string[] starts = ["http://", "https://", "HTTP://", "ftp://", "http:/", "h1+.-://", "", "http://[", "http://[::1]", "http://u:p@", "http://host:", "http://host\n"];
        var accepted = 0;
        for (var i = 0; i < 40_000; i++)
        {
            var text = new StringBuilder(starts[random.Next(starts.Length)]);
            var length = random.Next(0, 16);
            for (var j = 0; j < length; j++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var href = text.ToString();
            var expected = ByPattern(href);
            var read = LinkHref.TryParse(href, out var url);
            read.Should().Be(expected is not null, "the pattern {0} {1}", expected is null ? "refuses" : "reads", Escape(href));
            if (expected is { } e)
            {
                accepted++;
                url!.Scheme.Should().Be(e.Scheme, Escape(href));
                url.Host.Should().Be(e.Host, Escape(href));
                url.Port.Should().Be(e.Port, Escape(href));
                url.Segments.Should().Equal(
                    e.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(s) : s),
                    Escape(href));
            }
        }

        accepted.Should().BeGreaterThan(5_000, "enough generated hrefs are URLs for their parts to be compared");
    }

    [TestCase("https://https://host/v2.1/p/images/i", "https", "")]
    [TestCase("http://[::1]:8774/v2.1/images/i", "[::1]", "8774")]
    [TestCase("http://user:secret@compute.example:8774/v2", "compute.example", "8774")]
    [TestCase("http://compute\n", "compute", null)]
    public void Reads_hosts_and_ports(string href, string host, string? port)
    {
        LinkHref.TryParse(href, out var url).Should().BeTrue();
        url!.Host.Should().Be(host);
        url.Port.Should().Be(port);
    }

    [TestCase("http://host/p#frag\nment")]
    [TestCase("http://[]/p")]
    [TestCase("http://ho st/p")]
    [TestCase("file:///etc/passwd")]
    [TestCase("//host/p")]
    public void Refuses(string href) => LinkHref.TryParse(href, out _).Should().BeFalse();

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
