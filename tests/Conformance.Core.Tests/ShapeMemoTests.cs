using Conformance.Core.Checks;
using FluentAssertions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Conformance.Core.Tests;

/// <summary>
/// The memo of object shapes (an object's member names and which are null, and the schema NJsonSchema gave each
/// member) never changes NJsonSchema's verdict: each sequence of bodies, judged in turn by one memo, gets exactly the
/// errors NJsonSchema alone gives each body, including where the object's own keywords read more than its names.
/// </summary>
public sealed class ShapeMemoTests
{
    // The same settings for both, so that the same format checks run (the parameterless validator runs fewer).
    internal static readonly ValidValues.Validator Memoized = new(new JsonSchemaValidatorSettings());
    internal static readonly JsonSchemaValidator Alone = new(new JsonSchemaValidatorSettings());

    private static void SameAsNJsonSchemaAlone(string schemaJson, params string[] bodies)
    {
        var schema = JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult();
        var memo = new ValidValues();
        var invalid = 0;
        foreach (var body in bodies.Concat(bodies).Concat(bodies.Reverse()))
        {
            var parsed = StrictJson.Parse(body);
            parsed.Problem.Should().BeNull(body);
            var expected = Alone.Validate(StrictJson.Parse(body).Value!, schema).Select(e => e.ToString()).ToList();
            var got = memo.Validate(Memoized, parsed.Value!, schema, body, parsed.Values).Select(e => e.ToString()).ToList();
            got.Should().Equal(expected, "the body {0}", body);
            invalid += expected.Count > 0 ? 1 : 0;
        }

        invalid.Should().BeGreaterThan(0, "each sequence holds a body NJsonSchema finds invalid after one of the same shape it finds valid");
    }

    [Test]
    public void A_null_member_skipped_as_nullable_does_not_excuse_a_value_in_its_place() =>
        SameAsNJsonSchemaAlone(
            """{"type":"object","properties":{"o":{"type":"object","properties":{"n":{"type":["string","null"]}}}}}""",
            """{"o":{"n":null}}""",
            """{"o":{"n":5}}""",
            """{"o":{"n":"x"}}""");

    [Test]
    public void Not_at_the_object_reads_its_values() =>
        SameAsNJsonSchemaAlone(
            """{"type":"object","properties":{"o":{"not":{"properties":{"a":{"type":"string"}}}}}}""",
            """{"o":{"a":1}}""",
            """{"o":{"a":"s"}}""");

    [Test]
    public void Enum_of_objects_reads_their_values() =>
        SameAsNJsonSchemaAlone(
            """{"properties":{"o":{"type":"object","enum":[{"a":1}]}}}""",
            """{"o":{"a":1}}""",
            """{"o":{"a":2}}""");

    [Test]
    public void AnyOf_oneOf_and_allOf_at_the_object_read_its_values() =>
        SameAsNJsonSchemaAlone(
            """
            {"properties":{
              "any":{"anyOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"a":{"type":"integer"}}}]},
              "one":{"oneOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"a":{"minLength":3}}}]},
              "all":{"allOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"a":{"maxLength":2}}}]}}}
            """,
            """{"any":{"a":"x"},"one":{"a":"x"},"all":{"a":"x"}}""",
            """{"any":{"a":true},"one":{"a":"xyz"},"all":{"a":"xyz"}}""",
            """{"any":{"a":1},"one":{"a":5},"all":{"a":"y"}}""");

    [Test]
    public void Pattern_and_additional_members_are_judged_by_their_own_schema() =>
        SameAsNJsonSchemaAlone(
            """{"properties":{"o":{"type":"object","properties":{"k":{"type":"string"}},"patternProperties":{"^n":{"type":"integer"}},"additionalProperties":{"type":"boolean"}}}}""",
            """{"o":{"k":"a","n1":1,"b":true}}""",
            """{"o":{"k":"a","n1":"1","b":true}}""",
            """{"o":{"k":"a","n1":1,"b":"true"}}""",
            """{"o":{"k":1,"n1":1,"b":true}}""");

    [Test]
    public void Names_and_their_count_decide_required_and_closed_objects() =>
        SameAsNJsonSchemaAlone(
            """{"properties":{"o":{"type":"object","required":["a"],"properties":{"a":{},"b":{}},"additionalProperties":false,"maxProperties":2}}}""",
            """{"o":{"a":1,"b":2}}""",
            """{"o":{"b":2,"a":1}}""",
            """{"o":{"b":2}}""",
            """{"o":{"a":1,"c":2}}""",
            """{"o":{"a":1,"b":2,"c":3}}""");

    [Test]
    public void Objects_within_objects_are_judged_at_every_depth() =>
        SameAsNJsonSchemaAlone(
            """{"properties":{"o":{"type":"object","properties":{"p":{"type":"object","properties":{"q":{"type":"object","properties":{"r":{"type":"integer","maximum":9}}}}}}}}}""",
            """{"o":{"p":{"q":{"r":1}}}}""",
            """{"o":{"p":{"q":{"r":10}}}}""",
            """{"o":{"p":{"q":{"r":"1"}}}}""",
            """{"o":{"p":{"q":{"r":2}}}}""");

