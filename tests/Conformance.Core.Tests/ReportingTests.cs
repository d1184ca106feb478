using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.Core.Recordings;
using Conformance.Reporting;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

public sealed class ReportingTests
{
    private const string Canary = "gAAAAA-canary-4f1c9e2b7d";

    [Test]
    public void Request_response_and_curl_mask_every_secret_header()
    {
        var request = new RecordedRequest("GET", Samples.Url(), new HeaderList(
        [
            new("X-Auth-Token", Canary),
            new("Authorization", "Bearer " + Canary),
            new("Cookie", "session=" + Canary),
            new("Accept", "application/json"),
        ]));
        var response = new RecordedResponse(401, "Unauthorized", new HeaderList([new("Set-Cookie", "s=" + Canary), new("X-Subject-Token", Canary)]), "{}");

        var texts = new[] { ExchangeText.Request(request), ExchangeText.Response(response), ExchangeText.Curl(request) };

        texts.Should().NotContain(t => t.Contains(Canary, StringComparison.Ordinal));
        texts[0].Should().Contain("X-Auth-Token: ****").And.Contain("Accept: application/json");
        texts[2].Should().Be($"curl -i -H 'X-Auth-Token: '\"$OS_TOKEN\" -H 'Authorization: Bearer '\"$OS_TOKEN\" -H 'Cookie: '\"$OS_TOKEN\" -H 'Accept: application/json' --url '{Samples.Url()}'");
    }

    [TestCase(OutcomeKind.Passed, "passed", false, "conforms")]
    [TestCase(OutcomeKind.Failed, "failed", false, "violation")]
    [TestCase(OutcomeKind.Warning, "passed", true, "known")]
    [TestCase(OutcomeKind.NotJudged, "skipped", false, "not-judged")]
    public void Maps_outcomes_to_allure_statuses(OutcomeKind kind, string status, bool known, string label)
    {
        var draft = Draft.Nova();
        if (kind is OutcomeKind.Failed or OutcomeKind.Warning)
        {
            draft.Image["status"] = "active";
        }

        if (kind == OutcomeKind.NotJudged)
        {
            draft.RawBody = "nope";
        }

        var verdict = draft.Judge();
        var group = kind == OutcomeKind.NotJudged ? CheckGroups.Links : CheckGroups.Status;
        var baseline = kind == OutcomeKind.Warning ? new Baseline([new KnownDeviation("draft.har#0", "status.enum", "accepted")]) : Baseline.Empty;
        var item = new GroupCase("draft.har#0", ApiVersion.V21, group, verdict, GroupOutcome.Of(verdict, group, baseline, "draft.har#0"));
        item.Outcome.Kind.Should().Be(kind);

        var result = GroupResultMapper.Map(item, Samples.Profiles.Get("nova"), "fixtures", [], null, 1, 2);

        result.Status.Should().Be(status);
        (result.StatusDetails?.Known ?? false).Should().Be(known);
        result.Labels.Should().Contain(new AllureLabel("outcome", label));
        result.Labels.Should().Contain(new AllureLabel("story", group)).And.Contain(new AllureLabel("feature", "v2.1"))
            .And.Contain(new AllureLabel("parentSuite", "fixtures · profile nova")).And.Contain(new AllureLabel("target", "fixtures · profile nova"))
            .And.Contain(new AllureLabel("suite", "draft.har")).And.Contain(new AllureLabel("subSuite", "entry 0, v2.1"));
        if (kind is OutcomeKind.Failed or OutcomeKind.Warning)
        {
            result.Labels.Should().ContainSingle(l => l.Name == "rule").Which.Value.Should().Be("status.enum: Image status not allowed");
        }
        else
        {
            result.Labels.Should().NotContain(l => l.Name == "rule");
        }

        (result.Labels.Contains(new AllureLabel("tag", GroupResultMapper.KnownTag))).Should().Be(known);
        result.FullName.Should().Be($"draft.har#0 v2.1 {group}");
    }

