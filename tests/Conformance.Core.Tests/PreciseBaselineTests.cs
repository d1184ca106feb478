using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Recordings;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// Baseline entries narrowed to a place (and a value), baselined warnings, and when an entry "no longer occurs":
/// each case writes a baseline file and a recording to disk, loads the one and judges the other as a run does.
/// </summary>
public sealed class PreciseBaselineTests
{
    private const string Size = "image.OS-EXT-IMG-SIZE:size";

    [Test]
    public void An_entry_with_a_path_accepts_the_violation_at_that_path()
    {
        var run = Run(SizeAsString, Entry("body.type", path: Size));

        run.Outcome(CheckGroups.Body).Kind.Should().Be(OutcomeKind.Warning);
        run.Outcome(CheckGroups.Body).Failures.Should().BeEmpty();
        run.Outcome(CheckGroups.Body).Known.Select(k => k.Violation.Where).Should().Equal(Size);
        run.Baseline.Should().BeNull();
    }

    [Test]
    public void A_new_violation_of_the_rule_at_another_path_still_fails()
    {
        var run = Run(d => { SizeAsString(d); d.Image["name"] = 5; }, Entry("body.type", path: Size));

        var body = run.Outcome(CheckGroups.Body);
        body.Kind.Should().Be(OutcomeKind.Failed);
        body.Failures.Select(f => (f.Rule, f.Where)).Should().Equal(("body.type", "image.name"));
        body.Known.Select(k => k.Violation.Where).Should().Equal(Size);
    }

    [Test]
    public void An_entry_without_a_path_still_accepts_the_rule_anywhere_and_says_it_is_broad()
    {
        var run = Run(d => { SizeAsString(d); d.Image["name"] = 5; }, Entry("body.type"));

        var body = run.Outcome(CheckGroups.Body);
        body.Kind.Should().Be(OutcomeKind.Warning);
        body.Known.Select(k => k.Violation.Where).Should().BeEquivalentTo(Size, "image.name");
        body.Describe().Should().Contain("names no path, so it accepts this rule anywhere in the entry");
    }

    [Test]
    public void A_path_pattern_with_any_index_accepts_every_item_of_the_array_and_nothing_else()
    {
        var run = Run(
            d => { d.Links[0]["href"] = "/v2.1/images/x"; d.Links[1]["href"] = "/images/y"; d.Image["name"] = 5; },
            Entry("links.href_absolute", path: "image.links[*].href"),
            Entry("body.type", path: "image.links[*].href"));

        var links = run.Outcome(CheckGroups.Links);
        links.Known.Where(k => k.Violation.Rule == "links.href_absolute").Select(k => k.Violation.Where).Should().Equal("image.links[0].href", "image.links[1].href");
        links.Failures.Where(f => f.Rule == "links.href_absolute").Should().BeEmpty();
        run.Outcome(CheckGroups.Body).Failures.Select(f => f.Where).Should().Equal("image.name");
    }

    [Test]
    public void An_entry_with_a_value_accepts_only_that_value()
    {
        var same = Run(SizeAsString, Entry("body.type", path: Size, value: "4096"));
        var other = Run(SizeAsString, Entry("body.type", path: Size, value: "8192"));

        same.Outcome(CheckGroups.Body).Kind.Should().Be(OutcomeKind.Warning);
        same.Outcome(CheckGroups.Body).Known.Should().ContainSingle();
        other.Outcome(CheckGroups.Body).Kind.Should().Be(OutcomeKind.Failed);
        other.Outcome(CheckGroups.Body).Failures.Select(f => f.Where).Should().Equal(Size);
        other.Baseline!.NoLongerOccurring.Select(d => d.Value!.ToString()).Should().Equal("8192");
    }

    [Test]
    public void A_number_value_is_written_as_json()
    {
        var run = Run(d => d.Image["minRam"] = -1, Entry("body.range", path: "image.minRam", value: -1));

        run.Outcome(CheckGroups.Body).Known.Should().ContainSingle();
        run.Outcome(CheckGroups.Body).Failures.Should().BeEmpty();
    }

    [Test]
    public void A_baselined_warning_is_known_and_not_reported_as_no_longer_occurring()
    {
        var run = Run(d => (d.Links[0], d.Links[1]) = (d.Links[1], d.Links[0]), Entry("links.order", path: "image.links"));

        var links = run.Outcome(CheckGroups.Links);
        links.Known.Select(k => k.Violation.Rule).Should().Equal("links.order");
        links.Warnings.Should().BeEmpty();
        links.NoLongerOccurring.Should().BeEmpty();
        links.Describe().Should().StartWith("1 known deviation (baseline):").And.NotContain("not found");
        run.Baseline.Should().BeNull();
    }

