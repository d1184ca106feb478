using System.Text.RegularExpressions;
using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Checks;

/// <summary>
/// Checks that need more than one exchange of a recording: the same image through v2 and v2.1 must be the same
/// document apart from version-specific hrefs, unless the image changed between the two requests; and, under a
/// profile that ties the image to the image service (<c>nova</c>), the image must agree with the image service's own
/// record (Glance's <c>GET /v2/images/{id}</c>) when the recording holds it, before or after the image's entries.
/// Feed it every exchange of one recording in order (<see cref="Observe"/>, then <see cref="Judge"/> for an
/// image-details one, and <see cref="Finish"/> at the end): what waits for a partner is kept within a budget of
/// characters, and an entry that could not be kept is reported as not judged, never passed.
/// </summary>
public sealed partial class CrossChecks
{
    /// <summary>The documented text is the pairing's own: Nova serves v2 and v2.1 from one code path.</summary>
    public static readonly Rule VersionsAgree = new("consistency.versions_agree", "v2 and v2.1 describe the image differently", Severity.Failure, documentedKey: null);

    /// <summary>The image's <c>name</c> is the image service's <c>name</c>.</summary>
    public static readonly Rule ImageServiceName = new("image-service.name", "Name differs from the image service", Severity.Failure, AgreesWithImageService);
    /// <summary>The image's <c>OS-EXT-IMG-SIZE:size</c> is the image service's <c>size</c>, in bytes.</summary>
    public static readonly Rule ImageServiceSize = new("image-service.size", "Size differs from the image service", Severity.Failure, AgreesWithImageService);
    /// <summary>The image's <c>minDisk</c> is the image service's <c>min_disk</c>, in GiB.</summary>
    public static readonly Rule ImageServiceMinDisk = new("image-service.min_disk", "minDisk differs from the image service", Severity.Failure, AgreesWithImageService);
    /// <summary>The image's <c>minRam</c> is the image service's <c>min_ram</c>, in MiB.</summary>
    public static readonly Rule ImageServiceMinRam = new("image-service.min_ram", "minRam differs from the image service", Severity.Failure, AgreesWithImageService);
    /// <summary>The image's <c>created</c> and <c>updated</c> are the image service's <c>created_at</c> and <c>updated_at</c>.</summary>
    public static readonly Rule ImageServiceTimestamps = new("image-service.timestamps", "Timestamps differ from the image service", Severity.Failure, AgreesWithImageService);
    /// <summary>The image's <c>status</c> is the one Nova maps the image service's state to.</summary>
    public static readonly Rule ImageServiceStatus = new("image-service.status", "Status differs from the image service's state", Severity.Failure, AgreesWithImageService);

    /// <summary>The rules these checks can report (covered by CrossChecksTests rather than one-rule cases).</summary>
    public static IReadOnlyList<Rule> Reports { get; } =
        [VersionsAgree, ImageServiceName, ImageServiceSize, ImageServiceMinDisk, ImageServiceMinRam, ImageServiceTimestamps, ImageServiceStatus];

    /// <summary>
    /// How many characters of JSON may wait for a partner, for each kind of waiting: image-details answers waiting for
    /// the image service's record, and answers of one API version waiting for the other version's.
    /// </summary>
    public const int DefaultBudget = 8 * 1024 * 1024;

    /// <summary>How many images whose waiting entries had to be let go are remembered by name (the rest are counted).</summary>
    public const int RememberedDrops = 10_000;

    /// <summary>How far a server's clock may run ahead of the recording tool's when an <c>updated</c> is compared with a request's time.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Distinct answers kept per image and API version: past them, answers of that version are let go (and said).</summary>
    public const int DistinctAnswers = 16;

    /// <summary>The fields of an image-details answer the image-service comparison reads (nothing else is kept).</summary>
    private static readonly string[] ComparedFields = ["name", "OS-EXT-IMG-SIZE:size", "minDisk", "minRam", "created", "updated", "status", "progress"];

    /// <summary>The fields of an image-service record the comparison reads.</summary>
    private static readonly string[] RecordFields = ["name", "size", "min_disk", "min_ram", "created_at", "updated_at", "status"];