    [Test]
    public void Identity_is_stable_across_runs_and_steps_list_the_profile_rules()
    {
        var verdict = Draft.Huawei().Judge();
        var item = new GroupCase("h.har#0", ApiVersion.V2, CheckGroups.Headers, verdict, GroupOutcome.Of(verdict, CheckGroups.Headers, Baseline.Empty, "h.har#0"));

        var first = GroupResultMapper.Map(item, Samples.Profiles.Get("huawei-ecs"), "t", [], null, 1, 2);
        var second = GroupResultMapper.Map(item, Samples.Profiles.Get("huawei-ecs"), "t", [], null, 5, 9);

        first.Uuid.Should().NotBe(second.Uuid);
        first.HistoryId.Should().Be(second.HistoryId);
        first.TestCaseId.Should().Be(second.TestCaseId);
        first.Steps.Select(s => s.Name).Should().Equal("headers.content_type: Content-Type is application/json");
    }

    [Test]
    public void History_follows_the_request_not_the_entry_index()
    {
        var verdict = Draft.Nova().Judge();
        GroupCase At(string name) => new(name, ApiVersion.V21, CheckGroups.Links, verdict, GroupOutcome.Of(verdict, CheckGroups.Links, Baseline.Empty, name));
        var profile = Samples.Profiles.Get("nova");
        const string request = "a.har|GET http://127.0.0.1:18774/v2.1/p/images/i|";

        var before = GroupResultMapper.Map(At("a.har#3"), profile, "t", [], null, 1, 2, request + "|0");
        var after = GroupResultMapper.Map(At("a.har#4"), profile, "t", [], null, 1, 2, request + "|0");
        var repeated = GroupResultMapper.Map(At("a.har#9"), profile, "t", [], null, 1, 2, request + "|1");
        var exchange = GroupResultMapper.MapExchange(new ExchangeCase("a.har#3", ApiVersion.V21, [At("a.har#3")]), profile, "t", [], null, 1, 2, request + "|0");
        var moved = GroupResultMapper.MapExchange(new ExchangeCase("a.har#4", ApiVersion.V21, [At("a.har#4")]), profile, "t", [], null, 1, 2, request + "|0");

        after.Name.Should().Be("a.har#4 v2.1 links", "the name still says where the entry is");
        after.HistoryId.Should().Be(before.HistoryId, "an entry inserted before it does not cut its history");
        after.TestCaseId.Should().Be(before.TestCaseId);
        repeated.HistoryId.Should().NotBe(before.HistoryId, "the same request made again is another test");
        moved.HistoryId.Should().Be(exchange.HistoryId);
        GroupResultMapper.Map(At("a.har#3"), profile, "t", [], null, 1, 2).HistoryId.Should().NotBe(GroupResultMapper.Map(At("a.har#4"), profile, "t", [], null, 1, 2).HistoryId);
    }

    [Test]
    public void Writes_complete_files_and_cleans_only_its_own()
    {
        using var folder = new TempFolder();
        var mine = folder.Write("old-result.json", "{}");
        var theirs = folder.Write("notes.txt", "keep me");
        var writer = new AllureWriter(folder.Path);

        writer.Clean();
        var attachment = writer.Attach("Violations", "text/plain", "txt", "text");
        writer.Write(new AllureResult { Name = "n", Attachments = [attachment] });
        writer.WriteEnvironment([new("target", "http://127.0.0.1:8774/v2.1"), new("profile", "nova")]);
        writer.WriteExecutor(name => name switch
        {
            "GITHUB_SERVER_URL" => "https://github.example",
            "GITHUB_REPOSITORY" => "team/conformance",
            "GITHUB_RUN_ID" => "42",
            "GITHUB_RUN_NUMBER" => "7",
            "GITHUB_WORKFLOW" => "nightly",
            _ => null,
        });
        writer.WriteCategories();

        File.Exists(mine).Should().BeFalse();
        File.ReadAllText(theirs).Should().Be("keep me");
        Directory.EnumerateFiles(folder.Path, "*.tmp").Should().BeEmpty();
        var result = Directory.EnumerateFiles(folder.Path, "*-result.json").Single();
        JObject.Parse(File.ReadAllText(result))["attachments"]![0]!["source"]!.ToString().Should().Be(attachment.Source);
        File.ReadAllText(Path.Combine(folder.Path, "environment.properties")).Should().Be("target = http\\://127.0.0.1\\:8774/v2.1\nprofile = nova\n");
        JObject.Parse(File.ReadAllText(Path.Combine(folder.Path, "executor.json")))["buildUrl"]!.ToString().Should().Be("https://github.example/team/conformance/actions/runs/42");
        JArray.Parse(File.ReadAllText(Path.Combine(folder.Path, "categories.json"))).Select(c => (string)c["name"]!).Should().Equal("Contract violations", "Known deviations (baseline, not failures)", "Warnings (not failures)", "Target unreachable or suite error");
    }

