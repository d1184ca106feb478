using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Conformance.Core.Har;
using Conformance.Core.Masking;
using Conformance.Core.Settings;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Live;

/// <summary>
/// Talks to a live compute endpoint and records every exchange, Keystone's included, to a HAR file: the token
/// request, the version document, the image listing when images must be discovered, one GET per image and API
/// version, and the probes beyond the happy path. Only GETs reach the compute endpoint (and one POST to Keystone
/// for a token): nothing that changes state is ever sent. The recording is then judged like any other, so a
/// replay of it reaches the same verdicts.
/// </summary>
/// <remarks>
/// Each exchange is written to the recording as soon as it is the next in the planned order, and then dropped, so
/// memory does not grow with the number of images. An answer the suite cannot use (a Keystone token of the wrong
/// shape, an image listing that is not JSON, an image-service record with wrong types, a body that does not decode)
/// is recorded as it came with its problem (<see cref="LiveClient.Sent.Unusable"/>), so that exchange is broken and
/// the rest of the run goes on; a problem that makes the whole run impossible is a <see cref="LiveTargetException"/>.
/// When every image GET that should succeed is answered 401 or 403, the target refused the credentials and nothing
/// was judged: that too is a <see cref="LiveTargetException"/>, after the recording is written.
/// </remarks>
public sealed class LiveRun
{
    private const string Identity = "the identity service";
    private const string Compute = "the compute API";
    private const string ImageService = "the image service";

    private readonly LiveSettings _settings;
    private readonly ProfileDefinition _profile;
    private readonly TextWriter _log;
    private readonly HarWriter.Recording _recording;
    private readonly string _source;
    private int _imageAnswers;
    private int _imageRefusals;
    private readonly SortedSet<int> _refusalStatuses = [];
    private string? _challenge;

    private LiveRun(LiveSettings settings, ProfileDefinition profile, TextWriter log, HarWriter.Recording recording, string source)
    {
        _settings = settings;
        _profile = profile;
        _log = log;
        _recording = recording;
        _source = source;
    }

    /// <summary>
    /// Runs against the target and writes the HAR to <paramref name="harPath"/>, also when the run fails midway. The
    /// profile decides which probes are sent: only those whose answer its document settles.
    /// </summary>
    /// <exception cref="LiveTargetException">The target cannot be judged; the message says why (secrets masked).</exception>
    public static async Task RecordAsync(LiveSettings settings, string harPath, TextWriter log, ProfileDefinition profile)
    {
        Secrets.Register(settings.Credentials.Token);
        Secrets.Register(settings.Credentials.Password);
        using var recording = HarWriter.Open(harPath);
        var run = new LiveRun(settings, profile, log, recording, Path.GetFileName(harPath));
        try
        {
            using var client = new LiveClient(settings.Timeout, settings.Concurrency, settings.RateLimit, settings.CaFile);
            await run.RunAsync(client).ConfigureAwait(false);
        }
        catch (LiveTargetException e)
        {
            recording.Comment(e.Message);
            throw new LiveTargetException(e.Message, e.InnerException) { RecordingPath = harPath };
        }
        catch (Exception e)
        {
            // Never an exception of another type: the run is broken, with what happened (a suite bug, to report).
            var message = $"The live run stopped on an unexpected error ({e.GetType().Name}: {e.Message}); the recording so far was written";
            recording.Comment(Secrets.Mask(message));
            throw new LiveTargetException(message) { RecordingPath = harPath };
        }
    }

