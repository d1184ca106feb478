using System.Diagnostics;
using System.Globalization;
using System.Text;
using Conformance.Core.Checks;
using FluentAssertions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Conformance.Core.Tests;

/// <summary>
/// Random schemas (nested objects and arrays, combinators, enums, type unions, string and number keywords, no
/// <c>$ref</c>) and sequences of bodies made to fit them with small changes, so that a body the memo found valid is
/// often followed by one of the same shape that is not: each body judged in turn by one memo gets exactly the errors
/// NJsonSchema alone gives it (or the same exception). NJsonSchema alone validates a tree of its own parsed by
/// StrictJson, as the check without memo does (Json.NET's <c>JToken.Parse</c> would read ISO timestamps as dates, which
/// NJsonSchema writes back shorter). Seeds are fixed; a mismatch is shrunk to a small schema and body sequence, which
/// the failure message prints with both verdicts, followed by the original schema and sequence.
/// </summary>
public sealed class MemoFuzzTests
{
    // The same pair as the shape memo's tests: one settings each, so that the same format checks run.
    private static readonly ValidValues.Validator Memoized = ShapeMemoTests.Memoized;
    private static readonly JsonSchemaValidator Alone = ShapeMemoTests.Alone;

    [TestCase(11, 220, 24, 40)]
    [TestCase(22, 220, 24, 40)]
    [TestCase(33, 220, 24, 40)]
    [TestCase(44, 220, 24, 40)]
    public void Random_schemas_and_bodies_near_them_get_what_NJsonSchema_alone_gives(int seed, int schemas, int minBodies, int maxBodies) =>
        Fuzz(seed, schemas, minBodies, maxBodies, wide: false, fresh: 0);

    /// <summary>
    /// Fewer schemas, long sequences with many distinct values (a percentage <paramref name="fresh"/> of strings and
    /// integers never met before), wide objects and strings near the text limit: past the memo's bounds (the values
    /// kept for a schema forgotten when full, or paused when none was met again; the shapes kept replaced).
    /// </summary>
    [TestCase(55, 6, 900, 1200, 40)]
    [TestCase(66, 3, 1500, 1500, 100)]
    public void Long_sequences_past_the_memo_bounds_get_what_NJsonSchema_alone_gives(int seed, int schemas, int minBodies, int maxBodies, int fresh) =>
        Fuzz(seed, schemas, minBodies, maxBodies, wide: true, fresh);

    private static void Fuzz(int seed, int schemas, int minBodies, int maxBodies, bool wide, int fresh)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var stats = new Stats();
        for (var s = 0; s < schemas; s++)
        {
            var schemaNode = new SchemaGen(random).Root(wide);
            var schemaJson = schemaNode.ToString(Formatting.None);
            var bodies = new BodyGen(random, schemaNode, wide, fresh).Sequence(random.Next(minBodies, maxBodies + 1));
            var first = FirstMismatch(schemaJson, bodies, stats);
            if (first is { } found)
            {
                Assert.Fail(Report(seed, s, schemaJson, bodies, found));
            }
        }