    [Test]
    public void Rewrites_the_previous_runs_files_rather_than_deleting_them()
    {
        using var folder = new TempFolder();
        var first = new AllureWriter(folder.Path);
        for (var i = 0; i < 5; i++)
        {
            first.Write(new AllureResult { Name = $"old {i}" });
        }

        folder.Write("interrupted-result.json.tmp", "{\"na");
        folder.Write("left.allure-spare.tmp", "from a run that was killed");
        var theirs = folder.Write("draft.tmp", "not Allure's");
        var second = new AllureWriter(folder.Path);

        second.Clean();

        Directory.EnumerateFiles(folder.Path, "*-result.json").Should().BeEmpty("the previous run's results must leave Allure's sight at once");
        Directory.EnumerateFiles(folder.Path, "*.allure-spare.tmp").Should().HaveCount(7);
        second.Write(new AllureResult { Name = "new 0" });
        second.Attach("Violations", "text/plain", "txt", "v");
        second.Write(new AllureResult { Name = "new 1" });
        Directory.EnumerateFiles(folder.Path, "*.allure-spare.tmp").Should().HaveCount(4, "each new file takes a spare");

        second.DeleteSpares();

        Directory.EnumerateFiles(folder.Path, "*.tmp").Select(Path.GetFileName).Should().Equal("draft.tmp");
        Directory.EnumerateFiles(folder.Path).Should().HaveCount(4, "two results, one attachment and the user's own file");
        File.ReadAllText(theirs).Should().Be("not Allure's");
        Directory.EnumerateFiles(folder.Path, "*-result.json").Select(f => (string)JObject.Parse(File.ReadAllText(f))["name"]!).Should().BeEquivalentTo("new 0", "new 1");
    }
}

public sealed class ExchangeGranularityTests
{
    [Test]
    public void Folds_the_groups_of_each_exchange_and_keeps_other_items()
    {
        using var folder = new TempFolder();
        var broken = Draft.Nova();
        broken.Image["status"] = "active";
        var path = folder.Write("two.har", HarText.Of(HarText.Entry(Draft.Nova().ToExchange()), HarText.Entry(broken.ToExchange())));

        var items = ExchangeCase.ByExchange(RecordedRun.Judge(path, "nova", Baseline.Empty, Samples.Profiles)).ToList();

        items.Select(i => i.Name).Should().Equal("two.har#0 v2.1", "two.har#1 v2.1");
        var second = (ExchangeCase)items[1];
        second.Kind.Should().Be(OutcomeKind.Failed);
        second.Failures.Select(f => f.Rule).Should().Equal("status.enum");
        second.Describe().Should().StartWith("== status ==");
    }

    [Test]
    public void One_allure_result_per_exchange_with_a_step_per_group()
    {
        using var folder = new TempFolder();
        var broken = Draft.Nova();
        broken.Image["status"] = "active";
        var path = folder.Write("one.har", HarText.Of(HarText.Entry(broken.ToExchange())));
        var exchange = (ExchangeCase)ExchangeCase.ByExchange(RecordedRun.Judge(path, "nova", Baseline.Empty, Samples.Profiles)).Single();

        var result = GroupResultMapper.MapExchange(exchange, Samples.Profiles.Get("nova"), "t", [], null, 1, 2);

        result.Name.Should().Be("one.har#0 v2.1");
        result.Status.Should().Be(AllureStatus.Failed);
        result.StatusDetails!.Known.Should().BeFalse();
        result.Steps.Select(s => s.Name).Should().Equal("status-code", "headers", "body", "identity", "timestamps", "links", "status", "metadata");
        result.Steps.Single(s => s.Name == "status").Status.Should().Be(AllureStatus.Failed);
        result.Labels.Should().Contain(new AllureLabel("outcome", "violation"));
    }
}