    private async Task RunAsync(LiveClient client)
    {
        var credentials = _settings.Credentials;
        if (credentials.Token is { } given && LiveInputs.HasControlCharacter(given))
        {
            throw new LiveTargetException($"The token ({credentials.Source}) holds a control character (a line break?), which no HTTP header may carry; it is not shown here: set it again on one line");
        }

        var (token, projectId, catalogCompute, catalogImage, catalogProblems) = await AuthenticateAsync(client).ConfigureAwait(false);
        projectId = _settings.ProjectId ?? projectId
            ?? throw new LiveTargetException($"The project is unknown: the token names no project{Also(catalogProblems)}; set ProjectId (CONFORMANCE_PROJECT_ID)");
        if (LiveInputs.SegmentProblem(projectId) is { } projectProblem)
        {
            throw new LiveTargetException($"The project id '{projectId}' cannot be used: {projectProblem}; set ProjectId (CONFORMANCE_PROJECT_ID)");
        }

        var compute = _settings.ComputeUrl is { } computeUrl ? Usable(computeUrl, "ComputeUrl (CONFORMANCE_COMPUTE_URL)") : catalogCompute;
        var root = ComputeRoot(compute
            ?? throw new LiveTargetException($"No compute endpoint: set ComputeUrl (CONFORMANCE_COMPUTE_URL), or give the {_settings.Interface} interface{(_settings.Region is null ? string.Empty : $" in region {_settings.Region}")} a compute entry in the service catalog{Also(catalogProblems)}"));
        Log($"live target: {root} (project {projectId}), {credentials}");

        await CheckVersionDocumentAsync(client, root).ConfigureAwait(false);
        var images = await ImagesAsync(client, root, projectId, token).ConfigureAwait(false);

        // The image service's own records first, so judging the recording in order can cross-check against them.
        var imageService = (_settings.ImageServiceUrl is { } imageServiceUrl ? Usable(imageServiceUrl, "ImageServiceUrl (CONFORMANCE_IMAGE_SERVICE_URL)") : catalogImage)?.TrimEnd('/');
        var plans = new List<Plan>();
        if (imageService is not null)
        {
            plans.AddRange(images.Select(image => new Plan(
                () => client.SendAsync("GET", $"{imageService}/v2/images/{Uri.EscapeDataString(image)}", Headers(token, ApiVersion.V2, null), service: ImageService),
                sent => CheckImageRecord(sent, image))));
        }

        foreach (var image in images)
        {
            foreach (var version in _settings.Versions)
            {
                plans.Add(new Plan(() => client.SendAsync("GET", ImageUrl(root, version, projectId, image), Headers(token, version, _settings.Microversion), service: Compute), CountImageAnswer));
            }
        }

        if (_settings.Probes)
        {
            plans.AddRange(Probes(client, root, projectId, token, images[0]).Select(p => new Plan(p, null)));
        }

        await RecordInOrderAsync(plans).ConfigureAwait(false);
        if (_imageAnswers > 0 && _imageRefusals == _imageAnswers)
        {
            throw new LiveTargetException(
                $"The target refused the credentials: all {_imageAnswers} image requests were answered HTTP {string.Join(" or ", _refusalStatuses)}"
                + $"{(_challenge is null ? string.Empty : $" (WWW-Authenticate: {_challenge})")}, so no image could be judged; check the token or the password, and the project ({credentials})");
        }
    }

    /// <summary>A request to make, and what to do with its answer before it is recorded.</summary>
    private sealed record Plan(Func<Task<LiveClient.Sent>> Start, Func<LiveClient.Sent, LiveClient.Sent>? Finish);

    /// <summary>
    /// Concurrent within the gate's limits, recorded in the order the requests were planned: a request is started
    /// only while at most the concurrency (plus one) are unrecorded, so a slow answer holds back a bounded number of
    /// finished ones, and each is written and dropped as soon as it is the next in order. Memory is then bounded by
    /// the concurrency, not by the number of images.
    /// </summary>
    private async Task RecordInOrderAsync(List<Plan> plans)
    {
        var window = new Queue<(Task<LiveClient.Sent> Sent, Plan Plan)>();
        var limit = _settings.Concurrency + 1;
        foreach (var plan in plans)
        {
            if (window.Count >= limit)
            {
                await RecordNextAsync(window).ConfigureAwait(false);
            }

            window.Enqueue((plan.Start(), plan));
        }

        while (window.Count > 0)
        {
            await RecordNextAsync(window).ConfigureAwait(false);
        }
    }

    private async Task RecordNextAsync(Queue<(Task<LiveClient.Sent> Sent, Plan Plan)> window)
    {
        var (task, plan) = window.Dequeue();
        var sent = await task.ConfigureAwait(false);
        Record(plan.Finish is null ? sent : plan.Finish(sent));
    }

    private void Record(LiveClient.Sent sent)
    {
        _recording.Add(sent.ToEntry(_source, _recording.Count));
        if (sent.Comment is { } comment)
        {
            Log($"{sent.Exchange.Request.Method} {sent.Exchange.Request.Url}: {comment}");
        }
    }

