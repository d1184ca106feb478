using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// The memo of values NJsonSchema found valid never changes what the schema check reports: every one-rule and
/// conformant case, judged after all the others by one memo, gets what a check without memo gets, and a value found
/// valid under one schema is validated again under another.
/// </summary>
public sealed class ValidValuesTests
{
    private static List<Violation> Check(SchemaCheck check, Exchange exchange, ImageDetailsRequest request, string profile) =>
        check.Check(new JudgeContext(exchange, request, Samples.Profiles.Get(profile))).ToList();

    [Test]
    public void Every_case_after_all_the_others_gets_what_a_check_without_memo_gets()
    {
        var cases = BodyMemoTests.Cases();
        var memoized = new SchemaCheck(new ValidValues());
        var alone = new SchemaCheck(ValidValues.None);
        var order = cases.Concat(cases.AsEnumerable().Reverse()).Concat(cases).ToList();
        var failing = 0;

        foreach (var (exchange, request, profile) in order)
        {
            var expected = Check(alone, exchange, request, profile);
            Check(memoized, exchange, request, profile).Should().Equal(expected, "{0} under {1}", exchange.Response.Body, profile);
            failing += expected.Count > 0 ? 1 : 0;
        }

        cases.Should().HaveCountGreaterThan(100, "the one-rule and conformant cases are the ground truth here");
        failing.Should().BeGreaterThan(50, "many of the cases break a schema rule, so values found valid meet values that are not");
    }

    [Test]
    public void A_value_found_valid_under_one_schema_is_validated_under_another()
    {
        var check = new SchemaCheck(new ValidValues());
        var first = Draft.Nova();
        first.Image["OS-DCF:diskConfig"] = "AUTO";
        var second = Draft.Nova();
        second.Image["OS-DCF:diskConfig"] = "ACTIVE";
        var request = Request(first.ToExchange());

        Check(check, first.ToExchange(), request, "nova").Should().BeEmpty("ACTIVE is a status and AUTO a disk config");
        Check(check, second.ToExchange(), request, "nova").Select(v => v.Rule).Should().Equal(["metadata.disk_config_enum"],
            "the text \"ACTIVE\" was found valid as a status, not as a disk config");
    }

    [Test]
    public void A_value_with_errors_is_reported_every_time_it_is_met()
    {
        var check = new SchemaCheck(new ValidValues());
        var draft = Draft.Nova();
        draft.Image["minDisk"] = -1;
        var exchange = draft.ToExchange();
        var request = Request(exchange);

        for (var i = 0; i < 3; i++)
        {
            Check(check, exchange, request, "nova").Select(v => v.Rule).Should().Equal(["body.range"], "judgement {0} of the same body", i + 1);
        }
    }

    [Test]
    public void A_value_valid_under_one_profile_is_judged_again_under_another()
    {
        var check = new SchemaCheck(new ValidValues());
        var draft = Draft.Rackspace();
        draft.Image["OS-EXT-IMG-SIZE:size"] = "5562828800";
        var exchange = draft.ToExchange();
        var request = Request(exchange);

        Check(check, exchange, request, "rackspace").Should().BeEmpty("rackspace allows the size as a string of digits");
        Check(check, exchange, request, "nova").Select(v => v.Rule).Should().Contain("body.type", "nova does not, whatever rackspace's schema said of the same text");
    }

    private static ImageDetailsRequest Request(Exchange exchange)
    {
        ImageDetailsRequest.TryParse(exchange.Request.Method, exchange.Request.Url, out var request, out _).Should().BeTrue();
        return request!;
    }
}
