using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Conformance.Core.Exchanges;
using Newtonsoft.Json.Linq;

namespace Conformance.TestUtilities;

/// <summary>Conformant exchanges to start from, and the profiles, for the engine's own tests.</summary>
public static class Samples
{
    public const string Project = "ac876c7ddca5476294020be319b4b3bf";
    public const string ImageId = "70a599e0-31e7-49b7-b260-868f441e862b";
    public const string RequestId = "req-2baf7d90-c8c3-4419-b5c6-66bf0f286901";

    public static ProfileCatalog Profiles { get; } = new(Path.Combine(AppContext.BaseDirectory, "schemas"));

    /// <summary>The nova profile's data, as a live run is given it.</summary>
    public static ProfileDefinition Nova => Profiles.Get("nova").Definition;

    /// <summary>The body real Nova (Zed) sent for an active image on v2.1 (shared/corpus/local-nova).</summary>
    public static JObject NovaImage(string version = "v2.1") => JObject.Parse($$"""
        {"image": {"id": "{{ImageId}}", "name": "fakeimage7", "minRam": 0, "minDisk": 0,
          "metadata": {"architecture": "x86_64", "auto_disk_config": "True", "os_type": "linux"},
          "created": "2026-11-22T11:59:07Z", "updated": "2026-11-22T11:59:07Z", "status": "ACTIVE", "progress": 100,
          "OS-EXT-IMG-SIZE:size": 4096,
          "links": [
            {"rel": "self", "href": "http://127.0.0.1:18774/{{version}}/{{Project}}/images/{{ImageId}}"},
            {"rel": "bookmark", "href": "http://127.0.0.1:18774/{{Project}}/images/{{ImageId}}"},
            {"rel": "alternate", "type": "application/vnd.openstack.image", "href": "http://127.0.0.1:19292/images/{{ImageId}}"}],
          "OS-DCF:diskConfig": "AUTO"}
        }
        """);

    public static string Url(string version = "v2.1", string imageId = ImageId) =>
        $"http://127.0.0.1:18774/{version}/{Project}/images/{imageId}";

    public static List<KeyValuePair<string, string>> NovaHeaders(string version = "v2.1")
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
        if (version == "v2.1")
        {
            headers.Add(new("OpenStack-API-Version", "compute 2.1"));
            headers.Add(new("X-OpenStack-Nova-API-Version", "2.1"));
            headers.Add(new("Vary", "OpenStack-API-Version"));
            headers.Add(new("Vary", "X-OpenStack-Nova-API-Version"));
        }

        headers.Add(new("x-openstack-request-id", RequestId));
        headers.Add(new("x-compute-request-id", RequestId));
        return headers;
    }

    public static Exchange Exchange(
        string body,
        int status = 200,
        string version = "v2.1",
        IEnumerable<KeyValuePair<string, string>>? responseHeaders = null,
        IEnumerable<KeyValuePair<string, string>>? requestHeaders = null,
        string? url = null,
        bool headersRecorded = true) =>
        new(
            "sample.har",
            0,
            new RecordedRequest("GET", url ?? Url(version), new HeaderList(requestHeaders ?? [new("Accept", "application/json")])),
            new RecordedResponse(status, status == 200 ? "OK" : "Error", new HeaderList(responseHeaders ?? NovaHeaders(version)), body, headersRecorded));

    public static Verdict Judge(Exchange exchange, string profile = "nova")
    {
        if (!ImageDetailsRequest.TryParse(exchange.Request.Method, exchange.Request.Url, out var request, out var reason))
        {
            throw new InvalidOperationException(reason);
        }

        return new ExchangeJudge().Judge(exchange, request!, Profiles.Get(profile));
    }

    public static Verdict Judge(JObject body, string profile = "nova", string version = "v2.1") =>
        Judge(Exchange(body.ToString(Newtonsoft.Json.Formatting.None), version: version), profile);
}
