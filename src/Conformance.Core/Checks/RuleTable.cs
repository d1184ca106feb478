using System.Globalization;
using System.Text;
using Conformance.Core.Contracts;

namespace Conformance.Core.Checks;

/// <summary>
/// The rule table of schemas/DERIVATION.md, made from the rule declarations: id, title, severity, the profiles that
/// apply the rule (its predicate evaluated on each profile of the catalog) and the checks that report it.
/// </summary>
public static class RuleTable
{
    /// <summary>The marker line before the generated table in DERIVATION.md.</summary>
    public const string Begin = "<!-- rule table: generated from the rule declarations; UPDATE_DERIVATION=1 dotnet test tests/Conformance.Core.Tests rewrites it -->";

    /// <summary>The marker line after the generated table in DERIVATION.md.</summary>
    public const string End = "<!-- end of rule table -->";

    /// <summary>The groups in the order a report lists them.</summary>
    public static IReadOnlyList<string> GroupOrder { get; } =
    [
        CheckGroups.StatusCode, CheckGroups.Headers, CheckGroups.Fault, CheckGroups.Body, CheckGroups.Identity, CheckGroups.Timestamps,
        CheckGroups.Links, CheckGroups.Status, CheckGroups.Metadata, CheckGroups.Consistency, CheckGroups.ImageService,
    ];

    /// <summary>
    /// The table as Markdown, one row per rule in report group order: id, title, severity, the profiles of
    /// <paramref name="catalog"/> that apply it ("all" or "none" when it is every or no profile) and the checks reporting it.
    /// </summary>
    /// <param name="catalog">The profiles whose applicability the table shows.</param>
    public static string Markdown(ProfileCatalog catalog)
    {
        var profiles = catalog.Names.Select(catalog.Get).ToList();
        var reporters = ExchangeJudge.DefaultChecks.Select(c => (Name: c.GetType().Name, c.Reports))
            .Append((Name: nameof(CrossChecks), CrossChecks.Reports))
            .SelectMany(c => c.Reports.Select(r => (Rule: r.Id, c.Name)))
            .ToLookup(p => p.Rule, p => p.Name);
        var text = new StringBuilder();
        text.Append("| rule id | title | severity | profiles | reported by |\n");
        text.Append("|---|---|---|---|---|\n");
        foreach (var rule in Rules.All.OrderBy(r => Order(r.Group)))
        {
            var applying = profiles.Where(rule.AppliesTo).Select(p => p.Name).ToList();
            var where = applying.Count == profiles.Count ? "all" : applying.Count == 0 ? "none" : string.Join(", ", applying);
            text.Append(CultureInfo.InvariantCulture, $"| {rule.Id} | `{rule.Title}` | {(rule.Severity == Severity.Warning ? "warning" : "failure")} | {where} | {string.Join(", ", reporters[rule.Id].Distinct())} |\n");
        }

        return text.ToString();
    }

    /// <summary>The document with the text between the markers replaced by <paramref name="table"/>.</summary>
    public static string Replace(string document, string table)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidDataException($"The document has no rule table between '{Begin}' and '{End}'");
        }

        var start = begin + Begin.Length;
        return document[..start] + "\n\n" + table + "\n" + document[end..];
    }

    private static int Order(string group)
    {
        var index = GroupOrder.ToList().IndexOf(group);
        return index < 0 ? int.MaxValue : index;
    }
}
