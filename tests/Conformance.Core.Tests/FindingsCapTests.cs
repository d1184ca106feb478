using System.Diagnostics;
using System.Text;
using Conformance.Core.Checks;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// A hostile body cannot make the findings, or the work, unbounded: of each rule an exchange keeps the first
/// <see cref="FindingsCap.PerRule"/> violations and then one saying how many more there were, with the same rule id.
/// Timings are printed, not asserted (see README, Hostile targets).
/// </summary>
public sealed class FindingsCapTests
{
    private const int Many = 100_000;

    [Test]
    public void A_body_with_100000_broken_links_keeps_100_of_each_rule_and_counts_the_rest()
    {
        var draft = Draft.Nova();
        var text = new StringBuilder(draft.Body!.ToString(Newtonsoft.Json.Formatting.None));
        var links = new StringBuilder();
        for (var i = 0; i < Many; i++)
        {
            links.Append(",{\"rel\":\"related\",\"href\":\"/images/").Append(i).Append("\"}");
        }

        var alternate = "\"href\":\"http://127.0.0.1:19292/images/" + Samples.ImageId + "\"}";
        text.Replace(alternate, alternate + links);
        draft.RawBody = text.ToString();

        var verdict = Measure("100,000 links", draft);

        foreach (var rule in new[] { "links.rel", "links.href_absolute" })
        {
            var ofRule = verdict.Violations.Where(v => v.Rule == rule).ToList();
            ofRule.Should().HaveCount(FindingsCap.PerRule + 1, rule);
            ofRule.Take(FindingsCap.PerRule).Select(v => v.Where).Should().OnlyHaveUniqueItems();
            ofRule[0].Where.Should().StartWith("image.links[3]");
            ofRule[^1].Received.Should().Be("... and 99,900 more of this rule (the first 100 are listed)");
            ofRule[^1].Where.Should().Be("99,900 more places");
            ofRule[^1].Omitted.Should().Be(Many - FindingsCap.PerRule);
            ofRule[^1].Severity.Should().Be(Severity.Failure);
        }
    }

    [Test]
    public void A_body_with_100000_undocumented_fields_keeps_100_warnings_and_counts_the_rest()
    {
        var draft = Draft.Nova();
        for (var i = 0; i < Many; i++)
        {
            draft.Image[$"vendor:field{i}"] = i;
        }

        var verdict = Measure("100,000 undocumented fields", draft);

        var warnings = verdict.Violations.Where(v => v.Rule == "body.unknown_field").ToList();
        warnings.Should().HaveCount(FindingsCap.PerRule + 1);
        warnings[^1].ToString().Should().Be("""
            [body.unknown_field] Undocumented field (warning)
              Where: 99,900 more places
              Received: ... and 99,900 more of this rule (the first 100 are listed)
              Documented: id, name, status, progress, created, updated, minDisk, minRam, metadata, links, OS-EXT-IMG-SIZE:size, OS-DCF:diskConfig, server (Compute API reference, Show Image Details)
            """);
        verdict.Failures.Should().BeEmpty("undocumented fields warn, however many");
    }

    [Test]
    public void Capped_findings_from_a_check_and_from_the_judge_add_up()
    {
        var cap = new FindingsCap();
        var sample = new Violation("links.rel", "image.links[0].rel", "\"x\"", "self | bookmark | alternate");
        for (var i = 0; i < 150; i++)
        {
            cap.Add(sample with { });
        }

        cap.Add(FindingsCap.Summary("links.rel", 1000, sample));
        cap.Add(new Violation("links.type", "image.links[1]", "1", "an object"));

        var list = cap.ToList();

        list.Should().HaveCount(102);
        list.Count(v => v.Rule == "links.rel").Should().Be(101);
        list[^1].Should().Match<Violation>(v => v.Rule == "links.rel" && v.Omitted == 1050);
        list[^1].Received.Should().Be("... and 1,050 more of this rule (the first 100 are listed)");
        list[^1].Documented.Should().Be("self | bookmark | alternate");
    }

    [Test]
    public void Fewer_than_the_cap_are_all_kept_with_no_summary()
    {
        var cap = new FindingsCap();
        for (var i = 0; i < FindingsCap.PerRule; i++)
        {
            cap.Add(new Violation("links.rel", $"image.links[{i}].rel", "\"x\"", "self | bookmark | alternate"));
        }

        cap.ToList().Should().HaveCount(FindingsCap.PerRule).And.OnlyContain(v => v.Omitted == 0);
    }

    [Test]
    public void The_cross_checks_are_capped_too()
    {
        var v2 = Draft.Nova("v2");
        var v21 = Draft.Nova("v2.1");
        for (var i = 0; i < 5_000; i++)
        {
            v2.Image[$"vendor:field{i}"] = i;
            v21.Image[$"vendor:field{i}"] = -i - 1;
        }

        var cross = new CrossChecks();
        var first = v2.ToExchange();
        var second = v21.ToExchange();
        Conformance.Core.Exchanges.ImageDetailsRequest.TryParse("GET", first.Request.Url, out var r2, out _);
        Conformance.Core.Exchanges.ImageDetailsRequest.TryParse("GET", second.Request.Url, out var r21, out _);
        cross.Check(first, r2!, Samples.Profiles.Get("nova"));
        var found = cross.Check(second, r21!, Samples.Profiles.Get("nova"))[CheckGroups.Consistency];

        found.Should().HaveCount(FindingsCap.PerRule + 1);
        found[^1].Received.Should().Be("... and 4,900 more of this rule (the first 100 are listed)");
    }

    private static Verdict Measure(string what, Draft draft)
    {
        var exchange = draft.ToExchange();
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var verdict = Samples.Judge(exchange, draft.Profile);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        using var process = Process.GetCurrentProcess();
        TestContext.Out.WriteLine($"{what}: body {exchange.Response.Body.Length / 1e6:F1} MB, judged in {clock.Elapsed.TotalSeconds:F2} s, {allocated / 1048576.0:F0} MiB allocated, peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB");
        return verdict;
    }
}
