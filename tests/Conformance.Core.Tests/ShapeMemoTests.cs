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
    private static readonly ValidValues.Validator Memoized = new(new JsonSchemaValidatorSettings());
    private static readonly JsonSchemaValidator Alone = new();

    private static void SameAsNJsonSchemaAlone(string schemaJson, params string[] bodies)
    {
        var schema = JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult();
        var memo = new ValidValues();
        var invalid = 0;
        foreach (var body in bodies.Concat(bodies).Concat(bodies.Reverse()))
        {
            var parsed = StrictJson.Parse(body);
            parsed.Problem.Should().BeNull(body);
            var expected = Alone.Validate(JToken.Parse(body), schema).Select(e => e.ToString()).ToList();
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
}
