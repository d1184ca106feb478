using Conformance.Core.Baselines;
using Conformance.Core.Recordings;

namespace Conformance.Tests;

/// <summary>Prints, once the run is over, what it judged: exchanges, outcomes per group, known deviations.</summary>
[SetUpFixture]
public sealed class RunSummary
{
    private static IReadOnlyList<RunItem> _items = [];
    private static string _judged = "nothing (the settings could not be used)";

    public static void Record(IReadOnlyList<RunItem> items) => _items = items;

    /// <summary>What the run judges: the recordings (path) or the target (URL), and the profile.</summary>
    public static void Judging(string what) => _judged = what;

    [OneTimeTearDown]
    public void Print()
    {
        Reporting.AllureSession.Current?.Finish();
        var groups = _items.OfType<GroupCase>().Concat(_items.OfType<ExchangeCase>().SelectMany(e => e.Groups)).ToList();
        if (groups.Count == 0 && _items.Count == 0)
        {
            return;
        }

        var exchanges = groups.Select(g => g.Exchange).Distinct().Count();
        var byKind = groups.GroupBy(g => g.Outcome.Kind).ToDictionary(g => g.Key, g => g.Count());
        var known = groups.Sum(g => g.Outcome.Known.Count);
        var stale = groups.Sum(g => g.Outcome.NoLongerOccurring.Count);
        var lines = new List<string>
        {
            "Image-details conformance summary",
            $"  judged: {_judged}",
            $"  exchanges judged: {exchanges}; check groups: {groups.Count}",
            $"  passed {byKind.GetValueOrDefault(OutcomeKind.Passed)}, failed {byKind.GetValueOrDefault(OutcomeKind.Failed)}, "
                + $"with warnings {byKind.GetValueOrDefault(OutcomeKind.Warning)}, not judged {byKind.GetValueOrDefault(OutcomeKind.NotJudged)}",
            $"  known deviations (baseline): {known}; baselined deviations no longer occurring: {stale}",
            $"  problems (unreadable files or entries, settings): {_items.OfType<ProblemCase>().Count()}; files with entries not judged: {_items.OfType<SkippedCase>().Count()}",
        };
        foreach (var failed in groups.Where(g => g.Outcome.Kind == OutcomeKind.Failed))
        {
            lines.Add($"  FAILED {failed.Name}: {string.Join(", ", failed.Outcome.Failures.Select(f => f.Rule).Distinct())}");
        }

        TestContext.Progress.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