    private LiveClient.Sent CountImageAnswer(LiveClient.Sent sent)
    {
        if (sent.Answered)
        {
            _imageAnswers++;
            var status = sent.Exchange.Response.Status;
            if (status is 401 or 403)
            {
                _imageRefusals++;
                _refusalStatuses.Add(status);
                _challenge ??= sent.Exchange.Response.Headers.Get("WWW-Authenticate");
            }
        }

        return sent;
    }

    /// <summary>An image-service record the cross-checks cannot read is recorded as unusable, so it is never compared.</summary>
    private static LiveClient.Sent CheckImageRecord(LiveClient.Sent sent, string image)
    {
        var response = sent.Exchange.Response;
        if (!sent.Answered || response.Status != 200)
        {
            return sent;
        }

        var url = sent.Exchange.Request.Url;
        if (ParseObject(response.Body, out var reason) is not { } record)
        {
            return sent.Unusable($"{ImageService}'s record of image {image} (GET {url}) is not a JSON object ({reason}): it is not used to cross-check the image");
        }

        var problems = new List<string>();
        void Expect(string field, bool required, params JTokenType[] types)
        {
            var value = record[field];
            if (value is null)
            {
                if (required)
                {
                    problems.Add($"'{field}' is missing");
                }
            }
            else if (!types.Contains(value.Type))
            {
                problems.Add($"'{field}' is {Describe(value)}, not {string.Join(" or ", types.Select(Name))}");
            }
        }

        Expect("id", true, JTokenType.String);
        Expect("name", false, JTokenType.String, JTokenType.Null);
        Expect("status", true, JTokenType.String);
        foreach (var field in new[] { "size", "min_disk", "min_ram" })
        {
            Expect(field, false, JTokenType.Integer, JTokenType.Null);
        }

        Expect("created_at", false, JTokenType.String);
        Expect("updated_at", false, JTokenType.String);
        return problems.Count == 0
            ? sent
            : sent.Unusable($"{ImageService}'s record of image {image} (GET {url}) has the wrong types: {string.Join("; ", problems)}; it is not used to cross-check the image");
    }

    /// <summary>
    /// The probes beyond the happy path, on every API version asked for, each only where the profile's document
    /// settles its answer (<see cref="Probe.SettledBy"/>): no microversion probe for a document without microversions.
    /// </summary>
    private IEnumerable<Func<Task<LiveClient.Sent>>> Probes(LiveClient client, string root, string projectId, string? token, string image)
    {
        var unknown = Guid.NewGuid().ToString();
        var probes = new List<(Probe Probe, ApiVersion Version, string Image, string? Token, IReadOnlyList<KeyValuePair<string, string>>? Headers)>();
        foreach (var version in _settings.Versions)
        {
            probes.Add((new Probe("unknown-image", 404, "an image id that does not exist is answered 404 with an itemNotFound fault"), version, unknown, token, null));
            if (token is not null)
            {
                probes.Add((new Probe("bad-token", 401, "a token the identity service does not know is refused with 401"), version, image, "invalid-" + Guid.NewGuid().ToString("N"), null));
            }

            if (_settings.OtherProjectImageId is { } other)
            {
                probes.Add((new Probe("other-project-image", 404, "another project's private image is not found (404 itemNotFound), never shown"), version, other, token, null));
            }
        }

        if (_settings.Versions.Contains(ApiVersion.V21) && _profile.Microversions is { } range)
        {
            probes.Add((new Probe("microversion-2.36", 404, $"the image API is removed at compute microversion {range.ImageApiRemoved}, so v2.1 answers 404"), ApiVersion.V21, image, token, Headers(token, ApiVersion.V21, range.ImageApiRemoved)));
            probes.Add((new Probe("microversion-unsupported", 406, $"a compute microversion above the maximum ({range.Maximum}) is answered 406"), ApiVersion.V21, image, token, Headers(token, ApiVersion.V21, "2.999")));
            probes.Add((new Probe("microversion-malformed", 400, "a malformed microversion is answered 400"), ApiVersion.V21, image, token, Headers(token, ApiVersion.V21, "foo")));
        }

        if (_settings.Versions.Contains(ApiVersion.V2) && _profile.Microversions is { } v2Range)
        {
            probes.Add((new Probe("v2-ignores-microversion", 200, "v2 ignores microversion headers and still answers 200"), ApiVersion.V2, image, token, [.. Headers(token, ApiVersion.V2, null), new("OpenStack-API-Version", "compute " + v2Range.ImageApiRemoved)]));
        }

        foreach (var (probe, version, target, probeToken, headers) in probes.Where(p => p.Probe.SettledBy(_profile)))
        {
            yield return () => client.SendAsync("GET", ImageUrl(root, version, projectId, target), headers ?? Headers(probeToken, version, _settings.Microversion), probe: probe, service: Compute);
        }
    }

