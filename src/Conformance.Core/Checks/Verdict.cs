using Conformance.Core.Exchanges;

namespace Conformance.Core.Checks;

/// <summary>What the checks found in one exchange: the groups that apply, every violation, and groups not judged.</summary>
/// <param name="Exchange">The exchange name (<c>file.har#index</c>).</param>
/// <param name="Version">The API version the request addressed.</param>
/// <param name="Profile">The name of the profile it was judged under.</param>
/// <param name="Groups">The check groups that apply to the response, in report order.</param>
/// <param name="Violations">Every violation of those groups, capped per rule (see <see cref="FindingsCap"/>).</param>
/// <param name="NotJudged">The groups that could not be judged, with the reason.</param>
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
