using Conformance.Core.Checks;
using Conformance.Core.Contracts;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// Each profile.json is checked against schemas/profile.schema.json: a misspelt key, a wrong type or a name other
/// than the folder's stops the catalog, naming the file and the key.
/// </summary>
public sealed class ProfileDataTests
{
    private static readonly string Schemas = Path.Combine(AppContext.BaseDirectory, "schemas");

    [Test]
    public void The_bundled_profiles_are_valid_and_named_by_their_folders()
    {
        var folders = Directory.EnumerateDirectories(Schemas).Where(d => File.Exists(Path.Combine(d, ProfileFile.FileName))).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Samples.Profiles.Names.Should().Equal(folders);
        Samples.Profiles.Names.Should().OnlyContain(n => Samples.Profiles.Get(n).Name == n);
    }

    [Test]
    public void The_profile_schema_names_every_setting_of_a_definition()
    {
        var schema = ProfileFile.LoadSchema(Schemas);
        var settings = typeof(ProfileDefinition).GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);

        schema.ActualProperties.Keys.Should().BeEquivalentTo(settings);
    }

    [Test]
    public void A_misspelt_key_is_refused_with_the_nearest_known_key()
    {
        var message = Refused(p =>
        {
            p.Remove("microversionHeaders");
            p["microversionHeader"] = true;
        });

        message.Should().Contain(Path.Combine("nova", "profile.json"))
            .And.Contain("unknown key \"microversionHeader\" (did you mean \"microversionHeaders\"?)")
            .And.Contain("missing key \"microversionHeaders\"");
    }

    [Test]
    public void A_misspelt_key_that_is_nothing_like_a_known_one_lists_none()
    {
        Refused(p => p["colour"] = "blue").Should().Contain("unknown key \"colour\" (known keys: name, description,");
    }

    [Test]
    public void A_case_slip_is_a_near_miss_too()
    {
        Refused(p =>
        {
            p["FaultNames"] = p["faultNames"];
            p.Remove("faultNames");
        }).Should().Contain("unknown key \"FaultNames\" (did you mean \"faultNames\"?)");
    }

    [Test]
    public void A_wrong_type_names_the_key_and_the_type()
    {
        Refused(p => p["requestIdsEqual"] = "yes").Should().Contain("\"requestIdsEqual\" must be a boolean (true or false)");
        Refused(p => p["successCodes"] = 200).Should().Contain("\"successCodes\" must be an array");
        Refused(p => p["progressByStatus"]!["SAVING"] = new JArray("25")).Should().Contain("\"progressByStatus.SAVING[0]\" must be an integer");
        Refused(p => p["faultNames"] = true).Should().Contain("\"faultNames\" must be an object");
    }

    [Test]
    public void Nested_keys_are_checked()
    {
        Refused(p => p["faultNames"]!["4xx"] = new JArray("badRequest")).Should().Contain("unknown key \"4xx\" in \"faultNames\"");
        Refused(p => p["imageServiceStates"]!["queued"]!["progres"] = 25).Should().Contain("unknown key \"progres\" in \"imageServiceStates.queued\" (did you mean \"progress\"?)");
        Refused(p => p["fieldGroups"]!["id"] = "identities").Should().Contain("\"fieldGroups.id\" must be one of");
    }

    [Test]
    public void The_name_must_equal_the_folder()
    {
        Refused(p => p["name"] = "upstream-nova").Should().Contain("\"name\" is \"upstream-nova\" but the folder is \"nova\"");
    }

    [Test]
    public void The_image_service_mapping_needs_a_fallback_state()
    {
        Refused(p => ((JObject)p["imageServiceStates"]!).Remove("*")).Should().Contain("\"imageServiceStates\" needs a \"*\" entry");
    }

    [Test]
    public void A_profile_json_that_is_not_strict_json_is_refused()
    {
        using var folder = Copy();
        var path = Path.Combine(folder.Path, "nova", ProfileFile.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"requestIdsEqual\": true,", "\"requestIdsEqual\": true, \"requestIdsEqual\": false,", StringComparison.Ordinal));

        var act = () => new ProfileCatalog(folder.Path);

        act.Should().Throw<InvalidDataException>().WithMessage($"{path}: *requestIdsEqual*");
    }

    [Test]
    public void Nearest_key_is_a_slip_not_a_guess()
    {
        ProfileFile.Nearest("microversionHeader", ["microversionHeaders", "requestIdsEqual"]).Should().Be("microversionHeaders");
        ProfileFile.Nearest("zeroWherePostive", ["zeroWherePositive"]).Should().Be("zeroWherePositive");
        ProfileFile.Nearest("colour", ["name", "document"]).Should().BeNull();
    }

    [Test]
    public void Every_documented_key_is_a_rule_a_field_or_a_fallback()
    {
        // A misspelt documented key would silently cite the "*" text instead.
        var ruleKeys = Rules.All.Select(r => r.DocumentedKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var name in Samples.Profiles.Names)
        {
            var profile = Samples.Profiles.Get(name);
            var fields = FieldPaths(profile.Schema.ActualProperties["image"].ActualSchema, string.Empty).ToHashSet(StringComparer.Ordinal);
            unknown.AddRange(profile.Definition.Documented.Keys.Where(k => k is not ("*" or "numbers") && !ruleKeys.Contains(k) && !fields.Contains(k)).Select(k => $"{name}: {k}"));
        }

        unknown.Should().BeEmpty();
    }

    [Test]
    public void Every_rule_of_a_check_that_applies_cites_the_profile_document_for_it()
    {
        // Schema rules cite the field's text; the rules of the other checks need their own entry (no "*" fallback).
        var schemaRules = new SchemaCheck().Reports.ToHashSet();
        var missing = new List<string>();
        foreach (var name in Samples.Profiles.Names)
        {
            var profile = Samples.Profiles.Get(name);
            missing.AddRange(Rules.All
                .Where(r => r.DocumentedKey is not null && !schemaRules.Contains(r) && r.Group != CheckGroups.Consistency && r.AppliesTo(profile) && !profile.Documents(r.DocumentedKey))
                .Select(r => $"{name}: {r.Id}"));
        }

        missing.Should().BeEmpty();
    }

    /// <summary>The field paths a profile documents: <c>minDisk</c>, <c>links[].rel</c>, <c>server.id</c>.</summary>
    private static IEnumerable<string> FieldPaths(NJsonSchema.JsonSchema schema, string prefix)
    {
        foreach (var (name, property) in schema.ActualProperties)
        {
            var path = prefix + name;
            yield return path;
            var actual = property.ActualSchema;
            var item = actual.Item?.ActualSchema;
            var children = item is not null ? FieldPaths(item, path + "[].") : FieldPaths(actual, path + ".");
            foreach (var child in children)
            {
                yield return child;
            }
        }
    }

    /// <summary>The catalog's message for a copy of the schemas whose nova profile.json is changed.</summary>
    [Test]
    public void A_generic_star_entry_in_documented_is_refused()
    {
        var message = Refused(p => ((JObject)p["documented"]!)["*"] = "the whole document");

        message.Should().Contain("\"documented\" has a \"*\" entry");
    }

    private static string Refused(Action<JObject> change)
    {
        using var folder = Copy();
        var path = Path.Combine(folder.Path, "nova", ProfileFile.FileName);
        var profile = JObject.Parse(File.ReadAllText(path));
        change(profile);
        File.WriteAllText(path, profile.ToString());

        var act = () => new ProfileCatalog(folder.Path);

        return act.Should().Throw<InvalidDataException>().Which.Message;
    }

    private static TempFolder Copy()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(Schemas, "*.json", SearchOption.AllDirectories))
        {
            folder.Write(Path.GetRelativePath(Schemas, file), File.ReadAllText(file));
        }

        return folder;
    }
}
