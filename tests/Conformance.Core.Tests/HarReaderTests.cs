using System.Text;
using Conformance.Core.Har;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

public sealed class HarReaderTests
{
    [Test]
    public void Reads_requests_responses_and_bodies()
    {
        using var folder = new TempFolder();
        var exchange = Draft.Nova().ToExchange();
        var path = folder.Write("one.har", HarText.Of(HarText.Entry(exchange)));

        var entry = HarReader.Read(path, "one.har").Single();

        entry.Problem.Should().BeNull();
        entry.Exchange!.Name.Should().Be("one.har#0");
        entry.Exchange.Request.Url.Should().Be(exchange.Request.Url);
        entry.Exchange.Response.Status.Should().Be(200);
        entry.Exchange.Response.Headers.Get("X-COMPUTE-REQUEST-ID").Should().Be(Samples.RequestId);
        entry.Exchange.Response.Body.Should().Be(exchange.Response.Body);
        entry.Exchange.Response.HeadersRecorded.Should().BeTrue();
    }

    [Test]
    public void Decodes_base64_bodies_and_reports_invalid_utf8()
    {
        using var folder = new TempFolder();
        var good = HarText.Entry(Draft.Nova().ToExchange());
        good["response"]!["content"]!["text"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"image": {}}"""));
        good["response"]!["content"]!["encoding"] = "base64";
        var bad = (JObject)good.DeepClone();
        bad["response"]!["content"]!["text"] = Convert.ToBase64String([0x7B, 0xFF, 0xFE, 0x7D]);
        var path = folder.Write("b64.har", HarText.Of(good, bad));

        var entries = HarReader.Read(path, "b64.har").ToList();

        entries[0].Exchange!.Response.Body.Should().Be("""{"image": {}}""");
        entries[1].Exchange!.Response.BodyProblem.Should().Be("the body is not valid UTF-8 (byte offset 1)");
    }

    [Test]
    public void Keeps_the_headers_recorded_flag()
    {
        using var folder = new TempFolder();
        var entry = HarText.Entry(Draft.Nova().ToExchange());
        entry["response"]!["_headersRecorded"] = false;
        var path = folder.Write("doc.har", HarText.Of(entry));

        HarReader.Read(path, "doc.har").Single().Exchange!.Response.HeadersRecorded.Should().BeFalse();
    }

    [TestCase("", "empty.har is empty (line 0, position 0)")]
    [TestCase("[]", "empty.har is not a HAR file: the top level is not a JSON object (line 1, position 1)")]
    [TestCase("""{"version": "1.2"}""", "empty.har is not a HAR file: it has no \"log\" object (line 1, position 18)")]
    [TestCase("""{"log": {"version": "1.2"}}""", "empty.har is not a HAR file: \"log\" has no \"entries\" array (line 1, position 26)")]
    [TestCase("""{"log": {"entries": {}}}""", "empty.har is not a HAR file: \"log\" has no \"entries\" array (line 1, position 21)")]
    [TestCase("<html>not json</html>", "empty.har is not strict JSON (RFC 8259): an unexpected character '<' outside any string (line 0, position 0)")]
    public void Names_the_file_and_the_problem_of_a_file_that_is_not_HAR(string text, string message)
    {
        using var folder = new TempFolder();
        var path = folder.Write("empty.har", text);

        var read = () => HarReader.Read(path, "empty.har").ToList();

        read.Should().Throw<HarFormatException>().WithMessage(message);
    }

    [Test]
    public void A_truncated_file_yields_its_complete_entries_then_the_problem()
    {
        using var folder = new TempFolder();
        var text = HarText.Of(HarText.Entry(Draft.Nova().ToExchange()), HarText.Entry(Draft.Nova().ToExchange()));
        var path = folder.Write("cut.har", text[..(text.Length * 3 / 4)]);
        var read = new List<HarEntry>();

        var act = () =>
        {
            foreach (var entry in HarReader.Read(path, "cut.har"))
            {
                read.Add(entry);
            }
        };

        act.Should().Throw<HarFormatException>().Which.Message.Should().StartWith("cut.har ");
        read.Should().HaveCount(1);
    }

    [Test]
    public void An_entry_without_a_request_is_reported_and_reading_goes_on()
    {
        using var folder = new TempFolder();
        var broken = HarText.Entry(Draft.Nova().ToExchange());
        broken.Remove("request");
        var path = folder.Write("holes.har", HarText.Of(broken, HarText.Entry(Draft.Nova().ToExchange())));

        var entries = HarReader.Read(path, "holes.har").ToList();

        entries.Select(e => e.Problem).Should().Equal("entry has no \"request\" object", null);
        entries[1].Exchange!.Index.Should().Be(1);
    }

    [Test]
    public void Reads_a_huge_file_entry_by_entry()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "huge.har");
        HarText.WriteMany(path, HarText.Entry(Draft.Nova().ToExchange()), 20_000);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        var count = 0;

        foreach (var entry in HarReader.Read(path, "huge.har"))
        {
            count += entry.Exchange is null ? 0 : 1;
            if (count % 5_000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
            }
        }

        count.Should().Be(20_000);
        new FileInfo(path).Length.Should().BeGreaterThan(30_000_000, "the file is large enough for the memory bound to mean something");
        peak.Should().BeLessThan(10_000_000, "entries are read one at a time, not all at once");
    }
}
