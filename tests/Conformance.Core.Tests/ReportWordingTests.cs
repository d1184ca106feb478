using System.Diagnostics;
using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.Core.Recordings;
using Conformance.Reporting;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>What a report reader sees of a result: steps named for what they check, findings, and curl lines that reproduce.</summary>
public sealed class ReportWordingTests
{
    private static readonly RecordedResponse Unauthorized = new(401, "Unauthorized", new HeaderList([]), "{}");

    [Test]
    public void Every_rule_has_a_wording_for_when_it_holds_that_differs_from_its_title()
    {
        Rules.Ids.Where(id => !GroupResultMapper.Positive.ContainsKey(id)).Should().BeEmpty("a passed step is named for what its rule checks");
        GroupResultMapper.Positive.Keys.Where(id => !Rules.TryGet(id, out _)).Should().BeEmpty("no wording for a rule that does not exist");
        Rules.Ids.Where(id => string.Equals(GroupResultMapper.Holds(id), GroupResultMapper.Title(id), StringComparison.OrdinalIgnoreCase)).Should().BeEmpty();
        GroupResultMapper.Holds("headers.content_type").Should().Be("Content-Type is application/json");
    }

    [Test]
    public void A_failing_step_is_named_for_the_failure_and_a_known_one_passes_marked_known()
    {
        var draft = Draft.Nova();
        draft.Image["status"] = "active";
        var verdict = draft.Judge();
        var failing = Map(verdict, Baseline.Empty);
        var known = Map(verdict, new Baseline([new KnownDeviation("draft.har#0", "status.enum", "accepted for the test")]));

        failing.Status.Should().Be(AllureStatus.Failed);
        var step = failing.Steps.Single(s => s.Name.StartsWith("status.enum", StringComparison.Ordinal));
        step.Name.Should().Be("status.enum: Image status not allowed");
        step.Status.Should().Be(AllureStatus.Failed);
        failing.Steps.Where(s => s.Status == AllureStatus.Passed).Should().NotBeEmpty().And.OnlyContain(s => !s.Name.Contains("not allowed", StringComparison.Ordinal));
        failing.Description.Should().NotContain("Not failures of the run", "a failed result's findings are its status message");

        known.Status.Should().Be(AllureStatus.Passed);
        known.StatusDetails!.Known.Should().BeTrue();
        var knownStep = known.Steps.Single(s => s.Name.StartsWith("status.enum", StringComparison.Ordinal));
        knownStep.Name.Should().Be("status.enum: Image status not allowed (known deviation)");
        knownStep.Status.Should().Be(AllureStatus.Passed);
        knownStep.StatusDetails!.Message.Should().Contain("Known because: accepted for the test");
        known.Description.Should().Contain("Not failures of the run").And.Contain("    [status.enum] Image status not allowed").And.Contain("Known because: accepted for the test");
    }

    [Test]
    public void A_result_per_exchange_is_failed_only_for_a_violation()
    {
        var draft = Draft.Nova();
        draft.Image["status"] = "active";
        var verdict = draft.Judge();
        var baseline = new Baseline([new KnownDeviation("draft.har#0", "status.enum", "accepted")]);
        var groups = new[] { CheckGroups.Headers, CheckGroups.Status, CheckGroups.Links }.Select(g => new GroupCase("draft.har#0", ApiVersion.V21, g, verdict, GroupOutcome.Of(verdict, g, baseline, "draft.har#0"))).ToList();

        var result = GroupResultMapper.MapExchange(new ExchangeCase("draft.har#0", ApiVersion.V21, groups), Samples.Profiles.Get("nova"), "fixtures", [], null, 1, 2);

        result.Status.Should().Be(AllureStatus.Passed);
        result.Labels.Should().Contain(new AllureLabel("outcome", "known")).And.Contain(new AllureLabel("rule", "status.enum: Image status not allowed"))
            .And.Contain(new AllureLabel("tag", GroupResultMapper.KnownTag));
        result.Labels.Count(l => l.Name == "outcome").Should().Be(1);
    }

