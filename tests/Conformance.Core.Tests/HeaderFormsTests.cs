using Conformance.Core.Checks;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// The ways a header can be written that the headers check must read as Nova and HTTP do: media type parameters and
/// case, request ids with surrounding spaces, <c>Vary</c> folded into one header or <c>*</c>, both microversion headers
/// absent at once, <c>latest</c> answered by two disagreeing headers.
/// </summary>
public sealed class HeaderFormsTests
{
    private static string[] HeaderRules(Draft draft) =>
        [.. draft.Judge().Violations.Where(v => v.Group == CheckGroups.Headers).Select(v => v.Rule)];

    [TestCase("application/json")]
    [TestCase("Application/JSON; charset=UTF-8")]
    [TestCase(" application/json ;charset=utf-8")]
    public void A_json_media_type_with_parameters_or_in_another_case_conforms(string contentType) =>
        HeaderRules(Draft.Nova().SetHeader("Content-Type", contentType)).Should().BeEmpty();

    [TestCase("application/jsonx")]
    [TestCase("application/json-patch+json")]
    [TestCase("")]
    [TestCase("; application/json")]
    public void Another_media_type_fails(string contentType) =>
        HeaderRules(Draft.Nova().SetHeader("Content-Type", contentType)).Should().Equal("headers.content_type");

    [Test]
    public void Request_ids_equal_but_for_surrounding_spaces_conform()
    {
        var id = Samples.RequestId;
        HeaderRules(Draft.Nova().SetHeader("x-openstack-request-id", $" {id} ").SetHeader("x-compute-request-id", id)).Should().BeEmpty();
    }

    [Test]
    public void Both_request_ids_missing_fail_once_each_and_are_not_compared()
    {
        var verdict = Draft.Nova().SetHeader("x-openstack-request-id", null).SetHeader("x-compute-request-id", null).Judge();
        verdict.Violations.Where(v => v.Group == CheckGroups.Headers).Select(v => (v.Rule, v.Where)).Should().Equal(
            ("headers.request_id_present", "x-openstack-request-id header"),
            ("headers.request_id_present", "x-compute-request-id header"));
    }

    [TestCase("OpenStack-API-Version, X-OpenStack-Nova-API-Version")]
    [TestCase("Accept-Encoding,openstack-api-version , x-openstack-nova-api-version")]
    [TestCase("*")]
    [TestCase("Accept, *")]
    public void A_vary_header_naming_both_in_one_value_or_a_star_conforms(string vary)
    {
        var draft = Draft.Nova().SetHeader("Vary", null);
        draft.ResponseHeaders.Add(new("Vary", vary));
        HeaderRules(draft).Should().BeEmpty();
    }

    [TestCase("OpenStack-API-Version")]
    [TestCase("OpenStack-API-Version X-OpenStack-Nova-API-Version")]
    [TestCase("**")]
    public void A_vary_header_missing_one_fails_and_shows_what_was_sent(string vary)
    {
        var draft = Draft.Nova().SetHeader("Vary", null);
        draft.ResponseHeaders.Add(new("Vary", vary));
        var violation = draft.Judge().Violations.Single(v => v.Group == CheckGroups.Headers);
        violation.Rule.Should().Be("headers.vary");
        violation.Received.Should().Be($"Vary: {vary}");
    }

    [Test]
    public void No_vary_header_fails_saying_so() =>
        Draft.Nova().SetHeader("Vary", null).Judge().Violations.Single(v => v.Group == CheckGroups.Headers).Received.Should().Be("no Vary header");

    [Test]
    public void Both_microversion_headers_missing_are_named_in_one_violation()
    {
        var verdict = Draft.Nova().SetHeader("OpenStack-API-Version", null).SetHeader("X-OpenStack-Nova-API-Version", null).Judge();
        var present = verdict.Violations.Single(v => v.Rule == "headers.microversion_present");
        present.Where.Should().Be("OpenStack-API-Version and X-OpenStack-Nova-API-Version header");
        verdict.Violations.Should().NotContain(v => v.Rule == "headers.microversion_matches_request");
    }

    [TestCase("compute 2.1", "2.1", false)]
    [TestCase("compute 2.1", "2.5", true)]
    [TestCase("compute 2.5", "2.1", true)]
    [TestCase("COMPUTE   2.1 ", " 2.1", false)]
    [TestCase("compute\t2.1", "2.1", false)]
    [TestCase("compute 2.1\u00a0", "2.1", false)]
    [TestCase("compute 2.1\n", "2.1", false)]
    [TestCase("compute 2.1 x", "2.1", true)]
    [TestCase("compute 2.1x", "2.1", true)]
    public void Without_a_requested_version_both_headers_must_name_2_1(string standard, string legacy, bool fails)
    {
        var verdict = Draft.Nova().SetHeader("OpenStack-API-Version", standard).SetHeader("X-OpenStack-Nova-API-Version", legacy).Judge();
        var matches = verdict.Violations.Where(v => v.Rule == "headers.microversion_matches_request").ToList();
        matches.Should().HaveCount(fails ? 1 : 0);
        if (fails)
        {
            matches[0].Received.Should().Be($"OpenStack-API-Version: {standard}; X-OpenStack-Nova-API-Version: {legacy} (requested none, so 2.1)");
        }
    }

    [TestCase("compute 2.93", "2.93", false)]
    [TestCase("compute 2.93", "2.92", true)]
    public void Latest_is_any_version_both_headers_agree_on(string standard, string legacy, bool fails)
    {
        var draft = Draft.Nova().SetHeader("OpenStack-API-Version", standard).SetHeader("X-OpenStack-Nova-API-Version", legacy);
        draft.RequestHeaders.Add(new("OpenStack-API-Version", "compute latest"));
        var verdict = draft.Judge();
        verdict.Violations.Count(v => v.Rule == "headers.microversion_matches_request").Should().Be(fails ? 1 : 0);
    }

    [Test]
    public void Microversion_headers_on_v2_fail_once_per_header()
    {
        var draft = Draft.Nova("v2").SetHeader("OpenStack-API-Version", "compute 2.1").SetHeader("X-OpenStack-Nova-API-Version", "2.1");
        draft.Judge().Violations.Where(v => v.Rule == "headers.microversion_absent_on_v2").Select(v => v.Received)
            .Should().Equal("OpenStack-API-Version: compute 2.1", "X-OpenStack-Nova-API-Version: 2.1");
    }
}
