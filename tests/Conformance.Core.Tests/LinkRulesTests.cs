using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// The rules that every link names what it must: the self link's project (also for project-less requests), the
/// bookmark's project, the alternate's image and the server links' server. Each case breaks one conformant exchange
/// in exactly one way; the conformant variants show what is accepted.
/// </summary>
public sealed class LinkRulesTests
{
    private const string OtherProject = "9c53a566cb3443ab910cf0daebca90c4";
    private const string OtherUuid = "00000000-1111-4222-8333-444444444444";
    private const string Server = "52415800-8b69-11e0-9b19-734f6af67565";

    public static IEnumerable<TestCaseData> Conformant()
    {
        yield return Data("nova project-less request with project-less links", () => With(Draft.Nova(), ProjectLess));
        yield return Data("nova server links naming server.id", () => With(Draft.Nova(), d => WithServer(d, Server)));
        yield return Data("nova alternate on another host and port", () => With(Draft.Nova(), d => d.Links[2]["href"] = $"https://glance.example.test:9292/images/{Samples.ImageId}"));
        yield return Data("nova alternate with a versioned image-service path", () => With(Draft.Nova(), d => d.Links[2]["href"] = $"http://127.0.0.1:19292/v2/images/{Samples.ImageId}"));
        yield return Data("nova bookmark under a base path", () => With(Draft.Nova(), d => d.Links[1]["href"] = $"http://127.0.0.1:18774/compute/{Samples.Project}/images/{Samples.ImageId}"));
        yield return Data("nova bookmark project percent-encoded", () => With(Draft.Nova(), d => d.Links[1]["href"] = $"http://127.0.0.1:18774/%61{Samples.Project[1..]}/images/{Samples.ImageId}"));
        yield return Data("rackspace: server links unchecked (document silent)", () => With(Draft.Rackspace(), d => d.Image["server"]!["links"]![0]!["href"] = $"https://dfw.servers.api.rackspacecloud.com/v2/123456/servers/{OtherUuid}"));
        yield return Data("huawei-ecs: alternate unchecked (document silent)", () => With(Draft.Huawei(), d => d.Links[2]["href"] = "https://image.example.test/v2/images"));
    }

    public static IEnumerable<Broken> OneRule()
    {
        yield return Case("nova: self link without the request's project", Draft.Nova, d => d.Links[0]["href"] = $"http://127.0.0.1:18774/v2.1/images/{Samples.ImageId}", "links.self_target");
        yield return Case("rackspace: self link without the request's tenant", Draft.Rackspace, d => d.Links[0]["href"] = ((string)d.Links[0]["href"]!).Replace("/123456/", "/", StringComparison.Ordinal), "links.self_target");
        yield return Case("nova: project-less request, self link with a project", Draft.Nova, d => { ProjectLess(d); d.Links[0]["href"] = $"http://127.0.0.1:18774/v2.1/{Samples.Project}/images/{Samples.ImageId}"; }, "links.self_target");
        yield return Case("nova: bookmark of another project", Draft.Nova, d => d.Links[1]["href"] = $"http://127.0.0.1:18774/{OtherProject}/images/{Samples.ImageId}", "links.bookmark_project");
        yield return Case("nova: bookmark without a project", Draft.Nova, d => d.Links[1]["href"] = $"http://127.0.0.1:18774/images/{Samples.ImageId}", "links.bookmark_project");
        yield return Case("nova: alternate of another image", Draft.Nova, d => d.Links[2]["href"] = $"http://127.0.0.1:19292/images/{OtherUuid}", "links.alternate_target");
        yield return Case("nova: alternate not an image path", Draft.Nova, d => d.Links[2]["href"] = $"http://127.0.0.1:19292/{Samples.ImageId}", "links.alternate_target");
        yield return Case("nova: server link of another server", Draft.Nova, d => { WithServer(d, Server); d.Image["server"]!["links"]![1]!["href"] = $"http://127.0.0.1:18774/{Samples.Project}/servers/{OtherUuid}"; }, "metadata.server_links");
        yield return Case("nova: server link to an image", Draft.Nova, d => { WithServer(d, Server); d.Image["server"]!["links"]![0]!["href"] = $"http://127.0.0.1:18774/v2.1/{Samples.Project}/images/{Server}"; }, "metadata.server_links");
    }

    [TestCaseSource(nameof(Conformant))]
    public void A_conformant_exchange_has_no_failure(Func<Draft> make)
    {
        var verdict = make().Judge();

        verdict.Failures.Should().BeEmpty(string.Join(Environment.NewLine, verdict.Failures));
    }

    [TestCaseSource(nameof(OneRule))]
    public void An_exchange_breaking_one_rule_fails_that_rule_only(Broken broken)
    {
        var verdict = broken.Make().Judge();

        verdict.Failures.Select(f => f.Rule).Should().Equal([broken.ExpectedRule], string.Join(Environment.NewLine, verdict.Violations));
    }

    [Test]
    public void The_bookmark_project_message_names_both_projects()
    {
        var draft = With(Draft.Nova(), d => d.Links[1]["href"] = $"http://127.0.0.1:18774/{OtherProject}/images/{Samples.ImageId}");

        var violation = draft.Judge().Failures.Single();

        violation.Received.Should().Contain(OtherProject).And.Contain(Samples.Project);
    }

    [Test]
    public void Only_the_first_wrong_server_link_is_reported()
    {
        var draft = With(Draft.Nova(), d => WithServer(d, OtherUuid), d => d.Image["metadata"]!["instance_uuid"] = OtherUuid);
        foreach (var link in (JArray)draft.Image["server"]!["links"]!)
        {
            link["href"] = ((string)link["href"]!).Replace(OtherUuid, Server, StringComparison.Ordinal);
        }

        draft.Judge().Failures.Should().ContainSingle(f => f.Rule == "metadata.server_links")
            .Which.Where.Should().Be("image.server.links[0].href");
    }

    private static void ProjectLess(Draft draft)
    {
        draft.Url = draft.Url.Replace($"/{Samples.Project}/", "/", StringComparison.Ordinal);
        draft.Links[0]["href"] = ((string)draft.Links[0]["href"]!).Replace($"/{Samples.Project}/", "/", StringComparison.Ordinal);
        draft.Links[1]["href"] = ((string)draft.Links[1]["href"]!).Replace($"/{Samples.Project}/", "/", StringComparison.Ordinal);
    }

    private static void WithServer(Draft draft, string server)
    {
        draft.Image["metadata"]!["instance_uuid"] = server;
        draft.Image["server"] = new JObject
        {
            ["id"] = server,
            ["links"] = new JArray(
                new JObject { ["rel"] = "self", ["href"] = $"http://127.0.0.1:18774/v2.1/{Samples.Project}/servers/{server}" },
                new JObject { ["rel"] = "bookmark", ["href"] = $"http://127.0.0.1:18774/{Samples.Project}/servers/{server}" }),
        };
    }

    private static TestCaseData Data(string name, Func<Draft> make) => new TestCaseData(make).SetArgDisplayNames(name);

    private static Broken Case(string name, Func<Draft> start, Action<Draft> change, string rule) =>
        new(name, () => With(start(), change), rule);

    private static Draft With(Draft draft, params Action<Draft>[] changes)
    {
        foreach (var change in changes)
        {
            change(draft);
        }

        return draft;
    }
}
