using System.Diagnostics.CodeAnalysis;

namespace Conformance.Core.Checks;

/// <summary>
/// Every rule the suite knows: those the checks of <see cref="ExchangeJudge.DefaultChecks"/> and
/// <see cref="CrossChecks"/> declare (see <see cref="IExchangeCheck.Reports"/>). Nothing is listed here by hand.
/// </summary>
public static class Rules
{
    private static readonly Lazy<(IReadOnlyList<Rule> List, Dictionary<string, Rule> ById)> Declared = new(Collect);

    /// <summary>Every rule, in the order of the checks that declare them.</summary>
    public static IReadOnlyList<Rule> All => Declared.Value.List;

    /// <summary>Every rule id.</summary>
    public static IReadOnlyCollection<string> Ids => Declared.Value.ById.Keys;

    /// <summary>Finds a declared rule by id; false (and null) for an unknown id.</summary>
    /// <param name="rule">The rule id, <c>group.rule</c>.</param>
    /// <param name="info">The rule's declaration when found.</param>
    public static bool TryGet(string rule, [NotNullWhen(true)] out Rule? info) => Declared.Value.ById.TryGetValue(rule, out info);

    /// <summary>The declared rule with this id.</summary>
    /// <param name="rule">The rule id, <c>group.rule</c>.</param>
    /// <exception cref="ArgumentException">No check declares the id.</exception>
    public static Rule Get(string rule) =>
        TryGet(rule, out var info) ? info : throw new ArgumentException($"Unknown rule id '{rule}'", nameof(rule));

    /// <summary>The check group of a rule id: the part before the first dot, or the whole id when it has none.</summary>
    /// <param name="rule">A rule id; it need not be declared.</param>
    public static string GroupOf(string rule)
    {
        var dot = rule.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rule : rule[..dot];
    }

    private static (IReadOnlyList<Rule>, Dictionary<string, Rule>) Collect()
    {
        var list = new List<Rule>();
        var byId = new Dictionary<string, Rule>(StringComparer.Ordinal);
        foreach (var rule in ExchangeJudge.DefaultChecks.SelectMany(c => c.Reports).Concat(CrossChecks.Reports))
        {
            if (byId.TryGetValue(rule.Id, out var known))
            {
                if (!ReferenceEquals(known, rule))
                {
                    throw new InvalidOperationException($"Rule {rule.Id} is declared twice: declare it once, next to one check, and refer to that declaration");
                }

                continue;
            }

            byId.Add(rule.Id, rule);
            list.Add(rule);
        }

        return (list, byId);
    }
}
