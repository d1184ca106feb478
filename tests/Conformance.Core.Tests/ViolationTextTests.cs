using Conformance.Core.Baselines;
using Conformance.Core.Checks;
using Conformance.TestUtilities;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>The exact text a person reads for a violation: rule, title, where, received, documented.</summary>
public sealed class ViolationTextTests
{
    [Test]
    public void Link_relation_names_the_document_and_table()
    {
        var draft = Draft.Huawei();
        draft.Links[0]["rel"] = "Self";

        var text = string.Join(Environment.NewLine, draft.Judge().Failures);

        Assert.That(text, Is.EqualTo("""
            [links.rel] Link relation not allowed
              Where: image.links[0].rel
              Received: "Self" (a string)
              Documented: self | bookmark | alternate (000_a434329250588b43.txt, Table 3)
            [links.self_present] Self link missing
              Where: image.links
              Received: rels [Self, bookmark, alternate]
              Documented: a self link: 'a version link to the resource' (000_a434329250588b43.txt, Table 3)
            """));
    }

    [Test]
    public void Size_as_string_under_huawei()
    {
        var draft = Draft.Huawei();
        draft.Image["OS-EXT-IMG-SIZE:size"] = "13167616";

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo("""
            [body.type] Wrong JSON type
              Where: image.OS-EXT-IMG-SIZE:size
              Received: "13167616" (a string)
              Documented: Mandatory, Integer, >= 0 (000_a434329250588b43.txt, Table 2)
            """));
    }

    [Test]
    public void Missing_field_under_rackspace()
    {
        var draft = Draft.Rackspace();
        draft.Image.Remove("minRam");

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo("""
            [body.required] Required field missing
              Where: image.minRam
              Received: no "minRam" field in image
              Documented: Int, MB, >= 0 (004_04458f8f6b4c8971.txt, response body table)
            """));
    }

    [Test]
    public void Timestamp_without_T()
    {
        var draft = Draft.Nova();
        draft.Image["updated"] = "2026-11-22 11:59:07";

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo("""
            [timestamps.format] Timestamp is not ISO 8601
              Where: image.updated
              Received: "2026-11-22 11:59:07" (a string)
              Documented: ISO 8601 date-time such as 2015-08-27T09:49:58Z or 2015-08-27T09:49:58-05:00 (Compute API reference)
            """));
    }

    [Test]
    public void Self_link_of_the_wrong_version()
    {
        var draft = Draft.Nova();
        draft.Links[0]["href"] = Samples.Url("v2");

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo($"""
            [links.self_version] Self link names another API version
              Where: image.links[0].href
              Received: "{Samples.Url("v2")}" (version v2) for a v2.1 request
              Documented: self = versioned URL of the request's API version, {"{base}/{version}/{project_id}/images/{image_id}"} (Compute API reference, Links)
            """));
    }

    [Test]
    public void Undocumented_status_code_under_rackspace()
    {
        var draft = Draft.Rackspace().Error(406, """{"notAcceptable": {"code": 406, "message": "no"}}""");

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo("""
            [status-code.documented] Undocumented HTTP status code
              Where: response status
              Received: HTTP 406 Status
              Documented: 200 or 203; errors 400, 401, 403, 405, 409, 413, 500, 503, and 404 for an unknown image (004_04458f8f6b4c8971.txt, response code table; 404 per schemas/DERIVATION.md)
            """));
    }

    [Test]
    public void Html_error_page()
    {
        var draft = Draft.Nova().Error(404, "<html><body>404 Not Found</body></html>");

        Assert.That(draft.Judge().Failures.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            """
            [fault.json_body] Error body is not a JSON fault
              Where: body
              Received: not JSON: '<' where a JSON value should be (line 1, column 1, byte offset 0): (application/json) <html><body>404 Not Found</body></html>
              Documented: {"<faultName>": {"code": <HTTP status>, "message": "..."}} (Compute API reference, Faults)
            """,
        }));
    }

    [Test]
    public void Body_with_a_byte_order_mark()
    {
        var draft = Draft.Rackspace();
        draft.RawBody = "\uFEFF{\"image\": {}}";

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo("""
            [body.json] Body is not JSON
              Where: body
              Received: not JSON: the body starts with a UTF-8 byte order mark, which RFC 8259 forbids (line 1, column 1, byte offset 0): \uFEFF{"image": {}}
              Documented: RFC 8259 JSON text in UTF-8 without a byte order mark, names unique, at most 64 levels deep: {"image": {...}} (004_04458f8f6b4c8971.txt, response body table; RFC 8259)
            """.Replace("\\uFEFF", "\uFEFF", StringComparison.Ordinal)));
    }

    [Test]
    public void Progress_beyond_64_bits_under_huawei()
    {
        var draft = Draft.Huawei();
        draft.RawBody = draft.Body!.ToString(Newtonsoft.Json.Formatting.None).Replace("\"progress\":100", "\"progress\":18446744073709551616", StringComparison.Ordinal);

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo("""
            [status.range] Value out of range
              Where: image.progress
              Received: 18446744073709551616 (an integer beyond 64 bits)
              Documented: Mandatory, Integer 0-100 (000_a434329250588b43.txt, Table 2)
            """));
    }

    [Test]
    public void Request_ids_that_disagree()
    {
        var draft = Draft.Nova().SetHeader("x-compute-request-id", "req-91bb96b9-8f07-45a6-ba66-aa6d09067677");

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo($"""
            [headers.request_id_equal] Request id headers disagree
              Where: x-openstack-request-id and x-compute-request-id headers
              Received: x-openstack-request-id: {Samples.RequestId}; x-compute-request-id: req-91bb96b9-8f07-45a6-ba66-aa6d09067677
              Documented: x-openstack-request-id equals x-compute-request-id (Nova)
            """));
    }

    [Test]
    public void Every_violation_of_an_exchange_is_reported()
    {
        var draft = Draft.Nova();
        draft.Image.Remove("minDisk");
        draft.Image["status"] = "active";
        draft.Image["created"] = "yesterday";
        draft.Links.RemoveAt(1);
        draft.SetHeader("Content-Type", "text/html");

        var rules = draft.Judge().Failures.Select(f => f.Rule);

        Assert.That(rules, Is.EquivalentTo(new[] { "body.required", "status.enum", "timestamps.format", "links.bookmark_present", "headers.content_type" }));
    }

    [Test]
    public void Warnings_never_become_failures()
    {
        var draft = Draft.Nova();
        draft.Image["vendor:extra"] = new JObject { ["a"] = 1 };
        (draft.Links[0], draft.Links[1]) = (draft.Links[1], draft.Links[0]);

        var verdict = draft.Judge();

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Failures, Is.Empty);
            Assert.That(verdict.Violations.Select(v => v.Rule), Is.EquivalentTo(new[] { "body.unknown_field", "links.order" }));
            Assert.That(GroupOutcome.Of(verdict, CheckGroups.Links, Baseline.Empty, verdict.Exchange).Kind, Is.EqualTo(OutcomeKind.Warning));
        });
    }

    [Test]
    public void Double_scheme_href_is_an_empty_port_warning_not_a_failure()
    {
        var draft = Draft.Huawei();
        draft.Links[2]["href"] = "https://https://image.az2.dc1.domainname.com:443/719e9483f42d4784a089862ac4c3e8d0/images/17a1890b-0fa4-485e-8505-14e294017988";

        var verdict = draft.Judge();

        Assert.That(verdict.Failures, Is.Empty);
        Assert.That(verdict.Violations.Single().ToString(), Is.EqualTo("""
            [links.empty_port] Link href has an empty port (warning)
              Where: image.links[2].href
              Received: "https://https://image.az2.dc1.domainname.com:443/719e9483f42d4784a089862ac4c3e8d0/images/17a1890b-0fa4-485e-8505-14e294017988" (host "https", empty port)
              Documented: host[:port] with a port number when a colon is present (RFC 3986; the example's own alternate href is https://https://...)
            """));
    }
}