    [Test]
    public void The_bad_token_probe_is_reproduced_with_an_invalid_token_and_the_real_one_with_the_variable()
    {
        var request = new RecordedRequest("GET", Samples.Url(), new HeaderList([new("X-Auth-Token", "invalid-0123abcd"), new("Accept", "application/json")]));
        var probe = new Exchange("live/probes", 3, request, Unauthorized) { Probe = new Probe("bad-token", 401, "why") };
        var recorded = new Exchange("nova-local/nova-v21-show-bad-token.har", 0, request with { Headers = new HeaderList([new("X-Auth-Token", "[REDACTED]")]) }, Unauthorized);
        var empty = new Exchange("nova-local/nova-v21-show-empty-token.har", 0, request with { Headers = new HeaderList([new("X-Auth-Token", "[REDACTED]")]) }, Unauthorized);
        var real = new Exchange("nova-local/nova-v21-show-active.har", 0, request, Unauthorized);

        ExchangeText.Curl(probe).Should().Be($"curl -i -H 'X-Auth-Token: invalid-token' -H 'Accept: application/json' --url '{Samples.Url()}'");
        ExchangeText.Curl(recorded).Should().Contain("-H 'X-Auth-Token: invalid-token'").And.NotContain("OS_TOKEN");
        ExchangeText.Curl(empty).Should().Contain("-H 'X-Auth-Token;'").And.NotContain("OS_TOKEN");
        ExchangeText.Curl(real).Should().Contain("-H 'X-Auth-Token: '\"$OS_TOKEN\"");
        ExchangeText.TokenKindOf(probe).Should().Be(SentToken.Invalid);
        ExchangeText.TokenKindOf(real).Should().Be(SentToken.Real);
    }

    [Test]
    public void A_compressed_answer_is_asked_for_with_compressed()
    {
        var request = new RecordedRequest("GET", Samples.Url(), new HeaderList([new("Accept-Encoding", "gzip, deflate")]));
        ExchangeText.Curl(request).Should().StartWith("curl -i --compressed ").And.Contain("-H 'Accept-Encoding: gzip, deflate'");
        ExchangeText.Curl(request with { Headers = new HeaderList([new("Accept", "*/*")]) }).Should().NotContain("--compressed");
    }

    [Test]
    public void A_posix_shell_reads_every_argument_of_the_curl_line_as_it_was_sent()
    {
        if (!File.Exists("/bin/sh"))
        {
            Assert.Ignore("no /bin/sh");
        }

        const string odd = "it's $(touch /tmp/pwned) `id` \"q\" \\ $HOME;";
        var url = "http://127.0.0.1:18774/v2.1/p/images/x?name=a'b&c=$d";
        var request = new RecordedRequest("POST", url, new HeaderList([new("X-Odd", odd), new("X-Auth-Token", "t0k3n")])) { Body = "{\"a\": \"it's\"}" };

        var line = ExchangeText.Curl(request);
        line.Should().NotContain("t0k3n");
        var args = Shell("printf '%s\\n'" + line["curl".Length..], ("OS_TOKEN", "from-the-variable"));

        args.Should().Equal("-i", "-X", "POST", "-H", "X-Odd: " + odd, "-H", "X-Auth-Token: from-the-variable", "--data-binary", "{\"a\": \"it's\"}", "--url", url);
    }

    private static AllureResult Map(Verdict verdict, Baseline baseline)
    {
        var item = new GroupCase("draft.har#0", ApiVersion.V21, CheckGroups.Status, verdict, GroupOutcome.Of(verdict, CheckGroups.Status, baseline, "draft.har#0"));
        return GroupResultMapper.Map(item, Samples.Profiles.Get("nova"), "fixtures", [], null, 1, 2);
    }

    private static List<string> Shell(string command, (string Name, string Value) variable)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment[variable.Name] = variable.Value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0);
        return output.Split('\n').SkipLast(1).ToList();
    }
}
