using Conformance.Core.Exchanges;
using Conformance.Core.Har;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Live;

/// <summary>
/// Talks to a live compute endpoint and records every exchange, Keystone's included, to a HAR file: the token
/// request, the version document, the image listing when images must be discovered, one GET per image and API
/// version, and the probes beyond the happy path. Only GETs reach the compute endpoint (and one POST to Keystone
/// for a token): nothing that changes state is ever sent. The recording is then judged like any other, so a
/// replay of it reaches the same verdicts.
/// </summary>
public sealed class LiveRun
{
    private readonly LiveSettings _settings;
    private readonly List<LiveClient.Sent> _recorded = [];
    private readonly TextWriter _log;

    private LiveRun(LiveSettings settings, TextWriter log)
    {
        _settings = settings;
        _log = log;
    }

    /// <summary>Runs against the target and writes the HAR to <paramref name="harPath"/>, also when the run fails midway.</summary>
    public static async Task RecordAsync(LiveSettings settings, string harPath, TextWriter log)
    {
        var run = new LiveRun(settings, log);
        using var client = new LiveClient(settings.Timeout, settings.Concurrency, settings.RateLimit, settings.CaFile);
        try
        {
            await run.RunAsync(client).ConfigureAwait(false);
        }
        finally
        {
            var source = Path.GetFileName(harPath);
            HarWriter.Write(harPath, run._recorded.Select((s, i) => (s.Exchange with { Source = source, Index = i }, s.Started, s.Milliseconds)));
        }
    }

    private async Task RunAsync(LiveClient client)
    {
        var (token, projectId, catalogCompute, catalogImage) = await AuthenticateAsync(client).ConfigureAwait(false);
        projectId = _settings.ProjectId ?? projectId
            ?? throw new LiveTargetException("The project is unknown: the token names no project; set ProjectId (CONFORMANCE_PROJECT_ID)");
        var root = ComputeRoot(_settings.ComputeUrl?.ToString() ?? catalogCompute
            ?? throw new LiveTargetException($"No compute endpoint: set ComputeUrl (CONFORMANCE_COMPUTE_URL), or give the {_settings.Interface} interface{(_settings.Region is null ? string.Empty : $" in region {_settings.Region}")} a compute entry in the service catalog"));
        _log.WriteLine($"live target: {root} (project {projectId}), {_settings.Credentials}");

        await CheckVersionDocumentAsync(client, root).ConfigureAwait(false);
        var images = _settings.ImageIds.Count > 0 ? _settings.ImageIds : await DiscoverImagesAsync(client, root, projectId, token).ConfigureAwait(false);

        // The image service's own records first, so judging the recording in order can cross-check against them.
        var imageService = (_settings.ImageServiceUrl?.ToString() ?? catalogImage)?.TrimEnd('/');
        if (imageService is not null)
        {
            var records = await Task.WhenAll(images.Select(image =>
                client.SendAsync("GET", $"{imageService}/v2/images/{Uri.EscapeDataString(image)}", Headers(token, ApiVersion.V2, null)))).ConfigureAwait(false);
            _recorded.AddRange(records);
        }

        var requests = new List<Func<Task<LiveClient.Sent>>>();
        foreach (var image in images)
        {
            foreach (var version in _settings.Versions)
            {
                requests.Add(() => client.SendAsync("GET", ImageUrl(root, version, projectId, image), Headers(token, version, _settings.Microversion)));
            }
        }

        if (_settings.Probes)
        {
            requests.AddRange(Probes(client, root, projectId, token, images[0]));
        }

        // Concurrent within the gate's limits; recorded in the order the requests were planned.
        var results = await Task.WhenAll(requests.Select(r => r())).ConfigureAwait(false);
        _recorded.AddRange(results);
    }

