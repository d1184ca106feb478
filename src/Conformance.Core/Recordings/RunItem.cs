using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Recordings;

/// <summary>One thing a run reports: a check group of an exchange, a problem, or entries it did not judge.</summary>
public abstract record RunItem(string Name);

/// <summary>One check group of one exchange, already judged.</summary>
public sealed record GroupCase(string Exchange, ApiVersion Version, string Group, Verdict Verdict, GroupOutcome Outcome)
    : RunItem(Verdict.Probe is null ? $"{Exchange} {Version.Segment()} {Group}" : $"{Exchange} {Version.Segment()} probe:{Verdict.Probe} {Group}")
{
    /// <summary>The request and its answer in one line, for messages: <c>GET https://... answered 200</c>.</summary>
    public string Request { get; init; } = string.Empty;
}

/// <summary>
/// Something that stopped a file or an entry from being judged (an unreadable recording, an unreachable target, a
/// suite error): the test is broken, never passed, and names the file or exchange and the problem.
/// </summary>
public sealed record ProblemCase(string Subject, string Problem, string Label = "unreadable") : RunItem($"{Subject} {Label}");

/// <summary>Entries of a recording that are not image-details GETs, listed with the reason.</summary>
public sealed record SkippedCase(string File, IReadOnlyList<string> Reasons) : RunItem($"{File} entries not judged");

/// <summary>Baseline entries that name exchanges the run did not see.</summary>
public sealed record BaselineCase(IReadOnlyList<KnownDeviation> Unmatched) : RunItem("baseline entries not matched");

/// <summary>The run found no image-details exchange at all: that is a failure, not a pass.</summary>
public sealed record NothingJudgedCase(string Where) : RunItem("no image-details exchange found");

/// <summary>
/// All check groups of one exchange as one item, for large runs (Granularity = exchange): one test, one report
/// result, with a step per group.
/// </summary>
public sealed record ExchangeCase(string Exchange, ApiVersion Version, IReadOnlyList<GroupCase> Groups)
    : RunItem(Groups[0].Verdict.Probe is null ? $"{Exchange} {Version.Segment()}" : $"{Exchange} {Version.Segment()} probe:{Groups[0].Verdict.Probe}")
{
    /// <summary>The worst outcome of its groups: a failure, else a group not judged, else warnings, else passed.</summary>
    public OutcomeKind Kind => Groups.Max(g => g.Outcome.Kind);

    public IEnumerable<Violation> Failures => Groups.SelectMany(g => g.Outcome.Failures);

    public string Describe() => string.Join(
        Environment.NewLine,
        Groups.Select(g => (g.Group, Text: g.Outcome.Describe())).Where(g => g.Text.Length > 0).Select(g => $"== {g.Group} =={Environment.NewLine}{g.Text}"));

    /// <summary>Folds each exchange's consecutive group items into one item; other items pass through.</summary>
    public static IEnumerable<RunItem> ByExchange(IEnumerable<RunItem> items)
    {
        var pending = new List<GroupCase>();
        foreach (var item in items)
        {
            if (item is GroupCase group && (pending.Count == 0 || pending[0].Exchange == group.Exchange))
            {
                pending.Add(group);
                continue;
            }

            if (pending.Count > 0)
            {
                yield return new ExchangeCase(pending[0].Exchange, pending[0].Version, pending);
                pending = [];
            }

            if (item is GroupCase next)
            {
                pending.Add(next);
            }
            else
            {
                yield return item;
            }
        }

        if (pending.Count > 0)
        {
            yield return new ExchangeCase(pending[0].Exchange, pending[0].Version, pending);
        }
    }
}
