using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Recordings;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// Numbers that no 64-bit type holds, in every numeric field, under every profile, with and without the image
/// service's record for the cross-check: always a verdict that names the place, never a suite error, and one range
/// violation per place.
/// </summary>
public sealed class NumberRangeTests
{
    private const string Placeholder = "\"__number__\"";

    private static readonly string[] Numbers = ["18446744073709551616", "-9223372036854775809", "99999999999999999999999", "1e400"];

    private static readonly string[] Fields = ["progress", "minDisk", "minRam", "OS-EXT-IMG-SIZE:size", "metadata.auto_disk_config", "metadata.vendor_number"];

    private static readonly (string Name, Func<Draft> Make)[] Profiles = [("nova", Draft.Nova), ("huawei-ecs", Draft.Huawei), ("rackspace", Draft.Rackspace)];

    public static IEnumerable<TestCaseData> EveryNumericField()
    {
        foreach (var (profile, make) in Profiles)
        {
            foreach (var field in Fields)
            {
                foreach (var number in Numbers)
                {
                    foreach (var record in new[] { "no image-service record", "image-service record", "image-service record with the same number" })
                    {
                        yield return new TestCaseData(make, field, number, record).SetArgDisplayNames($"{profile} {field} {number} {record}");
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(EveryNumericField))]
    public void A_number_beyond_64_bits_gets_a_verdict_naming_its_place(Func<Draft> make, string field, string number, string record)
    {
        var draft = make();
        Place(draft.Image, field, JValue.CreateString("__number__"));
        draft.RawBody = draft.Body!.ToString(Newtonsoft.Json.Formatting.None).Replace(Placeholder, number, StringComparison.Ordinal);
        var imageId = (string)draft.Image["id"]!;
        var glance = record == "no image-service record" ? null : GlanceRecord(imageId, record.EndsWith("same number", StringComparison.Ordinal) ? number : "4096");

        var items = Judge(draft, glance);

        items.OfType<ProblemCase>().Should().BeEmpty("a number is judged, never a suite error");
        var verdict = items.OfType<GroupCase>().Single(g => g.Group == CheckGroups.Body).Verdict;
        var path = $"image.{field}";
        var here = verdict.Violations.Where(v => v.Where == path).ToList();
        here.Should().Contain(v => v.Severity == Severity.Failure && v.Received.StartsWith(number + " (", StringComparison.Ordinal), string.Join(Environment.NewLine, verdict.Violations));
        here.Where(v => v.Rule.EndsWith(".range", StringComparison.Ordinal)).Should().HaveCountLessThanOrEqualTo(1, "one range violation per place");
    }

    [Test]
    public void An_image_service_record_beyond_64_bits_is_compared_not_thrown_on()
    {
        var draft = Draft.Nova("v2");
        var glance = GlanceRecord(Samples.ImageId, "18446744073709551616").Replace("\"min_disk\": 0", "\"min_disk\": -9223372036854775809", StringComparison.Ordinal);

        var outcome = Judge(draft, glance).OfType<GroupCase>().Single(g => g.Group == CheckGroups.ImageService).Outcome;

        outcome.Failures.Select(f => (f.Rule, f.Where)).Should().Equal(("image-service.size", "image.OS-EXT-IMG-SIZE:size"), ("image-service.min_disk", "image.minDisk"));
        outcome.Failures[0].Received.Should().Be("4096; image service size: 18446744073709551616");
    }

    [Test]
    public void A_fault_code_beyond_64_bits_fails_the_code_rule()
    {
        var draft = Draft.Nova().Error(404, """{"itemNotFound": {"code": 18446744073709551616, "message": "Image not found."}}""");

        var failure = draft.Judge().Failures.Should().ContainSingle().Which;

        failure.Rule.Should().Be("fault.code_matches_status");
        failure.Received.Should().Be("18446744073709551616 (HTTP 404)");
    }

    [Test]
    public void A_number_beyond_the_float_range_in_the_links_is_named_where_it_is()
    {
        var draft = Draft.Nova();
        draft.Links[2]["weight"] = "__number__";
        draft.RawBody = draft.Body!.ToString(Newtonsoft.Json.Formatting.None).Replace(Placeholder, "-1e400", StringComparison.Ordinal);

        draft.Judge().Failures.Select(f => f.ToString()).Should().Equal("""
            [body.range] Value out of range
              Where: image.links[2].weight
              Received: -1e400 (a number beyond the range of a 64-bit float)
              Documented: integers within 64 bits and other numbers within the 64-bit float range (RFC 8259, section 6; the Compute API reference types its numbers as integers)
            """);
    }

    private static void Place(JObject image, string field, JToken value)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            image[field] = value;
        }
        else
        {
            ((JObject)image[field[..dot]]!)[field[(dot + 1)..]] = value;
        }
    }

    private static string GlanceRecord(string id, string size) => $$"""
        {"id": "{{id}}", "name": "fakeimage7", "status": "active", "size": {{size}}, "min_disk": 0, "min_ram": 0,
         "created_at": "2026-11-22T11:59:07Z", "updated_at": "2026-11-22T11:59:07Z"}
        """;

    private static List<RunItem> Judge(Draft draft, string? glance)
    {
        using var folder = new TempFolder();
        var entries = new List<JObject>();
        if (glance is not null)
        {
            var record = Draft.Nova();
            record.Url = $"http://127.0.0.1:19292/v2/images/{(string)draft.Image["id"]!}";
            record.RawBody = glance;
            entries.Add(HarText.Entry(record.ToExchange()));
        }

        entries.Add(HarText.Entry(draft.ToExchange()));
        var path = folder.Write("numbers.har", HarText.Of([.. entries]));
        return RecordedRun.Judge(path, draft.Profile, Baseline.Empty, Samples.Profiles).ToList();
    }
}
