using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.TestUtilities;

/// <summary>
/// A mutable exchange to break one rule at a time: start from a conformant exchange of a profile, change one thing,
/// judge it.
/// </summary>
public sealed class Draft
{
    public required string Profile { get; init; }

    public string Url { get; set; } = Samples.Url();

    public int Status { get; set; } = 200;

    public JObject? Body { get; set; }

    /// <summary>When set, sent instead of <see cref="Body"/>.</summary>
    public string? RawBody { get; set; }

    public List<KeyValuePair<string, string>> RequestHeaders { get; } = [new("Accept", "application/json")];

    public List<KeyValuePair<string, string>> ResponseHeaders { get; } = [];

    public Probe? Probe { get; set; }

    public JObject Image => (JObject)Body!["image"]!;

    public JArray Links => (JArray)Image["links"]!;

    /// <summary>Nova (Zed) answering v2.1 (or v2) for an active image, as captured from a real deployment.</summary>
    public static Draft Nova() => Nova("v2.1");

    public static Draft Nova(string version)
    {
        var draft = new Draft { Profile = "nova", Url = Samples.Url(version), Body = Samples.NovaImage(version) };
        draft.ResponseHeaders.AddRange(Samples.NovaHeaders(version));
        return draft;
    }

    /// <summary>The Huawei document's example response, with a request URL that agrees with its links.</summary>
    public static Draft Huawei()
    {
        const string project = "719e9483f42d4784a089862ac4c3e8d0";
        const string id = "17a1890b-0fa4-485e-8505-14e294017988";
        var body = JObject.Parse($$"""
            {"image": {"status": "ACTIVE", "updated": "2015-12-27T02:52:25Z", "name": "cirror",
              "links": [
                {"href": "https://compute.localdomain.com:8001/v2/{{project}}/images/{{id}}", "rel": "self"},
                {"href": "https://compute.localdomain.com:8001/{{project}}/images/{{id}}", "rel": "bookmark"},
                {"href": "https://image.az2.dc1.domainname.com:443/{{project}}/images/{{id}}", "type": "application/vnd.openstack.image", "rel": "alternate"}],
              "created": "2015-12-27T02:52:24Z", "minDisk": 1, "progress": 100, "minRam": 512,
              "metadata": {"__os_version": "CentOS 4.4 32bit", "file_format": "img", "hw_disk_bus": "scsi"},
              "id": "{{id}}", "OS-EXT-IMG-SIZE:size": 13167616}
            }
            """);
        var draft = new Draft { Profile = "huawei-ecs", Url = $"https://compute.localdomain.com:8001/v2/{project}/images/{id}", Body = body };
        draft.ResponseHeaders.Add(new("Content-Type", "application/json"));
        return draft;
    }

    /// <summary>A Rackspace snapshot image with the headers the Rackspace document shows.</summary>
    public static Draft Rackspace()
    {
        const string tenant = "123456";
        const string id = "e19a734c-c7e6-443a-830c-242209c4d65d";
        const string server = "52415800-8b69-11e0-9b19-734f6af67565";
        var body = JObject.Parse($$"""
            {"image": {"status": "ACTIVE", "updated": "2013-06-04T20:34:21Z", "id": "{{id}}", "OS-EXT-IMG-SIZE:size": 5562828800,
              "name": "snapshot", "created": "2013-06-04T20:33:47Z", "minDisk": 20, "progress": 100, "minRam": 512,
              "OS-DCF:diskConfig": "MANUAL",
              "server": {"id": "{{server}}", "links": [
                {"href": "https://dfw.servers.api.rackspacecloud.com/v2/{{tenant}}/servers/{{server}}", "rel": "self"},
                {"href": "https://dfw.servers.api.rackspacecloud.com/{{tenant}}/servers/{{server}}", "rel": "bookmark"}]},
              "links": [
                {"href": "https://dfw.servers.api.rackspacecloud.com/v2/{{tenant}}/images/{{id}}", "rel": "self"},
                {"href": "https://dfw.servers.api.rackspacecloud.com/{{tenant}}/images/{{id}}", "rel": "bookmark"},
                {"href": "https://dfw.servers.api.rackspacecloud.com/images/{{id}}", "type": "application/vnd.openstack.image", "rel": "alternate"}],
              "metadata": {"image_type": "snapshot", "os_type": "linux"}
              }
            }
            """);
        var draft = new Draft { Profile = "rackspace", Url = $"https://dfw.servers.api.rackspacecloud.com/v2/{tenant}/images/{id}", Body = body };
        draft.ResponseHeaders.Add(new("Content-Type", "application/json"));
        draft.ResponseHeaders.Add(new("X-Compute-Request-Id", "req-5ba3fae8-5daf-48c7-9be1-6de842e50ca9"));
        return draft;
    }

    public Draft SetHeader(string name, string? value)
    {
        ResponseHeaders.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        if (value is not null)
        {
            ResponseHeaders.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Turns the draft into an error response with the given body.</summary>
    public Draft Error(int status, string body)
    {
        Status = status;
        Body = null;
        RawBody = body;
        return this;
    }

    public Exchange ToExchange() => new(
        "draft.har",
        0,
        new RecordedRequest("GET", Url, new HeaderList(RequestHeaders)),
        new RecordedResponse(Status, Status == 200 ? "OK" : "Status", new HeaderList(ResponseHeaders), RawBody ?? Body?.ToString(Formatting.None) ?? string.Empty))
    {
        Probe = Probe,
    };

    public Verdict Judge() => Samples.Judge(ToExchange(), Profile);
}
