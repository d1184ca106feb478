using System.Globalization;
using System.Text;
using Conformance.Core.Checks;

namespace Conformance.Core.Baselines;

/// <summary>How one check group of one exchange ends, with the text a person reads.</summary>
public enum OutcomeKind
{
    Passed,
    Warning,
    NotJudged,
    Failed,
}

/// <summary>
/// The outcome of a check group once the baseline is applied: unlisted failures fail; listed ones are known;
/// warnings, known deviations and baseline entries that no longer occur are reported but never fail.
/// </summary>
public sealed record GroupOutcome(
    OutcomeKind Kind,
    IReadOnlyList<Violation> Failures,
    IReadOnlyList<(Violation Violation, KnownDeviation Deviation)> Known,
    IReadOnlyList<Violation> Warnings,
    IReadOnlyList<KnownDeviation> NoLongerOccurring,
    string? NotJudgedReason)
{
    public static GroupOutcome Of(Verdict verdict, string group, Baseline baseline, string recordingName)
    {
        var failures = new List<Violation>();
        var known = new List<(Violation, KnownDeviation)>();
        var warnings = new List<Violation>();
        foreach (var violation in verdict.In(group))
        {
            if (violation.Severity == Severity.Warning)
            {
                warnings.Add(violation);
            }
            else if (baseline.Find(recordingName, violation.Rule) is { } deviation)
            {
                known.Add((violation, deviation));
            }
            else
            {
                failures.Add(violation);
            }
        }

        var stale = baseline.For(recordingName, group)
            .Where(d => !verdict.In(group).Any(v => v.Rule == d.Rule && v.Severity == Severity.Failure))
            .ToList();
        verdict.NotJudged.TryGetValue(group, out var notJudged);
        var kind = failures.Count > 0 ? OutcomeKind.Failed
            : notJudged is not null ? OutcomeKind.NotJudged
            : warnings.Count > 0 || known.Count > 0 || stale.Count > 0 ? OutcomeKind.Warning
            : OutcomeKind.Passed;
        return new GroupOutcome(kind, failures, known, warnings, stale, notJudged);
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
            foreach (var (violation, deviation) in Known)
            {
                text.AppendLine(violation.ToString());
                text.AppendLine(CultureInfo.InvariantCulture, $"  Known because: {deviation.Reason}");
            }
        }

        if (NoLongerOccurring.Count > 0)
        {
            text.AppendLine("Baselined deviations that no longer occur (remove them from the baseline):");
            foreach (var deviation in NoLongerOccurring)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"[{deviation.Rule}] listed for {deviation.Recording}: {deviation.Reason}");
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
