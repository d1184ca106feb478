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
              Documented: a self link, 'a version link to the resource' (Table 3), as the Example Response has (000_a434329250588b43.txt, Table 3 and Example Response)
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
              Documented: Mandatory, Integer, 'greater than zero' (000_a434329250588b43.txt, Table 2), read as >= 0 as for minDisk and minRam, whose example value is 0 (schemas/DERIVATION.md, contradiction 3)
            """));
    }

    [Test]
    public void Size_not_digits_under_rackspace_is_a_string_in_the_wrong_form()
    {
        var draft = Draft.Rackspace();
        draft.Image["OS-EXT-IMG-SIZE:size"] = "5.5 GB";

        Assert.That(draft.Judge().Failures.Single().ToString(), Is.EqualTo("""
            [body.format] String in the wrong form
              Where: image.OS-EXT-IMG-SIZE:size
              Received: "5.5 GB" (a string that is not decimal digits, 1 to 19 of them)
              Documented: String, 'The image size' (response body table); what the string holds is not stated by 004_04458f8f6b4c8971.txt: the suite accepts 1 to 19 decimal digits, or an integer >= 0 as the Rackspace recordings the suite was built from carry (schemas/DERIVATION.md, contradiction 1)
            """));
    }

    [Test]
    public void Size_below_zero_under_rackspace_is_out_of_range_not_a_wrong_type()
    {
        var draft = Draft.Rackspace();
        draft.Image["OS-EXT-IMG-SIZE:size"] = -1;

        Assert.That(draft.Judge().Failures.Single().ToString(), Does.StartWith("""
            [body.range] Value out of range
              Where: image.OS-EXT-IMG-SIZE:size
              Received: -1 (an integer)
            """));
    }

    [Test]
    public void Image_id_not_a_uuid_says_what_a_uuid_is()
    {
        var draft = Draft.Huawei();
        draft.Image["id"] = "17";

        Assert.That(draft.Judge().Failures.First().ToString(), Does.StartWith("""
            [identity.format] Image id is not a UUID
              Where: image.id
              Received: "17" (a string that is not a UUID of 8-4-4-4-12 hexadecimal digits)
            """));
    }

    [Test]
    public void Every_pattern_of_the_body_schemas_is_described_for_the_report()
    {
        // A pattern without a description would be shown to a person as a regular expression.
        var schemas = Path.Combine(AppContext.BaseDirectory, "schemas");
        var patterns = Directory.EnumerateFiles(schemas, "*.schema.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "profile.schema.json")
            .SelectMany(f => JObject.Parse(File.ReadAllText(f)).DescendantsAndSelf().OfType<JObject>()
                .Where(o => o["pattern"] is JValue)
                .Select(o => (Place: $"{Path.GetRelativePath(schemas, f)}: {(o.Path.Length == 0 ? "the root schema" : o.Path)}", Described: o["description"] is JValue { Type: JTokenType.String })))
            .ToList();

        Assert.That(patterns.Select(p => p.Place), Has.Some.Contains("uuid.schema.json").And.Some.Contains("rackspace"));
        Assert.That(patterns.Where(p => !p.Described).Select(p => p.Place), Is.Empty);
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
              Received: "2026-11-22 11:59:07" (a string that is not an ISO 8601 date-time: YYYY-MM-DDThh:mm:ss, an optional fraction, then Z or ±hh:mm, a date and time that exist)
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
              Documented: 200 or 203; errors 400, 401, 403, 405, 409, 413, 500, 503 (004_04458f8f6b4c8971.txt, response code table); 404 is not stated by 004_04458f8f6b4c8971.txt: the suite expects it for an unknown image, as every deployment answers one (schemas/DERIVATION.md, contradiction 7)
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
              Documented: a JSON response (004_04458f8f6b4c8971.txt, example JSON response: Content-Type application/json); RFC 8259 text in UTF-8 without a byte order mark, names unique (RFC 8259, sections 4 and 8.1); at most 64 levels deep, a limit of the suite's own (RFC 8259, section 9 lets a parser set one)
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
              Documented: Mandatory, Integer, 'the image upload progress', 'greater than zero' (000_a434329250588b43.txt, Table 2); the bound is not stated by 000_a434329250588b43.txt: the suite expects a percentage, 0 to 100, as the example's 100 and Nova show
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
