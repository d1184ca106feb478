using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Recordings;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

public sealed class RecordedRunTests
{
    [Test]
    public void Judges_every_file_and_reports_a_bad_one_without_stopping()
    {
        using var folder = new TempFolder();
        folder.Write("a-bad.har", "{\"log\": ");
        folder.Write("b-good.har", HarText.Of(HarText.Entry(Draft.Nova().ToExchange())));

        var items = RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles).ToList();

        items.OfType<ProblemCase>().Single().Problem.Should().Be("a-bad.har ends before the HAR document is complete (truncated file?) (line 1, position 8)");
        items.OfType<GroupCase>().Select(g => g.Name).Should().Equal(
            "b-good.har#0 v2.1 status-code", "b-good.har#0 v2.1 headers", "b-good.har#0 v2.1 body", "b-good.har#0 v2.1 identity",
            "b-good.har#0 v2.1 timestamps", "b-good.har#0 v2.1 links", "b-good.har#0 v2.1 status", "b-good.har#0 v2.1 metadata");
        items.OfType<GroupCase>().Should().OnlyContain(g => g.Outcome.Kind == OutcomeKind.Passed);
    }

    [Test]
    public void Lists_unrelated_entries_as_not_judged_with_the_reason()
    {
        using var folder = new TempFolder();
        var list = Draft.Nova();
        list.Url = "http://127.0.0.1:18774/v2.1/p/images/detail";
        var glance = Draft.Nova();
        glance.Url = "http://127.0.0.1:19292/v2/images/70a599e0-31e7-49b7-b260-868f441e862b";
        folder.Write("mixed.har", HarText.Of(HarText.Entry(list.ToExchange()), HarText.Entry(glance.ToExchange()), HarText.Entry(Draft.Nova().ToExchange())));

        var items = RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles).ToList();

        items.OfType<SkippedCase>().Single().Reasons.Should().Equal(
            "#0 GET http://127.0.0.1:18774/v2.1/p/images/detail: not an image-details URL (.../v2[.1]/{project_id}/images/{image_id})",
            "#1 GET http://127.0.0.1:19292/v2/images/70a599e0-31e7-49b7-b260-868f441e862b: URL is the Image service's shape (/v2/images/{image_id}), not Compute's /v2/{project_id}/images/{image_id}");
        items.OfType<GroupCase>().Should().OnlyContain(g => g.Exchange == "mixed.har#2");
    }

    [Test]
    public void A_run_that_judges_nothing_says_so()
    {
        using var folder = new TempFolder();
        var path = folder.Write("empty.har", HarText.Of());

        var items = RecordedRun.Judge(path, null, Baseline.Empty, Samples.Profiles).ToList();

        items.Should().ContainSingle().Which.Should().BeOfType<NothingJudgedCase>();
    }

    [Test]
    public void Takes_the_profile_a_folder_states_unless_overridden()
    {
        using var folder = new TempFolder();
        folder.Write("huawei/conformance.json", """{"profile": "huawei-ecs"}""");
        var draft = Draft.Huawei();
        draft.Image["OS-DCF:diskConfig"] = "AUTO";
        folder.Write("huawei/sub/one.har", HarText.Of(HarText.Entry(draft.ToExchange())));

        var stated = RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles).OfType<GroupCase>().ToList();
        var overridden = RecordedRun.Judge(folder.Path, "nova", Baseline.Empty, Samples.Profiles).OfType<GroupCase>().ToList();

        stated.Select(g => g.Verdict.Profile).Distinct().Should().Equal("huawei-ecs");
        stated.SelectMany(g => g.Outcome.Warnings).Select(w => w.Rule).Should().Contain("body.unknown_field");
        overridden.Select(g => g.Verdict.Profile).Distinct().Should().Equal("nova");
        overridden.SelectMany(g => g.Outcome.Failures).Select(f => f.Rule).Should().Contain("metadata.disk_config_agrees");
    }

    [Test]
    public void An_unknown_profile_in_a_folder_is_a_problem_for_its_files()
    {
        using var folder = new TempFolder();
        folder.Write("conformance.json", """{"profile": "aws"}""");
        folder.Write("one.har", HarText.Of(HarText.Entry(Draft.Nova().ToExchange())));

        var items = RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles).ToList();

        items.OfType<ProblemCase>().Single().Problem.Should().Be("its folder states the unknown profile 'aws': expected one of huawei-ecs, nova, rackspace");
    }

    [Test]
    public void Baselined_failures_are_known_and_stale_entries_are_reported()
    {
        using var folder = new TempFolder();
        var draft = Draft.Nova();
        draft.Image["status"] = "active";
        folder.Write("one.har", HarText.Of(HarText.Entry(draft.ToExchange())));
        var baseline = new Baseline(
        [
            new KnownDeviation("one.har#0", "status.enum", "the vendor sends lower case"),
            new KnownDeviation("one.har#0", "status.active_progress", "fixed long ago"),
            new KnownDeviation("gone.har#3", "links.rel", "recording removed"),
        ]);

        var items = RecordedRun.Judge(folder.Path, null, baseline, Samples.Profiles).ToList();
        var status = items.OfType<GroupCase>().Single(g => g.Group == CheckGroups.Status).Outcome;

        status.Kind.Should().Be(OutcomeKind.Warning);
        status.Failures.Should().BeEmpty();
        status.Known.Select(k => k.Deviation.Reason).Should().Equal("the vendor sends lower case");
        status.NoLongerOccurring.Select(d => d.Rule).Should().Equal("status.active_progress");
        status.Describe().Should().Be("""
            1 known deviation (baseline):
            [status.enum] Image status not allowed
              Where: image.status
              Received: "active" (a string)
              Documented: ACTIVE | SAVING | DELETED | ERROR | UNKNOWN (Nova's mapping of image service states)
              Known because: the vendor sends lower case
            Baselined deviations not found in this exchange:
            [status.active_progress] anywhere in the entry, listed for one.har#0: fixed long ago
            """);
        items.OfType<BaselineCase>().Single().Unmatched.Select(d => d.Recording).Should().Equal("gone.har#3");
        items.OfType<BaselineCase>().Single().NoLongerOccurring.Select(d => d.Rule).Should().Equal("status.active_progress");
    }

    [Test]
    public void A_body_that_is_not_an_image_leaves_the_image_groups_not_judged()
    {
        using var folder = new TempFolder();
        var draft = Draft.Nova();
        draft.RawBody = "not json";
        folder.Write("one.har", HarText.Of(HarText.Entry(draft.ToExchange())));

        var groups = RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles).OfType<GroupCase>().ToDictionary(g => g.Group, g => g.Outcome.Kind);

        groups[CheckGroups.Body].Should().Be(OutcomeKind.Failed);
        groups[CheckGroups.Links].Should().Be(OutcomeKind.NotJudged);
        groups[CheckGroups.StatusCode].Should().Be(OutcomeKind.Passed);
    }

    [Test]
    public void A_suite_error_on_one_entry_spoils_only_that_entry()
    {
        using var folder = new TempFolder();
        var poisoned = Draft.Nova();
        poisoned.Image["name"] = "poison";
        folder.Write("a.har", HarText.Of(HarText.Entry(Draft.Nova().ToExchange()), HarText.Entry(poisoned.ToExchange()), HarText.Entry(Draft.Nova().ToExchange())));
        folder.Write("b.har", HarText.Of(HarText.Entry(Draft.Nova().ToExchange())));
        var judge = new ExchangeJudge([.. ExchangeJudge.DefaultChecks, new ThrowsOn("poison")]);

        var items = RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles, judge).ToList();

        var problem = items.OfType<ProblemCase>().Should().ContainSingle().Subject;
        problem.Name.Should().Be("a.har#1 not judged (suite error)");
        problem.Problem.Should().StartWith("a.har#1 (GET http").And.Contain("could not be judged (suite error)").And.Contain("the check broke on poison");
        items.OfType<GroupCase>().Select(g => g.Exchange).Distinct().Should().Equal("a.har#0", "a.har#2", "b.har#0");
    }

    [Test]
    public void A_recording_path_that_vanished_is_a_problem_not_a_crash()
    {
        using var folder = new TempFolder();
        var gone = Path.Combine(folder.Path, "gone");

        var items = RecordedRun.Judge(gone, null, Baseline.Empty, Samples.Profiles).ToList();

        items.OfType<ProblemCase>().Single().Problem.Should().Contain(gone);
        items.OfType<NothingJudgedCase>().Should().ContainSingle();
    }

    [Test]
    public void Shards_split_the_exchanges_between_them_and_keep_each_image_in_one_part()
    {
        using var folder = new TempFolder();
        var entries = new List<Newtonsoft.Json.Linq.JObject>();
        for (var i = 0; i < 40; i++)
        {
            var draft = Draft.Nova();
            var id = $"{i:x8}-31e7-49b7-b260-868f441e862b";
            draft.Url = $"http://127.0.0.1:18774/v2.1/p/images/{id}";
            draft.Image["id"] = id;
            entries.Add(HarText.Entry(draft.ToExchange()));
            draft.Url = $"http://127.0.0.1:18774/v2/p/images/{id}";
            entries.Add(HarText.Entry(draft.ToExchange()));
        }

        folder.Write("many.har", HarText.Of([.. entries]));
        var parts = Enumerable.Range(1, 3)
            .Select(k => RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles, shard: new Shard(k, 3)).OfType<GroupCase>().Select(g => g.Exchange).Distinct().ToList())
            .ToList();

        parts.SelectMany(p => p).Should().HaveCount(80).And.OnlyHaveUniqueItems("every exchange is judged by exactly one part");
        parts.Should().OnlyContain(p => p.Count > 0);
        foreach (var part in parts)
        {
            // Both versions of an image go to the same part, so the consistency check still pairs them.
            part.Select(e => int.Parse(e[(e.IndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture) / 2).GroupBy(i => i).Should().OnlyContain(g => g.Count() == 2);
        }

        Shard.TryParse("2/4", out var shard).Should().BeTrue();
        shard.Should().Be(new Shard(2, 4));
        Shard.TryParse("0/4", out _).Should().BeFalse();
        Shard.TryParse("5/4", out _).Should().BeFalse();
        Shard.TryParse("x", out _).Should().BeFalse();
    }

    [Test]
    public void A_file_that_cannot_be_opened_is_its_own_problem_and_the_others_are_judged()
    {
        using var folder = new TempFolder();
        File.CreateSymbolicLink(Path.Combine(folder.Path, "a-gone.har"), Path.Combine(folder.Path, "nowhere.har"));
        folder.Write("b-good.har", HarText.Of(HarText.Entry(Draft.Nova().ToExchange())));

        var items = RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles).ToList();

        var problem = items.OfType<ProblemCase>().Should().ContainSingle().Subject;
        problem.Subject.Should().Be("a-gone.har");
        problem.Problem.Should().Contain("does not exist");
        items.OfType<GroupCase>().Select(g => g.Exchange).Distinct().Should().Equal("b-good.har#0");
    }

    private sealed class ThrowsOn(string name) : IExchangeCheck
    {
        public IEnumerable<Violation> Check(JudgeContext context) =>
            context.Image?["name"]?.ToString() == name ? throw new InvalidOperationException($"the check broke on {name}") : [];
    }
}
