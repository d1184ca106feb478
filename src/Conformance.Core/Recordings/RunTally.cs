using System.Globalization;
using System.Text;
using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.Core.Exchanges;

namespace Conformance.Core.Recordings;

/// <summary>
/// What a run found, kept small whatever the number of exchanges: counts per check group (and per API version),
/// counts per rule, and the text of the first exchanges with findings; the problems that stopped a file or an
/// entry from being judged; the entries that are not image-details GETs. Items are added as they are judged and
/// then dropped, so memory does not grow with the run. Safe to read while items are added from one thread.
/// </summary>
public sealed class RunTally
{
    /// <summary>How many exchanges with findings a group keeps the text of (the rest are counted).</summary>
    public const int ListedPerGroup = 20;

    /// <summary>How many problems and not-judged entries are kept word for word (the rest are counted).</summary>
    public const int ListedProblems = 100;

    private readonly object _lock = new();
    private readonly Dictionary<(ApiVersion? Version, string Group), GroupTally> _groups = [];
    private readonly List<ProblemCase> _problems = [];
    private readonly List<string> _skipped = [];

    /// <summary>How many image-details exchanges were judged.</summary>
    public long Exchanges { get; private set; }

    /// <summary>How many files or entries could not be judged (broken items).</summary>
    public long Problems { get; private set; }

    /// <summary>How many entries were passed over as not image-details GETs.</summary>
    public long SkippedEntries { get; private set; }

    /// <summary>How many files had entries passed over.</summary>
    public long SkippedFiles { get; private set; }

    /// <summary>True when the run found no image-details exchange at all (a failure).</summary>
    public bool NothingJudged { get; private set; }

    /// <summary>Baseline entries that name exchanges the run did not judge.</summary>
    public IReadOnlyList<KnownDeviation> UnmatchedBaseline { get; private set; } = [];

    /// <summary>Baseline entries whose exchanges were judged without the deviation occurring in any of them.</summary>
    public IReadOnlyList<KnownDeviation> StaleBaseline { get; private set; } = [];

    /// <summary>The first <see cref="ListedProblems"/> broken items, word for word.</summary>
    public IReadOnlyList<ProblemCase> ListedProblemCases
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>The first <see cref="ListedProblems"/> reasons entries were passed over.</summary>
    public IReadOnlyList<string> ListedSkipped
    {
        get
        {
            lock (_lock)
            {
                return [.. _skipped];
            }
        }
    }

    /// <summary>Counts an item of the run.</summary>
    public void Add(RunItem item)
    {
        lock (_lock)
        {
            switch (item)
            {
                case GroupCase group:
                    For(group.Version, group.Group).Add(group);
                    For(null, group.Group).Add(group);
                    // A late group's exchange was counted with its other groups.
                    if (!group.Late && group.Group == group.Verdict.Groups[0])
                    {
                        Exchanges++;
                    }

                    break;
                case ProblemCase problem:
                    Problems++;
                    if (_problems.Count < ListedProblems)
                    {
                        _problems.Add(problem);
                    }

                    break;
                case SkippedCase skipped:
                    SkippedFiles++;
                    SkippedEntries += skipped.Reasons.Count;
                    foreach (var reason in skipped.Reasons.Take(ListedProblems - _skipped.Count))
                    {
                        _skipped.Add($"{skipped.File} {reason}");
                    }

                    break;
                case NothingJudgedCase:
                    NothingJudged = true;
                    break;
                case BaselineCase baseline:
                    UnmatchedBaseline = baseline.Unmatched;
                    StaleBaseline = baseline.NoLongerOccurring;
                    break;
                case ExchangeCase exchange:
                    foreach (var group in exchange.Groups)
                    {
                        Add(group);
                    }

                    break;
            }
        }
    }

    /// <summary>The tally of one check group, over both API versions (version null) or one.</summary>
    public GroupTally Group(string group, ApiVersion? version = null)
    {
        lock (_lock)
        {
            return _groups.TryGetValue((version, group), out var tally) ? tally.Copy() : new GroupTally(group);
        }
    }

    /// <summary>Every group that judged at least one exchange, over both versions.</summary>
    public IReadOnlyList<GroupTally> Groups
    {
        get
        {
            lock (_lock)
            {
                return [.. _groups.Where(g => g.Key.Version is null).Select(g => g.Value.Copy()).OrderBy(g => g.Name, StringComparer.Ordinal)];
            }
        }
    }

    private GroupTally For(ApiVersion? version, string group)
    {
        if (!_groups.TryGetValue((version, group), out var tally))
        {
            tally = new GroupTally(group);
            _groups[(version, group)] = tally;
        }

        return tally;
    }
}

/// <summary>The counts of one check group, the rules broken, and the first exchanges with findings, word for word.</summary>
public sealed class GroupTally
{
    private readonly Dictionary<string, long> _failedRules;
    private readonly Dictionary<string, long> _warningRules;
    private readonly List<string> _listed;
    private readonly List<string> _others;

    /// <summary>An empty tally of the group <paramref name="name"/>.</summary>
    /// <param name="name">The check group, as <see cref="CheckGroups"/> names it.</param>
    public GroupTally(string name)
        : this(name, [], [], [], [])
    {
    }

    private GroupTally(string name, Dictionary<string, long> failedRules, Dictionary<string, long> warningRules, List<string> listed, List<string> others)
    {
        _others = others;
        Name = name;
        _failedRules = failedRules;
        _warningRules = warningRules;
        _listed = listed;
    }

    /// <summary>The check group.</summary>
    public string Name { get; }

