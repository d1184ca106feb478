using Conformance.Core.Checks;
using Conformance.Core.Exchanges;
using Conformance.TestUtilities;
using FluentAssertions;

namespace Conformance.Core.Tests;

/// <summary>
/// Link hrefs and the request URL are compared segment by segment after percent-decoding each segment (RFC 3986:
/// <c>%C3%A9</c> and <c>é</c> name the same segment; <c>%2F</c> is data inside its segment, not a separator).
/// </summary>
public sealed class LinkDecodingTests
{
    private const string Encoded = "%C3%A9t%C3%A9";

    [TestCase("%C3%A9t%C3%A9")]
    [TestCase("%c3%a9t%c3%a9")]
    [TestCase("été")]
    public void Links_that_name_the_request_image_once_decoded_pass(string inLinks)
    {
        var verdict = NonAsciiImage(Encoded, inLinks, inLinks).Judge();

        verdict.Failures.Select(f => f.Rule).Should().Equal(["identity.format"], "été is no UUID, but the links and the id do name the image of the request");
    }

    [TestCase("%C3%A9t%C3%A8", "été", "links.self_target")]
    [TestCase("été", "%C3%A8t%C3%A9", "links.bookmark_target")]
    public void Links_that_name_another_image_once_decoded_fail(string self, string bookmark, string rule)
    {
        var verdict = NonAsciiImage(Encoded, self, bookmark).Judge();

        verdict.Failures.Select(f => f.Rule).Should().Equal("identity.format", rule);
    }

    [TestCase("%C3%A9t%C3%A9", null)]
    [TestCase("été", null)]
    [TestCase("%C3%A8t%C3%A9", "links.alternate_target")]
    public void The_alternate_is_compared_once_decoded(string alternate, string? rule)
    {
        var draft = NonAsciiImage(Encoded, Encoded, Encoded);
        draft.Links[2]["href"] = $"http://127.0.0.1:19292/images/{alternate}";

        draft.Judge().Failures.Select(f => f.Rule).Should().Equal(rule is null ? ["identity.format"] : ["identity.format", rule]);
    }

    [TestCase("ac876c7d%2Fddca5476", null)]
    [TestCase("ac876c7d%2fddca5476", null)]
    [TestCase("ac876c7d/ddca5476", "links.bookmark_project")]
    public void The_bookmark_project_is_compared_once_decoded(string inBookmark, string? rule)
    {
        var draft = Draft.Nova();
        draft.Url = draft.Url.Replace(Samples.Project, "ac876c7d%2Fddca5476", StringComparison.Ordinal);
        draft.Links[0]["href"] = ((string)draft.Links[0]["href"]!).Replace(Samples.Project, "ac876c7d%2Fddca5476", StringComparison.Ordinal);
        draft.Links[1]["href"] = ((string)draft.Links[1]["href"]!).Replace(Samples.Project, inBookmark, StringComparison.Ordinal);

        draft.Judge().Failures.Select(f => f.Rule).Should().Equal(rule is null ? [] : [rule]);
    }

    [Test]
    public void A_body_id_that_differs_from_the_decoded_request_id_fails()
    {
        var draft = NonAsciiImage(Encoded, Encoded, Encoded);
        draft.Image["id"] = Encoded;

        draft.Judge().Failures.Select(f => f.Rule).Should().Equal("identity.format", "identity.matches_request");
    }

    [Test]
    public void The_request_names_the_decoded_project_and_image()
    {
        ImageDetailsRequest.TryParse("GET", "http://h/compute/v2.1/a%2Fb/images/%C3%A9t%C3%A9", out var request, out var reason).Should().BeTrue(reason);

        request!.ProjectId.Should().Be("a/b");
        request.ImageId.Should().Be("été");
        request.Version.Should().Be(ApiVersion.V21);
    }

    [Test]
    public void An_href_segment_is_decoded_on_its_own()
    {
        LinkHref.TryParse("https://h:8774/v2.1/a%2Fb/images/%C3%A9t%C3%A9", out var href).Should().BeTrue();

        href!.Segments.Should().Equal("v2.1", "a/b", "images", "été");
    }

    private static Draft NonAsciiImage(string url, string self, string bookmark)
    {
        var draft = Draft.Nova();
        draft.Image["id"] = "été";
        draft.Url = draft.Url.Replace(Samples.ImageId, url, StringComparison.Ordinal);
        draft.Links[0]["href"] = ((string)draft.Links[0]["href"]!).Replace(Samples.ImageId, self, StringComparison.Ordinal);
        draft.Links[1]["href"] = ((string)draft.Links[1]["href"]!).Replace(Samples.ImageId, bookmark, StringComparison.Ordinal);
        draft.Links[2]["href"] = ((string)draft.Links[2]["href"]!).Replace(Samples.ImageId, url, StringComparison.Ordinal);
        return draft;
    }
}
