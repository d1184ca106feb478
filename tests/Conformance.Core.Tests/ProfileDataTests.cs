using Conformance.Core.Contracts;
using Conformance.Core.Tests.TestUtils;
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

    /// <summary>The catalog's message for a copy of the schemas whose nova profile.json is changed.</summary>
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
