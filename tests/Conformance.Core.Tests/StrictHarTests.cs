using Conformance.Core.Har;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json;

namespace Conformance.Core.Tests;

/// <summary>
/// A HAR file is RFC 8259 JSON: what Json.NET's reader would accept beyond it (and so judge something the file does
/// not say, such as 0310 read as 200) makes the entry it is in unreadable, and the next entry is read whole.
/// </summary>
public sealed class StrictHarTests
{
    [TestCase("\"status\": 0310", "a number with a leading zero")]
    [TestCase("\"status\": 0xC8", "a hexadecimal number")]
    [TestCase("\"status\": /*500*/ 200", "a comment")]
    [TestCase("'status': 200", "a single-quoted string")]
    [TestCase("status: 200", "a bare word starting with 's'")]
    [TestCase("\"status\": NaN", "a bare word starting with 'N'")]
    [TestCase("\"status\": 200, \"x\": [1, 2,]", "a trailing comma before ']'")]
    [TestCase("\"status\": 200, \"x\": {\"a\": 1,}", "a trailing comma before '}'")]
    [TestCase("\"status\": 200, \"x\": truth", "a bare word starting with 't' that is not true")]
    [TestCase("\"status\": 200, \"x\": \"a\u0001b\"", "a raw control character (U+0001) inside a string")]
    [TestCase("\"status\": 500, \"status\": 200", "Property with the name 'status' already exists")]
    public void What_is_not_JSON_makes_its_entry_unreadable_and_the_next_is_read(string status, string problem)
    {
        using var folder = new TempFolder();
        var good = HarText.Good().ToString(Formatting.None);
        var bad = good.Replace("\"status\":200", status, StringComparison.Ordinal);
        bad.Should().NotBe(good, "the sample entry has a status to replace");
        var path = folder.Write("mixed.har", HarText.Raw(bad, good));

        var entries = HarReader.Read(path, "mixed.har").ToList();

        entries.Should().HaveCount(2);
        entries[0].Exchange.Should().BeNull();
        entries[0].Problem.Should().Contain("is not strict JSON (RFC 8259)").And.Contain(problem);
        entries[1].Exchange.Should().NotBeNull("the entry after the bad one is read whole");
        entries[1].Exchange!.Response.Status.Should().Be(200);
    }

    [TestCase("{\"log\": {\"entries\": []}, \"log\": {\"entries\": [ENTRY]}}", "it has a second \"log\"")]
    [TestCase("{\"log\": {\"entries\": [ENTRY], \"entries\": []}}", "it has a second \"entries\"")]
    [TestCase("{\"log\": {\"entries\": [ENTRY]}} {\"log\": {\"entries\": [ENTRY]}}", "Additional text encountered after finished reading JSON content")]
    public void A_document_that_says_two_things_is_refused(string document, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.Write("two.har", document.Replace("ENTRY", HarText.Good().ToString(Formatting.None), StringComparison.Ordinal));

        var read = () => HarReader.Read(path, "two.har").ToList();

        read.Should().Throw<HarFormatException>().Which.Message.Should().StartWith("two.har").And.Contain(problem);
    }
}
