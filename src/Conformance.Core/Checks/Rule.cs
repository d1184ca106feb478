using Conformance.Core.Contracts;

namespace Conformance.Core.Checks;

/// <summary>
/// One rule, declared once next to the check that reports it: its id (<c>group.rule</c>), constant title, default
/// severity, when it applies (a predicate over the profile's data) and the key of its documented text in
/// <c>profile.json</c>. The rule list, the report's steps, the coverage tests and the rule table of
/// <c>schemas/DERIVATION.md</c> are all derived from these declarations.
/// </summary>
public sealed class Rule
{
    private readonly Func<Profile, bool> _appliesTo;

    /// <param name="id">The rule id, <c>group.rule</c>.</param>
    /// <param name="title">The constant title of every violation of the rule.</param>
    /// <param name="severity">Failure, or warning (reported, never failing).</param>
    /// <param name="appliesTo">Under which profiles the rule is judged; every profile when null.</param>
    /// <param name="documentedKey">
    /// The <c>documented</c> key of <c>profile.json</c> the violation text cites: the rule id by default; a schema rule
    /// falls back to the field path. Null when the text does not come from the profile (a probe, a cross-check).
    /// </param>
    public Rule(string id, string title, Severity severity, Func<Profile, bool>? appliesTo = null, string? documentedKey = "")
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == id.Length - 1)
        {
            throw new ArgumentException($"A rule id is group.rule, not '{id}'", nameof(id));
        }

        Id = id;
        Title = title;
        Severity = severity;
        Group = id[..dot];
        _appliesTo = appliesTo ?? (_ => true);
        DocumentedKey = documentedKey == string.Empty ? id : documentedKey;
    }

    /// <summary>The rule id, <c>group.rule</c>, as reports, baselines and <c>profile.json</c> name it.</summary>
    public string Id { get; }

    /// <summary>The constant title every violation of the rule carries.</summary>
    public string Title { get; }

    /// <summary>Whether a violation fails a run or is only reported; a violation may override it.</summary>
    public Severity Severity { get; }

    /// <summary>The check group: the part of the id before the dot.</summary>
    public string Group { get; }

    /// <summary>The <c>documented</c> key of <c>profile.json</c> the violation text cites (null: not from the profile).</summary>
    public string? DocumentedKey { get; }

    /// <summary>True when the profile judges this rule (so a report shows it as a step).</summary>
    public bool AppliesTo(Profile profile) => _appliesTo(profile);

    /// <summary>The rule id.</summary>
    public override string ToString() => Id;
}
