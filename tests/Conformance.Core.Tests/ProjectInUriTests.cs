using Conformance.Core.Contracts;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// identity.project_in_uri: huawei-ecs makes project_id a mandatory URI parameter (Table 1), so a project-less
/// request URI fails there; nova and rackspace accept one. The profile key that switches it is schema-checked.
/// </summary>
public sealed class ProjectInUriTests
{
    private static readonly string Schemas = Path.Combine(AppContext.BaseDirectory, "schemas");

    [Test]
    public void A_project_less_request_under_huawei_reads_as_the_document_says()
    {
        var draft = Draft.Huawei();
        OneRuleBrokenTests.ProjectLessV21(draft);

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo("""
            [identity.project_in_uri] Request URI names no project
              Where: request URI
              Received: /v2.1/images/17a1890b-0fa4-485e-8505-14e294017988 (no project segment between the version and /images/)
              Documented: GET /v2/{project_id}/images/{image_id} or GET /v2.1/{project_id}/images/{image_id}; project_id: Mandatory Yes, 'Specifies the project ID' (000_a434329250588b43.txt, URI and Table 1)
            """));
    }

    [Test]
    public void A_project_less_request_answered_with_an_error_is_not_judged_by_it()
    {
        var draft = Draft.Huawei();
        OneRuleBrokenTests.ProjectLessV21(draft);
        draft.Error(404, """{"itemNotFound": {"code": 404, "message": "Image not found."}}""");

        draft.Judge().Violations.Should().BeEmpty();
    }

    [TestCase("nova", ProfileDefinition.Optional)]
    [TestCase("huawei-ecs", ProfileDefinition.Required)]
    [TestCase("rackspace", ProfileDefinition.Optional)]
    public void Each_profile_says_whether_the_project_is_required(string profile, string expected)
    {
        Samples.Profiles.Get(profile).Definition.ProjectInUri.Should().Be(expected);
    }

    [Test]
    public void A_profile_without_the_key_is_refused()
    {
        Refused(p => p.Remove("projectInUri")).Should().Contain("missing key \"projectInUri\"");
    }

    [Test]
    public void A_value_other_than_required_or_optional_is_refused()
    {
        Refused(p => p["projectInUri"] = true).Should().Contain("\"projectInUri\" must be one of \"required\", \"optional\"");
    }

    private static string Refused(Action<JObject> change)
    {
        using var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(Schemas, "*.json", SearchOption.AllDirectories))
        {
            folder.Write(Path.GetRelativePath(Schemas, file), File.ReadAllText(file));
        }

        var path = Path.Combine(folder.Path, "huawei-ecs", ProfileFile.FileName);
        var profile = JObject.Parse(File.ReadAllText(path));
        change(profile);
        File.WriteAllText(path, profile.ToString());

        var act = () => new ProfileCatalog(folder.Path);

        return act.Should().Throw<InvalidDataException>().Which.Message;
    }
}
