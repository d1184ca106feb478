using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Recordings;

/// <summary>One thing a run reports: a check group of an exchange, a problem, or entries it did not judge.</summary>
/// <param name="Name">The item's test name, unique within a run.</param>
public abstract record RunItem(string Name);

/// <summary>One check group of one exchange, already judged.</summary>
/// <param name="Exchange">The exchange name (<c>file.har#index</c>).</param>
/// <param name="Version">The API version the request addressed.</param>
/// <param name="Group">The check group.</param>
/// <param name="Verdict">The exchange's whole verdict.</param>
/// <param name="Outcome">The group's outcome, the baseline applied.</param>
public sealed record GroupCase(string Exchange, ApiVersion Version, string Group, Verdict Verdict, GroupOutcome Outcome)
    : RunItem(Verdict.Probe is null ? $"{Exchange} {Version.Segment()} {Group}" : $"{Exchange} {Version.Segment()} probe:{Verdict.Probe} {Group}")
{
    /// <summary>The request and its answer in one line, for messages: <c>GET https://... answered 200</c>.</summary>
    public string Request { get; init; } = string.Empty;

    /// <summary>
    /// Judged after later entries: the group needed an exchange that came later in the recording (the image
    /// service's record of the image), so the exchange's other groups were reported before it.
    /// </summary>
    public bool Late { get; init; }
}

/// <summary>
/// Something that stopped a file or an entry from being judged (an unreadable recording, an unreachable target, a
/// suite error): the test is broken, never passed, and names the file or exchange and the problem.
/// </summary>
/// <param name="Subject">The file or exchange that could not be judged.</param>
/// <param name="Problem">What went wrong, for a person.</param>
/// <param name="Label">What kind of problem, the end of the item's name (<c>unreadable</c>, <c>profile unknown</c>).</param>
public sealed record ProblemCase(string Subject, string Problem, string Label = "unreadable") : RunItem($"{Subject} {Label}");

/// <summary>Entries of a recording that are not image-details GETs, listed with the reason.</summary>
/// <param name="File">The recording's name.</param>
/// <param name="Reasons">Why each entry passed over is not an image-details GET, one line per entry.</param>
public sealed record SkippedCase(string File, IReadOnlyList<string> Reasons) : RunItem($"{File} entries not judged");

/// <summary>
/// Baseline entries that name exchanges the run did not see, and entries whose exchanges were judged without them
/// occurring anywhere (no longer occurring: to remove from the baseline).
/// </summary>
/// <param name="Unmatched">Baseline entries that name exchanges the run did not judge.</param>
public sealed record BaselineCase(IReadOnlyList<KnownDeviation> Unmatched) : RunItem("baseline entries not matched")
{
    /// <summary>Baseline entries whose exchanges were judged without the deviation occurring in any of them.</summary>
    public IReadOnlyList<KnownDeviation> NoLongerOccurring { get; init; } = [];

    /// <summary>Both lists as a person reads them (empty when both are empty).</summary>
    public static string Describe(IReadOnlyCollection<KnownDeviation> unmatched, IReadOnlyCollection<KnownDeviation> noLongerOccurring)
    {
        ArgumentNullException.ThrowIfNull(unmatched);
        ArgumentNullException.ThrowIfNull(noLongerOccurring);
        var parts = new List<string>();
        if (unmatched.Count > 0)
        {
            parts.Add("Baseline entries name exchanges this run did not judge:" + Environment.NewLine
                + string.Join(Environment.NewLine, unmatched.Select(d => $"[{d.Rule}] {d.Recording}: {d.Reason}")));
        }

        if (noLongerOccurring.Count > 0)
        {
            parts.Add("Baselined deviations that no longer occur (the exchanges they name were judged; remove them from the baseline):" + Environment.NewLine
                + string.Join(Environment.NewLine, noLongerOccurring.Select(d => $"[{d.Rule}] {d.Place}, listed for {d.Recording}: {d.Reason}")));
        }

        return string.Join(Environment.NewLine, parts);
    }
}

/// <summary>The run found no image-details exchange at all: that is a failure, not a pass.</summary>
/// <param name="Where">The recordings path (or live target) that held none.</param>
public sealed record NothingJudgedCase(string Where) : RunItem("no image-details exchange found");

/// <summary>
/// All check groups of one exchange as one item, for large runs (Granularity = exchange): one test, one report
/// result, with a step per group.
/// </summary>
/// <param name="Exchange">The exchange name (<c>file.har#index</c>).</param>
/// <param name="Version">The API version the request addressed.</param>
/// <param name="Groups">Its judged groups, in report order; at least one.</param>
public sealed record ExchangeCase(string Exchange, ApiVersion Version, IReadOnlyList<GroupCase> Groups)
    : RunItem(Groups[0].Verdict.Probe is null ? $"{Exchange} {Version.Segment()}" : $"{Exchange} {Version.Segment()} probe:{Groups[0].Verdict.Probe}")
{
    /// <summary>The worst outcome of its groups: a failure, else a group not judged, else warnings, else passed.</summary>
    public OutcomeKind Kind => Groups.Max(g => g.Outcome.Kind);

    /// <summary>The unlisted failures of all its groups.</summary>
    public IEnumerable<Violation> Failures => Groups.SelectMany(g => g.Outcome.Failures);

    /// <summary>Each group with findings under a <c>== group ==</c> heading, as a test's message shows them; empty when none has any.</summary>
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
