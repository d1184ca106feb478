using Conformance.Core.Baselines;
using Conformance.Core.Exchanges;
using Conformance.Core.Har;
using Conformance.Core.Settings;
using Conformance.Live;
using Conformance.Core.Recordings;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// The live client against answers that are wrong below or beside the image document: bodies that do not decode,
/// Keystone tokens and listings of the wrong shape, image-service records with wrong types, transports that are
/// not HTTP/1.1, credentials refused, ids that are not plain path segments. Each spoils only itself: its exchange
/// is broken with a message naming the service, the URL and the problem, the rest is requested, recorded and
/// judged, and the recording says what happened. What makes the whole run impossible is a LiveTargetException.
/// </summary>
[NonParallelizable]
public sealed class LiveRobustnessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [TestCase("gzip-corrupt", "gzip")]
    [TestCase("deflate-corrupt", "deflate")]
    [TestCase("br-corrupt", "br")]
    public async Task A_body_that_does_not_decode_spoils_only_its_exchange(string fault, string coding)
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        await LiveRun.RecordAsync(Settings(server, [fault, "missing"]), har, TextWriter.Null, Samples.Nova);
        var items = Judge(har);

        var problem = items.OfType<ProblemCase>().Single();
        problem.Label.Should().Be("unreachable");
        problem.Problem.Should().Contain($"GET {server.Root}/v2.1/p/images/{fault}")
            .And.Contain($"the compute API answered HTTP 200 with Content-Encoding: {coding}, but the body (16 bytes) is not valid {coding} data");
        items.OfType<GroupCase>().Should().Contain(g => g.Exchange.EndsWith("#2", StringComparison.Ordinal) && g.Group == "fault", "the next image was judged");

        var entry = Entry(har, 1);
        ((int)entry["response"]!["_receivedStatus"]!).Should().Be(200);
        ((string)entry["response"]!["content"]!["encoding"]!).Should().Be("base64");
        Convert.FromBase64String((string)entry["response"]!["content"]!["text"]!).Should().HaveCount(16, "the raw answer is kept as it came");
        ((string)entry["comment"]!).Should().Contain("is not valid");
    }

    [Test]
    public async Task A_truncated_gzip_body_is_named()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        await LiveRun.RecordAsync(Settings(server, ["gzip-truncated"]), har, TextWriter.Null, Samples.Nova);

        Judge(har).OfType<ProblemCase>().Single().Problem.Should().Contain("Content-Encoding: gzip, but the body").And.Contain("is not valid gzip data");
    }

    [TestCase("gzip-ok")]
    [TestCase("br-ok")]
    public async Task A_compressed_body_is_decoded_and_judged(string fault)
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        await LiveRun.RecordAsync(Settings(server, [fault]), har, TextWriter.Null, Samples.Nova);

        var items = Judge(har);
        items.OfType<ProblemCase>().Should().BeEmpty();
        items.OfType<GroupCase>().Single(g => g.Group == "body").Outcome.Kind.Should().Be(OutcomeKind.Passed);
    }

    [Test]
    public async Task A_content_coding_the_suite_does_not_know_is_named()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        await LiveRun.RecordAsync(Settings(server, ["zstd"]), har, TextWriter.Null, Samples.Nova);

        Judge(har).OfType<ProblemCase>().Single().Problem.Should().Contain("Content-Encoding: zstd, but the suite does not decode 'zstd' (it asked for gzip, deflate, br)");
    }

    [TestCase(RawFault.TlsAlert, "the server answered in TLS, but the URL says http://: use https://")]
    [TestCase(RawFault.Http2Frame, "the server speaks HTTP/2 only (it answered the HTTP/1.1 request with an HTTP/2 frame); the suite speaks HTTP/1.1")]
    [TestCase(RawFault.Http2Preface, "the server speaks HTTP/2 only (it answered the HTTP/1.1 request with an HTTP/2 frame); the suite speaks HTTP/1.1")]
    [TestCase(RawFault.CloseWithoutAnswer, "the server closed the connection without answering (a TLS-only port does this to plain HTTP: if the endpoint speaks TLS, use https://)")]
    [TestCase(RawFault.InterimThenClose, "the server sent an interim answer (HTTP/1.1 100 Continue) and then closed the connection without a final answer")]
    [TestCase(RawFault.NotHttp, "the server's answer is not HTTP (it began 'SSH-2.0-OpenSSH_9.2p1 Debian-2\\x0D\\x0A')")]
    public async Task A_transport_failure_names_its_cause(RawFault fault, string cause)
    {
        await using var raw = RawFaultServer.Start(fault);
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");
        var settings = new LiveSettings
        {
            Credentials = new Credentials { Token = "transport-token", Source = "test" },
            ComputeUrl = new Uri(raw.Root),
            ProjectId = FaultServer.Project,
            ImageIds = ["missing"],
            Probes = false,
            Timeout = Timeout,
        };

        var run = async () => await LiveRun.RecordAsync(settings, har, TextWriter.Null, Samples.Nova);

        (await run.Should().ThrowAsync<LiveTargetException>()).Which.Message.Should().Be($"The compute endpoint {raw.Root} is unreachable: {cause}");
        Judge(har).OfType<ProblemCase>().Should().Contain(p => p.Problem == $"GET {raw.Root}/ got no response: {cause}", "the recording says the same");
    }

    [Test]
    public async Task Plain_http_to_a_tls_port_and_tls_to_a_plain_port_are_named()
    {
        using var certificate = FaultServer.SelfSignedCertificate();
        await using var tls = await FaultServer.StartAsync(certificate);
        await using var plain = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var http = new Uri(tls.Root.Replace("https://", "http://", StringComparison.Ordinal));
        var https = new Uri(plain.Root.Replace("http://", "https://", StringComparison.Ordinal));

        var toTls = async () => await LiveRun.RecordAsync(Settings(tls, ["missing"]) with { ComputeUrl = http }, Path.Combine(folder.Path, "a.har"), TextWriter.Null, Samples.Nova);
        var toPlain = async () => await LiveRun.RecordAsync(Settings(plain, ["missing"]) with { ComputeUrl = https }, Path.Combine(folder.Path, "b.har"), TextWriter.Null, Samples.Nova);

        await toTls.Should().ThrowAsync<LiveTargetException>().WithMessage("*is unreachable: the server closed the connection without answering (a TLS-only port does this to plain HTTP: if the endpoint speaks TLS, use https://)");
        await toPlain.Should().ThrowAsync<LiveTargetException>().WithMessage("*is unreachable: TLS failure: the server answered the TLS handshake in plain HTTP ('HTTP/1.1 400 Bad Request*'): the URL says https://, but this port speaks http://");
    }

    [Test]
    public async Task A_keystone_token_with_a_catalog_entry_of_the_wrong_shape_spoils_only_that_entry()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        await LiveRun.RecordAsync(Password(server, "ks-type-object"), har, TextWriter.Null, Samples.Nova);
        var items = Judge(har);

        items.OfType<ProblemCase>().Single().Problem.Should().Be(
            $"POST {server.Root}/ks-type-object/v3/auth/tokens got no response: the identity service's token at {server.Root}/ks-type-object/v3/auth/tokens is not entirely usable: 'token.catalog[0].type' is a JSON object, not a string (entry ignored)");
        items.OfType<GroupCase>().Should().Contain(g => g.Group == "fault", "the compute endpoint of the catalog's next entry was used and judged");
        ((int)Entry(har, 0)["response"]!["_receivedStatus"]!).Should().Be(201);
    }

    [TestCase("ks-project-string", "The project is unknown: the token names no project (the identity service's token: 'token.project' is a string ('p'), not an object); set ProjectId (CONFORMANCE_PROJECT_ID)")]
    [TestCase("ks-url-relative", "No compute endpoint: set ComputeUrl (CONFORMANCE_COMPUTE_URL), or give the public interface a compute entry in the service catalog (the identity service's token: 'token.catalog[0].endpoints[0].url' (compute, public) is 'v2.1/p': it is not an absolute URL)")]
    [TestCase("ks-url-number", "No compute endpoint: set ComputeUrl (CONFORMANCE_COMPUTE_URL), or give the public interface a compute entry in the service catalog (the identity service's token: 'token.catalog[0].endpoints[0].url' (compute, public) is a JSON integer (8774), not a URL)")]
    [TestCase("ks-url-file", "No compute endpoint: set ComputeUrl (CONFORMANCE_COMPUTE_URL), or give the public interface a compute entry in the service catalog (the identity service's token: 'token.catalog[0].endpoints[0].url' (compute, public) is 'file:///etc/passwd': its scheme is file:, not http: or https:)")]
    [TestCase("ks-not-json", "The project is unknown: the token names no project (the identity service's token: the body is not a JSON object (not JSON: Unexpected character encountered while parsing value: <)*")]
    [TestCase("ks-refused", "The target refused the credentials: POST */ks-refused/v3/auth/tokens answered HTTP 401 Unauthorized (Keystone password authentication of conformance at */ks-refused/v3 (test))")]
    public async Task A_keystone_answer_that_makes_the_run_impossible_is_a_target_error(string mode, string message)
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        var run = async () => await LiveRun.RecordAsync(Password(server, mode), har, TextWriter.Null, Samples.Nova);

        var thrown = (await run.Should().ThrowAsync<LiveTargetException>()).Which;
        thrown.Message.Should().Match(message);
        thrown.RecordingPath.Should().Be(har);
        HarReader.Read(har, "run.har").Should().NotBeEmpty("the Keystone exchange is recorded");
    }

    [Test]
    public async Task A_catalog_url_with_credentials_is_not_used_and_not_shown()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        var run = async () => await LiveRun.RecordAsync(Password(server, "ks-url-userinfo"), har, TextWriter.Null, Samples.Nova);

        var thrown = (await run.Should().ThrowAsync<LiveTargetException>()).Which;
        thrown.Message.Should().Contain($"is '{server.Root}/v2.1/p': it holds a user name or password").And.NotContain("hunter22");
    }

    [TestCase("list-not-json", "Images could not be listed to choose what to judge: the compute API's image listing (GET */v2.1/list-not-json/images?limit=20) is not a JSON object (not JSON: Unexpected character encountered while parsing value: <*); set ImageIds (CONFORMANCE_IMAGE_IDS)")]
    [TestCase("list-only-bad", "No image of the compute API's image listing (GET */v2.1/list-only-bad/images?limit=20) can be requested: images[0].id is a JSON integer (7), not a string; images[1].id is null, not a string; set ImageIds (CONFORMANCE_IMAGE_IDS)")]
    public async Task A_listing_that_gives_no_image_is_a_target_error(string project, string message)
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        var run = async () => await LiveRun.RecordAsync(Settings(server, []) with { ProjectId = project }, har, TextWriter.Null, Samples.Nova);

        (await run.Should().ThrowAsync<LiveTargetException>()).Which.Message.Should().Match(message);
        var listing = Entry(har, 1);
        ((int)listing["response"]!["_receivedStatus"]!).Should().Be(200, "the listing is recorded as it came, with its problem");
        ((string)listing["comment"]!).Should().NotBeEmpty();
    }

    [Test]
    public async Task A_listing_with_ids_of_the_wrong_type_spoils_only_those_ids()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        await LiveRun.RecordAsync(Settings(server, []) with { ProjectId = "list-bad-ids" }, har, TextWriter.Null, Samples.Nova);
        var items = Judge(har);

        items.OfType<ProblemCase>().Single().Problem.Should().Be(
            $"GET {server.Root}/v2.1/list-bad-ids/images?limit=20 got no response: the compute API's image listing (GET {server.Root}/v2.1/list-bad-ids/images?limit=20) is not entirely usable: "
            + "images[0].id is a JSON integer (7), not a string; images[1].id is a JSON object, not a string; images[2].id is null, not a string; images[3] has no id; "
            + "images[4] is a string ('not an object'), not an object; images[5].id '..' is not requested: it is a path dot segment, which every HTTP stack removes from a URL, so another URL would be requested; "
            + "the other 2 image(s) are judged");
        server.Received.Should().Contain($"GET {server.Root}/v2.1/list-bad-ids/images/missing").And.Contain($"GET {server.Root}/v2.1/list-bad-ids/images/a%2Fb")
            .And.NotContain(r => r.EndsWith("/v2.1/list-bad-ids/", StringComparison.Ordinal), "'..' was never sent");
        items.OfType<GroupCase>().Select(g => g.Exchange).Distinct().Should().HaveCount(2);
    }

    [Test]
    public async Task An_image_service_record_with_wrong_types_spoils_only_its_exchange()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");
        var url = $"{server.Root}/glance-bad/v2/images/{Samples.ImageId}";

        await LiveRun.RecordAsync(Settings(server, [Samples.ImageId]) with { ImageServiceUrl = new Uri(server.Root + "/glance-bad") }, har, TextWriter.Null, Samples.Nova);
        var items = Judge(har);

        items.OfType<ProblemCase>().Single().Problem.Should().Be(
            $"GET {url} got no response: the image service's record of image {Samples.ImageId} (GET {url}) has the wrong types: 'status' is a JSON object, not string; 'size' is a string ('4096'), not integer or null; 'created_at' is a JSON integer (5), not string; it is not used to cross-check the image");
        items.OfType<GroupCase>().Should().NotBeEmpty().And.OnlyContain(g => g.Exchange.EndsWith("#2", StringComparison.Ordinal), "the compute image was judged");
    }

    [Test]
    public async Task Every_image_get_refused_breaks_the_run_and_the_recording_is_still_written()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        var run = async () => await LiveRun.RecordAsync(Settings(server, ["unauthorized-1", "unauthorized-2"]) with { Versions = [ApiVersion.V2, ApiVersion.V21], Probes = true }, har, TextWriter.Null, Samples.Nova);

        (await run.Should().ThrowAsync<LiveTargetException>()).Which.Message.Should().Be(
            "The target refused the credentials: all 4 image requests were answered HTTP 401 (WWW-Authenticate: Keystone uri=\"http://127.0.0.1:5000\"), so no image could be judged; check the token or the password, and the project (a token (test))");
        var recorded = HarReader.Read(har, "run.har").ToList();
        recorded.Should().HaveCountGreaterThan(5, "the version document, the four image GETs and the probes are recorded");
        File.ReadAllText(har).Should().Contain("The target refused the credentials", "the recording says why the run is broken");
    }

    [Test]
    public async Task Refusals_mixed_with_forbidden_also_break_the_run_but_one_real_answer_does_not()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();

        var refused = async () => await LiveRun.RecordAsync(Settings(server, ["unauthorized-1", "forbidden-1"]), Path.Combine(folder.Path, "a.har"), TextWriter.Null, Samples.Nova);
        await refused.Should().ThrowAsync<LiveTargetException>().WithMessage("The target refused the credentials: all 2 image requests were answered HTTP 401 or 403*");

        await LiveRun.RecordAsync(Settings(server, ["unauthorized-1", "missing"]), Path.Combine(folder.Path, "b.har"), TextWriter.Null, Samples.Nova);
        Judge(Path.Combine(folder.Path, "b.har")).OfType<GroupCase>().Should().NotBeEmpty();
    }

    [Test]
    public async Task The_bad_token_probe_still_expects_and_gets_401()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        await LiveRun.RecordAsync(Settings(server, ["missing"]) with { Probes = true }, har, TextWriter.Null, Samples.Nova);

        var probe = HarReader.Read(har, "run.har").Select(e => e.Exchange!).Single(e => e.Probe?.Name == "bad-token");
        probe.Response.Status.Should().Be(401);
        var judged = Judge(har).OfType<GroupCase>().Where(g => g.Exchange == probe.Name).ToList();
        judged.Single(g => g.Group == "status-code").Outcome.Kind.Should().Be(OutcomeKind.Passed);
    }

    [TestCase("a/b", "a%2Fb")]
    [TestCase("a?b", "a%3Fb")]
    [TestCase("a#b", "a%23b")]
    [TestCase("a%b", "a%25b")]
    [TestCase("a b", "a%20b")]
    [TestCase("%2E%2E", "%252E%252E")]
    [TestCase("ü", "%C3%BC")]
    public async Task An_id_is_one_percent_encoded_segment_and_the_url_sent_is_the_url_recorded(string id, string segment)
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        await LiveRun.RecordAsync(Settings(server, [id]) with { Versions = [ApiVersion.V2, ApiVersion.V21] }, har, TextWriter.Null, Samples.Nova);

        var recorded = HarReader.Read(har, "run.har").Select(e => $"{e.Exchange!.Request.Method} {e.Exchange.Request.Url}").ToList();
        recorded.Should().Equal(server.Received, "every URL recorded is the URL the server received");
        recorded.Should().Contain($"GET {server.Root}/v2.1/p/images/{segment}");
        var judged = Judge(har).OfType<GroupCase>().Select(g => g.Exchange).Distinct().ToList();
        judged.Should().HaveCount(2, "both versions of the image were judged");
        foreach (var url in recorded.Skip(1).Select(r => r[4..]))
        {
            ImageDetailsRequest.TryParse("GET", url, out var request, out _).Should().BeTrue();
            request!.ImageId.Should().Be(id, "the judge reads back the id that was meant");
        }
    }

    [Test]
    public async Task Dot_segment_ids_from_the_settings_are_not_requested()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");

        await LiveRun.RecordAsync(Settings(server, ["..", ".", "missing"]), har, TextWriter.Null, Samples.Nova);

        server.Received.Should().Equal($"GET {server.Root}/", $"GET {server.Root}/v2.1/p/images/missing");
        File.ReadAllText(har).Should().Contain("the image id '..' (ImageIds) is not requested: it is a path dot segment");
    }

    [Test]
    public async Task A_project_id_that_is_a_dot_segment_is_a_target_error()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();

        var run = async () => await LiveRun.RecordAsync(Settings(server, ["missing"]) with { ProjectId = ".." }, Path.Combine(folder.Path, "run.har"), TextWriter.Null, Samples.Nova);

        await run.Should().ThrowAsync<LiveTargetException>().WithMessage("The project id '..' cannot be used: it is a path dot segment*");
        server.Requests.Should().Be(0);
    }

    [TestCase("http://127.0.0.1:9/?token=abc", "ComputeUrl (CONFORMANCE_COMPUTE_URL) is 'http://127.0.0.1:9/', which cannot be used: it has a query string, which the suite cannot keep in the URLs it builds")]
    [TestCase("http://127.0.0.1:9/#x", "ComputeUrl (CONFORMANCE_COMPUTE_URL) is 'http://127.0.0.1:9/', which cannot be used: it has a fragment ('#...')")]
    public async Task A_compute_url_with_a_query_or_fragment_is_refused(string url, string message)
    {
        using var folder = new TempFolder();
        var settings = new LiveSettings { Credentials = new Credentials { Token = "query-token", Source = "test" }, ComputeUrl = new Uri(url), ProjectId = "p", ImageIds = ["x"] };

        var run = async () => await LiveRun.RecordAsync(settings, Path.Combine(folder.Path, "run.har"), TextWriter.Null, Samples.Nova);

        (await run.Should().ThrowAsync<LiveTargetException>()).Which.Message.Should().Be(message);
    }

    private static LiveSettings Settings(FaultServer server, IReadOnlyList<string> images) => server.LiveSettingsFor(images, "robustness-token");

    private static LiveSettings Password(FaultServer server, string mode) => new()
    {
        Credentials = new Credentials { AuthUrl = $"{server.Root}/{mode}/v3", Username = "conformance", Password = "fault-keystone-password-31", ProjectName = "conformance", Source = "test" },
        ImageIds = ["missing"],
        Versions = [ApiVersion.V21],
        Probes = false,
        Timeout = Timeout,
    };

    private static JObject Entry(string har, int index) => (JObject)JObject.Parse(File.ReadAllText(har))["log"]!["entries"]![index]!;

    private static List<RunItem> Judge(string har) => RecordedRun.Judge(har, "nova", Baseline.Empty, Samples.Profiles).ToList();
}
