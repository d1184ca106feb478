using System.Globalization;
using System.Text;
using Conformance.Core.Checks;

namespace Conformance.Core.Baselines;

/// <summary>How one check group of one exchange ends, with the text a person reads.</summary>
public enum OutcomeKind
{
    /// <summary>Nothing to report: no violation and no baseline entry left over.</summary>
    Passed,
    /// <summary>No unlisted failure, but warnings, known deviations or baseline entries no longer occurring to report; never fails.</summary>
    Warning,
    /// <summary>The group could not be judged (body not recorded, not an image document) and has no unlisted failure; never a pass.</summary>
    NotJudged,
    /// <summary>At least one failure no baseline entry accepts.</summary>
    Failed,
}

/// <summary>
/// The outcome of a check group once the baseline is applied: unlisted failures fail; violations a baseline entry
/// accepts (failures and warnings alike) are known; warnings, known deviations and baseline entries not found in
/// this exchange are reported but never fail.
/// </summary>
/// <param name="Kind">How the group ends.</param>
/// <param name="Failures">The failures no baseline entry accepts: they fail the run.</param>
/// <param name="Known">The violations a baseline entry accepts, each with the entry shown for it.</param>
/// <param name="Warnings">The warnings no baseline entry accepts.</param>
/// <param name="NoLongerOccurring">The baseline entries for this exchange and group that accepted nothing here.</param>
/// <param name="NotJudgedReason">Why the group could not be judged; null when it was.</param>
public sealed record GroupOutcome(
    OutcomeKind Kind,
    IReadOnlyList<Violation> Failures,
    IReadOnlyList<(Violation Violation, KnownDeviation Deviation)> Known,
    IReadOnlyList<Violation> Warnings,
    IReadOnlyList<KnownDeviation> NoLongerOccurring,
    string? NotJudgedReason)
{
    /// <summary>
    /// The baseline entries that accepted at least one violation here (an entry may accept a violation that a more
    /// specific entry is shown with), for the run to tell, over all exchanges, which entries occur nowhere.
    /// </summary>
    public IReadOnlyList<KnownDeviation> Occurring { get; init; } = [];

    /// <summary>The outcome of <paramref name="group"/> in <paramref name="verdict"/> with <paramref name="baseline"/> applied.</summary>
    /// <param name="verdict">The exchange's verdict.</param>
    /// <param name="group">A check group of <see cref="CheckGroups"/>.</param>
    /// <param name="baseline">The known deviations; <see cref="Baseline.Empty"/> for none.</param>
    /// <param name="recordingName">The exchange name the baseline's entries are matched against.</param>
    /// <exception cref="ArgumentNullException"><paramref name="verdict"/> or <paramref name="baseline"/> is null.</exception>
    public static GroupOutcome Of(Verdict verdict, string group, Baseline baseline, string recordingName)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(baseline);
        var listed = baseline.For(recordingName, group).ToList();
        var accepted = new bool[listed.Count];
        var failures = new List<Violation>();
        var known = new List<(Violation, KnownDeviation)>();
        var warnings = new List<Violation>();
        var capped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var violation in verdict.In(group))
        {
            if (violation.Omitted > 0)
            {
                capped.Add(violation.Rule);
            }

            KnownDeviation? best = null;
            for (var i = 0; i < listed.Count; i++)
            {
                if (listed[i].Accepts(violation))
                {
                    accepted[i] = true;
                    best = best is null || listed[i].Precision > best.Precision ? listed[i] : best;
                }
            }

            if (best is not null)
            {
                known.Add((violation, best));
            }
            else if (violation.Severity == Severity.Warning)
            {
                warnings.Add(violation);
            }
            else
            {
                failures.Add(violation);
            }
        }

        verdict.NotJudged.TryGetValue(group, out var notJudged);

        // Not found here only when it could have been found: the group was judged, and no "and N more" violation of
        // the rule hides places a path-scoped entry might name.
        var stale = notJudged is not null ? [] : listed
            .Where((d, i) => !accepted[i] && !(d.Path is not null && capped.Contains(d.Rule)))
            .ToList();
        var kind = failures.Count > 0 ? OutcomeKind.Failed
            : notJudged is not null ? OutcomeKind.NotJudged
            : warnings.Count > 0 || known.Count > 0 || stale.Count > 0 ? OutcomeKind.Warning
            : OutcomeKind.Passed;
        return new GroupOutcome(kind, failures, known, warnings, stale, notJudged)
        {
            Occurring = [.. listed.Where((_, i) => accepted[i])],
        };
    }

    /// <summary>Everything found, failures first, in the shape a report shows.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        if (Failures.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Failures.Count} contract violation{(Failures.Count == 1 ? string.Empty : "s")}:");
            foreach (var failure in Failures)
            {
                text.AppendLine(failure.ToString());
            }
        }

        if (NotJudgedReason is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Not judged: {NotJudgedReason}");
        }

        if (Known.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Known.Count} known deviation{(Known.Count == 1 ? string.Empty : "s")} (baseline):");
            var noted = new HashSet<KnownDeviation>(ReferenceEqualityComparer.Instance);
            foreach (var (violation, deviation) in Known)
            {
                text.AppendLine(violation.ToString());
                text.AppendLine(CultureInfo.InvariantCulture, $"  Known because: {deviation.Reason}");
                if (deviation.Path is null && Known.Count(k => ReferenceEquals(k.Deviation, deviation)) > 1 && noted.Add(deviation))
                {
                    text.AppendLine("  (that baseline entry names no path, so it accepts this rule anywhere in the entry: give it a \"path\" to accept only the place meant)");
                }
            }
        }

        if (NoLongerOccurring.Count > 0)
        {
            text.AppendLine("Baselined deviations not found in this exchange:");
            foreach (var deviation in NoLongerOccurring)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"[{deviation.Rule}] {deviation.Place}, listed for {deviation.Recording}: {deviation.Reason}");
            }
        }

        if (Warnings.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Warnings.Count} warning{(Warnings.Count == 1 ? string.Empty : "s")}:");
            foreach (var warning in Warnings)
            {
                text.AppendLine(warning.ToString());
            }
        }

        return text.ToString().TrimEnd();
    }
}