    [Test]
    public void Objects_beyond_the_member_limit_and_many_shapes_are_judged_alike()
    {
        var wide = "{\"o\":{" + string.Join(",", Enumerable.Range(0, ValidValues.MaxShapeMembers + 1).Select(i => $"\"m{i}\":{i}")) + "}}";
        var wideBad = wide.Replace("\"m7\":7", "\"m7\":\"7\"", StringComparison.Ordinal);
        var shapes = Enumerable.Range(0, 3 * ValidValues.MaxShapesPerSchema).Select(i => $"{{\"o\":{{\"s{i}\":1}}}}");
        var shapesBad = Enumerable.Range(0, 3 * ValidValues.MaxShapesPerSchema).Select(i => $"{{\"o\":{{\"s{i}\":-1}}}}");
        SameAsNJsonSchemaAlone(
            """{"properties":{"o":{"type":"object","additionalProperties":{"type":"integer","minimum":0}}}}""",
            [wide, wideBad, .. shapes, .. shapesBad]);
    }

    [Test]
    public void A_type_found_valid_does_not_excuse_another_type_or_a_schema_that_reads_the_value() =>
        SameAsNJsonSchemaAlone(
            """{"properties":{"o":{"type":"object","properties":{"s":{"type":"string"},"n":{"type":["string","null"]},"b":{"type":"boolean"},"m":{"type":"string","maxLength":2},"f":{"type":"string","format":"ipv4"},"p":{"type":"string","pattern":"^a"},"i":{"type":"integer"}}}}}""",
            """{"o":{"s":"x","n":null,"b":true,"m":"ab","f":"10.0.0.1","p":"ab","i":2.0}}""",
            """{"o":{"s":"y","n":"z","b":false,"m":"abc","f":"not an address","p":"ba","i":2.5}}""",
            """{"o":{"s":1,"n":2,"b":"true","m":"a","f":"192.168.1.300","p":"a","i":3.0}}""",
            """{"o":{"s":null,"n":[],"b":null,"m":null,"f":null,"p":null,"i":"1"}}""");

    [Test]
    public void A_string_found_valid_by_its_value_does_not_excuse_another_value() =>
        SameAsNJsonSchemaAlone(
            """{"properties":{"links":{"type":"array","items":{"type":"object","properties":{"rel":{"type":"string","enum":["self","bookmark"]},"deep":{"type":"object","properties":{"v":{"type":"string","pattern":"^[0-9]+$"}}}}}}}}""",
            """{"links":[{"rel":"self","deep":{"v":"1"}},{"rel":"bookmark","deep":{"v":"22"}}]}""",
            """{"links":[{"rel":"self","deep":{"v":"1"}},{"rel":"Self","deep":{"v":"22"}}]}""",
            """{"links":[{"rel":"self","deep":{"v":"1x"}},{"rel":"bookmark","deep":{"v":"22"}}]}""");

    [Test]
    public void Items_found_valid_do_not_excuse_a_bad_item_or_the_array_keywords() =>
        SameAsNJsonSchemaAlone(
            """
            {"properties":{
              "plain":{"type":"array","items":{"type":"integer","minimum":0}},
              "counted":{"type":"array","items":{"type":"integer"},"minItems":2,"maxItems":3},
              "unique":{"type":"array","items":{"type":"integer"},"uniqueItems":true},
              "tuple":{"type":"array","items":[{"type":"integer"},{"type":"string"}],"additionalItems":false},
              "either":{"type":["array","string"],"items":{"type":"integer"}}}}
            """,
            """{"plain":[1,2],"counted":[1,2],"unique":[1,2],"tuple":[1,"a"],"either":[1]}""",
            """{"plain":[1,-2],"counted":[1],"unique":[1,1],"tuple":[1,"a",3],"either":["x"]}""",
            """{"plain":[1,"2"],"counted":[1,2,3,4],"unique":[2,2],"tuple":["a",1],"either":"s"}""",
            """{"plain":{},"counted":"x","unique":null,"tuple":{},"either":5}""");

    [Test]
    public void A_member_valid_by_its_second_alternative_is_judged_again_by_both() =>
        SameAsNJsonSchemaAlone(
            """{"properties":{"image":{"type":"object","properties":{"size":{"anyOf":[{"type":"integer","minimum":0},{"type":"string","pattern":"^[0-9]{1,19}$"}]},"name":{"type":"string"}}}}}""",
            """{"image":{"size":"123","name":"a"}}""",
            """{"image":{"size":5,"name":"b"}}""",
            """{"image":{"size":"12a","name":"c"}}""",
            """{"image":{"size":-1,"name":"d"}}""",
            """{"image":{"size":"77","name":"e"}}""",
            """{"image":{"size":true,"name":"f"}}""");

