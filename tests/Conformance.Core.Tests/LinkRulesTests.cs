using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// What the link rules say beyond which rule fails: the one-rule and conformant link cases (the self link's project,
/// also for project-less requests, the bookmark's project, the alternate's image, the server links' server) are
/// among <see cref="OneRuleBrokenTests"/>' cases.
/// </summary>
public sealed class LinkRulesTests
{
    private const string OtherProject = "9c53a566cb3443ab910cf0daebca90c4";
    private const string OtherUuid = "00000000-1111-4222-8333-444444444444";
    private const string Server = "52415800-8b69-11e0-9b19-734f6af67565";

    [Test]
    public void The_bookmark_project_message_names_both_projects()
    {
        var draft = Draft.Nova();
        draft.Links[1]["href"] = $"http://127.0.0.1:18774/{OtherProject}/images/{Samples.ImageId}";

        var violation = draft.Judge().Failures.Single();

        violation.Received.Should().Contain(OtherProject).And.Contain(Samples.Project);
    }

    [Test]
    public void Only_the_first_wrong_server_link_is_reported()
    {
        var draft = Draft.Nova();
        OneRuleBrokenTests.WithServer(draft, OtherUuid);
        draft.Image["metadata"]!["instance_uuid"] = OtherUuid;
        foreach (var link in (JArray)draft.Image["server"]!["links"]!)
        {
            link["href"] = ((string)link["href"]!).Replace(OtherUuid, Server, StringComparison.Ordinal);
        }

        draft.Judge().Failures.Should().ContainSingle(f => f.Rule == "metadata.server_links")
            .Which.Where.Should().Be("image.server.links[0].href");
    }
}
