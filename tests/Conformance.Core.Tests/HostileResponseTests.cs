using Conformance.Core.Baselines;
using Conformance.Core.Exchanges;
using Conformance.Core.Har;
using Conformance.Core.Settings;
using Conformance.Live;
using Conformance.Core.Recordings;
using Conformance.Reporting;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// The live client and the judge against a server that misbehaves on purpose: every hostile answer gives a clear
/// failed or broken verdict that names what was wrong, within the timeout, and the recording of it, replayed,
/// gives the same verdict.
/// </summary>
[NonParallelizable]
public sealed class HostileResponseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [TestCase("html", "body", "[body.json] Body is not JSON")]
    [TestCase("plain-text", "body", "[body.json] Body is not JSON")]
    [TestCase("truncated", "body", "[body.json] Body is not JSON")]
    [TestCase("wrong-content-type", "headers", "[headers.content_type] Content-Type is not application/json")]
    [TestCase("duplicate-key", "body", "Property with the name 'minRam' already exists")]
    [TestCase("beyond-64-bits", "body", "18446744073709551616 (an integer beyond 64 bits)")]
    [TestCase("deep", "body", "[body.json] Body is not JSON")]
    [TestCase("empty", "body", "Received: the body is empty")]
    [TestCase("invalid-utf8", "body", "the body is not valid UTF-8 (byte offset 2)")]
    [TestCase("huge", "body", "the body is larger than the 8 MiB the suite reads")]
    [TestCase("redirect", "status-code", "Received: HTTP 302")]
    [TestCase("unavailable-long", "status-code", "Received: HTTP 503")]
    public async Task A_hostile_answer_fails_with_a_clear_message_live_and_replayed(string fault, string group, string expected)
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();

        var (live, elapsed) = await RunAsync(server, fault, folder);
        var replay = Judge(Path.Combine(folder.Path, "run.har"));

        var judged = live.OfType<GroupCase>().Single(g => g.Group == group);
        judged.Outcome.Kind.Should().Be(OutcomeKind.Failed);
        judged.Outcome.Describe().Should().Contain(expected);
        replay.Select(Summary).Should().Equal(live.Select(Summary));
        elapsed.Should().BeLessThan(Timeout * 3, "nothing may hold the run long past the timeout");

        // The report says it too: the group's Allure result is failed with the same text, and every group has one.
        var report = live.OfType<GroupCase>().Select(g => GroupResultMapper.Map(g, Samples.Profiles.Get("nova"), "fault-server", [], null, 0, 0)).ToList();
        report.Should().HaveCount(live.OfType<GroupCase>().Count()).And.OnlyContain(r => r.Steps.Count > 0);
        var result = report.Single(r => r.Name == judged.Name);
        result.Status.Should().Be(AllureStatus.Failed);
        result.StatusDetails!.Message.Should().Contain(expected);
    }

    [TestCase("drip", "timed out after 3 s while reading the body")]
    [TestCase("reset", "connection (reset|broke while reading the body)")]
    public async Task A_broken_transport_makes_the_exchange_broken_within_the_timeout(string fault, string expected)
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();

        var (live, elapsed) = await RunAsync(server, fault, folder);

        var problem = live.OfType<ProblemCase>().Single();
        problem.Label.Should().Be("unreachable");
        problem.Problem.Should().MatchRegex(expected);
        elapsed.Should().BeLessThan(Timeout * 3);
    }

    [Test]
    public async Task One_hostile_image_does_not_stop_the_others()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        string[] images = ["reset", "html", "drip", "duplicate-key", "missing"];

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await LiveRun.RecordAsync(Settings(server, images), Path.Combine(folder.Path, "run.har"), TextWriter.Null, Samples.Nova);
        var items = Judge(Path.Combine(folder.Path, "run.har"));

        items.OfType<ProblemCase>().Should().HaveCount(2).And.OnlyContain(p => p.Label == "unreachable");
        items.OfType<GroupCase>().Select(g => g.Exchange).Distinct().Should().HaveCount(3, "html, duplicate-key and missing were judged");
        // Entry 0 of the recording is the version document; the images follow in order, the last one at #5.
        items.OfType<GroupCase>().Single(g => g.Exchange.EndsWith("#5", StringComparison.Ordinal) && g.Group == "fault").Outcome.Kind
            .Should().Be(OutcomeKind.Passed, "the image after the hostile ones got its 404 fault, judged as usual");
        clock.Elapsed.Should().BeLessThan(Timeout * 4, "only the drip waits for the timeout");
    }

    [Test]
    public async Task Retry_after_is_honoured_for_a_429()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();

        var (live, _) = await RunAsync(server, "retry-then-ok", folder);

        server.Requests.Should().Be(3, "the version document, then the image twice: 429 with Retry-After 1, then the answer");
        live.OfType<GroupCase>().Single(g => g.Group == "status-code").Outcome.Kind.Should().Be(OutcomeKind.Passed);
    }

    [Test]
    public async Task A_redirect_is_never_followed()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();

        await RunAsync(server, "redirect", folder);

        var entries = HarReader.Read(Path.Combine(folder.Path, "run.har"), "run.har").Select(e => e.Exchange!).ToList();
        entries.Should().OnlyContain(e => e.Request.Url.StartsWith(server.Root, StringComparison.Ordinal), "no request went to the redirect's host");
    }

    [Test]
    public async Task An_untrusted_certificate_is_refused_unless_its_authority_is_configured()
    {
        using var certificate = FaultServer.SelfSignedCertificate();
        await using var server = await FaultServer.StartAsync(certificate);
        using var folder = new TempFolder();
        var caFile = folder.Write("ca.pem", certificate.ExportCertificatePem());

        var refused = async () => await LiveRun.RecordAsync(Settings(server, ["missing"]), Path.Combine(folder.Path, "refused.har"), TextWriter.Null, Samples.Nova);
        await refused.Should().ThrowAsync<LiveTargetException>().WithMessage("*is unreachable: TLS failure*");

        await LiveRun.RecordAsync(Settings(server, ["missing"]) with { CaFile = caFile }, Path.Combine(folder.Path, "trusted.har"), TextWriter.Null, Samples.Nova);
        var trusted = Judge(Path.Combine(folder.Path, "trusted.har"));
        trusted.OfType<GroupCase>().Single(g => g.Group == "fault").Outcome.Kind.Should().Be(OutcomeKind.Passed, "with the authority configured the target is reached and judged");
    }

    [Test]
    public async Task The_rate_limit_holds()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var images = Enumerable.Range(0, 12).Select(i => $"missing-{i}").ToList();

        await LiveRun.RecordAsync(Settings(server, images) with { Concurrency = 16, RateLimit = 4 }, Path.Combine(folder.Path, "run.har"), TextWriter.Null, Samples.Nova);

        var arrivals = server.Arrivals.Order().ToList();
        arrivals.Should().HaveCount(12);
        for (var i = 0; i + 5 < arrivals.Count; i++)
        {
            (arrivals[i + 5] - arrivals[i]).Should().BeGreaterThan(TimeSpan.FromSeconds(1), "no second holds more than 4 requests (5 apart means more than a second)");
        }
    }

    [Test]
    public async Task The_concurrency_limit_holds()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var images = Enumerable.Range(0, 8).Select(i => $"slow-{i}").ToList();

        await LiveRun.RecordAsync(Settings(server, images) with { Concurrency = 2, RateLimit = 1000 }, Path.Combine(folder.Path, "run.har"), TextWriter.Null, Samples.Nova);

        server.MaxInFlight.Should().Be(2);
    }

    private static LiveSettings Settings(FaultServer server, IReadOnlyList<string> images) => server.LiveSettingsFor(images, "test-token");

    private static async Task<(List<RunItem> Items, TimeSpan Elapsed)> RunAsync(FaultServer server, string fault, TempFolder folder)
    {
        var settings = Settings(server, [fault]);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await LiveRun.RecordAsync(settings, Path.Combine(folder.Path, "run.har"), TextWriter.Null, Samples.Nova);
        var elapsed = clock.Elapsed;
        return (Judge(Path.Combine(folder.Path, "run.har")), elapsed);
    }

    private static List<RunItem> Judge(string har) => RecordedRun.Judge(har, "nova", Baseline.Empty, Samples.Profiles).ToList();

    private static string Summary(RunItem item) => item switch
    {
        GroupCase g => $"{g.Name}: {g.Outcome.Kind} {string.Join(",", g.Outcome.Failures.Select(f => f.Rule))}",
        _ => item.Name,
    };
}
