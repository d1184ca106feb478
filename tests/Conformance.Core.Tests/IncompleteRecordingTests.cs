using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Recordings;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// Recordings that hold less than the exchange: a body kept in a file beside the HAR, a body left out, a request the
/// recording tool never saw answered. The recording, not the cloud, is short: nothing of it is judged as the cloud's.
/// Every case goes through the real path: a HAR file in a folder, judged by <see cref="RecordedRun"/>.
/// </summary>
public sealed class IncompleteRecordingTests
{
    private static readonly string[] BodyGroups = ["body", "identity", "timestamps", "links", "status", "metadata"];

    private static JObject Attached(string file)
    {
        var entry = HarText.Good();
        var content = (JObject)entry["response"]!["content"]!;
        content.Remove("text");
        content["_file"] = file;
        return entry;
    }

    private static List<RunItem> Judge(TempFolder folder, params JObject[] entries)
    {
        folder.Write("session/rec.har", HarText.Of(entries));
        return RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles).ToList();
    }

    [Test]
    public void A_body_kept_beside_the_har_is_read_and_judged()
    {
        using var folder = new TempFolder();
        var body = (string)HarText.Good()["response"]!["content"]!["text"]!;
        folder.Write("session/bodies/abc.json", body);

        var groups = Judge(folder, Attached("bodies/abc.json")).OfType<GroupCase>().ToList();

        groups.Select(g => g.Group).Should().Contain(BodyGroups);
        groups.Should().OnlyContain(g => g.Outcome.Kind == OutcomeKind.Passed);
    }

    [Test]
    public void A_violation_in_an_attached_body_is_found()
    {
        using var folder = new TempFolder();
        var body = JObject.Parse((string)HarText.Good()["response"]!["content"]!["text"]!);
        body["image"]!["progress"] = "full";
        folder.Write("session/abc.json", body.ToString(Formatting.None));

        var groups = Judge(folder, Attached("abc.json")).OfType<GroupCase>().ToList();

        groups.Single(g => g.Group == "status").Outcome.Kind.Should().Be(OutcomeKind.Failed);
    }

    public static IEnumerable<TestCaseData> UnreachableFiles()
    {
        yield return new TestCaseData("../outside.json", "leaves or names the HAR file's folder").SetArgDisplayNames("parent");
        yield return new TestCaseData("bodies/../../outside.json", "leaves or names the HAR file's folder").SetArgDisplayNames("parent inside");
        yield return new TestCaseData("/etc/hostname", "is not a plain name relative to the HAR file").SetArgDisplayNames("absolute");
        yield return new TestCaseData("missing.json", "is missing beside the HAR file").SetArgDisplayNames("missing");
        yield return new TestCaseData("bodies", "is not a regular file").SetArgDisplayNames("folder");
        yield return new TestCaseData("link.json", "passes through a symbolic link").SetArgDisplayNames("symlink out");
        yield return new TestCaseData("linked/abc.json", "passes through a symbolic link").SetArgDisplayNames("symlinked folder");
    }

    [TestCaseSource(nameof(UnreachableFiles))]
    public void An_attached_body_out_of_reach_is_not_recorded_and_nothing_is_read_outside(string file, string reason)
    {
        using var folder = new TempFolder();
        var body = (string)HarText.Good()["response"]!["content"]!["text"]!;
        folder.Write("outside.json", body);
        folder.Write("session/bodies/abc.json", body);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "session", "link.json"), Path.Combine(folder.Path, "outside.json"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "session", "linked"), Path.Combine(folder.Path, "session", "bodies"));

        var groups = Judge(folder, Attached(file), HarText.Good()).OfType<GroupCase>().ToList();

        var first = groups.Where(g => g.Exchange.EndsWith("#0", StringComparison.Ordinal)).ToList();
        first.Where(g => BodyGroups.Contains(g.Group)).Should().HaveCount(BodyGroups.Length)
            .And.OnlyContain(g => g.Outcome.Kind == OutcomeKind.NotJudged && g.Outcome.NotJudgedReason!.Contains(reason, StringComparison.Ordinal));
        first.Single(g => g.Group == "status-code").Outcome.Kind.Should().Be(OutcomeKind.Passed);
        groups.Where(g => g.Exchange.EndsWith("#1", StringComparison.Ordinal)).Should().OnlyContain(g => g.Outcome.Kind == OutcomeKind.Passed);
    }

    [Test]
    public void An_attached_body_read_from_a_stream_is_not_recorded()
    {
        var text = HarText.Of(Attached("abc.json"));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        var entry = Conformance.Core.Har.HarReader.Read(stream, "rec.har").Single();

        entry.Exchange!.Response.BodyNotRecorded.Should().Contain("cannot be reached when the HAR is read from a stream");
    }

    [Test]
    public void An_attached_body_larger_than_the_cap_is_cut_and_said()
    {
        using var folder = new TempFolder();
        folder.Write("session/big.json", new string(' ', Exchanges.RecordedResponse.MaxBodyBytes + 10));

        var har = folder.Write("session/rec.har", HarText.Of(Attached("big.json")));

        var exchange = Conformance.Core.Har.HarReader.Read(har, "rec.har").Single().Exchange!;

        exchange.Response.BodyProblem.Should().Contain("larger than 8 MiB");
        exchange.Response.Body.Length.Should().Be(Exchanges.RecordedResponse.MaxBodyBytes);
    }

    [Test]
    public void A_body_left_out_of_the_recording_is_not_judged_and_never_called_empty()
    {
        using var folder = new TempFolder();
        var entry = HarText.Good();
        var content = (JObject)entry["response"]!["content"]!;
        content.Remove("text");
        content["size"] = 812;

        var groups = Judge(folder, entry).OfType<GroupCase>().ToList();

        groups.Where(g => BodyGroups.Contains(g.Group)).Should().HaveCount(BodyGroups.Length)
            .And.OnlyContain(g => g.Outcome.Kind == OutcomeKind.NotJudged && g.Outcome.NotJudgedReason == "the body was not recorded (the recording gives its size, 812 bytes, but not its text)");
        groups.SelectMany(g => g.Outcome.Failures).Should().BeEmpty();
        groups.Single(g => g.Group == "headers").Outcome.Kind.Should().Be(OutcomeKind.Passed);
    }

    [Test]
    public void The_report_shows_why_a_body_is_missing_not_an_empty_body()
    {
        var response = new Conformance.Core.Exchanges.RecordedResponse(200, "OK", Conformance.Core.Exchanges.HeaderList.Empty, string.Empty, true)
        {
            BodyNotRecorded = "the body was not recorded (the recording gives its size, 812 bytes, but not its text)",
        };

        Conformance.Reporting.ExchangeText.Response(response).Should().EndWith("(the body was not recorded (the recording gives its size, 812 bytes, but not its text))");
    }

    [Test]
    public void An_error_whose_body_was_left_out_has_its_fault_not_judged()
    {
        using var folder = new TempFolder();
        var draft = Draft.Nova();
        draft.Status = 404;
        draft.Body = JObject.Parse("""{"itemNotFound": {"code": 404, "message": "Image not found."}}""");
        var entry = HarText.Entry(draft.ToExchange());
        var content = (JObject)entry["response"]!["content"]!;
        content.Remove("text");
        content["size"] = 70;

        var groups = Judge(folder, entry).OfType<GroupCase>().ToList();

        groups.Single(g => g.Group == "fault").Outcome.Kind.Should().Be(OutcomeKind.NotJudged);
        groups.Single(g => g.Group == "status-code").Outcome.Kind.Should().Be(OutcomeKind.Passed);
    }

    [Test]
    public void A_body_recorded_as_empty_is_still_the_clouds_empty_body()
    {
        using var folder = new TempFolder();
        var entry = HarText.Good();
        entry["response"]!["content"]!["text"] = string.Empty;
        entry["response"]!["content"]!["size"] = 0;

        var groups = Judge(folder, entry).OfType<GroupCase>().ToList();

        groups.Single(g => g.Group == "body").Outcome.Failures.Select(f => f.Rule).Should().Contain("body.json");
    }

    [Test]
    public void A_body_only_its_transferred_size_tells_of_is_not_recorded_with_the_recordings_comment()
    {
        using var folder = new TempFolder();
        var entry = HarText.Good();
        var content = (JObject)entry["response"]!["content"]!;
        content.Remove("text");
        content["size"] = 0;
        content["comment"] = "response body omitted by the export";
        entry["response"]!["bodySize"] = 377;

        var groups = Judge(folder, entry).OfType<GroupCase>().ToList();

        groups.Where(g => BodyGroups.Contains(g.Group)).Should().HaveCount(BodyGroups.Length)
            .And.OnlyContain(g => g.Outcome.Kind == OutcomeKind.NotJudged
                && g.Outcome.NotJudgedReason == "the body was not recorded (the recording gives its transferred size, 377 bytes, but not its text; the recording says: response body omitted by the export)");
    }

    [TestCase(0, "_error", "net::ERR_CONNECTION_RESET", "the recording tool saw no response: net::ERR_CONNECTION_RESET")]
    [TestCase(0, null, null, "the recording holds no response (status 0)")]
    [TestCase(-1, "_failureText", "net::ERR_TIMED_OUT", "the recording tool saw no response: net::ERR_TIMED_OUT")]
    [TestCase(-1, null, null, "the recording holds no response (status -1)")]
    public void An_image_request_that_got_no_response_is_a_problem_with_its_error_not_a_status_0_verdict(int status, string? field, string? error, string shown)
    {
        using var folder = new TempFolder();
        var entry = HarText.Good();
        var response = (JObject)entry["response"]!;
        response["status"] = status;
        response["statusText"] = string.Empty;
        response["headers"] = new JArray();
        response["content"] = new JObject { ["size"] = 0, ["mimeType"] = "x-unknown" };
        if (field is not null)
        {
            response[field] = error;
        }

        var items = Judge(folder, entry, HarText.Good());

        var problem = items.OfType<ProblemCase>().Should().ContainSingle().Subject;
        problem.Problem.Should().EndWith("got no response: " + shown);
        problem.Label.Should().Be("unreachable");
        items.OfType<GroupCase>().Should().NotContain(g => g.Exchange.EndsWith("#0", StringComparison.Ordinal));
        items.OfType<GroupCase>().Should().OnlyContain(g => g.Outcome.Kind == OutcomeKind.Passed);
    }

    [Test]
    public void A_side_request_that_got_no_response_is_only_skipped()
    {
        using var folder = new TempFolder();
        var side = HarText.Good();
        side["request"]!["url"] = "http://127.0.0.1:18774/favicon.ico";
        side["response"]!["status"] = 0;
        side["response"]!["_error"] = "net::ERR_ABORTED";

        var items = Judge(folder, side, HarText.Good());

        items.OfType<ProblemCase>().Should().BeEmpty();
        items.OfType<SkippedCase>().Single().Reasons.Should().ContainSingle().Which.Should().StartWith("#0 GET http://127.0.0.1:18774/favicon.ico");
    }
}
