using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.Core.Recordings;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// The cross-exchange checks do not depend on where an entry sits in the recording, nor on the image standing still
/// between two requests. Every case is a HAR file in a temporary folder, judged by <see cref="RecordedRun"/>.
/// </summary>
public sealed class CrossCheckOrderTests
{
    private const string ImageService = CheckGroups.ImageService;
    private const string Consistency = CheckGroups.Consistency;

    private static JObject Record(long size = 4096, string name = "fakeimage7") => new()
    {
        ["id"] = Samples.ImageId,
        ["name"] = name,
        ["status"] = "active",
        ["size"] = size,
        ["min_disk"] = 0,
        ["min_ram"] = 0,
        ["created_at"] = "2026-11-22T11:59:07Z",
        ["updated_at"] = "2026-11-22T11:59:07Z",
    };

    private static JObject RecordEntry(JObject record)
    {
        var draft = Draft.Nova();
        draft.Url = $"http://127.0.0.1:19292/v2/images/{Samples.ImageId}";
        draft.RawBody = record.ToString();
        return HarText.Entry(draft.ToExchange());
    }

    private static JObject Compute(string version, string? started = null, Action<JObject>? change = null)
    {
        var draft = Draft.Nova(version);
        change?.Invoke(draft.Image);
        var entry = HarText.Entry(draft.ToExchange());
        if (started is not null)
        {
            entry["startedDateTime"] = started;
        }

        return entry;
    }

    private static List<RunItem> Judge(TempFolder folder, params JObject[] entries)
    {
        folder.Write("draft.har", HarText.Of(entries));
        return RecordedRun.Judge(folder.Path, "nova", Baseline.Empty, Samples.Profiles).ToList();
    }

    /// <summary>The image-service verdicts by API version: outcome and failing rules, whatever the entries' indexes.</summary>
    private static Dictionary<string, string> ImageServiceVerdicts(IEnumerable<RunItem> items) => items
        .OfType<GroupCase>()
        .Where(g => g.Group == ImageService)
        .ToDictionary(g => g.Version.Segment(), g => $"{g.Outcome.Kind}: {string.Join(", ", g.Outcome.Failures.Select(f => f.Rule))}");

    public static IEnumerable<TestCaseData> Records()
    {
        yield return new TestCaseData(4096L, "Passed: ").SetArgDisplayNames("agreeing record");
        yield return new TestCaseData(8192L, "Failed: image-service.size").SetArgDisplayNames("conflicting record");
    }

    [TestCaseSource(nameof(Records))]
    public void A_record_before_between_or_after_the_entries_gives_the_same_verdicts(long size, string expected)
    {
        using var before = new TempFolder();
        using var between = new TempFolder();
        using var after = new TempFolder();
        using var none = new TempFolder();
        var record = Record(size);

        var verdicts = new[]
        {
            ImageServiceVerdicts(Judge(before, RecordEntry(record), Compute("v2"), Compute("v2.1"))),
            ImageServiceVerdicts(Judge(between, Compute("v2"), RecordEntry(record), Compute("v2.1"))),
            ImageServiceVerdicts(Judge(after, Compute("v2"), Compute("v2.1"), RecordEntry(record))),
        };

        var wanted = new Dictionary<string, string> { ["v2"] = expected, ["v2.1"] = expected };
        verdicts.Should().AllSatisfy(v => v.Should().Equal(wanted));

        // Entries whose image gets no record at all get no image-service group, and no problem either.
        var unrecorded = Judge(none, Compute("v2"), Compute("v2.1"));
        ImageServiceVerdicts(unrecorded).Should().BeEmpty();
        unrecorded.OfType<ProblemCase>().Should().BeEmpty();
    }

    [Test]
    public void A_conflicting_record_after_the_entries_fails_them_as_late_groups_of_those_entries()
    {
        using var folder = new TempFolder();

        var items = Judge(folder, Compute("v2"), Compute("v2.1"), RecordEntry(Record(name: "other")));

        var late = items.OfType<GroupCase>().Where(g => g.Group == ImageService).ToList();
        late.Select(g => g.Name).Should().Equal("draft.har#0 v2 image-service", "draft.har#1 v2.1 image-service");
        late.Should().OnlyContain(g => g.Late && g.Outcome.Kind == OutcomeKind.Failed);
        late.SelectMany(g => g.Outcome.Failures).Select(f => f.Rule).Should().Equal("image-service.name", "image-service.name");
        late[0].Request.Should().Be($"GET {Samples.Url("v2")} answered 200");
    }

