using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Har;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>Hostile inputs against the schema, identity, links, baseline and HAR verdicts: each case once let a violation pass, or judged what the recording did not hold.</summary>
public sealed class HostileSchemaAndLinkTests
{
    private static string Rules(Verdict v) => string.Join(",", v.Violations.Select(x => $"{x.Rule}[{x.Severity}]@{x.Where}"));

    // .NET's '$' matches before a final "\n": a timestamp with a trailing newline is not ISO 8601 date-time.
    [TestCase("nova", "created")]
    [TestCase("nova", "updated")]
    [TestCase("huawei-ecs", "created")]
    [TestCase("rackspace", "updated")]
    public void A_timestamp_with_a_trailing_newline_fails_timestamps_format(string profile, string field)
    {
        var d = profile switch { "nova" => Draft.Nova(), "huawei-ecs" => Draft.Huawei(), _ => Draft.Rackspace() };
        d.Image[field] = (string)d.Image[field]! + "\n";
        var v = d.Judge();
        TestContext.Out.WriteLine(Rules(v));
        v.Violations.Select(x => x.Rule).Should().Contain("timestamps.format");
    }

    // The same for the image id's UUID pattern (request URL and links agree on the odd id).
    [Test]
    public void An_image_id_with_a_trailing_newline_fails_identity_format()
    {
        var d = Draft.Nova();
        var id = Samples.ImageId + "\n";
        d.Url = Samples.Url("v2.1", Samples.ImageId + "%0A");
        d.Image["id"] = id;
        foreach (var link in d.Links)
        {
            link["href"] = ((string)link["href"]!).Replace(Samples.ImageId, Samples.ImageId + "%0A");
        }

        var v = d.Judge();
        TestContext.Out.WriteLine(Rules(v));
        v.Violations.Select(x => x.Rule).Should().Contain("identity.format");
    }

    // Nova builds a project-less request's self and bookmark links from one prefix (common.py, _get_project_id gives
    // no project): the bookmark is the self link without its version, so a segment before /images/ is another project.
    [TestCase("deadbeefdeadbeefdeadbeefdeadbeef/", new[] { "links.bookmark_project" })]
    [TestCase("", new string[0])]
    public void A_project_less_requests_bookmark_is_the_self_links_base_under_nova(string bookmarkPrefix, string[] linkRules)
    {
        var d = Draft.Nova();
        d.Url = $"http://127.0.0.1:18774/v2.1/images/{Samples.ImageId}";
        d.Links[0]["href"] = $"http://127.0.0.1:18774/v2.1/images/{Samples.ImageId}";
        d.Links[1]["href"] = $"http://127.0.0.1:18774/{bookmarkPrefix}images/{Samples.ImageId}";

        var v = d.Judge();

        v.Violations.Select(x => x.Rule).Where(r => r.StartsWith("links.", StringComparison.Ordinal)).Should().Equal(linkRules, Rules(v));
    }

    // rackspace's size may be a string of 1 to 19 digits; a final newline is not a digit.
    [Test]
    public void A_rackspace_size_string_with_a_trailing_newline_fails_body_format()
    {
        var d = Draft.Rackspace();
        d.Image["OS-EXT-IMG-SIZE:size"] = "5562828800\n";
        var v = d.Judge();
        TestContext.Out.WriteLine(Rules(v));
        v.Violations.Select(x => x.Rule).Should().Contain("body.format");
    }

    // A report shows a value's first 157 characters only, so an entry naming a longer value could not be told from
    // another with the same beginning: it accepts neither.
    [Test]
    public void A_value_entry_for_one_long_status_does_not_hide_another_long_status()
    {
        var named = new string('X', 180) + new string('A', 20);
        var other = new string('X', 180) + new string('B', 20);
        var d = Draft.Nova();
        d.Image["status"] = other;
        var violation = d.Judge().Violations.Single(x => x.Rule == "status.enum");
        TestContext.Out.WriteLine(violation.Received);
        var entry = new KnownDeviation("r", "status.enum", "a vendor status", "image.status", new JValue(named));
        entry.Accepts(violation).Should().BeFalse();
    }

    // A value longer than a report shows cannot be told from another: a baseline naming one is refused, saying why.
    [Test]
    public void A_baseline_value_longer_than_a_report_shows_is_refused()
    {
        using var folder = new TempFolder();
        var deviation = new JObject
        {
            ["recording"] = "nova-local/a.har#0", ["rule"] = "status.enum", ["path"] = "image.status",
            ["value"] = new string('X', 180) + new string('A', 20), ["reason"] = "a vendor status",
        };
        var path = folder.Write("baseline.json", new JObject { ["deviations"] = new JArray(deviation) }.ToString());

        var load = () => Baseline.Load(path);

        load.Should().Throw<InvalidDataException>().WithMessage("*\"value\" is longer than 160 characters of JSON*name the path alone*");
    }

    // DERIVATION.md (numbers beyond 64 bits): reported once at their place; where the schema already fails it, no second one.
    [TestCase("\"name\": \"fakeimage7\"", "\"name\": 123456789012345678901234567890", "one")]
    [TestCase("\"minRam\": 0", "\"minRam\": -123456789012345678901234567890", "one")]
    [TestCase("\"progress\": 100", "\"progress\": 1e400", "one")]
    [TestCase("\"progress\": 100", "\"progress\": 123456789012345678901234567890", "one")]
    [TestCase("\"minDisk\": 0", "\"minDisk\": 1e400", "one")]
    [TestCase("\"progress\": 100", "\"progress\": 100.0", "one")]
    public void Probe_big_numbers(string from, string to, string expected)
    {
        var d = Draft.Nova();
        d.RawBody = d.Body!.ToString(Newtonsoft.Json.Formatting.None).Replace(from.Replace(" ", ""), to);
        d.RawBody.Should().NotBe(d.Body.ToString(Newtonsoft.Json.Formatting.None));
        var v = d.Judge();
        TestContext.Out.WriteLine(Rules(v));
        if (expected == "none")
        {
            v.Violations.Should().BeEmpty();
        }
        else
        {
            v.Violations.GroupBy(x => x.Where).Should().OnlyContain(g => g.Count() == 1);
            v.Violations.Should().NotBeEmpty();
        }
    }

    // A HAR that kept no body text, gives no sizes (0 / -1), but whose headers say the body had 800 bytes: the body
    // was not recorded; it must not be judged as an empty body.
    [Test]
    public void A_body_without_text_whose_content_length_is_positive_is_not_recorded()
    {
        using var folder = new TempFolder();
        var entry = HarText.Entry(Draft.Nova().ToExchange());
        var response = (JObject)entry["response"]!;
        response["content"] = new JObject { ["size"] = 0, ["mimeType"] = "application/json" };
        response["bodySize"] = -1;
        var headers = (JArray)response["headers"]!;
        foreach (var h in headers.Where(h => string.Equals((string?)h["name"], "Content-Length", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            h.Remove();
        }

        headers.Add(new JObject { ["name"] = "Content-Length", ["value"] = "800" });
        var path = folder.Write("cut.har", HarText.Of(entry));
        var read = HarReader.Read(path, "cut.har").Single();
        TestContext.Out.WriteLine($"problem={read.Problem} notRecorded={read.Exchange?.Response.BodyNotRecorded} body='{read.Exchange?.Response.Body}'");
        read.Exchange!.Response.BodyNotRecorded.Should().NotBeNull();
    }
}
