using System.Text;
using Conformance.Core.Checks;
using Conformance.TestUtilities;
using FluentAssertions;
using Newtonsoft.Json.Linq;

namespace Conformance.Core.Tests;

/// <summary>
/// Only RFC 8259 JSON is JSON: every departure a lenient reader would let through is a <c>body.json</c> failure that
/// says what is wrong and where, in live mode and recorded mode alike (both judge through the same context).
/// </summary>
public sealed class StrictJsonTests
{
    /// <summary>The conformant Nova body, compact, with one change made to its text.</summary>
    private static string NovaText(Func<string, string> change) => change(Draft.Nova().Body!.ToString(Newtonsoft.Json.Formatting.None));

    public static IEnumerable<TestCaseData> NotJson()
    {
        yield return Case("single-quoted string", t => t.Replace("\"fakeimage7\"", "'fakeimage7'", StringComparison.Ordinal), "a single-quoted string: JSON strings take double quotes");
        yield return Case("single-quoted name", t => t.Replace("\"minRam\"", "'minRam'", StringComparison.Ordinal), "a single-quoted string: JSON strings take double quotes");
        yield return Case("unquoted name", t => t.Replace("\"minRam\"", "minRam", StringComparison.Ordinal), "the name 'minRam' is not in double quotes");
        yield return Case("trailing comma in an object", t => t.Replace("\"os_type\":\"linux\"}", "\"os_type\":\"linux\",}", StringComparison.Ordinal), "a trailing comma before '}': JSON allows none");
        yield return Case("trailing comma in an array", t => t.Replace("}],", "},],", StringComparison.Ordinal), "a trailing comma before ']': JSON allows none");
        yield return Case("hexadecimal number", t => t.Replace("\"minRam\":0", "\"minRam\":0x10", StringComparison.Ordinal), "a hexadecimal number (0x10): JSON numbers are decimal");
        yield return Case("leading zeros", t => t.Replace("\"minRam\":0", "\"minRam\":0012", StringComparison.Ordinal), "a number with a leading zero (0012): JSON allows none");
        yield return Case("negative with leading zero", t => t.Replace("\"minRam\":0", "\"minRam\":-01", StringComparison.Ordinal), "a number with a leading zero (-01): JSON allows none");
        yield return Case("raw NUL in a string", t => t.Replace("fakeimage7", "fake\0image7", StringComparison.Ordinal), "a raw control character U+0000 inside a string: JSON strings must escape it (\\u0000)");
        yield return Case("raw ESC in a string", t => t.Replace("fakeimage7", "fake\u001bimage7", StringComparison.Ordinal), "a raw control character U+001B inside a string");
        yield return Case("raw tab in a string", t => t.Replace("fakeimage7", "fake\timage7", StringComparison.Ordinal), "a raw control character U+0009 inside a string");
        yield return Case("raw line feed in a name", t => t.Replace("\"os_type\"", "\"os\ntype\"", StringComparison.Ordinal), "a raw control character U+000A inside a string");
        yield return Case("line comment", t => t.Replace("{\"image\":", "{// the image\n\"image\":", StringComparison.Ordinal), "a comment: JSON has none");
        yield return Case("block comment", t => t.Replace("\"minRam\":0", "\"minRam\":/* MB */0", StringComparison.Ordinal), "a comment: JSON has none");
        yield return Case("comment after the value", t => t + " /* end */", "there is more after the JSON value: a comment");
        yield return Case("NaN", t => t.Replace("\"minRam\":0", "\"minRam\":NaN", StringComparison.Ordinal), "NaN is not a JSON value (JSON has no NaN, Infinity or undefined)");
        yield return Case("Infinity", t => t.Replace("\"minRam\":0", "\"minRam\":Infinity", StringComparison.Ordinal), "Infinity is not a JSON value");
        yield return Case("-Infinity", t => t.Replace("\"minRam\":0", "\"minRam\":-Infinity", StringComparison.Ordinal), "-Infinity is not a JSON value");
        yield return Case("undefined", t => t.Replace("\"minRam\":0", "\"minRam\":undefined", StringComparison.Ordinal), "undefined is not a JSON value");
        yield return Case("Python literal", t => t.Replace("\"minRam\":0", "\"minRam\":None", StringComparison.Ordinal), "the word 'None' is not a JSON value");
        yield return Case("byte order mark", t => "\uFEFF" + t, "the body starts with a UTF-8 byte order mark, which RFC 8259 forbids");
        yield return Case("more after the value", t => t + "{}", "there is more after the JSON value: '{'");
        yield return Case("two values", t => t + "\n" + t, "there is more after the JSON value: '{' (line 2, column 1,");
        yield return Case("duplicate key", t => t.Replace("\"minRam\":0", "\"minRam\":0,\"minRam\":1", StringComparison.Ordinal), "Property with the name 'minRam' already exists in this object");
        yield return Case("duplicate key in metadata", t => t.Replace("\"os_type\":\"linux\"", "\"os_type\":\"linux\",\"os_type\":\"linux\"", StringComparison.Ordinal), "Property with the name 'os_type' already exists");
        yield return Case("invalid escape", t => t.Replace("fakeimage7", "fake\\ximage7", StringComparison.Ordinal), "an escape JSON does not have: \\x");
        yield return Case("short unicode escape", t => t.Replace("fakeimage7", "fake\\u12", StringComparison.Ordinal), "a \\u escape without four hexadecimal digits");
        yield return Case("plus sign", t => t.Replace("\"minRam\":0", "\"minRam\":+1", StringComparison.Ordinal), "'+' where a JSON value should be");
        yield return Case("fraction without digits", t => t.Replace("\"minRam\":0", "\"minRam\":1.", StringComparison.Ordinal), "a number with no digit after its decimal point");
        yield return Case("exponent without digits", t => t.Replace("\"minRam\":0", "\"minRam\":1e", StringComparison.Ordinal), "a number with no digit in its exponent");
        yield return Case("truncated", t => t[..(t.Length / 2)], "the body ends");
        yield return Case("non-breaking space between tokens", t => t.Replace("\"minRam\":0", "\"minRam\":\u00A00", StringComparison.Ordinal), "the character U+00A0 where a JSON value should be");
        yield return Case("missing colon", t => t.Replace("\"minRam\":0", "\"minRam\" 0", StringComparison.Ordinal), "'0' where ':' after the name 'minRam' should be");
        yield return Case("missing comma", t => t.Replace("\"minRam\":0,", "\"minRam\":0 ", StringComparison.Ordinal), "'\"' where ',' or '}' after a value in an object should be");
        yield return Case("65 levels deep", _ => new string('[', 65) + new string(']', 65), "the JSON is nested deeper than the 64 levels the suite reads");

        static TestCaseData Case(string name, Func<string, string> change, string expected) =>
            new TestCaseData(change, expected).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(NotJson))]
    public void A_body_that_is_not_RFC_8259_JSON_fails_body_json_saying_what_and_where(Func<string, string> change, string expected)
    {
        var draft = Draft.Nova();
        draft.RawBody = NovaText(change);

        var verdict = draft.Judge();

        var failure = verdict.Failures.Should().ContainSingle().Which;
        failure.Rule.Should().Be("body.json");
        failure.Received.Should().StartWith("not JSON: ").And.Contain(expected).And.MatchRegex(@"\(line \d+, column \d+, byte offset \d+\)");
        verdict.NotJudged.Keys.Should().BeEquivalentTo(CheckGroups.ImageGroups, "the body is not an image document");
    }

    [Test]
    public void The_position_is_the_line_column_and_byte_offset_of_the_departure()
    {
        // "é" is two bytes in UTF-8: the byte offset counts bytes, the column characters.
        var result = StrictJson.Parse("{\n  \"name\": \"é\",\n  \"x\": 'y'\n}");

        result.Problem.Should().Be("a single-quoted string: JSON strings take double quotes (line 3, column 8, byte offset 25)");
    }

    [Test]
    public void An_error_fault_that_is_not_RFC_8259_JSON_fails_fault_json_body()
    {
        var draft = Draft.Nova().Error(404, "{'itemNotFound': {'code': 404, 'message': 'Image not found.'}}");

        var failure = draft.Judge().Failures.Should().ContainSingle().Which;

        failure.Rule.Should().Be("fault.json_body");
        failure.Received.Should().Contain("not JSON: a single-quoted string: JSON strings take double quotes (line 1, column 2, byte offset 1)");
    }

    [Test]
    public void Messages_name_no_internal_types()
    {
        foreach (var data in NotJson())
        {
            var change = (Func<string, string>)data.Arguments[0]!;
            var problem = StrictJson.Parse(NovaText(change)).Problem;

            problem.Should().NotBeNull();
            problem.Should().NotContainAny("Newtonsoft", "System.", "Exception", "JToken", "JObject", "Utf8JsonReader", "reader options");
        }
    }

    public static IEnumerable<TestCaseData> Json()
    {
        yield return Case("escapes", """{"a": "\" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00"}""");
        yield return Case("unicode text", "{\"a\": \"é 😀 \u2028\"}");
        yield return Case("numbers", """[0, -0, 1, -1, 0.5, -0.5, 1e5, 1E+5, 1e-5, 123456789012345678, 9223372036854775807, -9223372036854775808, 1.7976931348623157e308]""");
        yield return Case("literals", """[true, false, null]""");
        yield return Case("empty containers", """{"a": {}, "b": [], "c": ""}""");
        yield return Case("all four whitespace characters", " \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n1 \t\r\n} \t\r\n");
        yield return Case("64 levels deep", new string('[', 64) + new string(']', 64));
        yield return Case("a bare string", "\"just a string\"");
        yield return Case("names differing only in case", """{"a": 1, "A": 2}""");

        static TestCaseData Case(string name, string text) => new TestCaseData(text).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Json))]
    public void RFC_8259_JSON_is_read_as_Json_NET_reads_it(string text)
    {
        var result = StrictJson.Parse(text);

        result.Problem.Should().BeNull();
        JToken.DeepEquals(result.Value, JToken.Parse(text)).Should().BeTrue("the tree is the one Json.NET builds from the same text");
    }

    [Test]
    public void Numbers_keep_their_JSON_types()
    {
        var result = StrictJson.Parse("""{"i": 4096, "f": 4.096e+03, "big": 18446744073709551616, "huge": 1e400}""");
        var root = (JObject)result.Value!;

        root["i"]!.Type.Should().Be(JTokenType.Integer);
        root["f"]!.Type.Should().Be(JTokenType.Float);
        root["big"]!.Type.Should().Be(JTokenType.Integer);
        root["huge"]!.Type.Should().Be(JTokenType.Float);
        JudgeContext.Show(root["huge"]).Should().Be("1e400", "a report shows the number as sent, not \"Infinity\"");
        result.OutOfRange.Select(n => (n.Path, n.Describe())).Should().Equal(
            ("big", "18446744073709551616 (an integer beyond 64 bits)"),
            ("huge", "1e400 (a number beyond the range of a 64-bit float)"));
    }

    [Test]
    public void Numbers_beyond_64_bits_are_placed_by_names_and_indexes_at_any_depth()
    {
        var result = StrictJson.Parse("""[1e999, {"image": {"links": [{"a": 1}, {"x": [0, [2, -99999999999999999999]]}], "m": {"k": 2e308}}}]""");

        result.Problem.Should().BeNull();
        result.OutOfRange.Select(n => n.Path).Should().Equal("[0]", "[1].image.links[1].x[1][1]", "[1].image.m.k");
        StrictJson.Parse("1e999").OutOfRange.Single().Path.Should().BeEmpty("the number is the whole document");
    }

    /// <summary>
    /// Accepts exactly what System.Text.Json's strict reader accepts (no comments, no trailing commas, depth 64), on
    /// thousands of one-character mutations of a real body: the grammar is RFC 8259's, not an approximation of it.
    /// </summary>
    [Test]
    public void Accepts_exactly_what_a_strict_reference_reader_accepts()
    {
        var original = NovaText(t => t.Replace("\"minRam\":0", "\"minRam\":-12.5e+3,\"esc\":\"a\\u00e9\\n\"", StringComparison.Ordinal));
        const string alphabet = "{}[]:,\"\\'/*-+.0123456789eExtfnul \t\n\r\u0001\u00e9";
        var random = new Random(8259);
        var disagreements = new List<string>();
        var rejected = 0;
        for (var i = 0; i < 5000; i++)
        {
            var text = new StringBuilder(original);
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0: text.Remove(at, 1); break;
                case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
            }

            var mutated = text.ToString();
            var ours = StrictJson.Parse(mutated);
            if (ours.Problem?.Contains("already exists", StringComparison.Ordinal) == true)
            {
                continue; // the reference reader does not look for duplicate names
            }

            rejected += ours.Problem is null ? 0 : 1;
            if ((ours.Problem is null) != ReferenceAccepts(mutated))
            {
                disagreements.Add($"{(ours.Problem is null ? "accepted" : ours.Problem)}: {mutated}");
            }
        }

        disagreements.Should().BeEmpty();
        rejected.Should().BeGreaterThan(1000, "most mutations break the JSON, so the comparison means something");
    }

    private static bool ReferenceAccepts(string text)
    {
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(text), new System.Text.Json.JsonReaderOptions { MaxDepth = JudgeContext.MaxBodyDepth });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
