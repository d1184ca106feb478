using Conformance.Core.Exchanges;

namespace Conformance.Core.Checks;

/// <summary>What the checks found in one exchange: the groups that apply, every violation, and groups not judged.</summary>
public sealed record Verdict(
    string Exchange,
    ApiVersion Version,
    string Profile,
    IReadOnlyList<string> Groups,
    IReadOnlyList<Violation> Violations,
    IReadOnlyDictionary<string, string> NotJudged)
{
    /// <summary>The probe the exchange was, when it was one.</summary>
    public string? Probe { get; init; }

    /// <summary>The violations of one check group.</summary>
    /// <param name="group">A group of <see cref="CheckGroups"/>.</param>
    public IEnumerable<Violation> In(string group) => Violations.Where(v => v.Group == group);

    /// <summary>The violations that fail the exchange (warnings left out).</summary>
    public IEnumerable<Violation> Failures => Violations.Where(v => v.Severity == Severity.Failure);
}