    [Test]
    public void A_late_group_does_not_count_its_exchange_twice()
    {
        using var folder = new TempFolder();
        var tally = new RunTally();

        foreach (var item in ExchangeCase.ByExchange(Judge(folder, Compute("v2"), Compute("v2.1"), RecordEntry(Record()))))
        {
            tally.Add(item);
        }

        tally.Exchanges.Should().Be(2);
        tally.Group(ImageService).Passed.Should().Be(2);
    }

    [Test]
    public void An_image_that_changed_between_v2_and_v21_is_not_a_violation_but_one_that_did_not_change_still_is()
    {
        using var changedFolder = new TempFolder();
        using var sameFolder = new TempFolder();
        using var untimedFolder = new TempFolder();
        // The v2.1 answer comes first in the file but was requested later: the requests' times say which is earlier.
        var changed = Judge(
            changedFolder,
            Compute("v2.1", "2026-11-22T12:05:00.000Z", i => { i["name"] = "renamed"; i["updated"] = "2026-11-22T12:03:00Z"; }),
            Compute("v2", "2026-11-22T12:00:00.000Z"));
        var same = Judge(
            sameFolder,
            Compute("v2.1", "2026-11-22T12:05:00.000Z", i => i["name"] = "renamed"),
            Compute("v2", "2026-11-22T12:00:00.000Z"));

        var changedOutcome = changed.OfType<GroupCase>().Single(g => g.Group == Consistency).Outcome;
        changedOutcome.Failures.Should().BeEmpty();
        changedOutcome.NotJudgedReason.Should().Be(
            "the two answers were not compared: the image changed between the requests (v2 (requested 2026-11-22T12:00:00.000Z) says updated 2026-11-22T11:59:07Z, "
            + "v2.1 (requested 2026-11-22T12:05:00.000Z) says updated 2026-11-22T12:03:00Z); they differ in image.name, image.updated");
        var sameOutcome = same.OfType<GroupCase>().Single(g => g.Group == Consistency).Outcome;
        sameOutcome.Kind.Should().Be(OutcomeKind.Failed);
        sameOutcome.Failures.Select(f => $"{f.Rule} {f.Where}").Should().Equal("consistency.versions_agree image.name");

        // Without request times, file order says which came first: here the later entry has the older "updated".
        var untimed = Judge(untimedFolder, Compute("v2", change: i => i["updated"] = "2026-11-22T12:03:00Z"), Compute("v2.1"));
        untimed.OfType<GroupCase>().Single(g => g.Group == Consistency).Outcome.Failures.Select(f => f.Where).Should().Equal("image.updated");
    }

    [Test]
    public void An_update_between_the_two_requests_explains_answers_whose_updated_went_backwards()
    {
        // The earlier request's answer says updated 12:02, after that request was sent: the image was changing then.
        using var folder = new TempFolder();

        var items = Judge(
            folder,
            Compute("v2", "2026-11-22T12:00:00.000Z", i => { i["name"] = "renamed"; i["updated"] = "2026-11-22T12:02:00Z"; }),
            Compute("v2.1", "2026-11-22T12:05:00.000Z"));

        var outcome = items.OfType<GroupCase>().Single(g => g.Group == Consistency).Outcome;
        outcome.Failures.Should().BeEmpty();
        outcome.NotJudgedReason.Should().Contain("the image changed between the requests").And.Contain("an update between the two requests");
    }

