using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Recordings;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

public sealed class RunTallyTests
{
    [Test]
    public void Counts_every_exchange_but_keeps_the_text_of_the_first_few_with_findings()
    {
        using var folder = new TempFolder();
        var entries = new List<Newtonsoft.Json.Linq.JObject>();
        for (var i = 0; i < 60; i++)
        {
            var draft = Draft.Nova();
            if (i % 2 == 1)
            {
                draft.Image["status"] = "active";
            }

            entries.Add(HarText.Entry(draft.ToExchange()));
        }

        folder.Write("many.har", HarText.Of([.. entries]));
        var tally = new RunTally();

        foreach (var item in RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles))
        {
            tally.Add(item);
        }

        tally.Exchanges.Should().Be(60);
        var status = tally.Group(CheckGroups.Status);
        (status.Passed, status.Failed).Should().Be((30, 30));
        status.FailedRules.Should().Equal(new Dictionary<string, long> { ["status.enum"] = 30 });
        status.Listed.Should().HaveCount(RunTally.ListedPerGroup).And.OnlyContain(l => l.StartsWith("FAILED many.har#", StringComparison.Ordinal));
        status.Listed[0].Should().StartWith("FAILED many.har#1: GET http").And.Contain("[status.enum]");
        status.Unlisted.Should().Be(30 - RunTally.ListedPerGroup);
        status.Describe().Should().StartWith("60 exchanges judged: 30 passed, 30 failed")
            .And.Contain("Contract violations by rule: status.enum (30)")
            .And.EndWith($"... and {30 - RunTally.ListedPerGroup} more exchanges with findings in this group (every one is in the Allure results).");
        tally.Group(CheckGroups.Links).Kind.Should().Be(OutcomeKind.Passed);
        tally.Group(CheckGroups.ImageService).Judged.Should().Be(0);
    }

    [Test]
    public void Problems_and_entries_not_judged_are_counted_and_listed()
    {
        using var folder = new TempFolder();
        folder.Write("a-bad.har", "{\"log\": ");
        var list = Draft.Nova();
        list.Url = "http://127.0.0.1:18774/v2.1/p/images/detail";
        folder.Write("b.har", HarText.Of(HarText.Entry(list.ToExchange()), HarText.Entry(Draft.Nova().ToExchange())));
        var tally = new RunTally();

        foreach (var item in RecordedRun.Judge(folder.Path, null, Baseline.Empty, Samples.Profiles))
        {
            tally.Add(item);
        }

        tally.Problems.Should().Be(1);
        tally.ListedProblemCases.Single().Subject.Should().Be("a-bad.har");
        tally.SkippedEntries.Should().Be(1);
        tally.ListedSkipped.Single().Should().StartWith("b.har #0 GET http://127.0.0.1:18774/v2.1/p/images/detail");
        tally.Exchanges.Should().Be(1);
        tally.NothingJudged.Should().BeFalse();
    }
}