    private readonly int _budget;
    private readonly Dictionary<string, JObject> _imageService = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Waiting>> _waiting = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dropped> _dropped = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Project, string Image, ApiVersion Version), List<Answer>> _seen = [];
    private readonly HashSet<(string Project, string Image, ApiVersion Version)> _seenDropped = [];
    private long _waitingChars;
    private long _seenChars;
    private long _recordChars;
    private long _recordsLetGo;
    private long _forgotten;
    private string? _firstForgotten;
    private bool _recordAfterForgotten;
    private long _answersForgotten;
    private bool _forgotV2;
    private bool _forgotV21;
    private bool _otherVersionAfterForgotten;
    private string? _firstAnswerForgotten;
    private LastBody? _last;

    /// <param name="budget">Characters of JSON that may wait for a partner, per kind of waiting.</param>
    public CrossChecks(int budget = DefaultBudget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        _budget = budget;
    }

    [GeneratedRegex(@"/v2/images/(?<id>[^/?#]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ImageServiceUrl();

    [GeneratedRegex(@"/v\d+(\.\d+)?/", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSegment();

    /// <summary>
    /// Remembers an image-service record, when the exchange is one, and returns the image-service groups of the
    /// entries that came before it and waited for it.
    /// </summary>
    public IReadOnlyList<LateGroup> Observe(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.Request.Method != "GET" || exchange.Response.Status != 200 || exchange.Response.BodyProblem is not null || !Uri.TryCreate(exchange.Request.Url, UriKind.Absolute, out var url))
        {
            return [];
        }

        var m = ImageServiceUrl().Match(url.AbsolutePath);
        if (!m.Success || Parse(exchange.Response.Body) is not { } record || record["id"] is null)
        {
            return [];
        }

        var id = Uri.UnescapeDataString(m.Groups["id"].Value);
        var kept = Only(record, RecordFields);
        Keep(id, kept);
        _recordAfterForgotten |= _forgotten > 0;
        var late = new List<LateGroup>();
        if (_waiting.Remove(id, out var waiting))
        {
            foreach (var entry in waiting)
            {
                _waitingChars -= entry.Size;
                late.Add(entry.Late(ImageService(entry.Digest, kept, entry.Profile).ToList(), null));
            }
        }

        if (_dropped.Remove(id, out var dropped))
        {
            var more = dropped.Count > 1 ? $" (and {dropped.Count - 1} more entr{(dropped.Count == 2 ? "y" : "ies")} of this image up to {dropped.Last}, not judged either)" : string.Empty;
            late.Add(dropped.First.Late(
                [],
                $"the image service's record of this image comes later in the recording ({exchange.Name}), and this entry could not be kept until then: the entries waiting for their image's record had used the {_budget:N0} characters the suite keeps for them{more}"));
        }

        return late;
    }

    /// <summary>
    /// Keeps a record for the image's later entries while the budget allows; one let go still judges the entries
    /// that waited for it, and is counted for <see cref="Finish"/>.
    /// </summary>
    private void Keep(string id, JObject record)
    {
        var size = Size(record) + id.Length;
        var previous = _imageService.Remove(id, out var old) ? Size(old) + id.Length : 0;
        _recordChars -= previous;
        if (_recordChars + size <= _budget)
        {
            _recordChars += size;
            _imageService[id] = record;
        }
        else
        {
            _recordsLetGo++;
        }
    }

    /// <summary>The cross-exchange violations of a judged image-details exchange, by group (see <see cref="Judge"/>).</summary>
    public Dictionary<string, List<Violation>> Check(Exchange exchange, ImageDetailsRequest request, Profile profile) =>
        Judge(exchange, request, profile).Violations;

    /// <summary>
    /// The cross-exchange findings of a judged image-details exchange: violations by group, and groups it takes part
    /// in that could not be judged, with the reason. An answer whose image-service record has not been seen yet waits
    /// for it (its group comes from <see cref="Observe"/> when the record arrives).
    /// </summary>
    /// <param name="name">The entry's name in reports (default: the exchange's own).</param>
    /// <param name="line">The request and its answer in one line, for the late group's messages.</param>
    /// <param name="exchange">The image-details exchange, already judged on its own.</param>
    /// <param name="request">Its request, as parsed from the exchange's URL.</param>
    /// <param name="profile">The profile it is judged under; the image-service rules apply only where it ties the image to the image service.</param>
    public CrossFindings Judge(Exchange exchange, ImageDetailsRequest request, Profile profile, string? name = null, string? line = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(profile);
        var found = new CrossFindings();
        if (exchange.Probe is not null || exchange.Response.Status != 200 || exchange.Response.BodyProblem is not null || ImageOf(exchange.Response.Body) is not { } read)
        {
            return found;
        }

        name ??= exchange.Name;
        line ??= $"{exchange.Request.Method} {exchange.Request.Url} answered {exchange.Response.Status}";
        var image = read.Image;
        JudgeVersions(exchange, request, read, found);

        if (!ImageServiceName.AppliesTo(profile))
        {
            return found;
        }

        if (_imageService.TryGetValue(request.ImageId, out var record))
        {
            found.Violations[CheckGroups.ImageService] = Capped(ImageService(image, record, profile));
            return found;
        }

        var digest = Only(image, ComparedFields);
        var size = Size(digest) + name.Length + line.Length;
        if (_dropped.TryGetValue(request.ImageId, out var dropped))
        {
            // Once one entry of an image was let go, later ones are too: the first stands for them all.
            _dropped[request.ImageId] = dropped with { Count = dropped.Count + 1, Last = name };
        }
        else if (_waitingChars + size <= _budget)
        {
            _waitingChars += size;
            var entry = new Waiting(name, request.Version, line, profile, digest, size);
            if (_waiting.TryGetValue(request.ImageId, out var list))
            {
                list.Add(entry);
            }
            else
            {
                _waiting[request.ImageId] = [entry];
            }
        }
        else if (_dropped.Count < RememberedDrops)
        {
            _dropped[request.ImageId] = new Dropped(new Waiting(name, request.Version, line, profile, new JObject(), 0), 1, name);
        }
        else
        {
            _firstForgotten ??= name;
            _forgotten++;
        }

        return found;
    }

    /// <summary>
    /// At the end of the recording: what could not be reported by entry, in words, or null. Entries still waiting
    /// for a record that never came get no image-service group (there was nothing to compare them with), unless a
    /// record had to be let go: then it may have been theirs.
    /// </summary>
    public string? Finish()
    {
        var problems = new List<string>();
        if (_forgotten > 0 && _recordAfterForgotten)
        {
            problems.Add($"{_forgotten:N0} image-details entr{(_forgotten == 1 ? "y" : "ies")} from {_firstForgotten} on could not be kept to be compared with image-service records that come later in the recording (the suite keeps {_budget:N0} characters of waiting entries and remembers {RememberedDrops:N0} images by name): those whose record came later were not compared with it");
        }

        var waitingAtEnd = _waiting.Values.Sum(list => (long)list.Count) + _dropped.Values.Sum(d => (long)d.Count) + (_forgotten > 0 && !_recordAfterForgotten ? _forgotten : 0);
        if (_recordsLetGo > 0 && waitingAtEnd > 0)
        {
            problems.Add($"{_recordsLetGo:N0} image-service record{(_recordsLetGo == 1 ? " was" : "s were")} not kept for later entries (the suite keeps {_budget:N0} characters of records), and {waitingAtEnd:N0} image-details entr{(waitingAtEnd == 1 ? "y" : "ies")} found no record: those whose record was let go were not compared with it");
        }

        // Forgotten answers matter only when answers of the other version came after them (a capture of one version,
        // however many images, loses nothing).
        if (_answersForgotten > 0 && _otherVersionAfterForgotten)
        {
            problems.Add($"{_answersForgotten:N0} answer{(_answersForgotten == 1 ? string.Empty : "s")} from {_firstAnswerForgotten} on could not be kept for their other API version (the suite keeps {_budget:N0} characters of waiting answers and remembers {RememberedDrops:N0} by name), and answers of the other version came after them: those of the same image were not compared");
        }

        _waiting.Clear();
        _dropped.Clear();
        _seen.Clear();
        _seenDropped.Clear();
        _imageService.Clear();
        _waitingChars = _seenChars = _recordChars = 0;
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>
    /// Compares the answer with every distinct answer of the image's other API version seen so far (in any order: the
    /// first to come waits for the other), and keeps it, unless an equal answer of its version is kept already. One
    /// answer that disagrees with any of them fails, unless the two show the image changed between the requests.
    /// </summary>
    private void JudgeVersions(Exchange exchange, ImageDetailsRequest request, LastBody read, CrossFindings found)
    {
        var key = (request.ProjectId ?? string.Empty, request.ImageId.ToLowerInvariant(), request.Version);
        var otherKey = key with { Version = request.Version == ApiVersion.V2 ? ApiVersion.V21 : ApiVersion.V2 };
        var current = new Answer(request.Version, read.Image, read.Normal, exchange.Started, exchange.Index, 0);
        var otherDropped = _seenDropped.Contains(otherKey);
        if (request.Version == ApiVersion.V2 ? _forgotV21 : _forgotV2)
        {
            // An answer of the other version than some forgotten one: it may have been their partner.
            _otherVersionAfterForgotten = true;
        }

        if (_seen.TryGetValue(otherKey, out var others))
        {
            List<Violation>? failed = null;
            string? changed = null;
            foreach (var other in others)
            {
                var violations = Capped(Consistency(current, other));
                if (violations.Count == 0)
                {
                    continue;
                }

                if (Changed(other, current) is { } change)
                {
                    var fields = string.Join(", ", violations.Select(v => v.Where).Distinct().Take(5));
                    changed ??= $"the two answers were not compared: the image changed between the requests ({change}); they differ in {fields}{(violations.Count > 5 ? ", ..." : string.Empty)}";
                    continue;
                }

                failed = violations;
                break;
            }

            if (failed is not null || (changed is null && !otherDropped))
            {
                found.Violations[CheckGroups.Consistency] = failed ?? [];
            }
            else
            {
                found.NotJudged[CheckGroups.Consistency] = changed ?? DroppedReason(otherKey);
            }
        }
        else if (otherDropped)
        {
            found.NotJudged[CheckGroups.Consistency] = DroppedReason(otherKey);
        }

        Keep(key, current, exchange.Name);
    }

    private string DroppedReason((string Project, string Image, ApiVersion Version) otherKey) =>
        $"a {otherKey.Version.Segment()} answer of this image, earlier in the recording, could not be kept until this one: the answers waiting for their other version had used the {_budget:N0} characters (or the {DistinctAnswers} distinct answers per image and version) the suite keeps for them";

    /// <summary>Keeps an answer for the other version's answers to come, unless an equal one is kept (within the budget).</summary>
    private void Keep((string Project, string Image, ApiVersion Version) key, Answer current, string name)
    {
        if (!_seen.TryGetValue(key, out var kept))
        {
            kept = [];
            _seen[key] = kept;
        }

        if (kept.Any(k => JToken.DeepEquals(k.Normal, current.Normal)))
        {
            return;
        }

        var size = Size(current.Image);
        if (kept.Count < DistinctAnswers && _seenChars + size <= _budget)
        {
            _seenChars += size;
            kept.Add(current with { Size = size });
        }
        else if (_seenDropped.Count < RememberedDrops || _seenDropped.Contains(key))
        {
            _seenDropped.Add(key);
        }
        else
        {
            _firstAnswerForgotten ??= name;
            _answersForgotten++;
            _forgotV2 |= key.Version == ApiVersion.V2;
            _forgotV21 |= key.Version == ApiVersion.V21;
        }
    }

    /// <summary>
    /// How the image changed between the two requests, when the answers show it: the later answer's <c>updated</c>
    /// is later than the earlier one's, or an <c>updated</c> lies between the times the two requests were sent.
    /// </summary>
    private static string? Changed(Answer a, Answer b)
    {
        var (earlier, later) = a.Started is { } sa && b.Started is { } sb && sa != sb
            ? (sa < sb ? (a, b) : (b, a))
            : (a.Index <= b.Index ? (a, b) : (b, a));
        var first = JsonValues.Text(earlier.Image["updated"]);
        var second = JsonValues.Text(later.Image["updated"]);
        var parsedFirst = Contracts.Iso8601DateTime.TryParse(first, out var u1);
        var parsedSecond = Contracts.Iso8601DateTime.TryParse(second, out var u2);
        string Said() => $"{earlier.Version.Segment()}{At(earlier)} says updated {first}, {later.Version.Segment()}{At(later)} says updated {second}";
        // An update the later answer dates after its own request was sent (beyond a few minutes of clock skew) is no
        // evidence of a change between the requests: it is a timestamp that cannot be right.
        if (parsedFirst && parsedSecond && u2 > u1 && !(later.Started is { } sent && u2 > sent + ClockSkew))
        {
            return Said();
        }

        if (earlier.Started is { } s1 && later.Started is { } s2 && s1 < s2
            && ((parsedFirst && s1 <= u1 && u1 <= s2) || (parsedSecond && s1 <= u2 && u2 <= s2)))
        {
            return Said() + ", an update between the two requests";
        }

        return null;

        static string At(Answer answer) => answer.Started is { } t
            ? $" (requested {t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)})"
            : string.Empty;
    }

    private static List<Violation> Capped(IEnumerable<Violation> violations)
    {
        var findings = new FindingsCap();
        findings.AddRange(violations);
        return findings.ToList();
    }

    private static IEnumerable<Violation> Consistency(Answer current, Answer other)
    {
        var (image, version) = (current.Image, current.Version);
        var (otherImage, otherVersion) = (other.Image, other.Version);
        var a = current.Normal;
        var b = other.Normal;
        var fields = a.Properties().Select(p => p.Name).Union(b.Properties().Select(p => p.Name)).Order(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!JToken.DeepEquals(a[field], b[field]))
            {
                yield return new Violation(
                    "consistency.versions_agree",
                    $"image.{field}",
                    $"{version.Segment()}: {JudgeContext.Show(image[field])}; {otherVersion.Segment()}: {JudgeContext.Show(otherImage[field])}",
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

    /// <summary>A copy of the object with only the named properties (those present).</summary>
    private static JObject Only(JObject source, string[] names)
    {
        var copy = new JObject();
        foreach (var name in names)
        {
            if (source.Property(name, StringComparison.Ordinal) is { } property)
            {
                copy.Add(name, property.Value.DeepClone());
            }
        }

        return copy;
    }

    /// <summary>What a kept object costs, in characters of compact JSON.</summary>
    private static int Size(JObject value) => value.ToString(Newtonsoft.Json.Formatting.None).Length;

    private static bool AgreesWithImageService(Profile profile) => profile.Definition.ImageServiceAgreement;

    /// <summary>The body as the judge reads it (strict RFC 8259 JSON); null when it is not a JSON object.</summary>
    private static JObject? Parse(string body) => StrictJson.Parse(body, JudgeContext.MaxBodyDepth).Value as JObject;

    /// <summary>
    /// The body's <c>image</c> object, parsed, with its normal form; the last body's are kept, so that a body equal to
    /// the one before (a client polling an image) is neither parsed nor copied again. The objects are only read, never
    /// changed, so answers may share them.
    /// </summary>
    private LastBody? ImageOf(string body)
    {
        if (_last is { } last && string.Equals(last.Body, body, StringComparison.Ordinal))
        {
            return last;
        }

        if (Parse(body)?["image"] is not JObject image)
        {
            return null;
        }

        var read = new LastBody(body, image, Normalised(image));
        _last = body.Length <= BodyMemo.MaxBodyChars ? read : null;
        return read;
    }

    /// <summary>An image-details body read: its text, its image and the image's normal form.</summary>
    private sealed record LastBody(string Body, JObject Image, JObject Normal);

    /// <summary>The cross-exchange findings of one exchange: violations by group, and groups not judged with the reason.</summary>
    public sealed class CrossFindings
    {
        /// <summary>The violations found, by check group (<see cref="CheckGroups.Consistency"/>, <see cref="CheckGroups.ImageService"/>).</summary>
        public Dictionary<string, List<Violation>> Violations { get; } = new(StringComparer.Ordinal);

        /// <summary>The groups that could not be judged, with the reason a report shows.</summary>
        public Dictionary<string, string> NotJudged { get; } = new(StringComparer.Ordinal);

        /// <summary>True when nothing was found and nothing was left unjudged.</summary>
        public bool IsEmpty => Violations.Count == 0 && NotJudged.Count == 0;
    }

    /// <summary>
    /// The image-service group of an entry judged earlier, known only once the image's record came later in the
    /// recording: the entry's name, its request line and a verdict of that one group.
    /// </summary>
    /// <param name="Exchange">The earlier entry's name.</param>
    /// <param name="Request">Its request and answer in one line.</param>
    /// <param name="Verdict">The verdict of its image-service group alone.</param>
    public sealed record LateGroup(string Exchange, string Request, Verdict Verdict);

    /// <summary>An answer of one API version waiting for the other version's.</summary>
    private sealed record Answer(ApiVersion Version, JObject Image, JObject Normal, DateTimeOffset? Started, int Index, int Size);

    /// <summary>An image-details entry waiting for its image's record: the compared fields and how to name it.</summary>
    private sealed record Waiting(string Name, ApiVersion Version, string Line, Profile Profile, JObject Digest, int Size)
    {
        public LateGroup Late(List<Violation> violations, string? notJudged)
        {
            var capped = Capped(violations);
            var reasons = notJudged is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [CheckGroups.ImageService] = notJudged };
            return new LateGroup(Name, Line, new Verdict(Name, Version, Profile.Name, [CheckGroups.ImageService], capped, reasons));
        }
    }

    /// <summary>The entries of one image let go while waiting: the first (which reports), how many, and the last.</summary>
    private sealed record Dropped(Waiting First, int Count, string Last);
}
