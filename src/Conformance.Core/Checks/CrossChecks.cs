using System.Text.RegularExpressions;
using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// Checks that need more than one exchange of a recording: the same image through v2 and v2.1 must be the same
/// document apart from version-specific hrefs; and, under a profile that ties the image to the image service
/// (<c>nova</c>), the image must agree with the image service's own record (Glance's <c>GET /v2/images/{id}</c>)
/// when the recording holds it. Feed it every exchange in order; it remembers only what pairing needs.
/// </summary>
public sealed partial class CrossChecks
{
    /// <summary>The documented text is the pairing's own: Nova serves v2 and v2.1 from one code path.</summary>
    public static readonly Rule VersionsAgree = new("consistency.versions_agree", "v2 and v2.1 describe the image differently", Severity.Failure, documentedKey: null);

    public static readonly Rule ImageServiceName = new("image-service.name", "Name differs from the image service", Severity.Failure, AgreesWithImageService);
    public static readonly Rule ImageServiceSize = new("image-service.size", "Size differs from the image service", Severity.Failure, AgreesWithImageService);
    public static readonly Rule ImageServiceMinDisk = new("image-service.min_disk", "minDisk differs from the image service", Severity.Failure, AgreesWithImageService);
    public static readonly Rule ImageServiceMinRam = new("image-service.min_ram", "minRam differs from the image service", Severity.Failure, AgreesWithImageService);
    public static readonly Rule ImageServiceTimestamps = new("image-service.timestamps", "Timestamps differ from the image service", Severity.Failure, AgreesWithImageService);
    public static readonly Rule ImageServiceStatus = new("image-service.status", "Status differs from the image service's state", Severity.Failure, AgreesWithImageService);

    /// <summary>The rules these checks can report (covered by CrossChecksTests rather than one-rule cases).</summary>
    public static IReadOnlyList<Rule> Reports { get; } =
        [VersionsAgree, ImageServiceName, ImageServiceSize, ImageServiceMinDisk, ImageServiceMinRam, ImageServiceTimestamps, ImageServiceStatus];

