using System.Reflection;
using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// Every "Documented:" line quotes the profile's own document: each rule a profile judges has an entry of its own in
/// that profile's <c>documented</c> block (a schema rule is cited by the field it judges, so each field the profile's
/// schema names needs one), and no generic fallback is left to stand in for a missing one.
/// </summary>
public sealed class DocumentedTextTests
{
    /// <summary>The schema rules that cite the field they judge rather than a rule entry of their own.</summary>
    private static readonly HashSet<string> ByField = typeof(SchemaCheck)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(Rule))
        .Select(f => ((Rule)f.GetValue(null)!).Id)
        .Except([SchemaCheck.BodyJson.Id, SchemaCheck.BodyEnvelope.Id], StringComparer.Ordinal)
        .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> ProfileNames() => Samples.Profiles.Names;

    [TestCaseSource(nameof(ProfileNames))]
    public void Every_rule_the_profile_judges_has_an_entry_of_its_own(string name)
    {
        var profile = Samples.Profiles.Get(name);
        var missing = Rules.All
            .Where(r => r.AppliesTo(profile) && r.DocumentedKey is not null && !ByField.Contains(r.Id))
            .Select(r => r.DocumentedKey!)
            .Where(key => !profile.Documents(key))
            .ToList();

        missing.Should().BeEmpty($"profile {name} must quote its own document for every rule it judges");
    }

    [TestCaseSource(nameof(ProfileNames))]
    public void Every_field_the_schema_names_has_an_entry_of_its_own(string name)
    {
        var profile = Samples.Profiles.Get(name);

        profile.ImageFields.Where(f => !profile.Documents(f)).Should().BeEmpty($"profile {name} cites a field's own text for the schema rules");
    }

    [TestCaseSource(nameof(ProfileNames))]
    public void No_entry_is_a_generic_fallback(string name)
    {
        var profile = Samples.Profiles.Get(name);

        profile.Documents("*").Should().BeFalse();
    }

    [Test]
    public void A_rule_without_an_entry_cites_the_document_not_another_rules_text()
    {
        var profile = Samples.Profiles.Get("huawei-ecs");

        profile.Documented("no-such.rule").Should().Be(profile.Definition.Document);
    }
}