    /// <summary>How many exchanges the group applied to: passed, failed, warned or not judged.</summary>
    public long Judged => Passed + Failed + Warnings + NotJudged;

    /// <summary>Exchanges whose group passed.</summary>
    public long Passed { get; private set; }

    /// <summary>Exchanges whose group had an unlisted failure.</summary>
    public long Failed { get; private set; }

    /// <summary>Exchanges whose group ended with something to report but no failure (<see cref="OutcomeKind.Warning"/>).</summary>
    public long Warnings { get; private set; }

    /// <summary>Exchanges whose group could not be judged.</summary>
    public long NotJudged { get; private set; }

    /// <summary>Violations a baseline entry accepted (each occurrence counted).</summary>
    public long Known { get; private set; }

    /// <summary>Exchanges whose group ended with known deviations (and no failure), as the report counts them.</summary>
    public long KnownExchanges { get; private set; }

    /// <summary>Baseline entries for the group that did not occur in their exchange (each counted per exchange).</summary>
    public long NoLongerOccurring { get; private set; }

    /// <summary>How many exchanges had findings beyond those listed.</summary>
    public long Unlisted => Failed + Warnings + NotJudged - Listed.Count;

    /// <summary>Contract violations per rule (each occurrence counted).</summary>
    public IReadOnlyDictionary<string, long> FailedRules => _failedRules;

    /// <summary>Warnings per rule (each occurrence counted).</summary>
    public IReadOnlyDictionary<string, long> WarningRules => _warningRules;

    /// <summary>The first exchanges with findings: failures first in the order found, then the others.</summary>
    public IReadOnlyList<string> Listed => [.. _listed, .. _others.Take(RunTally.ListedPerGroup - _listed.Count)];

    /// <summary>The group's worst outcome over the run: failed, else not judged, else warning, else passed.</summary>
    public OutcomeKind Kind => Failed > 0 ? OutcomeKind.Failed
        : NotJudged > 0 ? OutcomeKind.NotJudged
        : Warnings > 0 ? OutcomeKind.Warning
        : OutcomeKind.Passed;

    internal void Add(GroupCase group)
    {
        var outcome = group.Outcome;
        switch (outcome.Kind)
        {
            case OutcomeKind.Passed:
                Passed++;
                break;
            case OutcomeKind.Failed:
                Failed++;
                break;
            case OutcomeKind.Warning:
                Warnings++;
                break;
            case OutcomeKind.NotJudged:
                NotJudged++;
                break;
        }

        Known += outcome.Known.Count;
        KnownExchanges += outcome.Kind == OutcomeKind.Warning && outcome.Known.Count > 0 ? 1 : 0;
        NoLongerOccurring += outcome.NoLongerOccurring.Count;
        foreach (var failure in outcome.Failures)
        {
            _failedRules[failure.Rule] = _failedRules.GetValueOrDefault(failure.Rule) + 1;
        }

        foreach (var warning in outcome.Warnings)
        {
            _warningRules[warning.Rule] = _warningRules.GetValueOrDefault(warning.Rule) + 1;
        }

        if (outcome.Kind == OutcomeKind.Passed)
        {
            return;
        }

        // Failures are listed before other findings, each kind up to the limit.
        var listed = outcome.Kind == OutcomeKind.Failed ? _listed : _others;
        if (listed.Count < RunTally.ListedPerGroup)
        {
            listed.Add(Text(group));
        }
    }

    private const string FailedMark = "FAILED ";

    private static string Text(GroupCase group)
    {
        var mark = group.Outcome.Kind switch
        {
            OutcomeKind.Failed => FailedMark,
            OutcomeKind.NotJudged => "NOT JUDGED ",
            _ => "WARNING ",
        };
        var text = new StringBuilder().Append(mark).Append(group.Exchange);
        if (group.Verdict.Probe is { } probe)
        {
            text.Append(" (probe ").Append(probe).Append(')');
        }

        if (group.Request.Length > 0)
        {
            text.Append(": ").Append(group.Request);
        }

        text.AppendLine();
        text.Append(group.Outcome.Describe());
        return text.ToString();
    }

    internal GroupTally Copy() => new(Name, new(_failedRules), new(_warningRules), [.. _listed], [.. _others])
    {
        Passed = Passed,
        Failed = Failed,
        Warnings = Warnings,
        NotJudged = NotJudged,
        Known = Known,
        KnownExchanges = KnownExchanges,
        NoLongerOccurring = NoLongerOccurring,
    };

    /// <summary>The group's findings as a test message: counts, the rules broken, then the listed exchanges.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Judged} exchange{(Judged == 1 ? string.Empty : "s")} judged: {Passed} passed, {Failed} failed, {Warnings} with warnings or known deviations");
        if (NotJudged > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {NotJudged} not judged");
        }

        text.AppendLine();
        if (_failedRules.Count > 0)
        {
            text.AppendLine("Contract violations by rule: " + string.Join(", ", _failedRules.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} ({r.Value})")));
        }

        if (_warningRules.Count > 0)
        {
            text.AppendLine("Warnings by rule: " + string.Join(", ", _warningRules.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} ({r.Value})")));
        }

        if (Known > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Known deviations (baseline): {Known}");
        }

        foreach (var listed in Listed)
        {
            text.AppendLine().AppendLine(listed);
        }

        if (Unlisted > 0)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"... and {Unlisted} more exchange{(Unlisted == 1 ? string.Empty : "s")} with findings in this group (every one is in the Allure results).");
        }

        return text.ToString().TrimEnd();
    }
}