    [Test]
    public void A_baselined_undocumented_field_warning_is_known()
    {
        var run = Run(d => d.Image["vendor:extra"] = 1, Entry("body.unknown_field", path: "image.vendor:extra"));

        run.Outcome(CheckGroups.Body).Known.Select(k => k.Violation.Rule).Should().Equal("body.unknown_field");
        run.Outcome(CheckGroups.Body).Warnings.Should().BeEmpty();
        run.Baseline.Should().BeNull();
    }

    [Test]
    public void An_entry_that_occurs_nowhere_is_reported_as_no_longer_occurring()
    {
        var run = Run(_ => { }, Entry("links.order", path: "image.links"));

        run.Outcome(CheckGroups.Links).NoLongerOccurring.Select(d => d.Rule).Should().Equal("links.order");
        run.Outcome(CheckGroups.Links).Describe().Should().Contain("[links.order] at image.links, listed for one.har#0");
        run.Baseline!.NoLongerOccurring.Select(d => d.Rule).Should().Equal("links.order");
        run.Baseline.Unmatched.Should().BeEmpty();
        BaselineCase.Describe(run.Baseline.Unmatched, run.Baseline.NoLongerOccurring).Should().Contain("no longer occur").And.Contain("[links.order] at image.links, listed for one.har#0");
    }

    [Test]
    public void An_entry_found_in_one_of_the_exchanges_it_names_is_not_reported_as_no_longer_occurring()
    {
        // "one.har#0" names a/one.har#0 and b/one.har#0 alike when the run judges their parent folder.
        using var folder = new TempFolder();
        var lower = Draft.Nova();
        lower.Image["status"] = "active";
        folder.Write("a/one.har", HarText.Of(HarText.Entry(lower.ToExchange())));
        folder.Write("b/one.har", HarText.Of(HarText.Entry(Draft.Nova().ToExchange())));
        var baseline = Write(folder, Entry("status.enum", path: "image.status"));

        var items = RecordedRun.Judge(folder.Path, "nova", Baseline.Load(baseline), Samples.Profiles).ToList();

        var status = items.OfType<GroupCase>().Where(g => g.Group == CheckGroups.Status).ToDictionary(g => g.Exchange, g => g.Outcome);
        status["a/one.har#0"].Known.Should().ContainSingle();
        status["b/one.har#0"].NoLongerOccurring.Should().ContainSingle("that exchange does not show it");
        items.OfType<BaselineCase>().Should().BeEmpty("the deviation does occur in the run");
    }

    [Test]
    public void A_part_of_a_sharded_run_does_not_call_an_entry_gone()
    {
        using var folder = new TempFolder();
        folder.Write("one.har", HarText.Of(HarText.Entry(Draft.Nova().ToExchange())));
        var baseline = Baseline.Load(Write(folder, Entry("links.order", path: "image.links")));

        var parts = Enumerable.Range(1, 2).SelectMany(k => RecordedRun.Judge(Path.Combine(folder.Path, "one.har"), "nova", baseline, Samples.Profiles, shard: new Shard(k, 2))).ToList();
        var whole = RecordedRun.Judge(Path.Combine(folder.Path, "one.har"), "nova", baseline, Samples.Profiles).ToList();

        parts.OfType<BaselineCase>().Should().BeEmpty();
        whole.OfType<BaselineCase>().Single().NoLongerOccurring.Should().ContainSingle();
    }

