using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.Core.Recordings;
using Conformance.Core.Settings;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// Inputs a hostile endpoint or a careless user would try against the microversion, probe, memo and cross-check
/// verdicts: Nova's reading of odd header values, settings Nova would refuse, probes the profile does not settle,
/// a memo shared between judges, v2/v2.1 answers in every order, sharded runs.
/// </summary>
public sealed class HostileVerdictTests
{
    private const string Fault = "{\"itemNotFound\": {\"code\": 404, \"message\": \"Image not found.\"}}";

    private static string Rules(Verdict v) => string.Join(",", v.Violations.Select(x => $"{x.Rule}[{x.Severity}]"));

    // ---- 1. microversion expectations
    [TestCase("compute 2.36")]
    [TestCase("compute latest")]
    [TestCase("compute foo")]
    public void A_401_to_a_microversion_request_is_what_Nova_answers(string header)
    {
        var d = Draft.Nova().Error(401, "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}");
        d.RequestHeaders.Add(new("OpenStack-API-Version", header));
        var v = d.Judge();
        TestContext.Out.WriteLine(Rules(v));
        v.Violations.Select(x => x.Rule).Should().NotContain("status-code.microversion_expected");
    }

    [TestCase(0x1f, false, 404)]
    [TestCase(0x1f, true, 404)]
    [TestCase(0x1c, false, 404)]
    public void Ascii_separators_Python_strips_are_read_as_Nova_does(int code, bool between, int novaStatus)
    {
        var c = (char)code;
        var header = between ? $"compute{c}2.40" : $"compute 2.40{c}";
        var d = Draft.Nova().Error(novaStatus, Fault);
        d.RequestHeaders.Add(new("OpenStack-API-Version", header));
        var v = d.Judge();
        TestContext.Out.WriteLine(Rules(v));
        v.Violations.Select(x => x.Rule).Should().NotContain("status-code.microversion_expected");
    }

    [TestCase("2.01")]
    [TestCase("2.035")]
    public void A_microversion_setting_Nova_refuses_is_refused(string value)
    {
        var environment = new Dictionary<string, string> { ["CONFORMANCE_MODE"] = "live", ["CONFORMANCE_TOKEN"] = "t", ["CONFORMANCE_COMPUTE_URL"] = "http://127.0.0.1:8774", ["CONFORMANCE_PROJECT_ID"] = "p", ["CONFORMANCE_MICROVERSION"] = value };
        var read = () => new SettingsReader(_ => null, n => environment.GetValueOrDefault(n), [Path.GetTempPath()]).Read(["huawei-ecs", "nova", "rackspace"]);
        read.Should().Throw<SettingsException>();
    }

    [TestCase("2.\u0663")]
    public void A_microversion_setting_with_odd_characters_is_a_clear_message(string value)
    {
        var environment = new Dictionary<string, string> { ["CONFORMANCE_MODE"] = "live", ["CONFORMANCE_TOKEN"] = "t", ["CONFORMANCE_COMPUTE_URL"] = "http://127.0.0.1:8774", ["CONFORMANCE_PROJECT_ID"] = "p", ["CONFORMANCE_MICROVERSION"] = value };
        var read = () => new SettingsReader(_ => null, n => environment.GetValueOrDefault(n), [Path.GetTempPath()]).Read(["huawei-ecs", "nova", "rackspace"]);
        read.Should().Throw<SettingsException>();
    }

    // ---- 2. probes
    [TestCase(418)]
    [TestCase(502)]
    public void An_unsettled_probe_answered_with_an_undocumented_code_still_fails_documented(int status)
    {
        var d = Draft.Rackspace().Error(status, "{}");
        d.Probe = new Probe("microversion-unsupported", 406, "a compute microversion above the maximum is answered 406");
        var v = d.Judge();
        TestContext.Out.WriteLine(Rules(v));
        v.Violations.Select(x => x.Rule).Should().Contain("status-code.documented");
    }

    // ---- 4. cross checks
    private static JObject Compute(string version, string? name = null)
    {
        var draft = Draft.Nova(version);
        if (name is not null)
        {
            draft.Image["name"] = name;
        }

        return HarText.Entry(draft.ToExchange());
    }

    private static List<string> Consistency(params JObject[] entries)
    {
        using var folder = new TempFolder();
        folder.Write("r.har", HarText.Of(entries));
        return RecordedRun.Judge(folder.Path, "nova", Baseline.Empty, Samples.Profiles).OfType<GroupCase>()
            .Where(g => g.Group == CheckGroups.Consistency)
            .Select(g => $"{g.Exchange}:{g.Outcome.Kind}:{string.Join(",", g.Outcome.Failures.Select(f => f.Rule))}").ToList();
    }

    [Test]
    public void A_disagreeing_v21_answer_is_reported_whatever_the_order()
    {
        var inOrder = Consistency(Compute("v2"), Compute("v2.1"), Compute("v2.1", name: "other"));
        var swapped = Consistency(Compute("v2"), Compute("v2.1", name: "other"), Compute("v2.1"));
        TestContext.Out.WriteLine(string.Join(" | ", inOrder));
        TestContext.Out.WriteLine(string.Join(" | ", swapped));
        inOrder.Count(s => s.Contains("versions_agree", StringComparison.Ordinal)).Should().Be(1, "the v2.1 answer naming another name disagrees with the v2 answer");
        swapped.Count(s => s.Contains("versions_agree", StringComparison.Ordinal)).Should().Be(1, "whatever the order");
    }
}

