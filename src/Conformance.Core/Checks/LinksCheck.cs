using System.Text.RegularExpressions;
using Conformance.Core.Exchanges;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// The links beyond their JSON shape: self and bookmark present, hrefs absolute http(s) URLs, the self link naming
/// the request's version, project and image, the bookmark naming the image without a version; where the profile
/// builds links from the request (Nova), the bookmark naming the request's project and the alternate this image.
/// </summary>
public sealed partial class LinksCheck : IBodyCheck
{
    private static readonly string[] RelOrder = ["self", "bookmark", "alternate"];
    private static readonly HashSet<string> PlaceholderHosts = new(StringComparer.OrdinalIgnoreCase) { "none", "null", "undefined", "xxx" };

    /// <summary>The links hold one with rel <c>self</c>.</summary>
    public static readonly Rule SelfPresent = new("links.self_present", "Self link missing", Severity.Failure);
    /// <summary>The links hold one with rel <c>bookmark</c>.</summary>
    public static readonly Rule BookmarkPresent = new("links.bookmark_present", "Bookmark link missing", Severity.Failure);
    /// <summary>Every href is an absolute http or https URL.</summary>
    public static readonly Rule HrefAbsolute = new("links.href_absolute", "Link href is not an absolute http(s) URL", Severity.Failure);
    /// <summary>The self link's version segment is the request's (<c>v2</c> or <c>v2.1</c>).</summary>
    public static readonly Rule SelfVersion = new("links.self_version", "Self link names another API version", Severity.Failure);
    /// <summary>The self link names the request's project and image.</summary>
    public static readonly Rule SelfTarget = new("links.self_target", "Self link names another project or image", Severity.Failure);
    /// <summary>The bookmark link has no version segment.</summary>
    public static readonly Rule BookmarkVersion = new("links.bookmark_version", "Bookmark link carries a version segment", Severity.Failure);
    /// <summary>The bookmark link names the requested image.</summary>
    public static readonly Rule BookmarkTarget = new("links.bookmark_target", "Bookmark link names another image", Severity.Failure);
    /// <summary>The links come as self, bookmark, alternate (a warning).</summary>
    public static readonly Rule Order = new("links.order", "Links out of the usual order", Severity.Warning);
    /// <summary>An href has a colon after its host and no port (a warning: RFC 3986 allows it).</summary>
    public static readonly Rule EmptyPort = new("links.empty_port", "Link href has an empty port", Severity.Warning);
    /// <summary>An href's host is a placeholder such as <c>none</c>, <c>null</c>, <c>undefined</c> or <c>xxx</c> (a warning).</summary>
    public static readonly Rule PlaceholderHost = new("links.placeholder_host", "Link host is a placeholder", Severity.Warning);
    /// <summary>Where the profile builds links from the request (nova), the bookmark names the request's project.</summary>
    public static readonly Rule BookmarkProject = new("links.bookmark_project", "Bookmark link names another project", Severity.Failure, p => p.Definition.LinksNameRequest);
    /// <summary>Where the profile builds links from the request (nova), the alternate link names this image.</summary>
    public static readonly Rule AlternateTarget = new("links.alternate_target", "Alternate link names another image", Severity.Failure, p => p.Definition.LinksNameRequest);
    /// <summary>Where the profile says so, the alternate link carries the image media type (a warning).</summary>
    public static readonly Rule AlternateType = new("links.alternate_type", "Alternate link without the image media type", Severity.Warning, p => p.Definition.AlternateLinkType);

    /// <inheritdoc/>
    public IReadOnlyList<Rule> Reports { get; } =
        [SelfPresent, BookmarkPresent, HrefAbsolute, SelfVersion, SelfTarget, BookmarkVersion, BookmarkTarget, BookmarkProject, AlternateTarget, Order, EmptyPort, PlaceholderHost, AlternateType];