    private async Task<(string? Token, string? ProjectId, string? Compute, string? Image, List<string> Problems)> AuthenticateAsync(LiveClient client)
    {
        var credentials = _settings.Credentials;
        if (credentials.Token is not null && (credentials.AuthUrl is null || (_settings.ComputeUrl is not null && _settings.ProjectId is not null)))
        {
            return (credentials.Token, null, null, null, []);
        }

        var authUrl = credentials.AuthUrl!;
        if (UrlProblem(authUrl) is { } authProblem)
        {
            throw new LiveTargetException($"The identity service URL ({credentials.Source}) cannot be used: {authProblem}");
        }

        var tokens = IdentityRoot(new Uri(authUrl).AbsoluteUri) + "/auth/tokens";
        LiveClient.Sent sent;
        if (credentials.Token is not null)
        {
            sent = await client.SendAsync("GET", tokens, [new("Accept", "application/json"), new("X-Auth-Token", credentials.Token), new("X-Subject-Token", credentials.Token)], service: Identity).ConfigureAwait(false);
        }
        else
        {
            var scope = credentials.ProjectId is not null
                ? new JObject { ["project"] = new JObject { ["id"] = credentials.ProjectId } }
                : new JObject { ["project"] = new JObject { ["name"] = credentials.ProjectName, ["domain"] = new JObject { ["name"] = credentials.ProjectDomainName } } };
            var body = new JObject
            {
                ["auth"] = new JObject
                {
                    ["identity"] = new JObject
                    {
                        ["methods"] = new JArray("password"),
                        ["password"] = new JObject { ["user"] = new JObject { ["name"] = credentials.Username, ["domain"] = new JObject { ["name"] = credentials.UserDomainName }, ["password"] = credentials.Password } },
                    },
                    ["scope"] = scope,
                },
            };
            sent = await client.SendAsync("POST", tokens, [new("Accept", "application/json")], body.ToString(Formatting.None), service: Identity).ConfigureAwait(false);
        }

        var response = sent.Exchange.Response;
        if (response.TransportError is not null)
        {
            Record(sent);
            throw new LiveTargetException($"The identity service at {tokens} is unreachable: {response.TransportError}");
        }

        var token = credentials.Token ?? response.Headers.Get("X-Subject-Token");
        Secrets.Register(token);
        if (response.Status is 401 or 403)
        {
            Record(sent);
            throw new LiveTargetException($"The target refused the credentials: {sent.Exchange.Request.Method} {tokens} answered HTTP {response.Status} {response.StatusText} ({credentials})");
        }

        if (response.Status is not (200 or 201))
        {
            Record(sent);
            throw new LiveTargetException($"Authentication with {credentials} was refused: {tokens} answered HTTP {response.Status} {response.StatusText}");
        }

        if (string.IsNullOrEmpty(token))
        {
            Record(sent);
            throw new LiveTargetException($"{tokens} answered HTTP {response.Status} without an X-Subject-Token header");
        }

        var problems = new List<string>();
        var (project, compute, image) = ReadToken(response.Body, problems);
        Record(problems.Count == 0 ? sent : sent.Unusable($"{Identity}'s token at {tokens} is not entirely usable: {string.Join("; ", problems)}"));
        return (token, project, compute, image, problems);
    }

