using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.Reporting;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// Every rule on exchanges that break exactly that rule and nothing else, across the three profiles, and the
/// conformant exchanges they start from.
/// </summary>
public sealed class OneRuleBrokenTests
{
    private const string OtherUuid = "00000000-1111-4222-8333-444444444444";
    private const string OtherProject = "9c53a566cb3443ab910cf0daebca90c4";
    private const string Server = "52415800-8b69-11e0-9b19-734f6af67565";

    public static IEnumerable<TestCaseData> Conformant()
    {
        yield return new TestCaseData((Func<Draft>)(() => Draft.Nova("v2.1"))).SetArgDisplayNames("nova v2.1");
        yield return new TestCaseData((Func<Draft>)(() => Draft.Nova("v2"))).SetArgDisplayNames("nova v2");
        yield return new TestCaseData((Func<Draft>)Draft.Huawei).SetArgDisplayNames("huawei-ecs v2");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Huawei(), d => d.Url = d.Url.Replace("/v2/", "/v2.1/", StringComparison.Ordinal), d => d.Links[0]["href"] = ((string)d.Links[0]["href"]!).Replace("/v2/", "/v2.1/", StringComparison.Ordinal)))).SetArgDisplayNames("huawei-ecs v2.1");
        yield return new TestCaseData((Func<Draft>)Draft.Rackspace).SetArgDisplayNames("rackspace v2");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.Image["name"] = null))).SetArgDisplayNames("nova unnamed image");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.Image["OS-EXT-IMG-SIZE:size"] = 17687633829L))).SetArgDisplayNames("nova size above 2^34");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.Image["created"] = "2015-08-27T09:49:58-05:00", d => d.Image["updated"] = "2015-08-27T14:49:58.5Z"))).SetArgDisplayNames("nova offset timestamps");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.Image["status"] = "SAVING", d => d.Image["progress"] = 25))).SetArgDisplayNames("nova saving 25");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.Error(404, """{"itemNotFound": {"code": 404, "message": "Image not found."}}"""), d => d.SetHeader("Content-Type", "application/json; charset=UTF-8")))).SetArgDisplayNames("nova 404 fault");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.Error(401, """{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}""")))).SetArgDisplayNames("nova keystone 401");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Rackspace(), d => d.Status = 203))).SetArgDisplayNames("rackspace 203");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Rackspace(), d => d.Image["OS-EXT-IMG-SIZE:size"] = "5562828800"))).SetArgDisplayNames("rackspace size as string");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Rackspace(), d => d.Image.Remove("OS-EXT-IMG-SIZE:size")))).SetArgDisplayNames("rackspace without size");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.RequestHeaders.Add(new("OpenStack-API-Version", "compute 2.35")), d => d.SetHeader("OpenStack-API-Version", "compute 2.35").SetHeader("X-OpenStack-Nova-API-Version", "2.35")))).SetArgDisplayNames("nova microversion 2.35");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => Asks(d, "2.36", "2.36"), d => d.Error(404, """{"itemNotFound": {"code": 404, "message": "Not found."}}""")))).SetArgDisplayNames("nova microversion 2.36 answered 404");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => Asks(d, "latest", "2.93"), d => d.Error(404, """{"itemNotFound": {"code": 404, "message": "Not found."}}""")))).SetArgDisplayNames("nova microversion latest answered 404 at 2.93");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => Asks(d, "2.999", "2.999"), d => d.Error(406, """{"computeFault": {"code": 406, "message": "Version 2.999 is not supported by the API."}}""")))).SetArgDisplayNames("nova microversion 2.999 answered 406");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => Asks(d, "2.036", null), d => d.Error(400, """{"badRequest": {"code": 400, "message": "API Version String 2.036 is of invalid format."}}""")))).SetArgDisplayNames("nova microversion 2.036 answered 400 without microversion headers");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => Asks(d, "LATEST", null), d => d.Error(400, """{"badRequest": {"code": 400, "message": "API Version String LATEST is of invalid format."}}""")))).SetArgDisplayNames("nova microversion LATEST answered 400");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.RequestHeaders.Add(new("X-OpenStack-Nova-API-Version", "2.40")), d => d.SetHeader("OpenStack-API-Version", "compute 2.40").SetHeader("X-OpenStack-Nova-API-Version", "2.40"), d => d.Error(404, """{"itemNotFound": {"code": 404, "message": "Not found."}}""")))).SetArgDisplayNames("nova legacy header 2.40 answered 404");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.RequestHeaders.Add(new("OpenStack-API-Version", "volume 3.50, compute 2.20")), d => d.SetHeader("OpenStack-API-Version", "compute 2.20").SetHeader("X-OpenStack-Nova-API-Version", "2.20")))).SetArgDisplayNames("nova compute 2.20 among other services' versions answered 200");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova("v2"), d => d.RequestHeaders.Add(new("OpenStack-API-Version", "compute 2.36"))))).SetArgDisplayNames("nova v2 ignores a 2.36 header");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Huawei(), d => d.Url = d.Url.Replace("/v2/", "/v2.1/", StringComparison.Ordinal), d => d.Links[0]["href"] = ((string)d.Links[0]["href"]!).Replace("/v2/", "/v2.1/", StringComparison.Ordinal), d => d.RequestHeaders.Add(new("OpenStack-API-Version", "compute 2.36"))))).SetArgDisplayNames("huawei-ecs v2.1 with a 2.36 header (no microversions in its document)");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => ReplaceProject(d, "ac876c7d%2Fddca5476", "ac876c7d%2fddca5476", "ac876c7d%2Fddca5476")))).SetArgDisplayNames("nova project id with %2F, encoded alike in the links");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.Url = d.Url.Replace(Samples.ImageId, "%37%30" + Samples.ImageId[2..], StringComparison.Ordinal)))).SetArgDisplayNames("nova image id with percent-encoded digits in the URL only");
        yield return new TestCaseData((Func<Draft>)(() => With(Draft.Nova(), d => d.Links[0]["href"] = ((string)d.Links[0]["href"]!).Replace(Samples.ImageId, "%37%30" + Samples.ImageId[2..].ToUpperInvariant(), StringComparison.Ordinal)))).SetArgDisplayNames("nova self link with percent-encoded digits");
        yield return Data("rackspace project-less v2.1 request", () => With(Draft.Rackspace(), ProjectLessV21));

        // Links naming what they must: what is accepted
        yield return Data("nova project-less request with project-less links", () => With(Draft.Nova(), ProjectLess));
        yield return Data("nova server links naming server.id", () => With(Draft.Nova(), d => WithServer(d, Server)));
        yield return Data("nova alternate on another host and port", () => With(Draft.Nova(), d => d.Links[2]["href"] = $"https://glance.example.test:9292/images/{Samples.ImageId}"));
        yield return Data("nova alternate with a versioned image-service path", () => With(Draft.Nova(), d => d.Links[2]["href"] = $"http://127.0.0.1:19292/v2/images/{Samples.ImageId}"));
        yield return Data("nova bookmark under a base path", () => With(Draft.Nova(), d => d.Links[1]["href"] = $"http://127.0.0.1:18774/compute/{Samples.Project}/images/{Samples.ImageId}"));
        yield return Data("nova bookmark project percent-encoded", () => With(Draft.Nova(), d => d.Links[1]["href"] = $"http://127.0.0.1:18774/%61{Samples.Project[1..]}/images/{Samples.ImageId}"));
        yield return Data("rackspace: server links unchecked (document silent)", () => With(Draft.Rackspace(), d => d.Image["server"]!["links"]![0]!["href"] = $"https://dfw.servers.api.rackspacecloud.com/v2/123456/servers/{OtherUuid}"));
        yield return Data("huawei-ecs: alternate unchecked (document silent)", () => With(Draft.Huawei(), d => d.Links[2]["href"] = "https://image.example.test/v2/images"));
    }

    public static IEnumerable<Broken> OneRule()
    {
        // Shape, required fields, types, ranges (body)
        yield return Case("nova: minDisk missing", Draft.Nova, d => d.Image.Remove("minDisk"), "body.required");
        yield return Case("nova: size missing", Draft.Nova, d => d.Image.Remove("OS-EXT-IMG-SIZE:size"), "body.required");
        yield return Case("huawei-ecs: size missing", Draft.Huawei, d => d.Image.Remove("OS-EXT-IMG-SIZE:size"), "body.required");
        yield return Case("rackspace: name missing", Draft.Rackspace, d => d.Image.Remove("name"), "body.required");
        yield return Case("nova: size as a string", Draft.Nova, d => d.Image["OS-EXT-IMG-SIZE:size"] = "4096", "body.type");
        yield return Case("huawei-ecs: size as a string", Draft.Huawei, d => d.Image["OS-EXT-IMG-SIZE:size"] = "13167616", "body.type");
        yield return Case("rackspace: size not digits", Draft.Rackspace, d => d.Image["OS-EXT-IMG-SIZE:size"] = "5.5 GB", "body.format");
        yield return Case("rackspace: size negative", Draft.Rackspace, d => d.Image["OS-EXT-IMG-SIZE:size"] = -1, "body.range");
        yield return Case("rackspace: size in exponent form", Draft.Rackspace, d => d.RawBody = Text(d).Replace("\"OS-EXT-IMG-SIZE:size\":5562828800", "\"OS-EXT-IMG-SIZE:size\":5.5628288e+09", StringComparison.Ordinal), "body.type");
        yield return Case("nova: size in exponent form", Draft.Nova, d => d.RawBody = d.Body!.ToString(Newtonsoft.Json.Formatting.None).Replace("\"OS-EXT-IMG-SIZE:size\":4096", "\"OS-EXT-IMG-SIZE:size\":4.096e+03", StringComparison.Ordinal), "body.type");
        yield return Case("nova: minRam negative", Draft.Nova, d => d.Image["minRam"] = -1, "body.range");
        yield return Case("nova: size beyond 64 bits", Draft.Nova, d => d.RawBody = d.Body!.ToString(Newtonsoft.Json.Formatting.None).Replace("\"OS-EXT-IMG-SIZE:size\":4096", "\"OS-EXT-IMG-SIZE:size\":18446744073709551616", StringComparison.Ordinal), "body.range");
        yield return Case("nova: body nested too deep", Draft.Nova, d => d.RawBody = new string('[', 10_000) + new string(']', 10_000), "body.json");
        yield return Case("rackspace: minDisk as a string", Draft.Rackspace, d => d.Image["minDisk"] = "20", "body.type");
        yield return Case("huawei-ecs: name null", Draft.Huawei, d => d.Image["name"] = null, "body.type");
        yield return Case("rackspace: name null", Draft.Rackspace, d => d.Image["name"] = null, "body.type");
        yield return Case("nova: name a number", Draft.Nova, d => d.Image["name"] = 5, "body.type");
        yield return Case("nova: body not JSON", Draft.Nova, d => d.RawBody = "<html>oops</html>", "body.json");
        yield return Case("nova: body with a duplicate key", Draft.Nova, d => d.RawBody = d.Body!.ToString(Newtonsoft.Json.Formatting.None).Replace("\"minRam\":0", "\"minRam\":0,\"minRam\":1", StringComparison.Ordinal), "body.json");
        yield return Case("rackspace: empty 200 body", Draft.Rackspace, d => d.RawBody = string.Empty, "body.json");
        yield return Case("nova: single-quoted string", Draft.Nova, d => d.RawBody = Text(d).Replace("\"fakeimage7\"", "'fakeimage7'", StringComparison.Ordinal), "body.json");
        yield return Case("huawei-ecs: trailing comma", Draft.Huawei, d => d.RawBody = Text(d).Replace("\"scsi\"}", "\"scsi\",}", StringComparison.Ordinal), "body.json");
        yield return Case("rackspace: leading zeros", Draft.Rackspace, d => d.RawBody = Text(d).Replace("\"minDisk\":20", "\"minDisk\":020", StringComparison.Ordinal), "body.json");
        yield return Case("nova: hexadecimal number", Draft.Nova, d => d.RawBody = Text(d).Replace("\"minRam\":0", "\"minRam\":0x10", StringComparison.Ordinal), "body.json");
        yield return Case("nova: raw ESC in a string", Draft.Nova, d => d.RawBody = Text(d).Replace("fakeimage7", "fake\u001bimage7", StringComparison.Ordinal), "body.json");
        yield return Case("huawei-ecs: comment", Draft.Huawei, d => d.RawBody = Text(d) + "// end", "body.json");
        yield return Case("nova: NaN", Draft.Nova, d => d.RawBody = Text(d).Replace("\"minRam\":0", "\"minRam\":NaN", StringComparison.Ordinal), "body.json");
        yield return Case("rackspace: unquoted key", Draft.Rackspace, d => d.RawBody = Text(d).Replace("\"minRam\"", "minRam", StringComparison.Ordinal), "body.json");
        yield return Case("nova: byte order mark", Draft.Nova, d => d.RawBody = "\uFEFF" + Text(d), "body.json");
        yield return Case("nova: more after the JSON value", Draft.Nova, d => d.RawBody = Text(d) + "{}", "body.json");
        yield return Case("huawei-ecs: size beyond 64 bits", Draft.Huawei, d => d.RawBody = Text(d).Replace("\"OS-EXT-IMG-SIZE:size\":13167616", "\"OS-EXT-IMG-SIZE:size\":18446744073709551616", StringComparison.Ordinal), "body.range");
        yield return Case("rackspace: minRam below -2^63", Draft.Rackspace, d => d.RawBody = Text(d).Replace("\"minRam\":512", "\"minRam\":-9223372036854775809", StringComparison.Ordinal), "body.range");
        yield return Case("nova: metadata value beyond 64 bits", Draft.Nova, d => d.RawBody = Text(d).Replace("\"os_type\":\"linux\"", "\"os_type\":99999999999999999999999", StringComparison.Ordinal), "body.range");
        yield return Case("nova: metadata value beyond the float range", Draft.Nova, d => d.RawBody = Text(d).Replace("\"os_type\":\"linux\"", "\"os_type\":1e400", StringComparison.Ordinal), "body.range");
        yield return Case("huawei-ecs: list envelope", Draft.Huawei, d => d.Body = new JObject { ["images"] = new JArray(d.Image) }, "body.envelope");

        // Identity
        yield return Case("nova: id another image", Draft.Nova, d => d.Image["id"] = OtherUuid, "identity.matches_request");
        yield return Case("rackspace: id another image", Draft.Rackspace, d => d.Image["id"] = OtherUuid, "identity.matches_request");
        yield return Case("huawei-ecs: id not a UUID", Draft.Huawei, d => ReplaceId(d, "17"), "identity.format");
        yield return Case("nova: id missing", Draft.Nova, d => d.Image.Remove("id"), "identity.required");
        yield return Case("nova: id a number", Draft.Nova, d => d.Image["id"] = 17, "identity.type");
        yield return Case("rackspace: id null", Draft.Rackspace, d => d.Image["id"] = null, "identity.type");
        yield return Case("huawei-ecs: project-less v2.1 request", Draft.Huawei, ProjectLessV21, "identity.project_in_uri");

        // Timestamps
        yield return Case("nova: created with a space", Draft.Nova, d => d.Image["created"] = "2026-11-22 11:59:07", "timestamps.format");
        yield return Case("huawei-ecs: updated without zone", Draft.Huawei, d => d.Image["updated"] = "2015-12-27T02:52:25", "timestamps.format");
        yield return Case("rackspace: created 30 February", Draft.Rackspace, d => d.Image["created"] = "2013-02-30T20:33:47Z", "timestamps.format");
        yield return Case("rackspace: created a year only", Draft.Rackspace, d => d.Image["created"] = "2013", "timestamps.format");
        yield return Case("nova: updated before created", Draft.Nova, d => d.Image["updated"] = "2026-11-22T11:59:06Z", "timestamps.order");
        yield return Case("huawei-ecs: updated before created", Draft.Huawei, d => d.Image["updated"] = "2015-12-27T02:52:23Z", "timestamps.order");
        yield return Case("nova: created missing", Draft.Nova, d => d.Image.Remove("created"), "timestamps.required");
        yield return Case("nova: created a number", Draft.Nova, d => d.Image["created"] = 1764499147, "timestamps.type");
        yield return Case("huawei-ecs: updated null", Draft.Huawei, d => d.Image["updated"] = null, "timestamps.type");

        // Links
        yield return Case("nova: rel not allowed", Draft.Nova, d => d.Links.Add(new JObject { ["rel"] = "related", ["href"] = "http://127.0.0.1:18774/x" }), "links.rel");
        yield return Case("huawei-ecs: rel not allowed", Draft.Huawei, d => d.Links[2]["rel"] = "Alternate", "links.rel");
        yield return Case("rackspace: link without href", Draft.Rackspace, d => ((JObject)d.Links[2]).Remove("href"), "links.type");
        yield return Case("nova: links missing", Draft.Nova, d => d.Image.Remove("links"), "links.required");
        yield return Case("nova: self link missing", Draft.Nova, d => d.Links.RemoveAt(0), "links.self_present");
        yield return Case("huawei-ecs: bookmark missing", Draft.Huawei, d => d.Links.RemoveAt(1), "links.bookmark_present");
        yield return Case("rackspace: alternate href relative", Draft.Rackspace, d => d.Links[2]["href"] = "/images/x", "links.href_absolute");
        yield return Case("nova: self link of v2 on a v2.1 request", Draft.Nova, d => d.Links[0]["href"] = ((string)d.Links[0]["href"]!).Replace("/v2.1/", "/v2/", StringComparison.Ordinal), "links.self_version");
        yield return Case("huawei-ecs: self link of another project", Draft.Huawei, d => d.Links[0]["href"] = ((string)d.Links[0]["href"]!).Replace("719e9483f42d4784a089862ac4c3e8d0", "9c53a566cb3443ab910cf0daebca90c4", StringComparison.Ordinal), "links.self_target");
        yield return Case("rackspace: self link of another image", Draft.Rackspace, d => d.Links[0]["href"] = ((string)d.Links[0]["href"]!).Replace("e19a734c-c7e6-443a-830c-242209c4d65d", OtherUuid, StringComparison.Ordinal), "links.self_target");
        yield return Case("nova: bookmark with a version", Draft.Nova, d => d.Links[1]["href"] = Samples.Url(), "links.bookmark_version");
        yield return Case("rackspace: bookmark of another image", Draft.Rackspace, d => d.Links[1]["href"] = $"https://dfw.servers.api.rackspacecloud.com/123456/images/{OtherUuid}", "links.bookmark_target");
        yield return Case("nova: non-ASCII image id, encoded in the URL, links encoded and decoded", Draft.Nova, d => ReplaceImage(d, "%C3%A9t%C3%A9", "%c3%a9t%c3%a9", "été"), "identity.format");
        yield return Case("nova: self link of another project once decoded", Draft.Nova, d => ReplaceProject(d, "ac876c7d%2Fddca5476", "ac876c7d%2Fddca5477", "ac876c7d%2Fddca5476"), "links.self_target");
        yield return Case("nova: self link of another image once decoded", Draft.Nova, d => { d.Url = d.Url.Replace(Samples.ImageId, "%37%30" + Samples.ImageId[2..], StringComparison.Ordinal); d.Links[0]["href"] = ((string)d.Links[0]["href"]!).Replace(Samples.ImageId, "%37%31" + Samples.ImageId[2..], StringComparison.Ordinal); }, "links.self_target");
        yield return Case("nova: bookmark of another image once decoded", Draft.Nova, d => d.Links[1]["href"] = ((string)d.Links[1]["href"]!).Replace(Samples.ImageId, "%37%31" + Samples.ImageId[2..], StringComparison.Ordinal), "links.bookmark_target");

        // Links naming what they must: the self link's project (also for project-less requests), the bookmark's
        // project, the alternate's image and the server links' server
        yield return Case("nova: self link without the request's project", Draft.Nova, d => d.Links[0]["href"] = $"http://127.0.0.1:18774/v2.1/images/{Samples.ImageId}", "links.self_target");
        yield return Case("rackspace: self link without the request's tenant", Draft.Rackspace, d => d.Links[0]["href"] = ((string)d.Links[0]["href"]!).Replace("/123456/", "/", StringComparison.Ordinal), "links.self_target");
        yield return Case("nova: project-less request, self link with a project", Draft.Nova, d => { ProjectLess(d); d.Links[0]["href"] = $"http://127.0.0.1:18774/v2.1/{Samples.Project}/images/{Samples.ImageId}"; }, "links.self_target");
        yield return Case("nova: bookmark of another project", Draft.Nova, d => d.Links[1]["href"] = $"http://127.0.0.1:18774/{OtherProject}/images/{Samples.ImageId}", "links.bookmark_project");
        yield return Case("nova: bookmark without a project", Draft.Nova, d => d.Links[1]["href"] = $"http://127.0.0.1:18774/images/{Samples.ImageId}", "links.bookmark_project");
        yield return Case("nova: alternate of another image", Draft.Nova, d => d.Links[2]["href"] = $"http://127.0.0.1:19292/images/{OtherUuid}", "links.alternate_target");
        yield return Case("nova: alternate not an image path", Draft.Nova, d => d.Links[2]["href"] = $"http://127.0.0.1:19292/{Samples.ImageId}", "links.alternate_target");
        yield return Case("nova: server link of another server", Draft.Nova, d => { WithServer(d, Server); d.Image["server"]!["links"]![1]!["href"] = $"http://127.0.0.1:18774/{Samples.Project}/servers/{OtherUuid}"; }, "metadata.server_links");
        yield return Case("nova: server link to an image", Draft.Nova, d => { WithServer(d, Server); d.Image["server"]!["links"]![0]!["href"] = $"http://127.0.0.1:18774/v2.1/{Samples.Project}/images/{Server}"; }, "metadata.server_links");

        // Status and progress
        yield return Case("nova: status lower case", Draft.Nova, d => d.Image["status"] = "active", "status.enum");
        yield return Case("huawei-ecs: status unknown word", Draft.Huawei, d => d.Image["status"] = "QUEUED", "status.enum");
        yield return Case("rackspace: ACTIVE at 50", Draft.Rackspace, d => d.Image["progress"] = 50, "status.active_progress");
        yield return Case("nova: SAVING at 80", Draft.Nova, d => { d.Image["status"] = "SAVING"; d.Image["progress"] = 80; }, "status.progress_mapping");
        yield return Case("nova: progress 101", Draft.Nova, d => d.Image["progress"] = 101, "status.range");
        yield return Case("nova: progress beyond 64 bits", Draft.Nova, d => d.RawBody = Text(d).Replace("\"progress\":100", "\"progress\":18446744073709551616", StringComparison.Ordinal), "status.range");
        yield return Case("huawei-ecs: progress beyond 64 bits", Draft.Huawei, d => d.RawBody = Text(d).Replace("\"progress\":100", "\"progress\":18446744073709551616", StringComparison.Ordinal), "status.range");
        yield return Case("huawei-ecs: progress a string", Draft.Huawei, d => d.Image["progress"] = "100", "status.type");
        yield return Case("rackspace: status missing", Draft.Rackspace, d => d.Image.Remove("status"), "status.required");

        // Metadata, disk config, server
        yield return Case("rackspace: metadata an array", Draft.Rackspace, d => d.Image["metadata"] = new JArray(), "metadata.type");
        yield return Case("huawei-ecs: metadata missing", Draft.Huawei, d => d.Image.Remove("metadata"), "metadata.required");
        yield return Case("rackspace: disk config lower case", Draft.Rackspace, d => d.Image["OS-DCF:diskConfig"] = "manual", "metadata.disk_config_enum");
        yield return Case("rackspace: disk config a number (wrong type and not in the enum: one violation)", Draft.Rackspace, d => d.Image["OS-DCF:diskConfig"] = 1, "metadata.disk_config_enum");
        yield return Case("nova: disk config missing", Draft.Nova, d => d.Image.Remove("OS-DCF:diskConfig"), "metadata.disk_config_agrees");
        yield return Case("nova: disk config AUTO with auto_disk_config False", Draft.Nova, d => d.Image["metadata"]!["auto_disk_config"] = "False", "metadata.disk_config_agrees");
        yield return Case("rackspace: server without links", Draft.Rackspace, d => ((JObject)d.Image["server"]!).Remove("links"), "metadata.server_shape");
        yield return Case("nova: server without instance_uuid", Draft.Nova, d => d.Image["server"] = new JObject { ["id"] = OtherUuid, ["links"] = new JArray() }, "metadata.server_matches_instance");
        yield return Case("nova: instance_uuid without server", Draft.Nova, d => d.Image["metadata"]!["instance_uuid"] = OtherUuid, "metadata.server_matches_instance");

        // Status codes
        yield return Case("nova: 203", Draft.Nova, d => d.Status = 203, "status-code.documented");
        yield return Case("huawei-ecs: 203", Draft.Huawei, d => d.Status = 203, "status-code.documented");
        yield return Case("rackspace: 406", Draft.Rackspace, d => d.Error(406, """{"notAcceptable": {"code": 406, "message": "no"}}"""), "status-code.documented");
        yield return Case("nova: probe for an unknown image answered 200", Draft.Nova, d => d.Probe = new Probe("unknown-image", 404, "an unknown image is answered 404"), "status-code.probe_expected");
        yield return Case("nova: 500 fault", Draft.Nova, d => d.Error(500, """{"computeFault": {"code": 500, "message": "boom"}}"""), "status-code.documented");

        // Faults
        yield return Case("nova: 404 JSON that is not a fault", Draft.Nova, d => d.Error(404, """{"itemNotFound": "Image not found."}"""), "fault.json_body");
        yield return Case("rackspace: 404 empty body", Draft.Rackspace, d => { d.Error(404, string.Empty); d.SetHeader("Content-Type", null); }, "fault.json_body");
        yield return Case("huawei-ecs: 404 code differs", Draft.Huawei, d => d.Error(404, """{"itemNotFound": {"code": 400, "message": "Image not found."}}"""), "fault.code_matches_status");
        yield return Case("nova: 404 without message", Draft.Nova, d => d.Error(404, """{"itemNotFound": {"code": 404}}"""), "fault.message");

        // Headers
        yield return Case("nova: Content-Type text/plain", Draft.Nova, d => d.SetHeader("Content-Type", "text/plain"), "headers.content_type");
        yield return Case("huawei-ecs: no Content-Type", Draft.Huawei, d => d.SetHeader("Content-Type", null), "headers.content_type");
        yield return Case("nova: x-compute-request-id missing", Draft.Nova, d => d.SetHeader("x-compute-request-id", null), "headers.request_id_present");
        yield return Case("rackspace: X-Compute-Request-Id missing", Draft.Rackspace, d => d.SetHeader("X-Compute-Request-Id", null), "headers.request_id_present");
        yield return Case("rackspace: request id not req-uuid", Draft.Rackspace, d => d.SetHeader("X-Compute-Request-Id", "5ba3fae8-5daf-48c7-9be1-6de842e50ca9"), "headers.request_id_format");
        yield return Case("nova: request ids differ", Draft.Nova, d => d.SetHeader("x-compute-request-id", "req-91bb96b9-8f07-45a6-ba66-aa6d09067677"), "headers.request_id_equal");
        yield return Case("nova: v2.1 without OpenStack-API-Version", Draft.Nova, d => d.SetHeader("OpenStack-API-Version", null), "headers.microversion_present");
        yield return Case("nova: v2 with microversion headers", () => Draft.Nova("v2"), d => d.SetHeader("OpenStack-API-Version", "compute 2.1"), "headers.microversion_absent_on_v2");
        yield return Case("nova: 2.36 answered 200 with the image", Draft.Nova, d => Asks(d, "2.36", "2.36"), "status-code.microversion_expected");
        yield return Case("nova: latest answered 200 with the image", Draft.Nova, d => Asks(d, "latest", "2.93"), "status-code.microversion_expected");
        yield return Case("nova: legacy header 2.50 answered 200", Draft.Nova, d => { d.RequestHeaders.Add(new("X-OpenStack-Nova-API-Version", "2.50")); d.SetHeader("OpenStack-API-Version", "compute 2.50").SetHeader("X-OpenStack-Nova-API-Version", "2.50"); }, "status-code.microversion_expected");
        yield return Case("nova: the last compute entry 2.36 answered 200", Draft.Nova, d => Asks(d, "compute 2.1, compute 2.36", "2.36", raw: true), "status-code.microversion_expected");
        yield return Case("nova: 2.999 answered 200", Draft.Nova, d => Asks(d, "2.999", "2.999"), "status-code.microversion_expected");
        yield return Case("nova: 2.95 answered 404 naming 2.95 (a newer Nova's answer; Zed's is 406)", Draft.Nova, d => { Asks(d, "2.95", "2.95"); d.Error(404, """{"itemNotFound": {"code": 404, "message": "Not found."}}"""); }, "status-code.microversion_expected");
        yield return Case("nova: 2.0 answered 404", Draft.Nova, d => { Asks(d, "2.0", "2.0"); d.Error(404, """{"itemNotFound": {"code": 404, "message": "Not found."}}"""); }, "status-code.microversion_expected");
        yield return Case("nova: malformed microversion answered 200", Draft.Nova, d => Asks(d, "foo", "foo"), "status-code.microversion_expected");
        yield return Case("nova: 2.36 answered 404 naming 2.1", Draft.Nova, d => { Asks(d, "2.36", "2.1"); d.Error(404, """{"itemNotFound": {"code": 404, "message": "Not found."}}"""); }, "headers.microversion_matches_request");
        yield return Case("nova: 2.35 asked, 2.1 answered", Draft.Nova, d => d.RequestHeaders.Add(new("OpenStack-API-Version", "compute 2.35")), "headers.microversion_matches_request");
    }

    /// <summary>The request asks for a compute microversion; the response names <paramref name="answered"/> in both headers, or none.</summary>
    private static void Asks(Draft d, string asked, string? answered, bool raw = false)
    {
        d.RequestHeaders.Add(new("OpenStack-API-Version", raw ? asked : "compute " + asked));
        d.SetHeader("OpenStack-API-Version", answered is null ? null : "compute " + answered).SetHeader("X-OpenStack-Nova-API-Version", answered);
    }

    [TestCaseSource(nameof(Conformant))]
    public void A_conformant_exchange_has_no_failure(Func<Draft> make)
    {
        var verdict = make().Judge();

        verdict.Failures.Should().BeEmpty(string.Join(Environment.NewLine, verdict.Failures));
    }

    [TestCaseSource(nameof(OneRule))]
    public void An_exchange_breaking_one_rule_fails_that_rule_only(Broken broken)
    {
        var verdict = broken.Make().Judge();

        verdict.Failures.Select(f => f.Rule).Should().Equal([broken.ExpectedRule], string.Join(Environment.NewLine, verdict.Violations));
    }

    [Test]
    public void Every_failure_rule_is_covered_by_a_one_rule_case()
    {
        var covered = OneRule().Select(b => b.ExpectedRule).ToHashSet();

        // The rules the exchange checks declare; CrossChecks declares its own, covered by CrossChecksTests. body.schema
        // stands for a schema error no named rule describes, which none of the profile schemas can produce.
        var failureRules = ExchangeJudge.DefaultChecks.SelectMany(c => c.Reports)
            .Where(r => r.Severity == Severity.Failure && r != SchemaCheck.BodySchema)
            .Select(r => r.Id);

        failureRules.Except(covered).Should().BeEmpty("every failure rule needs an exchange that breaks it alone");
    }

    [Test]
    public void No_exchange_reports_one_rule_twice_at_one_place()
    {
        // Of each rule, one violation per place: a schema error and an out-of-range number at the same place, or two
        // schema errors of one rule there (a bound and a 64-bit bound), make one violation, not two.
        var cases = OneRule().Select(b => (b.Name, b.Make))
            .Concat(Conformant().Select(c => (c.TestName ?? string.Join(",", c.Arguments), (Func<Draft>)c.Arguments[0]!)))
            .Concat(ManyAtOnePlace());
        var twice = new List<string>();
        foreach (var (name, make) in cases)
        {
            twice.AddRange(make().Judge().Violations.GroupBy(v => (v.Rule, v.Where)).Where(g => g.Count() > 1).Select(g => $"{name}: {g.Key.Rule} at {g.Key.Where} {g.Count()} times"));
        }

        twice.Should().BeEmpty();
    }

    [Test]
    public void Every_rule_a_case_reports_applies_under_its_profile()
    {
        // A rule reported under a profile that does not apply it would fail a report whose steps all pass.
        var cases = OneRule().Select(b => (b.Name, b.Make))
            .Concat(Conformant().Select(c => (c.TestName ?? string.Join(",", c.Arguments), (Func<Draft>)c.Arguments[0]!)));
        var wrong = new List<string>();
        foreach (var (name, make) in cases)
        {
            var draft = make();
            var profile = Samples.Profiles.Get(draft.Profile);
            wrong.AddRange(draft.Judge().Violations.Where(v => !RuleApplicability.AppliesTo(v.Rule, profile)).Select(v => $"{name}: {v.Rule} under {profile.Name}"));
        }

        wrong.Should().BeEmpty();
    }

    [Test]
    public void Every_check_reports_only_the_rules_it_declares()
    {
        var undeclared = new List<string>();
        foreach (var broken in OneRule())
        {
            var draft = broken.Make();
            var exchange = draft.ToExchange();
            ImageDetailsRequest.TryParse(exchange.Request.Method, exchange.Request.Url, out var request, out _).Should().BeTrue();
            foreach (var check in ExchangeJudge.DefaultChecks)
            {
                var verdict = new ExchangeJudge([check]).Judge(exchange, request!, Samples.Profiles.Get(draft.Profile));
                var declared = check.Reports.Select(r => r.Id).ToHashSet();
                undeclared.AddRange(verdict.Violations.Where(v => !declared.Contains(v.Rule)).Select(v => $"{broken.Name}: {check.GetType().Name} reported {v.Rule}"));
            }
        }

        undeclared.Should().BeEmpty();
    }

    [Test]
    public void Every_rule_is_declared_once_with_its_group_and_title()
    {
        Rules.All.Select(r => r.Id).Should().OnlyHaveUniqueItems();
        Rules.All.Should().OnlyContain(r => r.Title.Length > 0 && r.Group == Rules.GroupOf(r.Id));
        Rules.All.Select(r => r.Group).Distinct().Should().BeEquivalentTo(
            [CheckGroups.StatusCode, CheckGroups.Headers, CheckGroups.Fault, CheckGroups.Body, CheckGroups.Identity, CheckGroups.Timestamps,
             CheckGroups.Links, CheckGroups.Status, CheckGroups.Metadata, CheckGroups.Consistency, CheckGroups.ImageService]);
    }

    /// <summary>A project-less request (<c>/v2.1/images/{id}</c>) whose self and bookmark links leave the project out too.</summary>
    internal static void ProjectLess(Draft draft)
    {
        draft.Url = draft.Url.Replace($"/{Samples.Project}/", "/", StringComparison.Ordinal);
        draft.Links[0]["href"] = ((string)draft.Links[0]["href"]!).Replace($"/{Samples.Project}/", "/", StringComparison.Ordinal);
        draft.Links[1]["href"] = ((string)draft.Links[1]["href"]!).Replace($"/{Samples.Project}/", "/", StringComparison.Ordinal);
    }

    /// <summary>
    /// A v2.1 request without the project segment (<c>/v2.1/images/{id}</c>), its self link of v2.1: a v2 request
    /// cannot leave the project out, since <c>/v2/images/{id}</c> is the image service's own URL.
    /// </summary>
    internal static void ProjectLessV21(Draft draft)
    {
        var url = new Uri(draft.Url);
        var segments = url.AbsolutePath.Split('/');
        draft.Url = $"{url.GetLeftPart(UriPartial.Authority)}/v2.1/images/{segments[^1]}";
        draft.Links[0]["href"] = ((string)draft.Links[0]["href"]!).Replace("/v2/", "/v2.1/", StringComparison.Ordinal);
    }

    /// <summary>A snapshot of <paramref name="server"/>: metadata.instance_uuid and a server reference with self and bookmark links.</summary>
    internal static void WithServer(Draft draft, string server)
    {
        draft.Image["metadata"]!["instance_uuid"] = server;
        draft.Image["server"] = new JObject
        {
            ["id"] = server,
            ["links"] = new JArray(
                new JObject { ["rel"] = "self", ["href"] = $"http://127.0.0.1:18774/v2.1/{Samples.Project}/servers/{server}" },
                new JObject { ["rel"] = "bookmark", ["href"] = $"http://127.0.0.1:18774/{Samples.Project}/servers/{server}" }),
        };
    }

    /// <summary>Bodies whose numbers break a schema bound and the 64-bit range at once, in each kind of schema.</summary>
    private static IEnumerable<(string Name, Func<Draft> Make)> ManyAtOnePlace()
    {
        yield return ("nova: minRam below -2^63", () => With(Draft.Nova(), d => d.RawBody = Text(d).Replace("\"minRam\":0", "\"minRam\":-9223372036854775809", StringComparison.Ordinal)));
        yield return ("nova: size -1e400", () => With(Draft.Nova(), d => d.RawBody = Text(d).Replace("\"OS-EXT-IMG-SIZE:size\":4096", "\"OS-EXT-IMG-SIZE:size\":-1e400", StringComparison.Ordinal)));
        yield return ("nova: progress 1e400", () => With(Draft.Nova(), d => d.RawBody = Text(d).Replace("\"progress\":100", "\"progress\":1e400", StringComparison.Ordinal)));
        yield return ("rackspace: size below -2^64", () => With(Draft.Rackspace(), d => d.RawBody = Text(d).Replace("5562828800", "-18446744073709551616", StringComparison.Ordinal)));
        yield return ("rackspace: size 2^64", () => With(Draft.Rackspace(), d => d.RawBody = Text(d).Replace("5562828800", "18446744073709551616", StringComparison.Ordinal)));
        yield return ("rackspace: size 1e400", () => With(Draft.Rackspace(), d => d.RawBody = Text(d).Replace("5562828800", "1e400", StringComparison.Ordinal)));
        yield return ("huawei-ecs: minDisk -1e400 and progress -2^64", () => With(Draft.Huawei(), d => d.RawBody = Text(d).Replace("\"minDisk\":1", "\"minDisk\":-1e400", StringComparison.Ordinal).Replace("\"progress\":100", "\"progress\":-18446744073709551616", StringComparison.Ordinal)));
    }

    private static TestCaseData Data(string name, Func<Draft> make) => new TestCaseData(make).SetArgDisplayNames(name);

    private static string Text(Draft draft) => draft.Body!.ToString(Newtonsoft.Json.Formatting.None);

    private static Broken Case(string name, Func<Draft> start, Action<Draft> change, string rule) =>
        new(name, () => With(start(), change), rule);

    private static Draft With(Draft draft, params Action<Draft>[] changes)
    {
        foreach (var change in changes)
        {
            change(draft);
        }

        return draft;
    }

    /// <summary>The request's project as <paramref name="url"/>, the self link's as <paramref name="self"/>, the bookmark's as <paramref name="bookmark"/>.</summary>
    private static void ReplaceProject(Draft draft, string url, string self, string bookmark)
    {
        draft.Url = draft.Url.Replace(Samples.Project, url, StringComparison.Ordinal);
        draft.Links[0]["href"] = ((string)draft.Links[0]["href"]!).Replace(Samples.Project, self, StringComparison.Ordinal);
        draft.Links[1]["href"] = ((string)draft.Links[1]["href"]!).Replace(Samples.Project, bookmark, StringComparison.Ordinal);
    }

    /// <summary>
    /// The image id "été" (not a UUID: identity.format) written in the request URL as <paramref name="url"/>, in the
    /// self link as <paramref name="self"/> and in the bookmark as <paramref name="bookmark"/>; the body's id decoded.
    /// </summary>
    private static void ReplaceImage(Draft draft, string url, string self, string bookmark)
    {
        draft.Image["id"] = "été";
        draft.Url = draft.Url.Replace(Samples.ImageId, url, StringComparison.Ordinal);
        draft.Links[0]["href"] = ((string)draft.Links[0]["href"]!).Replace(Samples.ImageId, self, StringComparison.Ordinal);
        draft.Links[1]["href"] = ((string)draft.Links[1]["href"]!).Replace(Samples.ImageId, bookmark, StringComparison.Ordinal);
        draft.Links[2]["href"] = ((string)draft.Links[2]["href"]!).Replace(Samples.ImageId, url, StringComparison.Ordinal);
    }

    private static void ReplaceId(Draft draft, string id)
    {
        var old = (string)draft.Image["id"]!;
        draft.Image["id"] = id;
        draft.Url = draft.Url.Replace(old, id, StringComparison.Ordinal);
        foreach (var link in draft.Links)
        {
            link["href"] = ((string)link["href"]!).Replace(old, id, StringComparison.Ordinal);
        }
    }
}
