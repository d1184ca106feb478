using System.Globalization;

namespace Conformance.Core.Checks;

/// <summary>
/// Keeps the cost of a hostile body bounded: of each rule, the first <see cref="PerRule"/> violations are kept, and
/// the rest become one violation of the same rule saying how many more there were (so baselines and grouping by
/// rule still work). Used where violations are produced (checks that can find one per array item or field) and
/// where they are collected (<see cref="ExchangeJudge"/>, <see cref="CrossChecks"/>); the counts add up.
/// </summary>
public sealed class FindingsCap
{
    /// <summary>How many violations of one rule are kept per exchange before the rest are only counted.</summary>
    public const int PerRule = 100;

    private readonly List<Violation> _kept = [];
    // Made when first needed: most exchanges have no finding, and a cap is made for each check of each exchange.
    private Dictionary<string, int>? _counts;
    private Dictionary<string, long>? _omitted;
    private Dictionary<string, Violation>? _firstOnly;

    /// <summary>True while the rule has room: build the violation only then, and call <see cref="Skip"/> otherwise.</summary>
    public bool Wants(string rule) => _counts is null || _counts.GetValueOrDefault(rule) < PerRule;

    /// <summary>
    /// Keeps the violation while its rule has room, else counts it. A summary violation (<see cref="Violation.Omitted"/>
    /// nonzero) adds its count to the rule's omitted ones instead of being kept.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="violation"/> is null.</exception>
    public void Add(Violation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        if (violation.Omitted > 0)
        {
            _omitted ??= new(StringComparer.Ordinal);
            _counts ??= new(StringComparer.Ordinal);
            _omitted[violation.Rule] = _omitted.GetValueOrDefault(violation.Rule) + violation.Omitted;
            if (!_counts.ContainsKey(violation.Rule))
            {
                // A summary with nothing kept before it (cannot come from a capped producer, but stays a finding).
                _firstOnly ??= new(StringComparer.Ordinal);
                _counts[violation.Rule] = 0;
                _firstOnly[violation.Rule] = violation;
            }

            return;
        }

        _counts ??= new(StringComparer.Ordinal);
        var count = _counts.GetValueOrDefault(violation.Rule);
        if (count < PerRule)
        {
            _counts[violation.Rule] = count + 1;
            _kept.Add(violation);
        }
        else
        {
            Skip(violation.Rule);
        }
    }

    /// <summary>Adds the violation <paramref name="make"/> builds, or only counts it when the rule is full.</summary>
    public void Add(string rule, Func<Violation> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        if (Wants(rule))
        {
            Add(make());
        }
        else
        {
            Skip(rule);
        }
    }

    /// <summary>Adds each violation as <see cref="Add(Violation)"/> does.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="violations"/> is null.</exception>
    public void AddRange(IEnumerable<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations is IReadOnlyCollection<Violation> { Count: 0 })
        {
            // Most checks find nothing: no enumerator is made for an empty list.
            return;
        }

        foreach (var violation in violations)
        {
            Add(violation);
        }
    }

    /// <summary>Counts a violation of the rule that was not built because the rule is full.</summary>
    public void Skip(string rule, long count = 1)
    {
        _omitted ??= new(StringComparer.Ordinal);
        _omitted[rule] = _omitted.GetValueOrDefault(rule) + count;
    }

    /// <summary>The kept violations in the order found, then one "and N more" violation per rule that overflowed.</summary>
    public List<Violation> ToList()
    {
        if (_omitted is null || _omitted.Count == 0)
        {
            return _kept;
        }

        var result = new List<Violation>(_kept.Count + _omitted.Count);
        result.AddRange(_kept);
        foreach (var (rule, omitted) in _omitted)
        {
            var sample = _kept.Find(v => v.Rule == rule) ?? _firstOnly?.GetValueOrDefault(rule);
            result.Add(Summary(rule, omitted, sample));
        }

        return result;
    }

    /// <summary>The "and N more" violation of a rule.</summary>
    public static Violation Summary(string rule, long omitted, Violation? sample)
    {
        var n = omitted.ToString("N0", CultureInfo.InvariantCulture);
        return new Violation(
            rule,
            $"{n} more place{(omitted == 1 ? string.Empty : "s")}",
            $"... and {n} more of this rule (the first {PerRule} are listed)",
            sample?.Documented ?? string.Empty,
            sample?.Severity)
        {
            Omitted = omitted,
        };
    }
}