    /// <summary>The project and the catalog's compute and image URLs of a Keystone v3 token, each checked for shape.</summary>
    private (string? Project, string? Compute, string? Image) ReadToken(string body, List<string> problems)
    {
        if (ParseObject(body, out var reason) is not { } document)
        {
            problems.Add($"the body is not a JSON object ({reason}): is OS_AUTH_URL a Keystone v3 endpoint?");
            return (null, null, null);
        }

        if (document["token"] is not JObject token)
        {
            problems.Add($"'token' is {Describe(document["token"])}, not an object");
            return (null, null, null);
        }

        string? project = null;
        switch (token["project"])
        {
            case null or { Type: JTokenType.Null }:
                break;
            case JObject p when p["id"] is { Type: JTokenType.String } id && LiveInputs.SegmentProblem((string)id!) is null:
                project = (string)id!;
                break;
            case JObject p:
                problems.Add($"'token.project.id' is {Describe(p["id"])}, not a project id");
                break;
            case var other:
                problems.Add($"'token.project' is {Describe(other)}, not an object");
                break;
        }

        string? compute = null;
        string? image = null;
        switch (token["catalog"])
        {
            case null:
                break;
            case JArray catalog:
                compute = CatalogUrl(catalog, "compute", problems);
                image = CatalogUrl(catalog, "image", problems);
                break;
            case var other:
                problems.Add($"'token.catalog' is {Describe(other)}, not an array");
                break;
        }

        return (project, compute, image);
    }

    /// <summary>The first usable URL of the catalog's service of this type, interface and region; what is unusable is named.</summary>
    private string? CatalogUrl(JArray catalog, string type, List<string> problems)
    {
        string? found = null;
        for (var i = 0; i < catalog.Count; i++)
        {
            var where = $"'token.catalog[{i}]";
            if (catalog[i] is not JObject service)
            {
                Once(problems, $"{where}' is {Describe(catalog[i])}, not an object");
                continue;
            }

            if (service["type"] is not { Type: JTokenType.String } serviceType)
            {
                Once(problems, $"{where}.type' is {Describe(service["type"])}, not a string (entry ignored)");
                continue;
            }

            if ((string?)serviceType != type)
            {
                continue;
            }

            if (service["endpoints"] is not JArray endpoints)
            {
                problems.Add($"{where}.endpoints' ({type}) is {Describe(service["endpoints"])}, not an array");
                continue;
            }

            for (var j = 0; j < endpoints.Count; j++)
            {
                var at = $"{where}.endpoints[{j}]";
                if (endpoints[j] is not JObject endpoint)
                {
                    problems.Add($"{at}' ({type}) is {Describe(endpoints[j])}, not an object");
                    continue;
                }

                if (Text(endpoint["interface"]) != _settings.Interface
                    || (_settings.Region is not null && Text(endpoint["region"]) != _settings.Region && Text(endpoint["region_id"]) != _settings.Region))
                {
                    continue;
                }

                if (endpoint["url"] is not { Type: JTokenType.String } urlToken)
                {
                    problems.Add($"{at}.url' ({type}, {_settings.Interface}) is {Describe(endpoint["url"])}, not a URL");
                    continue;
                }

                var url = (string)urlToken!;
                if (UrlProblem(url) is { } urlProblem)
                {
                    problems.Add($"{at}.url' ({type}, {_settings.Interface}) is '{Secrets.WithoutUserInfo(url)}': {urlProblem}");
                    continue;
                }

                found ??= new Uri(url).AbsoluteUri;
            }
        }

        return found;
    }

    private async Task CheckVersionDocumentAsync(LiveClient client, string root)
    {
        var sent = await client.SendAsync("GET", root + "/", [new("Accept", "application/json")], service: Compute).ConfigureAwait(false);
        Record(sent);
        var response = sent.Exchange.Response;
        if (response.TransportError is not null)
        {
            throw new LiveTargetException($"The compute endpoint {root} is unreachable: {response.TransportError}");
        }

        if (ParseObject(response.Body, out _)?["versions"] is not JArray)
        {
            var type = response.Headers.Get("Content-Type") ?? "no Content-Type";
            throw new LiveTargetException($"{root} does not look like an OpenStack compute endpoint: GET {root}/ answered HTTP {response.Status} ({type}) without a JSON version document");
        }
    }