public sealed class HostileSeparatorTests
{
    [TestCase(0x1f)]
    [TestCase(0x1c)]
    public void A_200_to_a_request_Nova_reads_as_2_40_is_a_violation(int code)
    {
        var d = Draft.Nova();
        d.RequestHeaders.Add(new("OpenStack-API-Version", $"compute{(char)code}2.40"));
        var v = d.Judge();
        TestContext.Out.WriteLine(string.Join(",", v.Violations.Select(x => x.Rule)));
        v.Violations.Select(x => x.Rule).Should().Contain("status-code.microversion_expected");
    }
}

public sealed class HostileMicroversionAndMemoTests
{
    private const string Fault = "{\"itemNotFound\": {\"code\": 404, \"message\": \"Image not found.\"}}";

    [Test]
    public void A_404_echoing_an_unsupported_microversion_is_not_Zeds_406()
    {
        var d = Draft.Nova().Error(404, Fault);
        d.RequestHeaders.Add(new("OpenStack-API-Version", "compute 2.999"));
        d.SetHeader("OpenStack-API-Version", "compute 2.999").SetHeader("X-OpenStack-Nova-API-Version", "2.999");
        d.Probe = new Probe("microversion-unsupported", 406, "a compute microversion above the maximum (2.93) is answered 406");
        var v = d.Judge();
        TestContext.Out.WriteLine("violations: " + string.Join(",", v.Violations.Select(x => x.Rule)));
        v.Failures.Select(x => x.Rule).Should().Equal(["status-code.microversion_expected"], "Zed answers 2.999 with 406, whatever the headers echo");
    }

    [Test]
    public void A_memo_shared_by_judges_of_other_checks_keeps_each_judges_findings()
    {
        var memo = new BodyMemo();
        var broken = Draft.Nova();
        broken.Image.Remove("name");
        var exchange = broken.ToExchange();
        ImageDetailsRequest.TryParse("GET", exchange.Request.Url, out var request, out _);
        var profile = Samples.Profiles.Get("nova");
        var alone = new ExchangeJudge([new SchemaCheck()]).Judge(exchange, request!, profile).Violations.Select(x => x.Rule).ToList();

        new ExchangeJudge([new FieldPresenceCheck()], memo).Judge(exchange, request!, profile);
        var shared = new ExchangeJudge([new SchemaCheck()], memo).Judge(exchange, request!, profile).Violations.Select(x => x.Rule).ToList();
        var all = () => new ExchangeJudge(null, memo).Judge(exchange, request!, profile);

        shared.Should().Equal(alone).And.Contain("body.required");
        all.Should().NotThrow("a judge of more checks finds no entry of fewer checks");
    }
}

public sealed class HostileChangedImageTests
{
    [Test]
    public void A_future_updated_on_one_version_does_not_hide_a_disagreement()
    {
        var v2 = HarText.Entry(Draft.Nova("v2").ToExchange());
        v2["startedDateTime"] = "2026-12-01T10:00:00.000Z";
        var d = Draft.Nova("v2.1");
        d.Image["name"] = "other";
        d.Image["updated"] = "2099-01-01T00:00:00Z";
        var v21 = HarText.Entry(d.ToExchange());
        v21["startedDateTime"] = "2026-12-01T10:00:01.000Z";
        using var folder = new TempFolder();
        folder.Write("r.har", HarText.Of(v2, v21));
        var items = RecordedRun.Judge(folder.Path, "nova", Baseline.Empty, Samples.Profiles).OfType<GroupCase>().ToList();
        foreach (var g in items)
        {
            TestContext.Out.WriteLine($"{g.Exchange} {g.Group}: {g.Outcome.Kind} {string.Join(",", g.Outcome.Failures.Select(f => f.Rule))} {(g.Verdict.NotJudged.TryGetValue(g.Group, out var w) ? w : string.Empty)}");
        }

        items.SelectMany(g => g.Outcome.Failures).Select(f => f.Rule).Should().Contain("consistency.versions_agree");
    }
}

public sealed class HostileShardTests
{
    private static JObject RecordEntry(string url)
    {
        var record = new JObject
        {
            ["id"] = Samples.ImageId, ["name"] = "fakeimage7", ["status"] = "active", ["size"] = 8192, ["min_disk"] = 0, ["min_ram"] = 0,
            ["created_at"] = "2026-11-22T11:59:07Z", ["updated_at"] = "2026-11-22T11:59:07Z",
        };
        var draft = Draft.Nova();
        draft.Url = url;
        draft.RawBody = record.ToString();
        return HarText.Entry(draft.ToExchange());
    }

    [TestCase("http://127.0.0.1:19292/v2/images/")]
    [TestCase("http://127.0.0.1:19292/images/v2/images/")]
    public void A_sharded_run_finds_what_the_whole_run_finds(string glance)
    {
        using var folder = new TempFolder();
        folder.Write("r.har", HarText.Of(RecordEntry(glance + Samples.ImageId), HarText.Entry(Draft.Nova("v2.1").ToExchange()), HarText.Entry(Draft.Nova("v2").ToExchange())));
        int Failures(Shard? shard) => RecordedRun.Judge(folder.Path, "nova", Baseline.Empty, Samples.Profiles, shard: shard).OfType<GroupCase>()
            .Count(g => g.Outcome.Failures.Any(f => f.Rule.StartsWith("image-service.", StringComparison.Ordinal)));
        var whole = Failures(null);
        whole.Should().BePositive("the record's size differs from the compute answers'");
        foreach (var n in new[] { 2, 3, 5, 7, 16 })
        {
            var parts = Enumerable.Range(1, n).Sum(k => Failures(new Shard(k, n)));
            TestContext.Out.WriteLine($"n={n}: whole {whole}, parts {parts}");
            parts.Should().Be(whole);
        }
    }
}