    [GeneratedRegex(@"^v\d+(\.\d+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSegment();

    /// <summary>A version segment (<c>v2</c>, <c>v2.1</c>); the pattern is tried only on segments starting with <c>v</c>.</summary>
    private static bool IsVersion(string segment) => segment.StartsWith('v') && VersionSegment().IsMatch(segment);

    /// <inheritdoc/>
    public IEnumerable<Violation> Check(JudgeContext context)
    {
        if (context.Image?["links"] is not JArray links)
        {
            return [];
        }

        var found = new FindingsCap();
        var profile = context.Profile;
        var parsed = new List<(int Index, string Rel, string Href, LinkHref? Url, JObject Link)>(links.Count);
        for (var i = 0; i < links.Count; i++)
        {
            if (links[i] is JObject link && JsonValues.Text(link["rel"]) is { } rel && JsonValues.Text(link["href"]) is { } href)
            {
                var url = Href(context, found, i, href);
                parsed.Add((i, rel, href, url, link));
            }
        }

        // Judged for every new body, so written as loops: the first self and bookmark, and whether the known rels
        // come in the usual order.
        (int Index, string Rel, string Href, LinkHref? Url, JObject Link) self = default, bookmark = default;
        var outOfOrder = false;
        var lastRank = -1;
        foreach (var p in parsed)
        {
            if (self.Href is null && p.Rel == "self")
            {
                self = p;
            }
            else if (bookmark.Href is null && p.Rel == "bookmark")
            {
                bookmark = p;
            }

            var rank = Array.IndexOf(RelOrder, p.Rel);
            if (rank >= 0)
            {
                outOfOrder |= rank < lastRank;
                lastRank = rank;
            }
        }

        if (self.Href is null)
        {
            found.Add(new Violation(SelfPresent, "image.links", $"rels {Rels(parsed)}", profile.Documented(SelfPresent)));
        }
        else if (self.Url is not null)
        {
            SelfLink(context, found, self.Index, self.Href, self.Url);
        }

        if (bookmark.Href is null)
        {
            found.Add(new Violation(BookmarkPresent, "image.links", $"rels {Rels(parsed)}", profile.Documented(BookmarkPresent)));
        }
        else if (bookmark.Url is not null)
        {
            Bookmark(context, found, bookmark.Index, bookmark.Href, bookmark.Url, self.Url);
        }

        if (outOfOrder)
        {
            found.Add(new Violation(Order, "image.links", $"rels {Rels(parsed)}", profile.Documented(Order)));
        }

        var alternateTarget = AlternateTarget.AppliesTo(profile);
        var alternateType = AlternateType.AppliesTo(profile);
        if (alternateTarget)
        {
            foreach (var alternate in parsed)
            {
                if (alternate.Rel == "alternate" && alternate.Url is { } url && !NamesImage(url.Segments, context.Request.ImageId))
                {
                    found.Add(new Violation(AlternateTarget, $"image.links[{alternate.Index}].href", $"\"{alternate.Href}\" for a request of image {context.Request.ImageId} (expected a path ending /images/{context.Request.ImageId})", profile.Documented(AlternateTarget)));
                }
            }
        }

        if (alternateType)
        {
            foreach (var alternate in parsed)
            {
                if (alternate.Rel == "alternate" && alternate.Link["type"] is var type && JsonValues.Text(type) != "application/vnd.openstack.image")
                {
                    found.Add(new Violation(AlternateType, $"image.links[{alternate.Index}].type", type is null ? "no type" : JudgeContext.Show(type), profile.Documented(AlternateType)));
                }
            }
        }

        return found.ToList();
    }

    private static string HrefPlace(int index) => $"image.links[{index}].href";

    private static LinkHref? Href(JudgeContext context, FindingsCap found, int index, string href)
    {
        if (!LinkHref.TryParse(href, out var url) || url is null)
        {
            found.Add(new Violation(HrefAbsolute, HrefPlace(index), $"\"{href}\"", context.Profile.Documented(HrefAbsolute)));
            return null;
        }

        if (url.Port is "")
        {
            found.Add(new Violation(EmptyPort, HrefPlace(index), $"\"{href}\" (host \"{url.Host}\", empty port)", context.Profile.Documented(EmptyPort)));
        }

        if (PlaceholderHosts.Contains(url.Host))
        {
            found.Add(new Violation(PlaceholderHost, HrefPlace(index), $"\"{href}\" (host \"{url.Host}\")", context.Profile.Documented(PlaceholderHost)));
        }

        return url;
    }

    private static void SelfLink(JudgeContext context, FindingsCap found, int index, string href, LinkHref url)
    {
        var request = context.Request;
        var s = url.Segments;
        var n = s.Count;
        var targetOk = NamesImage(s, request.ImageId);
        string? version = null;
        string? project = null;
        if (n >= 3 && IsVersion(s[n - 3]))
        {
            // {version}/images/{id}: a project-less link.
            version = s[n - 3];
        }
        else if (n >= 3)
        {
            project = s[n - 3];
            version = n >= 4 && IsVersion(s[n - 4]) ? s[n - 4] : null;
        }

        // A request that named a project gets a self link naming it; under a profile that builds links from the
        // request (Nova), a project-less request gets a project-less self link.
        var projectOk = request.ProjectId is not null
            ? string.Equals(project, request.ProjectId, StringComparison.Ordinal)
            : project is null || !context.Profile.Definition.LinksNameRequest;
        if (!targetOk || !projectOk)
        {
            var shape = project is null ? "no project segment" : $"project segment \"{project}\"";
            found.Add(new Violation(
                SelfTarget,
                LinkPlace(index),
                $"\"{href}\" ({shape}) for a request of {Target(request)}",
                context.Profile.Documented(SelfTarget)));
        }

        if (version != request.Version.Segment())
        {
            found.Add(new Violation(
                SelfVersion,
                LinkPlace(index),
                $"\"{href}\" ({(version is null ? "no version segment" : $"version {version}")}) for a {request.Version.Segment()} request",
                context.Profile.Documented(SelfVersion)));
        }
    }

    private static void Bookmark(JudgeContext context, FindingsCap found, int index, string href, LinkHref url, LinkHref? self)
    {
        string? version = null;
        foreach (var segment in url.Segments)
        {
            if (IsVersion(segment))
            {
                version = segment;
                break;
            }
        }

        if (version is not null)
        {
            found.Add(new Violation(BookmarkVersion, LinkPlace(index), $"\"{href}\" (segment {version})", context.Profile.Documented(BookmarkVersion)));
        }

        var s = url.Segments;
        if (!NamesImage(s, context.Request.ImageId))
        {
            found.Add(new Violation(BookmarkTarget, LinkPlace(index), $"\"{href}\" for a request of image {context.Request.ImageId}", context.Profile.Documented(BookmarkTarget)));
        }
        else if (BookmarkProject.AppliesTo(context.Profile) && context.Request.ProjectId is { } requested
            && (s.Count < 3 || !string.Equals(s[^3], requested, StringComparison.Ordinal)))
        {
            // Only a request that named a project is compared: the bookmark of a project-less request has no
            // version to mark where the base ends, so a segment before /images/ may be the base's own path.
            var shape = s.Count < 3 ? "no project segment" : $"project segment \"{s[^3]}\"";
            found.Add(new Violation(BookmarkProject, LinkPlace(index), $"\"{href}\" ({shape}) for a request of project {requested}", context.Profile.Documented(BookmarkProject)));
        }
        else if (BookmarkProject.AppliesTo(context.Profile) && context.Request.ProjectId is null && WithoutVersion(self) is { } expected
            && !s.Take(s.Count - 2).SequenceEqual(expected.Take(expected.Count - 2), StringComparer.Ordinal))
        {
            // A project-less request: Nova builds the bookmark from the same base as the self link, without the version,
            // so the base it gives names where the bookmark's path must end before /images/.
            found.Add(new Violation(BookmarkProject, LinkPlace(index), $"\"{href}\" for a request that names no project (expected the self link's path without its version: /{string.Join('/', expected)})", context.Profile.Documented(BookmarkProject)));
        }
    }

    /// <summary>The path segments of a project-less self link (<c>{base}/{version}/images/{id}</c>) without the version; null for any other shape.</summary>
    private static List<string>? WithoutVersion(LinkHref? self)
    {
        if (self is null || self.Segments.Count < 3 || self.Segments[^2] != "images" || !IsVersion(self.Segments[^3]))
        {
            return null;
        }

        return [.. self.Segments.Take(self.Segments.Count - 3), "images", self.Segments[^1]];
    }

    /// <summary>Where an href is in the body, written only for a violation.</summary>
    private static string LinkPlace(int index) => $"image.links[{index}].href";

    /// <summary>True when a path ends <c>/images/{id}</c> (the id in any case).</summary>
    private static bool NamesImage(IReadOnlyList<string> segments, string imageId) =>
        segments.Count >= 2 && segments[^2] == "images" && string.Equals(segments[^1], imageId, StringComparison.OrdinalIgnoreCase);

    private static string Target(ImageDetailsRequest request) =>
        request.ProjectId is null ? $"image {request.ImageId}" : $"project {request.ProjectId}, image {request.ImageId}";

    /// <summary>The rels in order, the first <see cref="RelsShown"/> of them when there are more.</summary>
    private static string Rels(List<(int Index, string Rel, string Href, LinkHref? Url, JObject Link)> links) =>
        links.Count <= RelsShown
            ? "[" + string.Join(", ", links.Select(l => l.Rel)) + "]"
            : "[" + string.Join(", ", links.Take(RelsShown).Select(l => l.Rel)) + $", ...] ({links.Count:N0} links)";

    private const int RelsShown = 20;
}
