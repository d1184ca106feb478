using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// The judge's memo of body checks never changes a verdict: the same body under another profile or for another
/// request URL, the same text recorded with a problem, exchanges that take each other's slots, judged in any order,
/// give what a judge without a memo gives.
/// </summary>
public sealed class BodyMemoTests
{
    /// <summary>A judge with an empty memo of one slot, so that every exchange meets the one judged before it.</summary>
    private static ExchangeJudge Fresh() => new(memo: new BodyMemo(1));

    /// <summary>Every one-rule and conformant case as an exchange, its request and its profile's name.</summary>
    internal static List<(Exchange Exchange, ImageDetailsRequest Request, string Profile)> Cases()
    {
        var drafts = OneRuleBrokenTests.OneRule().Select(b => b.Make())
            .Concat(OneRuleBrokenTests.Conformant().Select(c => ((Func<Draft>)c.Arguments[0]!)()));
        var cases = new List<(Exchange, ImageDetailsRequest, string)>();
        foreach (var draft in drafts)
        {
            var exchange = draft.ToExchange();
            if (ImageDetailsRequest.TryParse(exchange.Request.Method, exchange.Request.Url, out var request, out _))
            {
                cases.Add((exchange, request!, draft.Profile));
            }
        }

        return cases;
    }

    [Test]
    public void Every_case_judged_twice_and_interleaved_gets_the_verdict_of_a_judge_without_memo()
    {
        var cases = Cases();
        var shared = new ExchangeJudge();
        var order = cases.Concat(cases.AsEnumerable().Reverse()).Concat(cases).ToList();

        foreach (var (exchange, request, profile) in order)
        {
            var memoized = shared.Judge(exchange, request, Samples.Profiles.Get(profile)).Violations;
            var alone = new ExchangeJudge().Judge(exchange, request, Samples.Profiles.Get(profile)).Violations;
            memoized.Should().Equal(alone, "{0} under {1}", exchange.Request.Url, profile);
        }

        cases.Should().HaveCountGreaterThan(100, "the one-rule and conformant cases are the ground truth here");
    }

    [Test]
    public void One_body_under_two_profiles_gets_each_profiles_verdict()
    {
        var judge = Fresh();
        var draft = Draft.Rackspace();
        draft.Image["OS-EXT-IMG-SIZE:size"] = "5562828800";
        var exchange = draft.ToExchange();
        ImageDetailsRequest.TryParse("GET", exchange.Request.Url, out var request, out _);

        judge.Judge(exchange, request!, Samples.Profiles.Get("rackspace")).Failures.Should().BeEmpty("rackspace allows the size as a string of digits");
        judge.Judge(exchange, request!, Samples.Profiles.Get("nova")).Failures.Select(f => f.Rule).Should().Contain("body.type", "nova does not, whatever rackspace said of the same text");
    }

    [Test]
    public void One_body_for_another_image_is_judged_for_that_request()
    {
        var judge = Fresh();
        var right = Draft.Nova().ToExchange();
        var other = right with { Request = right.Request with { Url = right.Request.Url.Replace(Samples.ImageId, "00000000-1111-4222-8333-444444444444", StringComparison.Ordinal) } };
        ImageDetailsRequest.TryParse("GET", right.Request.Url, out var rightRequest, out _);
        ImageDetailsRequest.TryParse("GET", other.Request.Url, out var otherRequest, out _);

        judge.Judge(right, rightRequest!, Samples.Profiles.Get("nova")).Failures.Should().BeEmpty();
        judge.Judge(other, otherRequest!, Samples.Profiles.Get("nova")).Failures.Select(f => f.Rule).Should().Contain("identity.matches_request", "the same body answers another request");
    }

    [Test]
    public void An_error_body_then_the_same_text_as_a_success_is_judged_by_its_status()
    {
        var judge = Fresh();
        var draft = Draft.Nova();
        draft.Image["minRam"] = -1;
        var success = draft.ToExchange();
        var error = success with { Response = success.Response with { Status = 404, StatusText = "Not Found" } };
        ImageDetailsRequest.TryParse("GET", success.Request.Url, out var request, out _);

        judge.Judge(error, request!, Samples.Profiles.Get("nova")).Failures.Select(f => f.Rule).Should().Contain("fault.code_matches_status", "an image document is no fault");
        judge.Judge(success, request!, Samples.Profiles.Get("nova")).Failures.Select(f => f.Rule).Should().Equal(["body.range"], "the schema judges a success's body, whatever it said of the error");
    }

    [Test]
    public void The_same_text_recorded_with_a_problem_is_judged_by_the_problem()
    {
        var judge = Fresh();
        var good = Draft.Nova().ToExchange();
        ImageDetailsRequest.TryParse("GET", good.Request.Url, out var request, out _);
        var broken = good with { Response = good.Response with { BodyProblem = "the body could not be decoded (gzip)" } };

        judge.Judge(good, request!, Samples.Profiles.Get("nova")).Failures.Should().BeEmpty();
        judge.Judge(broken, request!, Samples.Profiles.Get("nova")).Failures.Select(f => f.Rule).Should().Contain("body.json");
        judge.Judge(good, request!, Samples.Profiles.Get("nova")).Failures.Should().BeEmpty("the problem of one exchange is not remembered for the text");
    }

    [Test]
    public void Many_more_bodies_than_slots_each_keep_their_own_verdict()
    {
        var judge = new ExchangeJudge();
        var exchanges = Enumerable.Range(0, 3000).Select(i =>
        {
            var draft = Draft.Nova();
            draft.Image["name"] = $"image-{i}";
            if (i % 7 == 0)
            {
                draft.Image["minRam"] = -i - 1;
            }

            return draft.ToExchange();
        }).ToList();
        ImageDetailsRequest.TryParse("GET", exchanges[0].Request.Url, out var request, out _);
        var nova = Samples.Profiles.Get("nova");

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < exchanges.Count; i++)
            {
                var rules = judge.Judge(exchanges[i], request!, nova).Failures.Select(f => f.Rule).ToList();
                rules.Should().Equal(i % 7 == 0 ? ["body.range"] : [], "body {0}, round {1}", i, round);
            }
        }
    }
}
