using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.Core.Settings;
using Conformance.Live;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// Probes follow the profile: a live run sends only the probes whose answer the profile's document settles, on every
/// API version asked for; a recorded probe the profile does not settle is a warning, not a verdict; and the
/// microversion a request asks for is read as Nova reads it.
/// </summary>
[NonParallelizable]
public sealed class ProbeRulesTests
{
    [TestCase("nova")]
    [TestCase("huawei-ecs")]
    [TestCase("rackspace")]
    public async Task A_live_run_sends_the_probes_its_profile_settles_on_every_version(string profile)
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");
        var settings = server.LiveSettingsFor(["missing"], "probe-token") with
        {
            Versions = [ApiVersion.V2, ApiVersion.V21],
            Probes = true,
            OtherProjectImageId = "other-private",
        };

        await LiveRun.RecordAsync(settings, har, TextWriter.Null, Samples.Profiles.Get(profile).Definition);

        var probes = ((JArray)JObject.Parse(File.ReadAllText(har))["log"]!["entries"]!)
            .Where(e => e["_probe"] is JObject)
            .Select(e => $"{(string)e["_probe"]!["name"]!} {Version((string)e["request"]!["url"]!)}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var expected = new List<string>
        {
            "bad-token v2", "bad-token v2.1", "other-project-image v2", "other-project-image v2.1", "unknown-image v2", "unknown-image v2.1",
        };
        if (profile == "nova")
        {
            expected.AddRange(["microversion-2.36 v2.1", "microversion-malformed v2.1", "microversion-unsupported v2.1", "v2-ignores-microversion v2"]);
        }

        probes.Should().Equal(expected.Order(StringComparer.Ordinal), "only probes the {0} document settles are sent, each on every version", profile);
    }

    [Test]
    public async Task The_other_project_probe_asks_for_that_image_and_expects_404()
    {
        await using var server = await FaultServer.StartAsync();
        using var folder = new TempFolder();
        var har = Path.Combine(folder.Path, "run.har");
        var settings = server.LiveSettingsFor(["missing"], "probe-token") with { Probes = true, OtherProjectImageId = "other-private" };

        await LiveRun.RecordAsync(settings, har, TextWriter.Null, Samples.Nova);

        var entry = ((JArray)JObject.Parse(File.ReadAllText(har))["log"]!["entries"]!).Single(e => (string?)e["_probe"]?["name"] == "other-project-image");
        ((string)entry["request"]!["url"]!).Should().EndWith($"/v2.1/{FaultServer.Project}/images/other-private");
        ((int)entry["_probe"]!["expectedStatus"]!).Should().Be(404);
    }

    [Test]
    public void A_recorded_probe_the_profile_does_not_settle_is_a_warning_and_not_judged()
    {
        var draft = Draft.Rackspace();
        draft.Probe = new Probe("microversion-unsupported", 406, "a compute microversion above the maximum is answered 406");
        draft.Error(406, """{"computeFault": {"code": 406, "message": "Version 2.999 is not supported by the API."}}""");

        var verdict = draft.Judge();

        verdict.Failures.Should().BeEmpty("rackspace's document says nothing about microversions or 406: {0}", string.Join("; ", verdict.Violations));
        verdict.Violations.Should().ContainSingle(v => v.Rule == StatusCodeCheck.ProbeNotSettled.Id)
            .Which.Documented.Should().Contain("does not settle this probe");
    }

    [Test]
    public void A_settled_probe_answered_wrongly_is_one_violation_not_two()
    {
        var draft = Draft.Nova();
        draft.Probe = new Probe("microversion-2.36", 404, "the image API is removed at compute microversion 2.36, so v2.1 answers 404");
        draft.RequestHeaders.Add(new("OpenStack-API-Version", "compute 2.36"));
        draft.SetHeader("OpenStack-API-Version", "compute 2.36").SetHeader("X-OpenStack-Nova-API-Version", "2.36");

        var verdict = draft.Judge();

        verdict.Failures.Select(f => f.Rule).Should().Equal([StatusCodeCheck.MicroversionExpected.Id], "the microversion rule holds the probe to the same 404");
    }

    [TestCase(new[] { "OpenStack-API-Version: compute 2.20" }, "2.20")]
    [TestCase(new[] { "OpenStack-API-Version: COMPUTE 2.20" }, "2.20")]
    [TestCase(new[] { "OpenStack-API-Version: compute 2.1, compute 2.36" }, "2.36")]
    [TestCase(new[] { "OpenStack-API-Version: compute 2.36", "OpenStack-API-Version: compute 2.5" }, "2.5")]
    [TestCase(new[] { "OpenStack-API-Version: volume 3.0", "X-OpenStack-Nova-API-Version: 2.40" }, "2.40")]
    [TestCase(new[] { "OpenStack-API-Version: compute", "X-OpenStack-Nova-API-Version: 2.3" }, "2.3")]
    [TestCase(new[] { "X-OpenStack-Nova-API-Version: 2.1,2.38" }, "2.38")]
    [TestCase(new[] { "X-OpenStack-Nova-API-Version: " }, "")]
    [TestCase(new[] { "OpenStack-API-Version: compute LATEST" }, "LATEST")]
    [TestCase(new[] { "OpenStack-API-Version: compute 2.1 foo" }, "2.1 foo")]
    [TestCase(new[] { "OpenStack-API-Version: volume 3.0" }, null)]
    public void The_requested_microversion_is_read_as_Nova_reads_it(string[] headers, string? expected)
    {
        var list = new HeaderList(headers.Select(h => h.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1].TrimStart())).ToList());

        HeadersCheck.RequestedMicroversion(list).Should().Be(expected);
    }

    [TestCase("2.1", true)]
    [TestCase("2.0", true)]
    [TestCase("2.93", true)]
    [TestCase("2.99999999999999", true)]
    [TestCase("2.036", false)]
    [TestCase("02.1", false)]
    [TestCase("2", false)]
    [TestCase("2.1.0", false)]
    [TestCase("v2.1", false)]
    [TestCase("", false)]
    public void A_microversion_is_major_dot_minor_without_leading_zeros(string text, bool valid)
    {
        Microversion.TryParse(text, out _).Should().Be(valid);
    }

    [Test]
    public void Microversions_compare_by_number_not_by_text()
    {
        Microversion.Parse("2.10").Should().BeGreaterThan(Microversion.Parse("2.9"));
        Microversion.Parse("2.99999999999999").Should().BeGreaterThan(Microversion.Parse("2.93"));
        Microversion.Parse("3.0").Should().BeGreaterThan(Microversion.Parse("2.93"));
    }

    private static string Version(string url) => url.Contains("/v2.1/", StringComparison.Ordinal) ? "v2.1" : "v2";
}
