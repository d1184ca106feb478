using System.Text;
using Conformance.Core.Har;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// Entries that cannot be read, or only in part: each is that entry's problem (or its body's), named by index, and
/// the next entry is still read. Every case is followed by a good entry that must come through whole.
/// </summary>
public sealed class RecordedEntriesTests
{
    private static readonly string GoodEntry = HarText.Good().ToString(Formatting.None);

    public static IEnumerable<TestCaseData> BrokenEntries()
    {
        TestCaseData Case(string name, Action<JObject> breakIt, string problem) => new TestCaseData(breakIt, problem).SetArgDisplayNames(name);

        yield return Case("content array", e => e["response"]!["content"] = new JArray(1, 2), "response \"content\" is an array, not an object");
        yield return Case("content number", e => e["response"]!["content"] = 5, "response \"content\" is the number 5, not an object");
        yield return Case("content string", e => e["response"]!["content"] = "{}", "response \"content\" is a string, not an object");
        yield return Case("content null", e => e["response"]!["content"] = JValue.CreateNull(), "response \"content\" is null, not an object");
        yield return Case("response headers object", e => e["response"]!["headers"] = new JObject(), "response \"headers\" is an object, not an array");
        yield return Case("request headers string", e => e["request"]!["headers"] = "Accept: */*", "request \"headers\" is a string, not an array");
        yield return Case("status beyond 64 bits", e => e["response"]!["status"] = JToken.Parse("99999999999999999999"), "response \"status\" is 99999999999999999999, not an HTTP status code (0 to 999, or -1 for no response)");
        yield return Case("status 2^32 + 200", e => e["response"]!["status"] = 4294967496L, "response \"status\" is 4294967496, not an HTTP status code (0 to 999, or -1 for no response)");
        yield return Case("status -2", e => e["response"]!["status"] = -2, "response \"status\" is -2, not an HTTP status code (0 to 999, or -1 for no response)");
        yield return Case("status 1000", e => e["response"]!["status"] = 1000, "response \"status\" is 1000, not an HTTP status code (0 to 999, or -1 for no response)");
        yield return Case("status 200.5", e => e["response"]!["status"] = 200.5, "response \"status\" is 200.5, not an integer");
        yield return Case("status string", e => e["response"]!["status"] = "200", "response \"status\" is the string \"200\", not an integer");
        yield return Case("status missing", e => ((JObject)e["response"]!).Remove("status"), "response lacks an integer \"status\"");
        yield return Case("url missing", e => ((JObject)e["request"]!).Remove("url"), "request has no \"url\"");
        yield return Case("url number", e => e["request"]!["url"] = 5, "request \"url\" is the number 5, not a string");
        yield return Case("method array", e => e["request"]!["method"] = new JArray("GET"), "request \"method\" is an array, not a string");
        yield return Case("request not an object", e => e["request"] = "GET /", "entry has no \"request\" object");
    }

    [TestCaseSource(nameof(BrokenEntries))]
    public void A_broken_entry_is_its_own_problem(Action<JObject> breakIt, string problem)
    {
        var broken = HarText.Good();
        breakIt(broken);

        var entries = ReadText(HarText.Raw(broken.ToString(Formatting.None), GoodEntry));

        entries[0].Problem.Should().Be(problem);
        entries[0].Exchange.Should().BeNull();
        ShouldBeGood(entries[1], 1);
    }

    public static IEnumerable<TestCaseData> BrokenBodies()
    {
        TestCaseData Case(string name, Action<JObject> breakIt, string problem) => new TestCaseData(breakIt, problem).SetArgDisplayNames(name);

        yield return Case("text number", c => c["text"] = 5, "the recorded body (\"content.text\") is the number 5, not a string");
        yield return Case("text object", c => c["text"] = new JObject(), "the recorded body (\"content.text\") is an object, not a string");
        yield return Case("encoding gzip", c => c["encoding"] = "gzip", "the recorded body's \"encoding\" is \"gzip\"; the suite reads plain text and base64");
        yield return Case("encoding number", c => c["encoding"] = 64, "the recorded body's \"encoding\" is the number 64, not a string");
        yield return Case("invalid base64", c => c["encoding"] = "base64", "the recorded body is marked base64 but is not valid base64");
    }

    [TestCaseSource(nameof(BrokenBodies))]
    public void A_body_that_cannot_be_read_is_the_body_problem_of_its_exchange(Action<JObject> breakIt, string problem)
    {
        var broken = HarText.Good();
        breakIt((JObject)broken["response"]!["content"]!);

        var entries = ReadText(HarText.Raw(broken.ToString(Formatting.None), GoodEntry));

        entries[0].Exchange!.Response.BodyProblem.Should().Be(problem);
        entries[0].Exchange!.Response.Status.Should().Be(200, "the rest of the exchange is still judged");
        ShouldBeGood(entries[1], 1);
    }