    /// <summary>
    /// Strings and integers under schemas that read nothing else of them (a pattern, a format, lengths, bounds) are
    /// judged valid or not exactly as NJsonSchema judges them, whatever the value: every field of each body takes one of
    /// values near each rule's edges, of every JSON type.
    /// </summary>
    [Test]
    public void Strings_and_integers_under_rules_of_their_own_are_valid_exactly_when_NJsonSchema_says()
    {
        const string Schema = """
            {"properties":{"o":{"type":"object","properties":{
              "uuid":{"type":"string","pattern":"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"},
              "ip":{"type":"string","format":"ipv4"},
              "mail":{"type":"string","format":"email"},
              "time":{"type":"string","format":"date-time"},
              "custom":{"type":"string","format":"no-such-format"},
              "short":{"type":"string","minLength":2,"maxLength":4},
              "mixed":{"type":"string","pattern":"^1","minLength":3,"format":"ipv4"},
              "percent":{"type":"integer","minimum":0,"maximum":100},
              "open":{"type":"integer","exclusiveMinimum":0,"exclusiveMaximum":10},
              "draft4":{"type":"integer","minimum":0,"exclusiveMinimum":true,"maximum":10,"exclusiveMaximum":true},
              "third":{"type":"integer","multipleOf":3},
              "size":{"type":"integer","minimum":0,"maximum":9223372036854775807}}}}}
            """;
        string[] fields = ["uuid", "ip", "mail", "time", "custom", "short", "mixed", "percent", "open", "draft4", "third", "size"];
        string[] candidates =
        [
            "\"0d3c7e8e-1b2a-4c3d-8e4f-5a6b7c8d9e0f\"", "\"0D3C7E8E-1B2A-4C3D-8E4F-5A6B7C8D9E0F\"", "\"0d3c7e8e-1b2a-4c3d-8e4f-5a6b7c8d9e0\"",
            "\"0d3c7e8e-1b2a-4c3d-8e4f-5a6b7c8d9e0f\\n\"", "\"10.0.0.1\"", "\"192.168.1.300\"", "\"1.2.3\"", "\"a@b.example\"", "\"no mail\"",
            "\"2020-01-01T00:00:00Z\"", "\"2020-13-01T00:00:00Z\"", "\"2020-01-01 00:00:00\"", "\"\"", "\"a\"", "\"ab\"", "\"abcd\"", "\"abcde\"",
            "\"10.1\"", "\"1.1.1.1\"", "-1", "0", "1", "3", "9", "10", "99", "100", "101", "9223372036854775807", "-9223372036854775808",
            "1.5", "3.0", "1e2", "null", "true", "\"5\"",
        ];
        var random = new Random(1007);
        var bodies = Enumerable.Range(0, 300)
            .Select(_ => "{\"o\":{" + string.Join(",", fields.Select(f => $"\"{f}\":{candidates[random.Next(candidates.Length)]}")) + "}}")
            .ToArray();
        SameAsNJsonSchemaAlone(Schema, bodies);
    }

    [Test]
    public void A_pattern_NET_cannot_read_is_met_as_NJsonSchema_meets_it()
    {
        const string Schema = """{"properties":{"o":{"type":"object","properties":{"p":{"type":"string","pattern":"["}}}}}""";
        SameAsNJsonSchemaAlone(Schema, """{"o":{"p":null}}""", """{"o":{"p":7}}""");

        var schema = JsonSchema.FromJsonAsync(Schema).GetAwaiter().GetResult();
        const string Text = """{"o":{"p":"x"}}""";
        var parsed = StrictJson.Parse(Text);
        var alone = () => Alone.Validate(JToken.Parse(Text), schema);
        var memoized = () => new ValidValues().Validate(Memoized, parsed.Value!, schema, Text, parsed.Values);
        alone.Should().Throw<ArgumentException>("NJsonSchema reads the pattern when it validates a string");
        memoized.Should().Throw<ArgumentException>();
    }

    [Test]
    public void What_one_validator_found_valid_says_nothing_under_another_with_other_format_checks()
    {
        var schema = JsonSchema.FromJsonAsync("""{"properties":{"o":{"type":"object","properties":{"f":{"type":"string","format":"ipv4"}}}}}""").GetAwaiter().GetResult();
        var lenient = new ValidValues.Validator(new JsonSchemaValidatorSettings { FormatValidators = [] });
        const string Text = """{"o":{"f":"not an address"}}""";
        var memo = new ValidValues();

        IEnumerable<string> Judge(ValidValues.Validator validator)
        {
            var parsed = StrictJson.Parse(Text);
            return memo.Validate(validator, parsed.Value!, schema, Text, parsed.Values).Select(e => e.ToString()).ToList();
        }

        Judge(lenient).Should().BeEmpty("without format checks any string is valid");
        Judge(Memoized).Should().Equal(Alone.Validate(StrictJson.Parse(Text).Value!, schema).Select(e => e.ToString()));
        Judge(Memoized).Should().NotBeEmpty();
    }
}