    /// <summary>The images to judge: from the settings, else the listing's first ones; an id no URL can carry is left out and said so.</summary>
    private async Task<IReadOnlyList<string>> ImagesAsync(LiveClient client, string root, string projectId, string? token)
    {
        if (_settings.ImageIds.Count > 0)
        {
            var usable = new List<string>();
            foreach (var id in _settings.ImageIds)
            {
                if (LiveInputs.SegmentProblem(id) is { } problem)
                {
                    var note = $"the image id '{id}' (ImageIds) is not requested: {problem}";
                    _recording.Comment(note);
                    Log(note);
                }
                else
                {
                    usable.Add(id);
                }
            }

            return usable.Count > 0 ? usable : throw new LiveTargetException($"No image id of ImageIds (CONFORMANCE_IMAGE_IDS) can be requested: {string.Join(", ", _settings.ImageIds.Select(i => $"'{i}'"))} are path dot segments or empty");
        }

        return await DiscoverImagesAsync(client, root, projectId, token).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> DiscoverImagesAsync(LiveClient client, string root, string projectId, string? token)
    {
        var url = $"{root}/v2.1/{Uri.EscapeDataString(projectId)}/images?limit={_settings.ImageLimit}";
        var sent = await client.SendAsync("GET", url, Headers(token, ApiVersion.V21, _settings.Microversion), service: Compute).ConfigureAwait(false);
        var response = sent.Exchange.Response;
        if (response.TransportError is null && response.Status is 401 or 403)
        {
            Record(sent);
            throw new LiveTargetException($"The target refused the credentials: GET {url} (the image listing) answered HTTP {response.Status}{(response.Headers.Get("WWW-Authenticate") is { } challenge ? $" (WWW-Authenticate: {challenge})" : string.Empty)}; check the token or the password, and the project ({_settings.Credentials})");
        }

        if (response.TransportError is not null || response.Status != 200)
        {
            Record(sent);
            throw new LiveTargetException($"Images could not be listed to choose what to judge: GET {url} answered {response.TransportError ?? $"HTTP {response.Status}"}; set ImageIds (CONFORMANCE_IMAGE_IDS)");
        }

        var what = $"{Compute}'s image listing (GET {url})";
        if (ParseObject(response.Body, out var reason) is not { } document || document["images"] is not JArray listed)
        {
            var problem = reason is null ? $"{what} has no 'images' array" : $"{what} is not a JSON object ({reason})";
            Record(sent.Unusable(problem));
            throw new LiveTargetException($"Images could not be listed to choose what to judge: {problem}; set ImageIds (CONFORMANCE_IMAGE_IDS)");
        }

        var ids = new List<string>();
        var problems = new List<string>();
        for (var i = 0; i < listed.Count && ids.Count < _settings.ImageLimit; i++)
        {
            var id = (listed[i] as JObject)?["id"];
            if (listed[i] is not JObject)
            {
                problems.Add($"images[{i}] is {Describe(listed[i])}, not an object");
            }
            else if (id is not { Type: JTokenType.String })
            {
                problems.Add(id is null ? $"images[{i}] has no id" : $"images[{i}].id is {Describe(id)}, not a string");
            }
            else if (LiveInputs.SegmentProblem((string)id!) is { } problem)
            {
                problems.Add($"images[{i}].id '{(string)id!}' is not requested: {problem}");
            }
            else
            {
                ids.Add((string)id!);
            }
        }

        Record(problems.Count == 0 ? sent : sent.Unusable($"{what} is not entirely usable: {string.Join("; ", problems)}; {(ids.Count == 0 ? "no image is left to judge" : $"the other {ids.Count} image(s) are judged")}"));
        return ids.Count > 0
            ? ids
            : throw new LiveTargetException(problems.Count > 0
                ? $"No image of {what} can be requested: {string.Join("; ", problems)}; set ImageIds (CONFORMANCE_IMAGE_IDS)"
                : $"The project {projectId} sees no image at {root}: set ImageIds (CONFORMANCE_IMAGE_IDS) or add an image");
    }

    private static List<KeyValuePair<string, string>> Headers(string? token, ApiVersion version, string? microversion)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Accept", "application/json") };
        if (token is not null)
        {
            headers.Add(new("X-Auth-Token", token));
        }

        if (version == ApiVersion.V21 && microversion is not null)
        {
            headers.Add(new("OpenStack-API-Version", $"compute {microversion}"));
        }

        return headers;
    }