    [Test]
    public void Entries_that_cannot_wait_within_the_memory_budget_are_not_judged_with_the_reason()
    {
        // Each waiting entry keeps its image's name: three names of a third of the budget do not fit.
        using var folder = new TempFolder();
        var name = new string('n', (CrossChecks.DefaultBudget / 3) + 1_000);

        var items = Judge(
            folder,
            Compute("v2.1", change: i => i["name"] = name),
            Compute("v2.1", change: i => i["name"] = name),
            Compute("v2.1", change: i => i["name"] = name),
            Compute("v2.1", change: i => i["name"] = name),
            RecordEntry(Record(name: name)));

        var outcomes = items.OfType<GroupCase>().Where(g => g.Group == ImageService).ToDictionary(g => g.Exchange, g => g.Outcome);
        outcomes.Keys.Should().Equal("draft.har#0", "draft.har#1", "draft.har#2");
        outcomes["draft.har#0"].Kind.Should().Be(OutcomeKind.Passed);
        outcomes["draft.har#1"].Kind.Should().Be(OutcomeKind.Passed);
        outcomes["draft.har#2"].Kind.Should().Be(OutcomeKind.NotJudged);
        outcomes["draft.har#2"].NotJudgedReason.Should().Be(
            "the image service's record of this image comes later in the recording (draft.har#4), and this entry could not be kept until then: the entries "
            + $"waiting for their image's record had used the {CrossChecks.DefaultBudget:N0} characters the suite keeps for them "
            + "(and 1 more entry of this image up to draft.har#3, not judged either)");
    }

    [Test]
    public void Records_beyond_the_memory_budget_still_judge_the_entries_before_them_and_a_later_entry_without_one_is_a_problem()
    {
        // Records keep their names too: after one of half the budget, the next of half the budget is not kept.
        using var folder = new TempFolder();
        var name = new string('n', (CrossChecks.DefaultBudget / 2) + 1_000);
        var otherImage = Record(name: name);
        otherImage["id"] = "11111111-2222-3333-4444-555555555555";
        var otherEntry = RecordEntry(otherImage);
        otherEntry["request"]!["url"] = "http://127.0.0.1:19292/v2/images/11111111-2222-3333-4444-555555555555";

        var items = Judge(
            folder,
            otherEntry,
            Compute("v2", change: i => i["name"] = name),
            RecordEntry(Record(name: name)),
            Compute("v2.1", change: i => i["name"] = name));

        var outcomes = items.OfType<GroupCase>().Where(g => g.Group == ImageService).ToDictionary(g => g.Exchange, g => g.Outcome.Kind);
        outcomes.Should().Equal(new Dictionary<string, OutcomeKind> { ["draft.har#1"] = OutcomeKind.Passed });
        items.OfType<ProblemCase>().Should().ContainSingle().Which.Problem.Should().Be(
            $"draft.har: 1 image-service record was not kept for later entries (the suite keeps {CrossChecks.DefaultBudget:N0} characters of records), "
            + "and 1 image-details entry found no record: those whose record was let go were not compared with it");
    }

    [Test]
    public void A_baselined_deviation_found_on_a_late_group_is_not_reported_as_no_longer_occurring()
    {
        // "draft.har#1" names a/draft.har#1 and b/draft.har#1: in a the record comes first and agrees, in b it comes
        // after the entry and disagrees, so the deviation occurs in the run, on b's late group only.
        using var folder = new TempFolder();
        var other = Draft.Nova();
        other.Url = "http://127.0.0.1:19292/versions";
        folder.Write("a/draft.har", HarText.Of(RecordEntry(Record()), Compute("v2.1")));
        folder.Write("b/draft.har", HarText.Of(HarText.Entry(other.ToExchange()), Compute("v2.1"), RecordEntry(Record(size: 8192))));
        var baseline = new Baseline([new KnownDeviation("draft.har#1", "image-service.size", "the image service rounds sizes here")]);

        var items = RecordedRun.Judge(folder.Path, "nova", baseline, Samples.Profiles).ToList();

        var outcomes = items.OfType<GroupCase>().Where(g => g.Group == ImageService).ToDictionary(g => g.Exchange, g => g.Outcome);
        outcomes["a/draft.har#1"].NoLongerOccurring.Should().ContainSingle("a's image agrees with its record");
        outcomes["b/draft.har#1"].Known.Should().ContainSingle().Which.Violation.Rule.Should().Be("image-service.size");
        items.OfType<BaselineCase>().SelectMany(b => b.NoLongerOccurring).Should().BeEmpty("the deviation occurs, on b's late group");
    }
}