    [Test]
    public void An_entry_of_a_group_that_could_not_be_judged_is_not_called_gone()
    {
        var run = Run(d => d.RawBody = "not json", Entry("status.enum", path: "image.status"));

        run.Outcome(CheckGroups.Status).Kind.Should().Be(OutcomeKind.NotJudged);
        run.Outcome(CheckGroups.Status).NoLongerOccurring.Should().BeEmpty();
        run.Baseline.Should().BeNull();
    }

    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": "links.order", "pth": "image.links", "reason": "x"}]}""", "deviation 0 (line 1): unknown key \"pth\" (did you mean \"path\"?)")]
    [TestCase("""{"deviation": []}""", "line 1: unknown key \"deviation\" (did you mean \"deviations\"?)*")]
    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": "links.ordr", "reason": "x"}]}""", "deviation 0 (line 1): names the unknown rule 'links.ordr' (did you mean \"links.order\"?)")]
    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": "links.order", "path": 3, "reason": "x"}]}""", "deviation 0 (line 1): \"path\" must be a string, not the number 3")]
    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": "body.type", "path": "image..size", "reason": "x"}]}""", "deviation 0 (line 1): \"path\" 'image..size' is not a path: it has an empty segment")]
    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": "links.type", "path": "image.links[first]", "reason": "x"}]}""", "*'image.links[first]' is not a path: it has a bracket that is not an array index*")]
    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": "body.type", "value": "4096", "reason": "x"}]}""", "deviation 0 (line 1): \"value\" needs a \"path\"*")]
    [TestCase("""{"deviations": [{"recording": "a.har", "rule": "body.type", "reason": "x"}]}""", "deviation 0 (line 1): \"recording\" 'a.har' names no entry*")]
    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": ["body.type"], "reason": "x"}]}""", "deviation 0 (line 1): \"rule\" must be a string, not an array")]
    [TestCase("""{"deviations": ["a.har#0"]}""", "deviation 0 (line 1): must be an object*")]
    [TestCase("""[]""", "must be a JSON object with a \"deviations\" array, not an array")]
    [TestCase("""{"deviations": [{"recording": "a.har#0", "rule": "body.type", "reason": "x", "reason": "y"}]}""", "is not valid JSON*")]
    public void A_malformed_baseline_stops_with_the_file_the_place_and_the_problem(string text, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.Write("baseline.json", text);

        var load = () => Baseline.Load(path);

        load.Should().Throw<InvalidDataException>().WithMessage($"Baseline {path}*{problem}");
    }

    [Test]
    public void Every_problem_of_a_baseline_is_listed_with_its_line()
    {
        using var folder = new TempFolder();
        var path = folder.Write("baseline.json", """
            {"deviations": [
              {"recording": "a.har#0", "rule": "links.order", "path": "image.links", "reason": "fine"},
              {"recording": "a.har#1", "rule": "links.ordr", "reason": "x"},
              {"recording": "a.har#2", "rule": "links.order", "path": " image.links", "reason": "x"}
            ]}
            """);

        var load = () => Baseline.Load(path);

        load.Should().Throw<InvalidDataException>()
            .Which.Message.Should().Contain("has 2 problems")
            .And.Contain("deviation 1 (line 3): names the unknown rule 'links.ordr'")
            .And.Contain("deviation 2 (line 4): \"path\" ' image.links' is not a path: it has spaces at its start or end")
            .And.NotContain("deviation 0");
    }

    [TestCase("image.links[*].href", "image.links[12].href", true)]
    [TestCase("image.links[*].href", "image.links[].href", false)]
    [TestCase("image.links[*].href", "image.links[1].rel", false)]
    [TestCase("image.links[1].href", "image.links[1].href", true)]
    [TestCase("image.links", "image.links[0].href", false)]
    [TestCase("image.size", "image.size.x", false)]
    public void Paths_match_exactly_with_any_index_for_star(string pattern, string where, bool matches)
    {
        Assert.That(KnownDeviation.PathMatches(pattern, where), Is.EqualTo(matches));
    }

    private static void SizeAsString(Draft draft) => draft.Image["OS-EXT-IMG-SIZE:size"] = "4096";

    private static JObject Entry(string rule, string? path = null, JToken? value = null)
    {
        var entry = new JObject { ["recording"] = "one.har#0", ["rule"] = rule, ["reason"] = "accepted for the test" };
        if (path is not null)
        {
            entry["path"] = path;
        }

        if (value is not null)
        {
            entry["value"] = value;
        }

        return entry;
    }

    private static string Write(TempFolder folder, params JObject[] entries) =>
        folder.Write("baseline/known.json", new JObject { ["deviations"] = new JArray(entries) }.ToString());

    private static Judged Run(Action<Draft> change, params JObject[] entries)
    {
        using var folder = new TempFolder();
        var draft = Draft.Nova();
        change(draft);
        folder.Write("recordings/one.har", HarText.Of(HarText.Entry(draft.ToExchange())));
        var baseline = Baseline.Load(Write(folder, entries));
        return new Judged(RecordedRun.Judge(Path.Combine(folder.Path, "recordings"), "nova", baseline, Samples.Profiles).ToList());
    }

    private sealed record Judged(List<RunItem> Items)
    {
        public BaselineCase? Baseline => Items.OfType<BaselineCase>().SingleOrDefault();

        public GroupOutcome Outcome(string group) => Items.OfType<GroupCase>().Single(g => g.Group == group).Outcome;
    }
}
