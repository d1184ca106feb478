using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Recordings;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>Checks across the exchanges of one recording: v2 against v2.1, and the image against the image service.</summary>
public sealed class CrossChecksTests
{
    private static JObject GlanceRecord(string status = "active", long size = 4096) => new()
    {
        ["id"] = Samples.ImageId,
        ["name"] = "fakeimage7",
        ["status"] = status,
        ["size"] = size,
        ["min_disk"] = 0,
        ["min_ram"] = 0,
        ["created_at"] = "2026-11-22T11:59:07Z",
        ["updated_at"] = "2026-11-22T11:59:07Z",
    };

    [Test]
    public void Agreeing_versions_and_image_service_record_pass()
    {
        var groups = Judge(Draft.Nova("v2"), Draft.Nova("v2.1"), GlanceRecord());

        groups.Should().ContainKey("draft.har#2 v2.1 consistency").WhoseValue.Kind.Should().Be(OutcomeKind.Passed);
        groups.Should().ContainKey("draft.har#2 v2.1 image-service").WhoseValue.Kind.Should().Be(OutcomeKind.Passed);
        groups.Should().ContainKey("draft.har#1 v2 image-service").WhoseValue.Kind.Should().Be(OutcomeKind.Passed);
    }

    [Test]
    public void Versions_that_disagree_fail_consistency_naming_the_field()
    {
        var v21 = Draft.Nova("v2.1");
        v21.Image["name"] = "renamed";

        var outcome = Judge(Draft.Nova("v2"), v21, null)["draft.har#2 v2.1 consistency"];

        outcome.Failures.Select(f => f.ToString()).Should().Equal("""
            [consistency.versions_agree] v2 and v2.1 describe the image differently
              Where: image.name
              Received: v2.1: "renamed"; v2: "fakeimage7"
              Documented: the same document through v2 and v2.1, apart from the version segment of hrefs (Nova serves both from one code path)
            """);
    }

    public static IEnumerable<TestCaseData> ImageServiceDisagreements()
    {
        yield return Case("image-service.status", r => r["status"] = "queued");
        yield return Case("image-service.size", r => r["size"] = 8192);
        yield return Case("image-service.name", r => r["name"] = "other");
        yield return Case("image-service.min_disk", r => r["min_disk"] = 20);
        yield return Case("image-service.min_ram", r => r["min_ram"] = 2048);
        yield return Case("image-service.timestamps", r => r["updated_at"] = "2026-11-22T12:30:00Z");

        static TestCaseData Case(string rule, Action<JObject> change) => new TestCaseData(rule, change).SetArgDisplayNames(rule);
    }

    [TestCaseSource(nameof(ImageServiceDisagreements))]
    public void An_image_that_disagrees_with_the_image_service_fails_that_rule_only(string rule, Action<JObject> change)
    {
        var record = GlanceRecord();
        change(record);

        var outcome = Judge(Draft.Nova("v2"), null, record)["draft.har#1 v2 image-service"];

        outcome.Failures.Select(f => f.Rule).Should().Equal(rule);
    }

    [Test]
    public void Every_cross_exchange_rule_has_a_case()
    {
        var covered = ImageServiceDisagreements().Select(c => (string)c.Arguments[0]!).Append("consistency.versions_agree");

        Rules.Ids.Where(r => Rules.GroupOf(r) is CheckGroups.Consistency or CheckGroups.ImageService).Should().BeSubsetOf(covered);
    }

    [Test]
    public void Profiles_that_do_not_tie_images_to_the_image_service_skip_that_check()
    {
        using var folder = new TempFolder();
        var glance = Draft.Nova();
        glance.Url = $"http://127.0.0.1:19292/v2/images/{Samples.ImageId}";
        glance.RawBody = GlanceRecord("queued").ToString();
        var path = folder.Write("r.har", HarText.Of(HarText.Entry(glance.ToExchange()), HarText.Entry(Draft.Nova("v2").ToExchange())));

        var groups = RecordedRun.Judge(path, "rackspace", Baseline.Empty, Samples.Profiles).OfType<GroupCase>().Select(g => g.Group);

        groups.Should().NotContain(CheckGroups.ImageService);
    }

    private static Dictionary<string, GroupOutcome> Judge(Draft first, Draft? second, JObject? glance)
    {
        using var folder = new TempFolder();
        var entries = new List<JObject>();
        var glanceDraft = Draft.Nova();
        glanceDraft.Url = $"http://127.0.0.1:19292/v2/images/{Samples.ImageId}";
        glanceDraft.RawBody = (glance ?? new JObject()).ToString();
        entries.Add(HarText.Entry(glanceDraft.ToExchange()));
        entries.Add(HarText.Entry(first.ToExchange()));
        if (second is not null)
        {
            entries.Add(HarText.Entry(second.ToExchange()));
        }

        var path = folder.Write("draft.har", HarText.Of([.. entries]));
        return RecordedRun.Judge(path, "nova", Baseline.Empty, Samples.Profiles).OfType<GroupCase>().ToDictionary(g => g.Name, g => g.Outcome);
    }
}