    [Test]
    public void An_entry_nested_5000_deep_is_its_own_problem_and_reading_resumes()
    {
        var deep = GoodEntry[..^1] + ", \"_deep\": " + new string('[', 5000) + new string(']', 5000) + "}";

        var entries = ReadText(HarText.Raw(GoodEntry, deep, GoodEntry, new string('[', 5000) + new string(']', 5000), GoodEntry));

        entries.Select(e => e.Problem).Should().Equal(null, "entry is nested deeper than 128 levels", null, "entry is nested deeper than 128 levels", null);
        ShouldBeGood(entries[0], 0);
        ShouldBeGood(entries[2], 2);
        ShouldBeGood(entries[4], 4);
    }

    [Test]
    public void An_entry_past_the_size_limit_is_its_own_problem_and_reading_resumes()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "big.har", w =>
        {
            w.Write(GoodEntry[..^1]);
            w.Write(", \"_junk\": [");
            var chunk = new string('x', 1024 * 1024);
            for (var i = 0; i < 70; i++)
            {
                w.Write(i == 0 ? "\"" : ",\"");
                w.Write(chunk);
                w.Write('"');
            }

            w.Write("]}");
        });

        var entries = HarReader.Read(path, "big.har").ToList();

        entries[0].Problem.Should().Be("entry is larger than 64 Mi characters of JSON text, the most the suite reads of one entry");
        ShouldBeGood(entries[1], 1);
        entries.Should().HaveCount(2);
    }

    [Test]
    public void An_entry_of_more_than_a_million_values_is_its_own_problem()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "many.har", w =>
        {
            w.Write(GoodEntry[..^1]);
            w.Write(", \"_many\": [0");
            for (var i = 0; i < HarReader.MaxEntryValues; i++)
            {
                w.Write(",0");
            }

            w.Write("]}");
        });

        var entries = HarReader.Read(path, "many.har").ToList();

        entries[0].Problem.Should().Be("entry holds more than 1,000,000 JSON values, the most the suite reads in one entry");
        ShouldBeGood(entries[1], 1);
    }

    [Test]
    public void A_number_of_a_million_digits_is_its_entrys_problem()
    {
        var entries = ReadText(HarText.Raw(GoodEntry[..^1] + ", \"_n\": " + new string('9', 1_000_000) + "}", GoodEntry));

        entries[0].Problem.Should().Be("entry has a number or word longer than 1024 characters outside any string");
        ShouldBeGood(entries[1], 1);
    }

    [Test]
    public void A_string_past_the_limit_outside_the_body_is_its_entrys_problem()
    {
        var broken = HarText.Good();
        broken["response"]!["headers"]![0]!["value"] = new string('v', 20 * 1024 * 1024);

        var entries = ReadText(HarText.Raw(broken.ToString(Formatting.None), GoodEntry));

        entries[0].Problem.Should().Be("entry has a string of 20,971,520 bytes (20.0 MiB) at response.headers[0].value; the suite reads at most 12 MiB of one string");
        ShouldBeGood(entries[1], 1);
    }

    [Test]
    public void Bytes_that_are_not_UTF8_are_the_problem_of_the_entry_they_are_in()
    {
        var marked = HarText.Good();
        marked["response"]!["statusText"] = "\u0001";
        var text = Encoding.UTF8.GetBytes(HarText.Raw(GoodEntry, marked.ToString(Formatting.None).Replace("\\u0001", "\u0001", StringComparison.Ordinal), GoodEntry));
        var bad = Array.IndexOf(text, (byte)0x01);
        text[bad] = 0xFF;

        var entries = HarReader.Read(new MemoryStream(text), "bytes.har").ToList();

        entries.Select(e => e.Problem).Should().Equal(null, $"entry is not valid UTF-8 (byte offset {bad} of the file)", null);
        ShouldBeGood(entries[2], 2);
    }

    [Test]
    public void Bytes_that_are_not_UTF8_outside_the_entries_are_the_files_problem()
    {
        var text = Encoding.UTF8.GetBytes(HarText.Raw(GoodEntry).Replace("\"tests\"", "\"te\u0001ts\"", StringComparison.Ordinal));
        var bad = Array.IndexOf(text, (byte)0x01);
        text[bad] = 0xC3;

        var read = () => HarReader.Read(new MemoryStream(text), "bytes.har").ToList();

        read.Should().Throw<HarFormatException>().Which.Message.Should().StartWith($"bytes.har is not valid UTF-8 (byte offset {bad})");
    }

    [Test]
    public void A_real_U_FFFD_in_a_body_is_not_mistaken_for_a_bad_byte()
    {
        var entry = HarText.Good();
        entry["response"]!["content"]!["text"] = "{\"image\": \"\uFFFD\"}";

        var entries = ReadText(HarText.Raw(entry.ToString(Formatting.None), GoodEntry));

        entries[0].Problem.Should().BeNull();
        entries[0].Exchange!.Response.Body.Should().Be("{\"image\": \"\uFFFD\"}");
    }

    [Test]
    public void A_body_of_9_MiB_keeps_8_MiB_and_says_how_large_it_was()
    {
        var entry = HarText.Good();
        entry["response"]!["content"]!["text"] = new string('a', 9 * 1024 * 1024);
        var encoded = HarText.Good();
        encoded["response"]!["content"]!["text"] = Convert.ToBase64String(new byte[9 * 1024 * 1024]);
        encoded["response"]!["content"]!["encoding"] = "base64";

        var entries = ReadText(HarText.Raw(entry.ToString(Formatting.None), encoded.ToString(Formatting.None), GoodEntry));

        foreach (var big in entries.Take(2))
        {
            big.Exchange!.Response.BodyProblem.Should().Be("the body is 9,437,184 bytes (9.0 MiB); the suite judges at most 8 MiB");
            big.Exchange.Response.Body.Length.Should().Be(8 * 1024 * 1024);
        }

        ShouldBeGood(entries[2], 2);
    }

    [Test]
    public void A_body_of_200_MB_is_counted_not_kept()
    {
        using var folder = new TempFolder();
        const long size = 200L * 1024 * 1024;
        var path = Write(folder, "body.har", w => WriteBodyEntry(w, size, base64: false));
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var entries = HarReader.Read(path, "body.har").ToList();

        var used = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        entries[0].Exchange!.Response.BodyProblem.Should().Be("the body is 209,715,200 bytes (200.0 MiB); the suite judges at most 8 MiB");
        entries[0].Exchange!.Response.Body.Should().HaveLength(8 * 1024 * 1024).And.StartWith("aaaa");
        ShouldBeGood(entries[1], 1);
        used.Should().BeLessThan(300_000_000, "the body's 200 MB (400 MB as .NET text) are never held; only its first 12 MiB are");
    }

    [Test]
    public void A_base64_body_of_30_MiB_is_counted_and_only_8_MiB_decoded()
    {
        using var folder = new TempFolder();
        var path = Write(folder, "b64.har", w => WriteBodyEntry(w, 30L * 1024 * 1024, base64: true));

        var entries = HarReader.Read(path, "b64.har").ToList();

        entries[0].Exchange!.Response.BodyProblem.Should().Be("the body is about 31,457,280 bytes (30.0 MiB); the suite judges at most 8 MiB");
        entries[0].Exchange!.Response.Body.Should().HaveLength(8 * 1024 * 1024);
        ShouldBeGood(entries[1], 1);
    }

    [Test]
    public void Every_entry_problem_leaves_the_rest_of_a_file_of_mixed_entries_readable()
    {
        var deep = new string('[', 300) + new string(']', 300);
        var statusText = HarText.Good();
        statusText["response"]!["status"] = "200";

        var entries = ReadText(HarText.Raw("1", GoodEntry, deep, "\"x\"", statusText.ToString(Formatting.None), GoodEntry, "{}", GoodEntry));

        entries.Select(e => e.Index).Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
        entries.Where(e => e.Exchange is not null).Select(e => e.Index).Should().Equal(1, 5, 7);
    }

    /// <summary>An entry whose body is <paramref name="size"/> bytes (an image document of 'a's), streamed to the file.</summary>
    private static void WriteBodyEntry(TextWriter w, long size, bool base64)
    {
        var entry = HarText.Good();
        entry["response"]!["content"]!["text"] = "@BODY@";
        if (base64)
        {
            entry["response"]!["content"]!["encoding"] = "base64";
        }

        var text = entry.ToString(Formatting.None);
        var at = text.IndexOf("@BODY@", StringComparison.Ordinal);
        w.Write(text[..at]);
        const int chunk = 3 * 1024 * 1024;
        var piece = base64 ? new string('A', chunk / 3 * 4) : new string('a', chunk);
        for (var written = 0L; written < size; written += chunk)
        {
            var bytes = Math.Min(chunk, size - written);
            w.Write(piece.AsSpan(0, (int)(base64 ? bytes / 3 * 4 : bytes)));
        }

        w.Write(text[(at + "@BODY@".Length)..]);
    }

    private static string Write(TempFolder folder, string name, Action<TextWriter> entries)
    {
        var path = Path.Combine(folder.Path, name);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write("""{"log": {"version": "1.2", "creator": {"name": "tests", "version": "1"}, "entries": [""");
        entries(writer);
        writer.Write(",\n");
        writer.Write(GoodEntry);
        writer.Write("]}}");
        return path;
    }

    private static List<HarEntry> ReadText(string text) =>
        Inputs.Within(() => HarReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.har").ToList(), TimeSpan.FromSeconds(60));

    private static void ShouldBeGood(HarEntry entry, int index)
    {
        entry.Problem.Should().BeNull();
        entry.Index.Should().Be(index);
        entry.Exchange!.Index.Should().Be(index);
        entry.Exchange.Response.Status.Should().Be(200);
        entry.Exchange.Response.BodyProblem.Should().BeNull();
        entry.Exchange.Response.Body.Should().Be(Draft.Nova().ToExchange().Response.Body);
    }
}