    private IEnumerable<Func<Task<LiveClient.Sent>>> Probes(LiveClient client, string root, string projectId, string? token, string image)
    {
        var unknown = Guid.NewGuid().ToString();
        foreach (var version in _settings.Versions)
        {
            yield return () => client.SendAsync("GET", ImageUrl(root, version, projectId, unknown), Headers(token, version, _settings.Microversion),
                probe: new Probe("unknown-image", 404, "an image id that does not exist is answered 404 with an itemNotFound fault"));
        }

        var first = _settings.Versions[0];
        if (token is not null)
        {
            yield return () => client.SendAsync("GET", ImageUrl(root, first, projectId, image), Headers("invalid-" + Guid.NewGuid().ToString("N"), first, _settings.Microversion),
                probe: new Probe("bad-token", 401, "a token the identity service does not know is refused with 401"));
        }

        if (_settings.Versions.Contains(ApiVersion.V2_1))
        {
            yield return () => client.SendAsync("GET", ImageUrl(root, ApiVersion.V2_1, projectId, image), Headers(token, ApiVersion.V2_1, "2.36"),
                probe: new Probe("microversion-2.36", 404, "the image API is removed at compute microversion 2.36, so v2.1 answers 404"));
            yield return () => client.SendAsync("GET", ImageUrl(root, ApiVersion.V2_1, projectId, image), Headers(token, ApiVersion.V2_1, "2.999"),
                probe: new Probe("microversion-unsupported", 406, "a compute microversion above the maximum is answered 406"));
            yield return () => client.SendAsync("GET", ImageUrl(root, ApiVersion.V2_1, projectId, image), Headers(token, ApiVersion.V2_1, "foo"),
                probe: new Probe("microversion-malformed", 400, "a malformed microversion is answered 400"));
        }

        if (_settings.Versions.Contains(ApiVersion.V2))
        {
            yield return () => client.SendAsync("GET", ImageUrl(root, ApiVersion.V2, projectId, image), [.. Headers(token, ApiVersion.V2, null), new("OpenStack-API-Version", "compute 2.36")],
                probe: new Probe("v2-ignores-microversion", 200, "v2 ignores microversion headers and still answers 200"));
        }
    }

    private async Task<(string? Token, string? ProjectId, string? Compute, string? Image)> AuthenticateAsync(LiveClient client)
    {
        var credentials = _settings.Credentials;
        if (credentials.Token is not null && (credentials.AuthUrl is null || (_settings.ComputeUrl is not null && _settings.ProjectId is not null)))
        {
            return (credentials.Token, null, null, null);
        }

        var tokens = Identity(credentials.AuthUrl!) + "/auth/tokens";
        LiveClient.Sent sent;
        if (credentials.Token is not null)
        {
            sent = await client.SendAsync("GET", tokens, [new("Accept", "application/json"), new("X-Auth-Token", credentials.Token), new("X-Subject-Token", credentials.Token)]).ConfigureAwait(false);
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
            sent = await client.SendAsync("POST", tokens, [new("Accept", "application/json")], body.ToString(Formatting.None)).ConfigureAwait(false);
        }

        _recorded.Add(sent);
        var response = sent.Exchange.Response;
        if (response.TransportError is not null)
        {
            throw new LiveTargetException($"The identity service at {tokens} is unreachable: {response.TransportError}");
        }

        if (response.Status is not (200 or 201))
        {
            throw new LiveTargetException($"Authentication with {credentials} was refused: {tokens} answered HTTP {response.Status} {response.StatusText}");
        }

        var token = credentials.Token ?? response.Headers.Get("X-Subject-Token")
            ?? throw new LiveTargetException($"{tokens} answered HTTP {response.Status} without an X-Subject-Token header");
        JObject? tokenBody;
        try
        {
            tokenBody = JObject.Parse(response.Body)["token"] as JObject;
        }
        catch (JsonException)
        {
            throw new LiveTargetException($"{tokens} answered HTTP {response.Status} with a body that is not JSON: is OS_AUTH_URL a Keystone v3 endpoint?");
        }

        var project = (string?)tokenBody?["project"]?["id"];
        var catalog = tokenBody?["catalog"] as JArray;
        return (token, project, CatalogUrl(catalog, "compute"), CatalogUrl(catalog, "image"));
    }

