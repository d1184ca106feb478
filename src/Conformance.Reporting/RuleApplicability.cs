using Conformance.Core.Checks;
using Conformance.Core.Contracts;

namespace Conformance.Reporting;

/// <summary>
/// Which rules a profile actually applies, so a report lists one step per check that ran: read from each rule's
/// declaration (<see cref="Rule.AppliesTo"/>), next to the check that reports it.
/// </summary>
public static class RuleApplicability
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Group, Profile Profile), string[]> Cache = new();

    /// <summary>The rules of a group that a profile applies, in a stable order (computed once per group and profile).</summary>
    public static IReadOnlyList<string> RulesOf(string group, Profile profile) =>
        Cache.GetOrAdd((group, profile), key => [.. Rules.All.Where(r => r.Group == key.Group && r.AppliesTo(key.Profile)).Select(r => r.Id).Order(StringComparer.Ordinal)]);

    /// <summary>True when the profile judges the rule.</summary>
    /// <param name="rule">A declared rule id.</param>
    /// <param name="profile">The profile.</param>
    /// <exception cref="ArgumentException">No check declares <paramref name="rule"/>.</exception>
    public static bool AppliesTo(string rule, Profile profile) => Rules.Get(rule).AppliesTo(profile);
}
