using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// Answers the cross-checks could neither keep nor remember by name are a problem of the run only when a partner
/// could still come: a capture of one API version, however many images it holds, loses nothing by them.
/// </summary>
public sealed class CrossCheckBudgetTests
{
    private static void Judge(CrossChecks cross, string version, int image)
    {
        var id = $"{image:x8}-0000-4000-8000-{image:x12}";
        var draft = Draft.Nova(version);
        draft.Url = Samples.Url(version, id);
        draft.Image["id"] = id;
        foreach (var link in draft.Links)
        {
            link["href"] = link["href"]!.ToString().Replace(Samples.ImageId, id, StringComparison.Ordinal);
        }

        var exchange = draft.ToExchange();
        ImageDetailsRequest.TryParse("GET", exchange.Request.Url, out var request, out _).Should().BeTrue();
        cross.Check(exchange, request!, Samples.Profiles.Get("nova"));
    }

    /// <summary>A budget of one character keeps nothing: every answer is remembered by name, then only counted.</summary>
    private static CrossChecks Forgetting(string version)
    {
        var cross = new CrossChecks(budget: 1);
        for (var i = 0; i < CrossChecks.RememberedDrops + 5; i++)
        {
            Judge(cross, version, i);
        }

        return cross;
    }

    [Test]
    public void Forgotten_answers_of_a_capture_of_one_version_are_no_problem()
    {
        Forgetting("v2.1").Finish().Should().BeNull("no v2 answer came after them, so none went uncompared");
    }

    [TestCase("v2.1", "v2")]
    [TestCase("v2", "v2.1")]
    public void Forgotten_answers_followed_by_the_other_version_are_a_problem(string forgotten, string later)
    {
        var cross = Forgetting(forgotten);
        Judge(cross, later, 3); // itself forgotten too: the sixth

        cross.Finish().Should().Be(
            $"6 answers from draft.har#0 on could not be kept for their other API version (the suite keeps 1 characters of waiting answers and remembers {CrossChecks.RememberedDrops:N0} by name), and answers of the other version came after them: those of the same image were not compared");
    }

    [Test]
    public void Forgotten_answers_followed_by_more_of_their_own_version_are_no_problem()
    {
        var cross = Forgetting("v2");
        Judge(cross, "v2", 7);

        cross.Finish().Should().BeNull();
    }
}