    /// <summary>The image URL, project and image each percent-encoded as one path segment (a '/', '?', '#', '%' or space stays inside it).</summary>
    public static string ImageUrl(string root, ApiVersion version, string projectId, string image) =>
        $"{root}/{version.Segment()}/{Uri.EscapeDataString(projectId)}/images/{Uri.EscapeDataString(image)}";

    /// <summary>Why a configured or catalog URL cannot be used, or null: it must be absolute http(s), without user information, query or fragment.</summary>
    public static string? UrlProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || url.StartsWith('/'))
        {
            return "it is not an absolute URL";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"its scheme is {uri.Scheme}:, not http: or https:";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "it holds a user name or password (the suite never sends credentials in a URL)";
        }

        if (uri.Query.Length > 0 || url.Contains('?'))
        {
            return "it has a query string, which the suite cannot keep in the URLs it builds";
        }

        return uri.Fragment.Length > 0 || url.Contains('#') ? "it has a fragment ('#...')" : null;
    }

    private static string Usable(Uri url, string setting) =>
        UrlProblem(url.OriginalString) is { } problem
            ? throw new LiveTargetException($"{setting} is '{Secrets.WithoutUserInfo(url.GetLeftPart(UriPartial.Path))}', which cannot be used: {problem}")
            : url.AbsoluteUri;

    /// <summary><c>http://host:8774/v2.1/{project}</c> and the like become <c>http://host:8774</c>.</summary>
    public static string ComputeRoot(Uri url) => ComputeRoot(url.AbsoluteUri);

    /// <summary>The compute root of an endpoint URL given as text: everything before its <c>/v2</c> or <c>/v2.1</c> segment (the URL itself when it has none).</summary>
    /// <param name="url">An endpoint URL such as <c>http://host:8774/v2.1/{project}</c>.</param>
    public static string ComputeRoot(string url)
    {
        var trimmed = url.TrimEnd('/');
        var marker = trimmed.IndexOf("/v2", StringComparison.Ordinal);
        while (marker >= 0)
        {
            var rest = trimmed[(marker + 3)..];
            if (rest.Length == 0 || rest[0] == '/' || rest.StartsWith(".1", StringComparison.Ordinal))
            {
                return trimmed[..marker];
            }

            marker = trimmed.IndexOf("/v2", marker + 3, StringComparison.Ordinal);
        }

        return trimmed;
    }

    private static string IdentityRoot(string authUrl)
    {
        var trimmed = authUrl.TrimEnd('/');
        return trimmed.EndsWith("/v3", StringComparison.Ordinal) ? trimmed : trimmed + "/v3";
    }

    /// <summary>A JSON object, or null with the reason (not JSON, too deep, another JSON type).</summary>
    private static JObject? ParseObject(string body, out string? reason)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            var token = JToken.ReadFrom(reader);
            reason = token is JObject ? null : $"it is {Describe(token)}";
            return token as JObject;
        }
        catch (JsonException e)
        {
            reason = body.Length == 0 ? "the body is empty" : $"not JSON: {e.Message.Split(" Path '", 2)[0].TrimEnd('.')}";
            return null;
        }
    }

    private static string? Text(JToken? token) => token is { Type: JTokenType.String } ? (string?)token : null;

    /// <summary>A JSON value as a message names it: "a JSON number (7)", "null", "missing".</summary>
    private static string Describe(JToken? token) => token switch
    {
        null => "missing",
        { Type: JTokenType.Null } => "null",
        JObject => "a JSON object",
        JArray => "a JSON array",
        { Type: JTokenType.String } => $"a string ('{Secrets.Mask((string?)token)}')",
        _ => $"a JSON {Name(token.Type)} ({Secrets.Mask(token.ToString(Formatting.None))})",
    };

    private static string Name(JTokenType type) => type switch
    {
        JTokenType.Integer => "integer",
        JTokenType.Float => "number",
        JTokenType.Boolean => "boolean",
        JTokenType.String => "string",
        JTokenType.Null => "null",
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static void Once(List<string> problems, string problem)
    {
        if (!problems.Contains(problem))
        {
            problems.Add(problem);
        }
    }

    private static string Also(List<string> problems) => problems.Count == 0 ? string.Empty : $" ({Identity}'s token: {string.Join("; ", problems)})";

    private void Log(string line) => _log.WriteLine(Secrets.Mask(line));
}
