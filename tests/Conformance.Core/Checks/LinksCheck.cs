using System.Text.RegularExpressions;
using Conformance.Core.Exchanges;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// The links beyond their JSON shape: self and bookmark present, hrefs absolute http(s) URLs, the self link naming
/// the request's version, project and image, the bookmark naming the image without a version.
/// </summary>
public sealed partial class LinksCheck : IExchangeCheck
{
    private static readonly string[] RelOrder = ["self", "bookmark", "alternate"];
    private static readonly HashSet<string> PlaceholderHosts = new(StringComparer.OrdinalIgnoreCase) { "none", "null", "undefined", "xxx" };

    public string Name => "links_conformance";

    [GeneratedRegex(@"^v\d+(\.\d+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSegment();

    public IEnumerable<Violation> Check(JudgeContext context)
    {
        if (context.Image?["links"] is not JArray links)
        {
            return [];
        }

        var found = new FindingsCap();
        var profile = context.Profile;
        var parsed = new List<(int Index, string Rel, string Href, LinkHref? Url, JObject Link)>();
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is JObject link && JsonValues.Text(link["rel"]) is { } rel && JsonValues.Text(link["href"]) is { } href)
            {
                var url = Href(context, found, $"image.links[{i}].href", href);
                parsed.Add((i, rel, href, url, link));
            }
        }

        var self = parsed.FirstOrDefault(p => p.Rel == "self");
        var bookmark = parsed.FirstOrDefault(p => p.Rel == "bookmark");
        if (self.Href is null)
        {
            found.Add(new Violation("links.self_present", "image.links", $"rels {Rels(parsed)}", profile.Documented("links.self_present")));
        }
        else if (self.Url is not null)
        {
            SelfLink(context, found, self.Index, self.Href, self.Url);
        }

        if (bookmark.Href is null)
        {
            found.Add(new Violation("links.bookmark_present", "image.links", $"rels {Rels(parsed)}", profile.Documented("links.bookmark_present")));
        }
        else if (bookmark.Url is not null)
        {
            Bookmark(context, found, bookmark.Index, bookmark.Href, bookmark.Url);
        }

        var ranks = parsed.Select(p => Array.IndexOf(RelOrder, p.Rel)).Where(r => r >= 0).ToList();
        if (ranks.Zip(ranks.Skip(1)).Any(pair => pair.First > pair.Second))
        {
            found.Add(new Violation("links.order", "image.links", $"rels {Rels(parsed)}", profile.Documented("links.order")));
        }

        if (profile.Definition.AlternateLinkType)
        {
            foreach (var alternate in parsed.Where(p => p.Rel == "alternate"))
            {
                var type = alternate.Link["type"];
                if (JsonValues.Text(type) != "application/vnd.openstack.image")
                {
                    found.Add("links.alternate_type", () => new Violation("links.alternate_type", $"image.links[{alternate.Index}].type", type is null ? "no type" : JudgeContext.Show(type), profile.Documented("links.alternate_type")));
                }
            }
        }

        return found.ToList();
    }

    private static LinkHref? Href(JudgeContext context, FindingsCap found, string where, string href)
    {
        if (!LinkHref.TryParse(href, out var url) || url is null)
        {
            found.Add("links.href_absolute", () => new Violation("links.href_absolute", where, $"\"{href}\"", context.Profile.Documented("links.href_absolute")));
            return null;
        }

        if (url.Port is "")
        {
            found.Add("links.empty_port", () => new Violation("links.empty_port", where, $"\"{href}\" (host \"{url.Host}\", empty port)", context.Profile.Documented("links.empty_port")));
        }

        if (PlaceholderHosts.Contains(url.Host))
        {
            found.Add("links.placeholder_host", () => new Violation("links.placeholder_host", where, $"\"{href}\" (host \"{url.Host}\")", context.Profile.Documented("links.placeholder_host")));
        }

        return url;
    }

    private static void SelfLink(JudgeContext context, FindingsCap found, int index, string href, LinkHref url)
    {
        var request = context.Request;
        var where = $"image.links[{index}].href";
        var s = url.Segments;
        var n = s.Count;
        var targetOk = n >= 3 && s[n - 2] == "images" && string.Equals(s[n - 1], request.ImageId, StringComparison.OrdinalIgnoreCase);
        string? version = null;
        string? project = null;
        if (n >= 3 && VersionSegment().IsMatch(s[n - 3]))
        {
            version = s[n - 3];
        }
        else if (n >= 4)
        {
            project = s[n - 3];
            version = VersionSegment().IsMatch(s[n - 4]) ? s[n - 4] : null;
        }

        if (!targetOk || (request.ProjectId is not null && project is not null && !string.Equals(project, request.ProjectId, StringComparison.Ordinal)))
        {
            found.Add(new Violation(
                "links.self_target",
                where,
                $"\"{href}\" for a request of {Target(request)}",
                context.Profile.Documented("links.self_target")));
        }

        if (version != request.Version.Segment())
        {
            found.Add(new Violation(
                "links.self_version",
                where,
                $"\"{href}\" ({(version is null ? "no version segment" : $"version {version}")}) for a {request.Version.Segment()} request",
                context.Profile.Documented("links.self_version")));
        }
    }

    private static void Bookmark(JudgeContext context, FindingsCap found, int index, string href, LinkHref url)
    {
        var where = $"image.links[{index}].href";
        var version = url.Segments.FirstOrDefault(segment => VersionSegment().IsMatch(segment));
        if (version is not null)
        {
            found.Add(new Violation("links.bookmark_version", where, $"\"{href}\" (segment {version})", context.Profile.Documented("links.bookmark_version")));
        }

        var s = url.Segments;
        if (s.Count < 2 || s[^2] != "images" || !string.Equals(s[^1], context.Request.ImageId, StringComparison.OrdinalIgnoreCase))
        {
            found.Add(new Violation("links.bookmark_target", where, $"\"{href}\" for a request of image {context.Request.ImageId}", context.Profile.Documented("links.bookmark_target")));
        }
    }

    private static string Target(ImageDetailsRequest request) =>
        request.ProjectId is null ? $"image {request.ImageId}" : $"project {request.ProjectId}, image {request.ImageId}";

    /// <summary>The rels in order, the first <see cref="RelsShown"/> of them when there are more.</summary>
    private static string Rels(List<(int Index, string Rel, string Href, LinkHref? Url, JObject Link)> links) =>
        links.Count <= RelsShown
            ? "[" + string.Join(", ", links.Select(l => l.Rel)) + "]"
            : "[" + string.Join(", ", links.Take(RelsShown).Select(l => l.Rel)) + $", ...] ({links.Count:N0} links)";

    private const int RelsShown = 20;
}