        TestContext.Out.WriteLine(
            $"seed {seed}: {schemas} schemas, {stats.Bodies} bodies ({stats.Valid} valid, {stats.Invalid} invalid, {stats.Threw} throwing), "
            + $"{stats.InvalidAfterValidOfSameShape} invalid after a valid one of the same shape, {clock.Elapsed.TotalSeconds:F1} s");
        stats.Valid.Should().BeGreaterThan(stats.Bodies / 10, "the bodies mostly fit their schema");
        stats.Invalid.Should().BeGreaterThan(stats.Bodies / 10, "small changes make many bodies invalid");
        stats.InvalidAfterValidOfSameShape.Should().BeGreaterThan(stats.Bodies / (wide ? 100 : 40), "a valid body is often followed by an invalid one of the same shape");
    }

    // ---------------------------------------------------------------- judging

    private sealed class Stats
    {
        public int Bodies { get; set; }

        public int Valid { get; set; }

        public int Invalid { get; set; }

        public int Threw { get; set; }

        public int InvalidAfterValidOfSameShape { get; set; }
    }

    /// <summary>What a body gets: its errors as strings, in order, or the exception's type and message.</summary>
    private static List<string> Outcome(Func<ICollection<ValidationError>> validate)
    {
        try
        {
            return [.. validate().Select(e => e.ToString())];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [$"throws {e.GetType().Name}: {e.Message}"];
        }
    }

    private static (List<string> Expected, List<string> Got) Judge(ValidValues memo, JsonSchema schema, string body)
    {
        // NJsonSchema alone gets a tree of its own, parsed the same way (production validates StrictJson's tree).
        var alone = StrictJson.Parse(body);
        var parsed = StrictJson.Parse(body);
        var expected = Outcome(() => Alone.Validate(alone.Value!, schema));
        var got = Outcome(() => memo.Validate(Memoized, parsed.Value!, schema, body, parsed.Values));
        return (expected, got);
    }

    /// <summary>Judges the bodies in turn with one fresh memo; the index of the first whose outcome differs, or null.</summary>
    private static int? FirstMismatch(string schemaJson, IReadOnlyList<string> bodies, Stats? stats = null)
    {
        JsonSchema schema;
        try
        {
            schema = JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult();
        }
        catch (Exception e) when (stats is null && e is not OutOfMemoryException)
        {
            // A schema shrunk into one NJsonSchema cannot read does not reproduce anything.
            return null;
        }

        var memo = new ValidValues();
        var validShapes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bodies.Count; i++)
        {
            if (StrictJson.Parse(bodies[i]).Problem is not null)
            {
                stats.Should().BeNull("the generated body {0} is JSON", bodies[i]);
                return null;
            }

            var (expected, got) = Judge(memo, schema, bodies[i]);
            if (!got.SequenceEqual(expected, StringComparer.Ordinal))
            {
                return i;
            }

            if (stats is not null)
            {
                stats.Bodies++;
                var threw = expected.Count == 1 && expected[0].StartsWith("throws ", StringComparison.Ordinal);
                var shape = Skeleton(Tree(bodies[i]));
                if (threw)
                {
                    stats.Threw++;
                }
                else if (expected.Count == 0)
                {
                    stats.Valid++;
                    validShapes.Add(shape);
                }
                else
                {
                    stats.Invalid++;
                    stats.InvalidAfterValidOfSameShape += validShapes.Contains(shape) ? 1 : 0;
                }
            }
        }

        return null;
    }

    /// <summary>A body's shape: its names, containers and the JSON types of its values, not the values.</summary>
    private static string Skeleton(JToken token) => token switch
    {
        JObject o => "{" + string.Join(",", o.Properties().Select(p => p.Name + ":" + Skeleton(p.Value))) + "}",
        JArray a => "[" + string.Join(",", a.Select(Skeleton)) + "]",
        _ => token.Type.ToString(),
    };

    // ---------------------------------------------------------------- shrinking and reporting

    private static string Report(int seed, int schemaIndex, string schemaJson, IReadOnlyList<string> bodies, int first)
    {
        var (schema, sequence) = Shrink(schemaJson, [.. bodies.Take(first + 1)]);
        var loaded = JsonSchema.FromJsonAsync(schema).GetAwaiter().GetResult();
        var memo = new ValidValues();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"seed {seed}, schema #{schemaIndex}: body {first} differs from NJsonSchema alone.");
        text.AppendLine("Shrunk schema:").AppendLine(schema).AppendLine("Shrunk body sequence (judged in turn by one memo):");
        foreach (var body in sequence)
        {
            var (expected, got) = Judge(memo, loaded, body);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Shown(body)}")
                .AppendLine(CultureInfo.InvariantCulture, $"    NJsonSchema alone: [{string.Join(" | ", expected).Replace("\n", " ", StringComparison.Ordinal)}]")
                .AppendLine(CultureInfo.InvariantCulture, $"    memo:              [{string.Join(" | ", got).Replace("\n", " ", StringComparison.Ordinal)}]");
        }

        const int Last = 60;
        text.AppendLine("Original schema:").AppendLine(schemaJson).AppendLine("Original body sequence up to the first mismatch:");
        if (first + 1 > Last)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ({first + 1 - Last} bodies before these)");
        }

        foreach (var body in bodies.Skip(Math.Max(0, first + 1 - Last)).Take(Math.Min(first + 1, Last)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Shown(body)}");
        }

        return text.ToString();
    }

    /// <summary>The tree StrictJson reads from a body (Json.NET's own reader does not read 1e400 as StrictJson does).</summary>
    private static JToken Tree(string body) => StrictJson.Parse(body).Value!;

    /// <summary>A body on one line: as written when it has no line breaks, else as a JSON string of its text.</summary>
    private static string Shown(string body) => body.Contains('\n', StringComparison.Ordinal) ? "text " + JsonConvert.ToString(body) : body;

    private static bool Mismatches(string schemaJson, IReadOnlyList<string> bodies) => FirstMismatch(schemaJson, bodies) is not null;

    /// <summary>Greedy shrinking: fewer bodies, then smaller schema and bodies, as long as a mismatch remains.</summary>
    private static (string Schema, List<string> Bodies) Shrink(string schemaJson, List<string> bodies)
    {
        var budget = 20_000;
        var changed = true;
        while (changed && budget > 0)
        {
            changed = false;
            for (var i = bodies.Count - 1; i >= 0 && budget > 0; i--)
            {
                budget--;
                var fewer = bodies.Where((_, j) => j != i).ToList();
                if (fewer.Count > 0 && Mismatches(schemaJson, fewer))
                {
                    bodies = fewer;
                    changed = true;
                }
            }

            foreach (var smaller in Smaller(JToken.Parse(schemaJson)))
            {
                if (budget-- <= 0)
                {
                    break;
                }

                var candidate = smaller.ToString(Formatting.None);
                if (Mismatches(candidate, bodies))
                {
                    schemaJson = candidate;
                    changed = true;
                    break;
                }
            }

            for (var i = 0; i < bodies.Count && budget > 0; i++)
            {
                var compact = Tree(bodies[i]).ToString(Formatting.None);
                if (compact != bodies[i] && budget-- > 0)
                {
                    var candidate = bodies.ToList();
                    candidate[i] = compact;
                    if (Mismatches(schemaJson, candidate))
                    {
                        bodies = candidate;
                        changed = true;
                    }
                }

                foreach (var smaller in Smaller(Tree(bodies[i])))
                {
                    if (budget-- <= 0)
                    {
                        break;
                    }

                    var candidate = bodies.ToList();
                    candidate[i] = smaller.ToString(Formatting.None);
                    if (Mismatches(schemaJson, candidate))
                    {
                        bodies = candidate;
                        changed = true;
                        break;
                    }
                }
            }
        }

        return (schemaJson, bodies);
    }

    /// <summary>Trees one step smaller: a member or item removed, a container emptied or replaced by one of its children.</summary>
    private static IEnumerable<JToken> Smaller(JToken root)
    {
        var count = All(root).Count();
        for (var n = 0; n < count; n++)
        {
            foreach (var kind in new[] { 0, 1, 2 })
            {
                var copy = root.DeepClone();
                var node = All(copy).ElementAt(n);
                JToken? result = null;
                switch (kind)
                {
                    case 0 when node is JProperty or JValue or JObject or JArray && node.Parent is JObject or JArray:
                        node.Remove();
                        result = copy;
                        break;
                    case 1 when node is JObject { Count: > 0 } or JArray { Count: > 0 }:
                        var emptied = node is JObject ? (JToken)new JObject() : new JArray();
                        result = Replace(copy, node, emptied);
                        break;
                    case 2 when node is JObject { Count: > 0 } or JArray { Count: > 0 }:
                        var child = node is JObject o ? o.Properties().Select(p => p.Value).FirstOrDefault(v => v is JObject or JArray) : ((JArray)node).FirstOrDefault();
                        if (child is not null)
                        {
                            result = Replace(copy, node, child.DeepClone());
                        }

                        break;
                    default:
                        break;
                }

                if (result is not null)
                {
                    yield return result;
                }
            }
        }
    }

    private static IEnumerable<JToken> All(JToken token) => token is JContainer container ? container.DescendantsAndSelf() : [token];

    private static JToken Replace(JToken root, JToken node, JToken with)
    {
        if (ReferenceEquals(root, node))
        {
            return with;
        }

        node.Replace(with);
        return root;
    }

    // ---------------------------------------------------------------- schemas

    private static readonly string[] Names = ["a", "b", "c", "id", "n1", "n2", "x"];

    private static readonly string[] Patterns = ["^a", "^[a-z]+$", "\\d", "^.{2,4}$", "b$", "^[0-9a-f-]{36}$", "^(?:n|x)", "a|b", "^$", "^[0-9]{1,3}$"];

    private static readonly string[] Formats =
        ["date-time", "date", "time", "time-span", "ipv4", "ipv6", "email", "uuid", "guid", "hostname", "uri", "byte", "base64", "no-such-format", "int32"];

    private static readonly decimal[] Bounds = [-5m, -1m, 0m, 1m, 2.5m, 3m, 10m, 100m, 9223372036854775807m, -9223372036854775808m];

    private static readonly decimal[] Multiples = [2m, 3m, 5m, 0.5m, 0.25m, 0.1m, 1m, 10m, 0.0001m];

    private sealed class SchemaGen(Random random)
    {
        private bool Chance(int percent) => random.Next(100) < percent;

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        /// <summary>The top schema: an object whose members hold objects and arrays, so that values sit at depth two and three.</summary>
        public JObject Root(bool wide)
        {
            var root = new JObject { ["type"] = "object" };
            var properties = new JObject();
            foreach (var name in Names.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
            {
                properties[name] = Chance(70) ? Container(1) : Any(1);
            }

            if (wide)
            {
                // Values at depth two that only the memo of noted values judges (not a rule or a type of their own):
                // new in most bodies, they fill what is kept for their schema.
                properties["o"] = JObject.Parse(
                    """
                    {"type":"object","required":["id"],"properties":{
                      "id":{"type":["string","integer"],"minLength":2,"minimum":0},
                      "obj":{"type":"object","properties":{"v":{"type":"string"},"n":{"type":"integer"}},"additionalProperties":false}}}
                    """);
            }

            root["properties"] = properties;
            if (Chance(40))
            {
                root["required"] = new JArray(properties.Properties().Select(p => p.Name).Where(_ => Chance(50)));
            }

            if (Chance(20))
            {
                root["additionalProperties"] = Chance(50) ? false : Any(2);
            }

            return root;
        }

        private JObject Container(int depth) => Chance(65) ? Object(depth) : Array(depth);

        public JObject Any(int depth)
        {
            var roll = random.Next(100);
            var schema = depth >= 4 ? Leaf(depth) : roll switch
            {
                < 22 => Object(depth),
                < 36 => Array(depth),
                < 70 => Leaf(depth),
                < 80 => Union(depth),
                < 92 => Combinator(depth),
                _ => Enum(),
            };
            return Chance(12) ? Sprinkle(schema) : schema;
        }

        /// <summary>
        /// One keyword of another kind of value (required on a string, a pattern on an integer, minItems on an object):
        /// whether NJsonSchema reads it on a value decides which shortcut may be taken.
        /// </summary>
        private JObject Sprinkle(JObject schema)
        {
            switch (random.Next(12))
            {
                case 0:
                    schema["required"] = new JArray(Pick(Names));
                    break;
                case 1:
                    schema["properties"] = new JObject { [Pick(Names)] = new JObject { ["type"] = "string" } };
                    break;
                case 2:
                    schema["items"] = new JObject { ["type"] = "integer" };
                    break;
                case 3:
                    schema["minItems"] = 1;
                    break;
                case 4:
                    schema["minProperties"] = 1;
                    break;
                case 5:
                    schema["additionalProperties"] = false;
                    break;
                case 6:
                    schema["pattern"] = Pattern();
                    break;
                case 7:
                    schema["format"] = Pick(Formats);
                    break;
                case 8:
                    schema["maxLength"] = random.Next(0, 3);
                    break;
                case 9:
                    schema["minimum"] = Pick(Bounds);
                    break;
                case 10:
                    schema["multipleOf"] = Pick(Multiples);
                    break;
                default:
                    schema["uniqueItems"] = true;
                    break;
            }

            return schema;
        }

        /// <summary>A pattern, now and then one .NET cannot read (NJsonSchema throws when it reads it on a string).</summary>
        private string Pattern() => Chance(2) ? "[" : Pick(Patterns);

        private JObject Leaf(int depth)
        {
            var roll = random.Next(100);
            return roll switch
            {
                < 35 => StringSchema(),
                < 60 => IntegerSchema("integer"),
                < 70 => IntegerSchema("number"),
                < 78 => Plain(),
                < 82 => new JObject(),
                < 88 => Enum(),
                _ => depth < 5 ? Union(depth + 1) : StringSchema(),
            };
        }

        /// <summary>A schema that reads only the JSON type.</summary>
        private JObject Plain()
        {
            var types = new[] { "string", "integer", "number", "boolean", "null" };
            return Chance(70)
                ? new JObject { ["type"] = Pick(types) }
                : new JObject { ["type"] = new JArray(types.OrderBy(_ => random.Next()).Take(2)) };
        }

        private JToken TypeOf(string type) => random.Next(100) switch
        {
            < 80 => type,
            < 92 => new JArray(type, "null"),
            _ => JValue.CreateNull(),
        };

        private static void SetType(JObject schema, JToken type)
        {
            if (type.Type != JTokenType.Null)
            {
                schema["type"] = type;
            }
        }

        private JObject Object(int depth)
        {
            var schema = new JObject();
            SetType(schema, TypeOf("object"));
            var properties = new JObject();
            foreach (var name in Names.OrderBy(_ => random.Next()).Take(random.Next(0, 5)))
            {
                properties[name] = Any(depth + 1);
            }

            if (properties.Count > 0 || Chance(50))
            {
                schema["properties"] = properties;
            }

            if (Chance(45))
            {
                var required = properties.Properties().Select(p => p.Name).Where(_ => Chance(50)).ToList();
                if (Chance(10))
                {
                    required.Add("missing");
                }

                if (required.Count > 0)
                {
                    schema["required"] = new JArray(required);
                }
            }

            switch (random.Next(10))
            {
                case < 4:
                    break;
                case < 6:
                    schema["additionalProperties"] = false;
                    break;
                case 6:
                    schema["additionalProperties"] = true;
                    break;
                default:
                    schema["additionalProperties"] = Any(depth + 1);
                    break;
            }

            if (Chance(25))
            {
                var patterns = new JObject { ["^n"] = Any(depth + 1) };
                if (Chance(30))
                {
                    patterns["^x$"] = Any(depth + 1);
                }

                schema["patternProperties"] = patterns;
            }

            if (Chance(8))
            {
                schema["minProperties"] = random.Next(1, 3);
            }

            if (Chance(8))
            {
                schema["maxProperties"] = random.Next(1, 4);
            }

            if (Chance(3))
            {
                schema["x-nullable"] = true;
            }

            return schema;
        }

        private JObject Array(int depth)
        {
            var schema = new JObject();
            SetType(schema, TypeOf("array"));
            var roll = random.Next(100);
            if (roll < 72)
            {
                schema["items"] = Any(depth + 1);
            }
            else if (roll < 94)
            {
                schema["items"] = new JArray(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Any(depth + 1)));
                switch (random.Next(3))
                {
                    case 0:
                        schema["additionalItems"] = false;
                        break;
                    case 1:
                        schema["additionalItems"] = Any(depth + 1);
                        break;
                    default:
                        break;
                }
            }

            if (Chance(15))
            {
                schema["minItems"] = random.Next(1, 3);
            }

            if (Chance(15))
            {
                schema["maxItems"] = random.Next(1, 4);
            }

            if (Chance(12))
            {
                schema["uniqueItems"] = true;
            }

            return schema;
        }

        private JObject StringSchema()
        {
            var schema = new JObject();
            SetType(schema, TypeOf("string"));
            AddStringKeywords(schema);
            return schema;
        }

        private void AddStringKeywords(JObject schema)
        {
            if (Chance(30))
            {
                schema["pattern"] = Pattern();
            }

            if (Chance(35))
            {
                schema["format"] = Pick(Formats);
            }

            if (Chance(20))
            {
                schema["minLength"] = random.Next(0, 4);
            }

            if (Chance(20))
            {
                schema["maxLength"] = random.Next(1, 7);
            }
        }

        private JObject IntegerSchema(string type)
        {
            var schema = new JObject();
            SetType(schema, TypeOf(type));
            AddNumberKeywords(schema);
            return schema;
        }

        private void AddNumberKeywords(JObject schema)
        {
            if (Chance(40))
            {
                schema["minimum"] = Pick(Bounds);
                if (Chance(30))
                {
                    schema["exclusiveMinimum"] = Chance(70);
                }
            }

            if (Chance(40))
            {
                schema["maximum"] = Pick(Bounds);
                if (Chance(30))
                {
                    schema["exclusiveMaximum"] = Chance(70);
                }
            }

            if (!schema.ContainsKey("exclusiveMinimum") && Chance(15))
            {
                schema["exclusiveMinimum"] = Pick(Bounds);
            }

            if (!schema.ContainsKey("exclusiveMaximum") && Chance(15))
            {
                schema["exclusiveMaximum"] = Pick(Bounds);
            }

            if (Chance(25))
            {
                schema["multipleOf"] = Pick(Multiples);
            }
        }

        private JObject Union(int depth)
        {
            string[][] unions =
            [
                ["string", "integer"], ["string", "null"], ["integer", "null"], ["number", "string"], ["boolean", "string"],
                ["integer", "boolean", "null"], ["object", "array"], ["string", "array"], ["object", "null"], ["array", "null"], ["number", "null"],
            ];
            var types = Pick(unions);
            var schema = new JObject { ["type"] = new JArray(types) };
            if (types.Contains("string"))
            {
                AddStringKeywords(schema);
            }

            if (types.Contains("integer") || types.Contains("number"))
            {
                AddNumberKeywords(schema);
            }

            if (types.Contains("object"))
            {
                var inner = Object(depth + 1);
                foreach (var keyword in new[] { "properties", "required", "additionalProperties", "patternProperties" })
                {
                    if (inner[keyword] is { } value)
                    {
                        schema[keyword] = value;
                    }
                }
            }

            if (types.Contains("array"))
            {
                schema["items"] = Any(depth + 1);
            }

            return schema;
        }

        private JObject Combinator(int depth)
        {
            var schema = new JObject();
            var roll = random.Next(100);
            var keyword = roll switch
            {
                < 35 => "anyOf",
                < 65 => "oneOf",
                < 88 => "allOf",
                _ => "not",
            };
            if (keyword == "not")
            {
                schema["not"] = Any(depth + 1);
                if (Chance(60))
                {
                    SetType(schema, Pick(new[] { "string", "integer", "object" }));
                }
            }
            else
            {
                schema[keyword] = new JArray(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Any(depth + 1)));
                if (Chance(25))
                {
                    SetType(schema, TypeOf(Pick(new[] { "string", "integer", "object", "number" })));
                }
            }

            return schema;
        }

        private JObject Enum()
        {
            JToken[] pool = ["a", "b", "self", "1", 1L, 2L, 2.5, true, JValue.CreateNull(), new JObject { ["a"] = 1L }, new JArray(1L, 2L)];
            var schema = new JObject { ["enum"] = new JArray(pool.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).Select(v => v.DeepClone())) };
            if (Chance(30))
            {
                SetType(schema, TypeOf(Pick(new[] { "string", "integer" })));
            }

            return schema;
        }
    }

    // ---------------------------------------------------------------- bodies

    private static readonly string[] Strings =
    [
        "", "a", "ab", "abc", "abcd", "abcde", "aaaaaaaaaa", "A1", "n1", "x", "x y", "b", "ba", "1", "12", "123", "1234", "-3", "true", "null",
        "\u00e9", "e\u0301", "\ud83d\ude00", "a\nb", " a", "self", "Self",
    ];

    private static readonly Dictionary<string, string[]> FormatSamples = new(StringComparer.Ordinal)
    {
        ["date-time"] = ["2020-01-01T00:00:00Z", "2020-01-01T00:00:00.123+01:00", "2020-02-30T00:00:00Z", "2020-01-01 00:00:00", "2020-01-01T00:00:00"],
        ["date"] = ["2020-01-01", "2020-13-01", "2020-1-1", "2020-01-01T00:00:00Z"],
        ["time"] = ["12:30:00", "12:30:00.5Z", "25:00:00", "12:30"],
        ["time-span"] = ["1.02:03:04", "00:00:01", "nope", "99:99:99"],
        ["ipv4"] = ["10.0.0.1", "192.168.1.300", "1.2.3", "255.255.255.255", "01.2.3.4"],
        ["ipv6"] = ["::1", "fe80::1", "1::2::3", "10.0.0.1"],
        ["email"] = ["a@b.com", "a@b", "no mail", "x.y+z@example.org"],
        ["uuid"] = ["0d3c7e8e-1b2a-4c3d-8e4f-5a6b7c8d9e0f", "{0d3c7e8e-1b2a-4c3d-8e4f-5a6b7c8d9e0f}", "0d3c7e8e1b2a4c3d8e4f5a6b7c8d9e0f", "0d3c7e8e-1b2a"],
        ["guid"] = ["0d3c7e8e-1b2a-4c3d-8e4f-5a6b7c8d9e0f", "not-a-guid", "00000000-0000-0000-0000-000000000000"],
        ["hostname"] = ["host.example", "a", "-bad-", "a..b", "xn--e1a.example"],
        ["uri"] = ["http://x.org/a", "/relative", "urn:isbn:1", "http://"],
        ["byte"] = ["aGVsbG8=", "aGVsbG8", "====", "abcd"],
        ["base64"] = ["aGVsbG8=", "aGVsbG8", "abcd", "ab!d"],
    };

    private static readonly string[] PatternSamples = ["a", "abc", "aB", "b", "ab", "n", "x1", "7", "123", "1234", "0d3c7e8e-1b2a-4c3d-8e4f-5a6b7c8d9e0f", "", "Z9"];

    private static readonly double[] Floats = [0.5, 1.0, 2.5, -0.0, 100.0, 0.1, 0.3, 3.0000000001, 1.5e-7, -2.75, 1e15, 9.5];

    private sealed class BodyGen(Random random, JObject schema, bool wide, int fresh)
    {
        private readonly Dictionary<JToken, JObject> _schemaOf = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, JObject> _schemaAt = new(StringComparer.Ordinal);
        private readonly Dictionary<JObject, JsonSchema> _loaded = new(ReferenceEqualityComparer.Instance);
        private long _fresh = 1000;

        private bool Chance(int percent) => random.Next(100) < percent;

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        public List<string> Sequence(int count)
        {
            var first = Generate();
            var texts = new List<string> { Write(first) };
            var bodies = new List<JToken> { first };
            while (texts.Count < count)
            {
                var roll = random.Next(100);
                if (fresh > 50)
                {
                    // Values new in every body, none met again, the shape mostly kept: what is kept for their schema
                    // fills with no hit, and the memo pauses.
                    roll = roll < 85 ? 101 : 55;
                }

                JToken next = roll switch
                {
                    < 18 => Mutate(first),
                    < 32 => Mutate(bodies[^1]),
                    < 36 => Mutate(Mutate(first)),
                    < 50 => bodies[random.Next(bodies.Count)],
                    < 60 => Generate(),
                    < 88 => Respell(Pick(bodies), 30),
                    < 100 => Mutate(Pick(bodies)),
                    _ => Respell(bodies[^1], 100),
                };
                bodies.Add(next);
                texts.Add(Write(next));
            }

            return texts;
        }

        /// <summary>The body's text: mostly compact, sometimes indented or with every non-ASCII character escaped (the same values written otherwise).</summary>
        private string Write(JToken body)
        {
            var roll = random.Next(100);
            if (roll < 80)
            {
                return body.ToString(Formatting.None);
            }

            if (roll < 92)
            {
                return body.ToString(Formatting.Indented);
            }

            using var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text) { StringEscapeHandling = StringEscapeHandling.EscapeNonAscii })
            {
                body.WriteTo(writer);
            }

            return text.ToString();
        }

        /// <summary>A fresh body that mostly fits; the schema of each value is noted by its path, for changes to regenerate from.</summary>
        private JToken Generate()
        {
            _schemaOf.Clear();
            var body = Gen(schema, 0);
            foreach (var token in All(body))
            {
                if (_schemaOf.TryGetValue(token, out var of))
                {
                    _schemaAt[token.Path] = of;
                }
            }

            return body;
        }

        /// <summary>A value for <paramref name="s"/>, drawn again a few times (most of the time) until NJsonSchema finds it valid.</summary>
        private JToken Gen(JObject s, int depth)
        {
            var tries = Chance(85) ? (depth >= 3 ? 6 : 3) : 1;
            var token = GenUnnoted(s, depth);
            for (var i = 1; i < tries && !Fits(s, token); i++)
            {
                token = GenUnnoted(s, depth);
            }

            _schemaOf.TryAdd(token, s);
            return token;
        }

        private bool Fits(JObject s, JToken token)
        {
            if (!_loaded.TryGetValue(s, out var loaded))
            {
                loaded = JsonSchema.FromJsonAsync(s.ToString(Formatting.None)).GetAwaiter().GetResult();
                _loaded[s] = loaded;
            }

            try
            {
                return Alone.Validate(token, loaded).Count == 0;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private JToken GenUnnoted(JObject s, int depth)
        {
            if (depth > 7)
            {
                return JValue.CreateNull();
            }

            if (s["enum"] is JArray values && values.Count > 0 && Chance(80))
            {
                return Pick(values.ToList()).DeepClone();
            }

            foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
            {
                if (s[keyword] is JArray branches && branches.Count > 0 && Chance(85))
                {
                    var branch = (JObject)Pick(branches.ToList());
                    var own = new JObject(s.Properties().Where(p => p.Name is not ("anyOf" or "oneOf" or "allOf" or "not")).Select(p => (JProperty)p.DeepClone()));
                    return own.Count > 0 && Chance(50) ? Gen(own, depth) : Gen(branch, depth);
                }
            }

            var types = Types(s);
            var type = types.Count > 1 && types.Contains("null") && Chance(80) ? Pick(types.Where(t => t != "null").ToList()) : Pick(types);
            return type switch
            {
                "object" => GenObject(s, depth),
                "array" => GenArray(s, depth),
                "string" => new JValue(GenString(s)),
                "integer" => new JValue(GenInteger(s)),
                "number" => Chance(40) ? new JValue(GenInteger(s)) : Float(GenFloat(s)),
                "boolean" => new JValue(Chance(50)),
                _ => JValue.CreateNull(),
            };
        }

        private List<string> Types(JObject s)
        {
            switch (s["type"])
            {
                case JValue { Type: JTokenType.String } one:
                    return [(string)one!];
                case JArray many:
                    return [.. many.Select(t => (string)t!)];
                default:
                    break;
            }

            if (s.ContainsKey("properties") || s.ContainsKey("required") || s.ContainsKey("additionalProperties") || s.ContainsKey("patternProperties"))
            {
                return ["object"];
            }

            if (s.ContainsKey("items"))
            {
                return ["array"];
            }

            if (s.ContainsKey("pattern") || s.ContainsKey("format") || s.ContainsKey("minLength") || s.ContainsKey("maxLength"))
            {
                return ["string"];
            }

            if (s.ContainsKey("minimum") || s.ContainsKey("maximum") || s.ContainsKey("multipleOf") || s.ContainsKey("exclusiveMinimum") || s.ContainsKey("exclusiveMaximum"))
            {
                return ["integer", "number"];
            }

            return random.Next(6) switch
            {
                0 => ["object"],
                1 => ["array"],
                2 => ["integer"],
                3 => ["boolean"],
                4 => ["null"],
                _ => ["string"],
            };
        }

        private JObject GenObject(JObject s, int depth)
        {
            var body = new JObject();
            var required = (s["required"] as JArray)?.Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
            if (s["properties"] is JObject properties)
            {
                foreach (var property in properties.Properties())
                {
                    if (required.Contains(property.Name) || Chance(80))
                    {
                        body[property.Name] = Gen((JObject)property.Value, depth + 1);
                    }
                }
            }

            if (s["patternProperties"] is JObject patterns)
            {
                foreach (var pattern in patterns.Properties())
                {
                    if (Chance(45))
                    {
                        var name = pattern.Name == "^n" ? "n" + random.Next(1, 4).ToString(CultureInfo.InvariantCulture) : "x";
                        body[name] = Gen((JObject)pattern.Value, depth + 1);
                    }
                }
            }

            if (Chance(wide ? 10 : 25))
            {
                var extra = Pick(new[] { "z", "extra", "n9" });
                body[extra] = s["additionalProperties"] is JObject additional ? Gen(additional, depth + 1) : RandomLeaf();
            }

            if (wide && Chance(3))
            {
                // Past the member limit of the shape memo.
                for (var i = 0; i < ValidValues.MaxShapeMembers + 2; i++)
                {
                    body["w" + i.ToString(CultureInfo.InvariantCulture)] = s["additionalProperties"] is JObject additional ? Gen(additional, depth + 1) : RandomLeaf();
                }
            }

            if (body.Count > 1 && Chance(10))
            {
                var shuffled = body.Properties().OrderBy(_ => random.Next()).Select(p => (JProperty)p.DeepClone()).ToList();
                body = new JObject(shuffled);
            }

            return body;
        }

        private JArray GenArray(JObject s, int depth)
        {
            var body = new JArray();
            if (s["items"] is JArray tuple)
            {
                foreach (var item in tuple)
                {
                    if (Chance(90))
                    {
                        body.Add(Gen((JObject)item, depth + 1));
                    }
                }

                if (Chance(25))
                {
                    body.Add(s["additionalItems"] is JObject additional ? Gen(additional, depth + 1) : RandomLeaf());
                }

                return body;
            }

            var min = s.Value<int?>("minItems") ?? 0;
            var max = s.Value<int?>("maxItems") ?? (wide ? 6 : 4);
            var count = random.Next(Math.Max(0, min - 1), max + 2);
            var itemSchema = s["items"] as JObject;
            for (var i = 0; i < count; i++)
            {
                body.Add(itemSchema is not null ? Gen(itemSchema, depth + 1) : RandomLeaf());
            }

            if (s.Value<bool?>("uniqueItems") == true && body.Count > 0 && Chance(30))
            {
                body.Add(body[0].DeepClone());
            }

            return body;
        }

        private string GenString(JObject s)
        {
            if (Chance(fresh))
            {
                // Distinct values, so that the values kept for a schema fill up.
                return "v" + (_fresh++).ToString(CultureInfo.InvariantCulture);
            }

            if (wide && Chance(2))
            {
                return new string('a', StrictJson.ValueTextLimit + random.Next(-3, 4));
            }

            var format = (string?)s["format"];
            if (format is not null && FormatSamples.TryGetValue(format, out var samples) && Chance(65))
            {
                return Pick(samples);
            }

            if (s.ContainsKey("pattern") && Chance(50))
            {
                return Pick(PatternSamples);
            }

            var min = s.Value<int?>("minLength");
            var max = s.Value<int?>("maxLength");
            if ((min is not null || max is not null) && Chance(40))
            {
                var length = Math.Max(0, (Chance(50) ? min ?? 0 : max ?? 3) + random.Next(-1, 2));
                return new string(Pick(new[] { 'a', '1', 'b' }), length);
            }

            return Pick(Strings);
        }

        private long GenInteger(JObject s)
        {
            if (Chance(fresh))
            {
                // Now and then below zero, to be found invalid where a minimum is.
                return Chance(15) ? -_fresh++ : _fresh++;
            }

            var candidates = new List<long> { 0, 1, -1, 2, 3, 7, 10, 100, long.MaxValue, long.MinValue, random.Next(-20, 21) };
            foreach (var keyword in new[] { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" })
            {
                if (s[keyword] is JValue { Type: JTokenType.Integer or JTokenType.Float } bound)
                {
                    var edge = decimal.Truncate((decimal)bound);
                    foreach (var delta in new[] { -1m, 0m, 1m })
                    {
                        var near = edge + delta;
                        if (near is >= long.MinValue and <= long.MaxValue)
                        {
                            candidates.Add((long)near);
                            candidates.Add((long)near);
                        }
                    }
                }
            }

            if (s["multipleOf"] is JValue multiple)
            {
                var step = (decimal)multiple;
                var k = random.Next(-4, 5);
                var value = decimal.Round(step * k);
                candidates.Add((long)value);
                candidates.Add((long)value + 1);
            }

            return Pick(candidates);
        }

        /// <summary>A float; now and then one beyond the 64-bit range, written as 1e400 (StrictJson reads it as an infinity).</summary>
        private JValue Float(double value) => Chance(2) ? (Chance(50) ? new RawNumber(double.PositiveInfinity, "1e400") : new RawNumber(double.NegativeInfinity, "-1e400")) : new JValue(value);

        private double GenFloat(JObject s)
        {
            var candidates = Floats.ToList();
            foreach (var keyword in new[] { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" })
            {
                if (s[keyword] is JValue { Type: JTokenType.Integer or JTokenType.Float } bound && Math.Abs((double)bound) < 1e15)
                {
                    candidates.Add((double)bound);
                    candidates.Add((double)bound + 0.5);
                    candidates.Add((double)bound - 0.5);
                }
            }

            if (s["multipleOf"] is JValue multiple)
            {
                candidates.Add((double)multiple * random.Next(-4, 5));
                candidates.Add(((double)multiple * random.Next(1, 5)) + 0.01);
            }

            return Pick(candidates);
        }

        private JToken RandomLeaf() => random.Next(7) switch
        {
            0 => new JValue(Pick(Strings)),
            1 => new JValue((long)random.Next(-5, 200)),
            2 => Float(Pick(Floats)),
            3 => new JValue(Chance(50)),
            4 => JValue.CreateNull(),
            5 => new JObject { ["a"] = 1L },
            _ => new JArray(1L, "a"),
        };

        /// <summary>A value of the same JSON type, for a body of the same shape.</summary>
        private JToken SameType(JToken token) => token.Type switch
        {
            JTokenType.String => new JValue(Chance(50) ? Pick(Strings) : Pick(FormatSamples.Values.SelectMany(v => v).Concat(PatternSamples).ToList())),
            JTokenType.Integer => new JValue(Chance(50) ? (long)token + (Chance(50) ? 1 : -1) : (long)random.Next(-20, 120)),
            JTokenType.Float => new JValue(Pick(Floats)),
            JTokenType.Boolean => new JValue(!(bool)token),
            _ => token.DeepClone(),
        };

        /// <summary>The body with some values changed to others of the same type: the same shape, not the same values.</summary>
        private JToken Respell(JToken body, int percent)
        {
            var copy = body.DeepClone();
            foreach (var leaf in All(copy).OfType<JValue>().Where(v => v.Type is not JTokenType.Null).ToList())
            {
                if (Chance(percent) && !(leaf.Type == JTokenType.Integer && (long)leaf is long.MaxValue or long.MinValue))
                {
                    copy = Replace(copy, leaf, Chance(Math.Max(60, fresh)) && _schemaAt.TryGetValue(leaf.Path, out var s) ? Regenerate(s, leaf) : SameType(leaf));
                }
            }

            return copy;
        }

        /// <summary>A value regenerated from its schema, of the same JSON type when the schema allows one.</summary>
        private JToken Regenerate(JObject s, JToken old)
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var fresh = Gen(s, 0);
                if (fresh.Type == old.Type)
                {
                    return fresh;
                }
            }

            return SameType(old);
        }

        private JToken Mutate(JToken body)
        {
            var copy = body.DeepClone();
            var nodes = All(copy).Where(t => t is not JProperty).ToList();
            var node = nodes.Count > 1 && Chance(95) ? nodes[random.Next(1, nodes.Count)] : nodes[0];
            var roll = random.Next(100);
            switch (roll)
            {
                case < 35 when _schemaAt.TryGetValue(node.Path, out var s):
                    return Replace(copy, node, Chance(70) ? Regenerate(s, node) : GenUnnoted(s, 0));
                case < 60 when node is JValue { Type: not JTokenType.Null } and not JValue { Type: JTokenType.Integer, Value: long.MaxValue or long.MinValue }:
                    return Replace(copy, node, SameType(node));
                case < 68:
                    return Replace(copy, node, JValue.CreateNull());
                case < 76:
                    return Replace(copy, node, RandomLeaf());
                case < 86 when node is JObject o:
                    MutateObject(o);
                    return copy;
                case < 94 when node is JArray a:
                    MutateArray(a);
                    return copy;
                case < 100 when nodes.Count > 2:
                    return Replace(copy, node, nodes[random.Next(nodes.Count)].DeepClone());
                default:
                    return node is JValue ? Replace(copy, node, SameType(node)) : copy;
            }
        }

        private void MutateObject(JObject o)
        {
            var members = o.Properties().ToList();
            switch (random.Next(4))
            {
                case 0 when members.Count > 0:
                    Pick(members).Remove();
                    break;
                case 1:
                    o[Pick(new[] { "z", "n2", "x", "a", "missing" })] = RandomLeaf();
                    break;
                case 2 when members.Count > 0:
                    var member = Pick(members);
                    var renamed = Chance(20) ? member.Name.ToUpperInvariant() : Pick(Names);
                    if (o.Property(renamed) is null)
                    {
                        member.Replace(new JProperty(renamed, member.Value));
                    }

                    break;
                default:
                    if (members.Count > 0)
                    {
                        var value = Pick(members).Value;
                        value.Replace(value is JValue ? SameType(value) : JValue.CreateNull());
                    }

                    break;
            }
        }

        private void MutateArray(JArray a)
        {
            switch (random.Next(3))
            {
                case 0 when a.Count > 0:
                    a.RemoveAt(random.Next(a.Count));
                    break;
                case 1 when a.Count > 0:
                    a.Add(a[random.Next(a.Count)].DeepClone());
                    break;
                default:
                    a.Add(RandomLeaf());
                    break;
            }
        }
    }
}