    private string? CatalogUrl(JArray? catalog, string type)
    {
        var endpoints = catalog?.OfType<JObject>().FirstOrDefault(s => (string?)s["type"] == type)?["endpoints"] as JArray;
        return endpoints?.OfType<JObject>()
            .Where(e => (string?)e["interface"] == _settings.Interface)
            .Where(e => _settings.Region is null || (string?)e["region"] == _settings.Region || (string?)e["region_id"] == _settings.Region)
            .Select(e => (string?)e["url"])
            .FirstOrDefault(u => u is not null);
    }

    private async Task CheckVersionDocumentAsync(LiveClient client, string root)
    {
        var sent = await client.SendAsync("GET", root + "/", [new("Accept", "application/json")]).ConfigureAwait(false);
        _recorded.Add(sent);
        var response = sent.Exchange.Response;
        if (response.TransportError is not null)
        {
            throw new LiveTargetException($"The compute endpoint {root} is unreachable: {response.TransportError}");
        }

        JToken? versions = null;
        try
        {
            versions = JObject.Parse(response.Body)["versions"];
        }
        catch (JsonException)
        {
            // Not JSON: reported below.
        }

        if (versions is not JArray)
        {
            var type = response.Headers.Get("Content-Type") ?? "no Content-Type";
            throw new LiveTargetException($"{root} does not look like an OpenStack compute endpoint: GET {root}/ answered HTTP {response.Status} ({type}) without a JSON version document");
        }
    }

    private async Task<IReadOnlyList<string>> DiscoverImagesAsync(LiveClient client, string root, string projectId, string? token)
    {
        var url = $"{root}/v2.1/{projectId}/images?limit={_settings.ImageLimit}";
        var sent = await client.SendAsync("GET", url, Headers(token, ApiVersion.V2_1, _settings.Microversion)).ConfigureAwait(false);
        _recorded.Add(sent);
        var response = sent.Exchange.Response;
        if (response.TransportError is not null || response.Status != 200)
        {
            throw new LiveTargetException($"Images could not be listed to choose what to judge: GET {url} answered {(response.TransportError ?? $"HTTP {response.Status}")}; set ImageIds (CONFORMANCE_IMAGE_IDS)");
        }

        var ids = (JObject.Parse(response.Body)["images"] as JArray)?.Select(i => (string?)i["id"]).OfType<string>().Take(_settings.ImageLimit).ToList() ?? [];
        return ids.Count > 0 ? ids : throw new LiveTargetException($"The project {projectId} sees no image at {root}: set ImageIds (CONFORMANCE_IMAGE_IDS) or add an image");
    }

    private static List<KeyValuePair<string, string>> Headers(string? token, ApiVersion version, string? microversion)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Accept", "application/json") };
        if (token is not null)
        {
            headers.Add(new("X-Auth-Token", token));
        }

        if (version == ApiVersion.V2_1 && microversion is not null)
        {
            headers.Add(new("OpenStack-API-Version", $"compute {microversion}"));
        }

        return headers;
    }

    private static string ImageUrl(string root, ApiVersion version, string projectId, string image) =>
        $"{root}/{version.Segment()}/{Uri.EscapeDataString(projectId)}/images/{Uri.EscapeDataString(image)}";

    /// <summary><c>http://host:8774/v2.1/{project}</c> and the like become <c>http://host:8774</c>.</summary>
    public static string ComputeRoot(Uri url) => ComputeRoot(url.ToString());

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

    private static string Identity(string authUrl)
    {
        var trimmed = authUrl.TrimEnd('/');
        return trimmed.EndsWith("/v3", StringComparison.Ordinal) ? trimmed : trimmed + "/v3";
    }
}