    private readonly Dictionary<string, JObject> _imageService = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Project, string Image, ApiVersion Version), JObject> _seen = [];

    [GeneratedRegex(@"/v2/images/(?<id>[^/?#]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageServiceUrl();

    [GeneratedRegex(@"/v\d+(\.\d+)?/", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSegment();

    /// <summary>Remembers an image-service record, when the exchange is one.</summary>
    public void Observe(Exchange exchange)
    {
        if (exchange.Request.Method != "GET" || exchange.Response.Status != 200 || exchange.Response.BodyProblem is not null || !Uri.TryCreate(exchange.Request.Url, UriKind.Absolute, out var url))
        {
            return;
        }

        var m = ImageServiceUrl().Match(url.AbsolutePath);
        if (m.Success && Parse(exchange.Response.Body) is { } record && record["id"] is not null)
        {
            _imageService[Uri.UnescapeDataString(m.Groups["id"].Value)] = record;
        }
    }

    /// <summary>The cross-exchange violations of a judged image-details exchange, by group.</summary>
    public Dictionary<string, List<Violation>> Check(Exchange exchange, ImageDetailsRequest request, Profile profile)
    {
        var found = new Dictionary<string, List<Violation>>(StringComparer.Ordinal);
        if (exchange.Probe is not null || exchange.Response.Status != 200 || exchange.Response.BodyProblem is not null || Parse(exchange.Response.Body)?["image"] is not JObject image)
        {
            return found;
        }

        var key = (request.ProjectId ?? string.Empty, request.ImageId.ToLowerInvariant(), request.Version);
        var otherVersion = request.Version == ApiVersion.V2 ? ApiVersion.V21 : ApiVersion.V2;
        if (_seen.Remove(key with { Version = otherVersion }, out var other))
        {
            found[CheckGroups.Consistency] = Capped(Consistency(image, other, request.Version, otherVersion));
        }
        else
        {
            _seen[key] = image;
        }

        if (ImageServiceName.AppliesTo(profile) && _imageService.TryGetValue(request.ImageId, out var record))
        {
            found[CheckGroups.ImageService] = Capped(ImageService(image, record, profile));
        }

        return found;
    }

    private static List<Violation> Capped(IEnumerable<Violation> violations)
    {
        var findings = new FindingsCap();
        findings.AddRange(violations);
        return findings.ToList();
    }

    private static IEnumerable<Violation> Consistency(JObject image, JObject other, ApiVersion version, ApiVersion otherVersion)
    {
        var a = Normalised(image);
        var b = Normalised(other);
        var fields = a.Properties().Select(p => p.Name).Union(b.Properties().Select(p => p.Name)).Order(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!JToken.DeepEquals(a[field], b[field]))
            {
                yield return new Violation(
                    "consistency.versions_agree",
                    $"image.{field}",
                    $"{version.Segment()}: {JudgeContext.Show(image[field])}; {otherVersion.Segment()}: {JudgeContext.Show(other[field])}",
                    "the same document through v2 and v2.1, apart from the version segment of hrefs (Nova serves both from one code path)");
            }
        }
    }

    /// <summary>The image with every href's version segment made neutral.</summary>
    private static JObject Normalised(JObject image)
    {
        var copy = (JObject)image.DeepClone();
        foreach (var href in copy.Descendants().OfType<JProperty>().Where(p => p.Name == "href" && p.Value.Type == JTokenType.String).ToList())
        {
            href.Value = VersionSegment().Replace(JsonValues.Text(href.Value)!, "/{version}/");
        }

        return copy;
    }

    private static IEnumerable<Violation> ImageService(JObject image, JObject record, Profile profile)
    {
        string Doc(string rule) => profile.Documented(rule);
        if (!JToken.DeepEquals(image["name"], record["name"] ?? JValue.CreateNull()))
        {
            yield return new Violation("image-service.name", "image.name", $"{JudgeContext.Show(image["name"])}; image service: {JudgeContext.Show(record["name"])}", Doc("image-service.name"));
        }

        foreach (var (field, glanceField, rule) in new[] { ("OS-EXT-IMG-SIZE:size", "size", "image-service.size"), ("minDisk", "min_disk", "image-service.min_disk"), ("minRam", "min_ram", "image-service.min_ram") })
        {
            // Compared as integers of any size: a value beyond 64 bits is body.range's finding, not a reason to stop.
            var expected = JsonValues.TryInteger(record[glanceField], out var v) ? v : System.Numerics.BigInteger.Zero;
            if (!JsonValues.TryInteger(image[field], out var actual) || actual != expected)
            {
                yield return new Violation(rule, $"image.{field}", $"{JudgeContext.Show(image[field])}; image service {glanceField}: {JudgeContext.Show(record[glanceField])}", Doc(rule));
            }
        }

        foreach (var (field, glanceField) in new[] { ("created", "created_at"), ("updated", "updated_at") })
        {
            var imageText = JsonValues.Text(image[field]);
            var recordText = JsonValues.Text(record[glanceField]);
            if (Contracts.Iso8601DateTime.TryParse(imageText, out var mine)
                && DateTimeOffset.TryParse(recordText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var theirs)
                && Math.Abs((mine - theirs).TotalSeconds) >= 1)
            {
                yield return new Violation("image-service.timestamps", $"image.{field}", $"{imageText}; image service {glanceField}: {recordText}", Doc("image-service.timestamps"));
            }
        }

        // The mapping is profile data (profile.json, imageServiceStates).
        var states = profile.Definition.ImageServiceStates;
        if ((states.TryGetValue(JsonValues.Text(record["status"]) ?? string.Empty, out var state) || states.TryGetValue("*", out state))
            && state is { Status: var status, Progress: var progress } && (JsonValues.Text(image["status"]) != status || !JsonValues.TryInt64(image["progress"], out var p) || p != progress))
        {
            yield return new Violation(
                "image-service.status",
                "image.status",
                $"{JudgeContext.Show(image["status"])} at progress {JudgeContext.Show(image["progress"])}; image service status {JudgeContext.Show(record["status"])} (expected {status} at {progress})",
                Doc("image-service.status"));
        }
    }

    private static bool AgreesWithImageService(Profile profile) => profile.Definition.ImageServiceAgreement;

    /// <summary>The body as the judge reads it (strict RFC 8259 JSON); null when it is not a JSON object.</summary>
    private static JObject? Parse(string body) => StrictJson.Parse(body, JudgeContext.MaxBodyDepth).Value as JObject;
}
