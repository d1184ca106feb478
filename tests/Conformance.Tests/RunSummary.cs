using Conformance.Core.Recordings;

namespace Conformance.Tests;

/// <summary>Prints, once the run is over, what it judged: exchanges, outcomes per group, rules broken, problems.</summary>
[SetUpFixture]
public sealed class RunSummary
{
    [OneTimeTearDown]
    public void Print()
    {
        if (!SuiteRun.Started)
        {
            return;
        }

        SuiteRun.End();
        var run = SuiteRun.Current;
        var tally = run.Tally;
        var groups = tally.Groups;
        var lines = new List<string>
        {
            "Image-details conformance summary",
            $"  judged: {run.Judging}",
            $"  exchanges judged: {tally.Exchanges}; check groups: {groups.Sum(g => g.Judged)}",
            $"  passed {groups.Sum(g => g.Passed)}, failed {groups.Sum(g => g.Failed)}, with warnings {groups.Sum(g => g.Warnings - g.KnownExchanges)}, "
                + $"with known deviations {groups.Sum(g => g.KnownExchanges)}, not judged {groups.Sum(g => g.NotJudged)}",
            $"  known deviations (baseline): {groups.Sum(g => g.Known)} in {groups.Sum(g => g.KnownExchanges)} check groups; baselined deviations no longer occurring: {(run.Settings?.Shard is { Count: > 1 } ? "not decided by one part of a sharded run" : tally.StaleBaseline.Count)}",
            $"  problems (unreadable files or entries, settings, target): {tally.Problems + (run.SettingsProblem is null ? 0 : 1)}; entries not judged (not image-details GETs): {tally.SkippedEntries}",
        };
        foreach (var group in groups.Where(g => g.Failed > 0))
        {
            lines.Add($"  FAILED {group.Name}: {group.Failed} exchange{(group.Failed == 1 ? string.Empty : "s")}; {string.Join(", ", group.FailedRules.OrderByDescending(r => r.Value).Select(r => $"{r.Key} ({r.Value})"))}");
        }

        var warned = groups.SelectMany(g => g.WarningRules).GroupBy(r => r.Key).Select(r => $"{r.Key} ({r.Sum(x => x.Value)})").ToList();
        if (warned.Count > 0)
        {
            lines.Add($"  warnings by rule: {string.Join(", ", warned)}");
        }

        foreach (var problem in tally.ListedProblemCases.Take(5))
        {
            lines.Add($"  NOT JUDGED {problem.Name}: {problem.Problem}");
        }

        if (tally.Problems > 5)
        {
            lines.Add($"  ... and {tally.Problems - 5} more not judged (see the run test)");
        }

        if (run.SettingsProblem is { } settings)
        {
            lines.Add($"  NOT JUDGED settings: {settings}");
        }

        if (run.Allure is { } allure)
        {
            lines.Add($"  Allure results: {allure.ResultsDirectory}");
        }

        TestContext.Error.WriteLine(Conformance.Core.Masking.Secrets.Mask(string.Join(Environment.NewLine, lines)));
    }
}
